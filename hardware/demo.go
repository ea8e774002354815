package hardware

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/events"
	"backoffice/internal/platform"
)

var demoProducts = []ProductIn{
	demoProduct("LAP-T14", "ThinkPad T14 Gen 5", "Lenovo", 36, true, ConditionNew),
	demoProduct("LAP-E14", "ThinkPad E14 Gen 6", "Lenovo", 24, true, ConditionNew),
	demoProduct("LAP-840", "EliteBook 840 G11", "HP", 36, true, ConditionNew),
	demoProduct("DOCK-G5", "USB-C Dock G5", "HP", 12, true, ConditionNew),
	demoProduct("NAS-RS1221", "RackStation RS1221+", "Synology", 36, true, ConditionNew),
	demoProduct("SW-USW24", "Switch Pro 24 PoE", "Ubiquiti", 12, true, ConditionRefurbished),
	demoProduct("AP-U7PRO", "U7 Pro access point", "Ubiquiti", 12, true, ConditionNew),
	demoProduct("CBL-CAT6-3", "Patchkabel Cat6 3 m", "Goobay", 0, false, ConditionNew),
}

func demoProduct(sku, name, mf string, months int, serialised bool, cond string) ProductIn {
	return ProductIn{SKU: &sku, Name: &name, Manufacturer: &mf, WarrantyMonths: &months, Serialised: &serialised, Condition: &cond}
}

func demoSerials(prefix string, from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%04d", prefix, from+i)
	}
	return out
}

