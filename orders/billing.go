package orders

import (
	"context"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/events"
	"backoffice/internal/i18n"
	"backoffice/internal/platform"
)

// What orders bill and when (INV-7), written to the charges ledger in the transaction of
// the change that makes it billable:
//   - one-off service and training lines of an accepted quote, at acceptance;
//   - hardware lines: NOT here — the hardware domain charges them per delivery, from the
//     order lines it learns through the quote.accepted event;
//   - secondment lines: through the placement's monthly statements (SEC-4);
//   - recurring lines: per period in advance by the contract billing job (contract_billing.go);
//   - a cancellation fee, approved extra work, and on a contract's termination
//     every outstanding period at once.

// termsDocument names the trading-terms document a terms profile comes from ("004"), the
// profile that dunning and retention of title follow; 004 is the default.
func termsDocument(profile string) string {
	if p, ok := LookupTermsProfile(profile); ok {
		if doc, _, found := strings.Cut(p.Source, ":"); found && doc != "" {
			return doc
		}
	}
	return "004"
}

func vatCode(pct decimal.Decimal) (string, error) { return billing.VATRateOf(pct) }

func lineCharge(customerID int64, agreement billing.Agreement, src billing.Source, terms string, l Line, on civil.Date) (billing.New, error) {
	vat, err := vatCode(l.VATRate)
	if err != nil {
		return billing.New{}, err
	}
	kind := billing.Services
	if l.Kind == KindHardware {
		kind = billing.Goods
	}
	return billing.New{CustomerID: customerID, Source: src, Agreement: agreement, Description: l.Description, LineKind: kind,
		Quantity: l.Quantity, Unit: l.Unit, UnitPrice: l.UnitPrice, VATRate: vat, BillableOn: on, TermsProfile: terms}, nil
}

// publishAcceptance charges the one-off lines and publishes quote.accepted (INV-7, Q-3).
func publishAcceptance(ctx context.Context, tx bun.IDB, q *Quote, o *Order, c *Contract, now time.Time) error {
	on := civil.In(now, clock.Amsterdam)
	terms := termsDocument(q.Terms.Profile)
	agreement := billing.Agreement{Kind: "order", ID: o.ID}
	payload := events.QuoteAcceptedPayload{QuoteID: q.ID, OrderID: o.ID, OrderNumber: o.Number, CustomerID: o.CustomerID, TermsProfile: terms, AcceptedAt: now}
	if c != nil {
		payload.ContractID = &c.ID
	}
	for _, l := range o.Lines {
		vat, err := vatCode(l.VATRate)
		if err != nil {
			return err
		}
		payload.Lines = append(payload.Lines, events.OrderLine{OrderLineID: l.ID, Kind: string(l.Kind), SKU: l.SKU, Description: l.Description,
			Quantity: l.Quantity, Unit: l.Unit, UnitPrice: l.UnitPrice, VATRate: vat})
		if l.Kind != KindService && l.Kind != KindTraining {
			continue
		}
		n, err := lineCharge(o.CustomerID, agreement, billing.Source{Domain: "orders", Kind: "order_line", ID: l.ID}, terms, l, on)
		if err != nil {
			return err
		}
		if _, _, err := billing.Add(ctx, tx, now, n); err != nil {
			return err
		}
	}
	_, err := events.Publish(ctx, tx, now, events.QuoteAccepted, "order", o.ID, payload)
	return err
}

// chargeCancellation cancels the order's one-off charges that were not invoiced yet,
// charges the cancellation fee of Q-4 (less what was invoiced already of those lines) and
// publishes order.cancelled.
func chargeCancellation(ctx context.Context, tx bun.IDB, o *Order, c Cancellation, terms string, now time.Time) error {
	agreement := billing.Agreement{Kind: "order", ID: o.ID}
	if _, err := billing.CancelByAgreement(ctx, tx, now, agreement, "order_line"); err != nil {
		return err
	}
	invoiced, err := billing.List(ctx, tx, billing.Filter{Agreement: &agreement, Status: billing.Invoiced, Source: &billing.Source{Domain: "orders", Kind: "order_line"}})
	if err != nil {
		return err
	}
	fee := c.Fee
	for i := range invoiced {
		fee = fee.Sub(invoiced[i].Net())
	}
	if fee.IsPositive() {
		cust, err := accounts.CustomerAddress(ctx, tx, o.CustomerID)
		if err != nil {
			return err
		}
		desc := i18n.For(cust.Language).T("orders.charge.cancellation", map[string]any{"Number": o.Number}) // in the customer's language
		if c.Reason != "" {
			desc += " — " + c.Reason
		}
		if len(desc) > 500 {
			desc = desc[:500]
		}
		_, _, err = billing.Add(ctx, tx, now, billing.New{CustomerID: o.CustomerID, Source: billing.Source{Domain: "orders", Kind: "order_cancellation", ID: o.ID},
			Agreement: agreement, Description: desc, LineKind: billing.Services, Quantity: decimal.NewFromInt(1), Unit: "piece",
			UnitPrice: fee, VATRate: billing.VAT21, BillableOn: civil.In(now, clock.Amsterdam), TermsProfile: terms})
		if err != nil {
			return err
		}
	}
	_, err = events.Publish(ctx, tx, now, events.OrderCancelled, "order", o.ID, events.OrderCancelledPayload{OrderID: o.ID, CustomerID: o.CustomerID, At: now})
	return err
}

// chargeExtraWork charges the lines of approved extra work at their agreed or standard
// price, billable from the day of the approval.
func chargeExtraWork(ctx context.Context, tx bun.IDB, o *Order, cr *ChangeRequest, terms string, now time.Time) error {
	if cr.Status != ChangeApproved {
		return nil
	}
	agreement := billing.Agreement{Kind: "order", ID: o.ID}
	for _, l := range cr.Lines {
		n, err := lineCharge(o.CustomerID, agreement, billing.Source{Domain: "orders", Kind: "change_line", ID: l.ID}, terms, l.Line, civil.In(now, clock.Amsterdam))
		if err != nil {
			return err
		}
		n.Description = "Meerwerk: " + l.Description
		if _, _, err := billing.Add(ctx, tx, now, n); err != nil {
			return err
		}
	}
	return nil
}

// StandardRate gives other domains the standard price list (platform.RateBook): a
// ticket that is not covered (T-4) or stored goods (HW-2) are billed at these rates.
func (m *Module) StandardRate(ctx context.Context, idb bun.IDB, sku string) (platform.StandardRate, bool, error) {
	r, found, err := standardRate(ctx, idb, sku)
	if err != nil || !found {
		return platform.StandardRate{}, found, err
	}
	vat, err := vatCode(r.VATRate)
	if err != nil {
		return platform.StandardRate{}, false, err
	}
	return platform.StandardRate{SKU: r.SKU, Description: r.Description, Unit: r.Unit, UnitPrice: r.UnitPrice, VATRate: vat}, true, nil
}
