package hardware

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/events"
)

// Subscriptions are hardware's reactions to other domains' facts; each is idempotent.
func (m *Module) Subscriptions() []events.Subscription {
	s := m.Service
	return []events.Subscription{
		{Name: "hardware.order_lines", Kinds: []string{events.QuoteAccepted}, Handle: s.onQuoteAccepted},
		{Name: "hardware.title", Kinds: []string{events.InvoiceIssued, events.InvoicePaid, events.CreditNoteIssued, events.InvoiceDunningStage}, Handle: s.onInvoice},
		{Name: "hardware.defect_ticket", Kinds: []string{events.TicketCreated}, Handle: s.onTicketCreated},
	}
}

// onQuoteAccepted learns the hardware lines of an accepted order.
func (s *Service) onQuoteAccepted(ctx context.Context, tx bun.Tx, e *events.Event) error {
	var p events.QuoteAcceptedPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	profile := p.TermsProfile
	if profile == "" {
		profile = Profile004
	}
	for _, l := range p.Lines {
		if l.Kind != "hardware" {
			continue
		}
		ol := &OrderLine{OrderLineID: l.OrderLineID, OrderID: p.OrderID, OrderNumber: p.OrderNumber, CustomerID: p.CustomerID, TermsProfile: profile,
			Description: l.Description, Quantity: l.Quantity, Unit: l.Unit, UnitPrice: l.UnitPrice, Discount: l.Discount,
			VATRate: l.VATRate, AcceptedAt: p.AcceptedAt}
		if ol.Unit == "" {
			ol.Unit = "piece"
		}
		if ol.VATRate == "" {
			ol.VATRate = "21"
		}
		if sku := strings.TrimSpace(l.SKU); sku != "" {
			ol.SKU = &sku
		}
		if err := upsertOrderLine(ctx, tx, ol); err != nil {
			return err
		}
	}
	return nil
}

func facts(cs []events.ChargeRef) []ChargeFact {
	out := make([]ChargeFact, 0, len(cs))
	for _, c := range cs {
		out = append(out, ChargeFact{ChargeID: c.ChargeID, SourceDomain: c.SourceDomain, SourceKind: c.SourceKind,
			SourceID: c.SourceID, AgreementKind: c.AgreementKind, AgreementID: c.AgreementID})
	}
	return out
}

func ordersOf(cs []ChargeFact) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	for _, c := range cs {
		if c.AgreementKind == "order" && !seen[c.AgreementID] {
			seen[c.AgreementID] = true
			ids = append(ids, c.AgreementID)
		}
	}
	return ids
}

func money(s string) decimal.Decimal {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return decimal.Zero
	}
	return d
}

// onInvoice keeps hardware's record of the invoices of its agreements and decides
// title (HW-4, INV-8) and repossession (a default notice) from it.
func (s *Service) onInvoice(ctx context.Context, tx bun.Tx, e *events.Event) error {
	now := s.Clock.Now()
	var orders []int64
	switch e.Kind {
	case events.InvoiceIssued, events.InvoicePaid:
		var p events.InvoicePayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		cs := facts(p.Charges)
		row := &invoiceRow{InvoiceID: p.InvoiceID, CustomerID: p.CustomerID, Number: p.Number, Gross: money(p.Gross), UpdatedAt: now}
		if e.Kind == events.InvoicePaid {
			on := civil.In(e.CreatedAt, clock.Amsterdam)
			if p.PaidOn != nil {
				on = *p.PaidOn
			}
			row.PaidOn = &on
		}
		if err := upsertInvoice(ctx, tx, row, cs); err != nil {
			return err
		}
		orders = ordersOf(cs)
	case events.CreditNoteIssued:
		var p events.CreditNotePayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		if err := ensureInvoice(ctx, tx, p.InvoiceID, p.CustomerID, now); err != nil {
			return err
		}
		if err := upsertInvoice(ctx, tx, &invoiceRow{InvoiceID: p.InvoiceID, CustomerID: p.CustomerID, Number: "?", UpdatedAt: now}, facts(p.Charges)); err != nil {
			return err
		}
		if err := addCreditNote(ctx, tx, p.CreditNoteID, p.InvoiceID, money(p.Gross).Abs(), civil.In(e.CreatedAt, clock.Amsterdam)); err != nil {
			return err
		}
		var err error
		if orders, err = ordersOfInvoice(ctx, tx, p.InvoiceID); err != nil {
			return err
		}
	case events.InvoiceDunningStage:
		var p events.InvoiceStagePayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		if p.Stage != "default_notice" {
			return nil
		}
		cs := facts(p.Charges)
		if err := ensureInvoice(ctx, tx, p.InvoiceID, p.CustomerID, now); err != nil {
			return err
		}
		if err := upsertInvoice(ctx, tx, &invoiceRow{InvoiceID: p.InvoiceID, CustomerID: p.CustomerID, Number: "?", UpdatedAt: now}, cs); err != nil {
			return err
		}
		if err := setDefaultNotice(ctx, tx, p.InvoiceID); err != nil {
			return err
		}
		orders, err := ordersOfInvoice(ctx, tx, p.InvoiceID)
		if err != nil || len(orders) == 0 {
			return err
		}
		n, err := markRepossession(ctx, tx, now, orders, 0)
		if err != nil || n == 0 {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_invoice", p.InvoiceID, "repossession_possible", map[string]any{"orders": orders, "items": n})
	}
	return s.recomputeTitles(ctx, tx, now, orders)
}

// recomputeTitles decides title again for the retained items of the orders.
func (s *Service) recomputeTitles(ctx context.Context, tx bun.IDB, now time.Time, orders []int64) error {
	items, err := retainedItemsOfOrders(ctx, tx, orders)
	if err != nil {
		return err
	}
	profiles := map[int64]string{}
	for _, it := range items {
		prof, ok := profiles[it.DeliveryID]
		if !ok {
			if prof, err = profileOfDelivery(ctx, tx, it.DeliveryID); err != nil {
				return err
			}
			profiles[it.DeliveryID] = prof
		}
		v, err := titleOfItem(ctx, tx, it, prof)
		if err != nil {
			return err
		}
		if v.Title != Transferred {
			continue
		}
		it.Title, it.TitleTransferredAt, it.RepossessionPossible, it.UpdatedAt = Transferred, v.On, false, now
		if err := updateItem(ctx, tx, it); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, "hw_item", it.ID, "title_transferred", map[string]any{"on": v.On, "reason": v.Reason}); err != nil {
			return err
		}
	}
	return nil
}

func titleOfItem(ctx context.Context, idb bun.IDB, it *Item, profile string) (TitleVerdict, error) {
	scope := TitleScope{Profile: profile, DeliveryLineID: it.DeliveryLineID, OrderID: it.OrderID}
	invs, err := invoicesOfOrder(ctx, idb, it.OrderID, it.DeliveryLineID)
	if err != nil {
		return TitleVerdict{}, err
	}
	open, err := openChargeCount(ctx, idb, scope)
	if err != nil {
		return TitleVerdict{}, err
	}
	return TitleOf(scope, invs, open), nil
}

// onTicketCreated links a defect report to the ticket the desk opened for it.
func (s *Service) onTicketCreated(ctx context.Context, tx bun.Tx, e *events.Event) error {
	var p events.TicketCreatedPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	var id int64
	if _, err := fmt.Sscanf(p.Origin, "hardware/defect_report/%d", &id); err != nil || id <= 0 {
		return nil
	}
	return linkTicket(ctx, tx, id, p.TicketID, p.Number)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