// SeedDemo adds the catalogue and, for the hardware lines of the orders the orders demo
// accepted, deliveries delivered and stored, items with retained and transferred title
// (from invoice facts), a repossession flag, defect reports in time and late, and an RMA.
func (m *Module) SeedDemo(ctx context.Context, tx bun.Tx, demo *platform.Demo) error {
	now := m.d.Clock.Now()
	clk := clock.NewSettable(clock.Fixed(now))
	s := &Service{DB: tx, Clock: clk, Calendars: m.Service.Calendars, StorageRate: m.Service.StorageRate, Rates: m.Service.Rates}
	at := func(ago time.Duration) time.Time { clk.Set(now.Add(-ago)); return now.Add(-ago) }
	at(400 * 24 * time.Hour)
	for _, p := range demoProducts {
		if _, err := s.CreateProduct(ctx, p); err != nil {
			return fmt.Errorf("demo product %s: %w", *p.SKU, err)
		}
	}
	accepted, err := publishedEvents(ctx, tx, events.QuoteAccepted)
	if err != nil {
		return err
	}
	for i := range accepted {
		if err := s.onQuoteAccepted(ctx, tx, &accepted[i]); err != nil {
			return err
		}
	}
	if len(demo.TechnicianIDs) == 0 {
		return nil
	}
	staffP := &auth.Principal{UserID: demo.TechnicianIDs[0], Role: auth.Technician}
	day := 24 * time.Hour
	var lines []OrderLine
	for i := range accepted {
		ls, err := orderLines(ctx, tx, accepted[i].EntityID)
		if err != nil {
			return err
		}
		lines = append(lines, ls...)
	}
	find := func(sku string) *OrderLine {
		for i := range lines {
			if lines[i].SKU != nil && *lines[i].SKU == sku {
				return &lines[i]
			}
		}
		return nil
	}
	plan := func(ol *OrderLine, qty int, serials []string, ago time.Duration) (*Delivery, error) {
		at(ago)
		return s.CreateDelivery(auth.With(ctx, staffP), DeliveryIn{OrderID: ol.OrderID, PlannedOn: civil.In(now.Add(-ago), clock.Amsterdam),
			Lines: []DeliveryLineIn{{OrderLineID: ol.OrderLineID, Quantity: decimal.NewFromInt(int64(qty)), Serials: serials}}})
	}
	deliver := func(d *Delivery, ago time.Duration, who string) (*Delivery, error) {
		t := at(ago)
		return s.Deliver(auth.With(ctx, staffP), d.ID, DeliverIn{DeliveredAt: &t, ReceivedBy: who})
	}
	if t14 := find("LAP-T14"); t14 != nil {
		// 20 laptops delivered long ago and paid: title transferred.
		d1, err := plan(t14, 20, demoSerials("PF4XK", 1001, 20), 340*day)
		if err != nil {
			return fmt.Errorf("demo delivery: %w", err)
		}
		if d1, err = deliver(d1, 339*day, "Ingrid Smit"); err != nil {
			return fmt.Errorf("demo deliver: %w", err)
		}
		if err := m.demoInvoice(ctx, s, tx, d1, 330*day, true, at); err != nil {
			return err
		}
		// 4 more two months ago, invoiced, at the default-notice stage: repossession possible.
		d2, err := plan(t14, 4, demoSerials("PF4XK", 1021, 4), 62*day)
		if err != nil {
			return err
		}
		if d2, err = deliver(d2, 60*day, "Ingrid Smit"); err != nil {
			return err
		}
		if err := m.demoInvoice(ctx, s, tx, d2, 58*day, false, at); err != nil {
			return err
		}
		// The last one was refused at the door: in storage at the customer's cost.
		d3, err := plan(t14, 1, nil, 10*day)
		if err != nil {
			return err
		}
		at(9 * day)
		if _, err := s.Refuse(auth.With(ctx, staffP), d3.ID, RefuseIn{Reason: "refused"}); err != nil {
			return err
		}
		at(0)
		if _, err := s.RunStorageCharges(ctx, now); err != nil {
			return err
		}
		items, err := listItems(ctx, tx, nil, ItemFilter{DeliveryID: d1.ID}, 3)
		if err == nil && len(items) == 3 {
			// A late hidden defect and an approved return.
			disc := now.Add(-20 * day)
			if _, err := s.ReportDefect(auth.With(ctx, staffP), DefectIn{ItemID: items[1].ID, Kind: Hidden, Description: "Ventilator maakt ratelend geluid bij belasting",
				DiscoveredAt: &disc}, nil); err != nil {
				return err
			}
			at(3 * day)
			r, err := s.RequestRMA(auth.With(ctx, staffP), RMAIn{ItemID: items[2].ID, CustomerID: &items[2].CustomerID, Reason: "Toetsenbord reageert niet meer (toetsen E en R)"})
			if err != nil {
				return err
			}
			at(2 * day)
			if _, err := s.StepRMA(auth.With(ctx, staffP), r.ID, "approve", RMAStepIn{Instructions: "Verstuur op eigen kosten en risico, onbeschadigd, compleet met lader en in de originele doos, naar Backoffice IT B.V., t.a.v. RMA-afdeling, Keizersgracht 1, 1015 CC Amsterdam. Vermeld het RMA-nummer op de doos."}); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	if e14 := find("LAP-E14"); e14 != nil {
		// Two of three delivered last night: the 24-hour window is running.
		d, err := plan(e14, 2, demoSerials("PW0AB", 2201, 2), 2*day)
		if err != nil {
			return err
		}
		if d, err = deliver(d, 20*time.Hour, "Pieter de Wit"); err != nil {
			return err
		}
		items, err := listItems(ctx, tx, nil, ItemFilter{DeliveryID: d.ID}, 1)
		if err != nil || len(items) == 0 {
			return err
		}
		customer := &auth.Principal{Role: auth.Customer, CustomerID: &items[0].CustomerID}
		for i, cid := range demo.CustomerIDs {
			if cid == items[0].CustomerID && i < len(demo.ContactIDs) {
				customer.UserID = demo.ContactIDs[i]
			}
		}
		at(17 * time.Hour)
		if _, err := s.ReportDefect(auth.With(ctx, customer), DefectIn{ItemID: items[0].ID, Kind: Visible,
			Description: "Scherm heeft een kras linksboven; de doos was aan die kant ingedeukt"}, nil); err != nil {
			return err
		}
		at(0)
		if _, err := plan(e14, 1, nil, 0); err != nil {
			return err
		}
	}
	return nil
}

// demoInvoice records what the invoices domain would tell hardware about an invoice of
// a delivery and the related services: paid (title passes) or at the default notice.
func (m *Module) demoInvoice(ctx context.Context, s *Service, tx bun.Tx, d *Delivery, ago time.Duration, paid bool, at func(time.Duration) time.Time) error {
	ag := billing.Agreement{Kind: "order", ID: d.OrderID}
	cs, err := billing.List(ctx, tx, billing.Filter{Agreement: &ag, Limit: 500})
	if err != nil {
		return err
	}
	var refs []events.ChargeRef
	for _, c := range cs {
		own := c.SourceDomain == "hardware" && c.SourceKind == "delivery_line" && len(d.Lines) > 0 && c.SourceID == d.Lines[0].ID
		if own || (paid && c.SourceDomain != "hardware" && c.Status == billing.Open) {
			refs = append(refs, events.ChargeRef{ChargeID: c.ID, SourceDomain: c.SourceDomain, SourceKind: c.SourceKind, SourceID: c.SourceID,
				AgreementKind: c.AgreementKind, AgreementID: c.AgreementID})
		}
	}
	t := at(ago)
	inv := int64(990000 + d.ID)
	p := events.InvoicePayload{InvoiceID: inv, CustomerID: d.CustomerID, Number: fmt.Sprintf("DEMO-%d", inv), Gross: "1000000.00", Charges: refs,
		IssueDate: civil.In(t, clock.Amsterdam), DueDate: civil.In(t, clock.Amsterdam).AddDays(30)}
	if err := s.onInvoice(ctx, tx, &events.Event{Kind: events.InvoiceIssued, CreatedAt: t, Payload: mustJSON(p)}); err != nil {
		return err
	}
	if paid {
		t = at(ago - 21*24*time.Hour)
		on := civil.In(t, clock.Amsterdam)
		p.PaidOn = &on
		return s.onInvoice(ctx, tx, &events.Event{Kind: events.InvoicePaid, CreatedAt: t, Payload: mustJSON(p)})
	}
	t = at(ago - 45*24*time.Hour)
	return s.onInvoice(ctx, tx, &events.Event{Kind: events.InvoiceDunningStage, CreatedAt: t, Payload: mustJSON(events.InvoiceStagePayload{
		InvoiceID: inv, CustomerID: d.CustomerID, Stage: "default_notice", On: civil.In(t, clock.Amsterdam), Charges: refs})})
}
