package invoices

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/billing"
	"backoffice/internal/platform"
)

// SeedDemo adds demo invoices for `make run`: a draft from the first demo customer's open
// charges (those the other modules' demo data made, plus a line by hand), two issued
// invoices and a partial credit note.
func (m *Module) SeedDemo(ctx context.Context, tx bun.Tx, demo *platform.Demo) error {
	if len(demo.CustomerIDs) < 3 {
		return nil
	}
	svc := *m.svc
	svc.DB = tx
	now := svc.Clock.Now()
	today := svc.Today()
	dec := decimal.RequireFromString
	fees := []struct {
		cust       int64
		desc, kind string
		qty, price string
		vat        string
	}{
		{demo.CustomerIDs[1], "Kassasysteem beheer (maand)", billing.Services, "1", "189.00", billing.VAT21},
		{demo.CustomerIDs[1], "Bonprinter Epson TM-m30III", billing.Goods, "2", "329.00", billing.VAT21},
		{demo.CustomerIDs[1], "Vakblad Bakkerswereld (jaar)", billing.Goods, "1", "79.50", billing.VAT9},
		{demo.CustomerIDs[2], "Werkplekbeheer 8 gebruikers", billing.Services, "8", "42.50", billing.VAT21},
		{demo.CustomerIDs[2], "Back-up in de cloud, 500 GB", billing.Services, "1", "35.00", billing.VAT21},
	}
	for i, f := range fees {
		_, _, err := billing.Add(ctx, tx, now, billing.New{CustomerID: f.cust, Source: billing.Source{Domain: "invoices", Kind: "demo_fee", ID: int64(i + 1)},
			Agreement: billing.Agreement{Kind: "demo", ID: f.cust}, Description: f.desc, LineKind: f.kind, Quantity: dec(f.qty), UnitPrice: dec(f.price),
			VATRate: f.vat, BillableOn: today, TermsProfile: "004"})
		if err != nil {
			return fmt.Errorf("demo charge: %w", err)
		}
	}
	var issued []*Document
	for _, cid := range demo.CustomerIDs[1:3] {
		dr, err := svc.CreateDraft(ctx, DraftIn{CustomerID: cid})
		if err != nil {
			return err
		}
		doc, err := svc.Issue(ctx, dr.Invoice.ID)
		if err != nil {
			return fmt.Errorf("demo issue: %w", err)
		}
		issued = append(issued, doc)
	}
	for _, l := range issued[0].Lines {
		if l.LineKind == billing.Goods && strings.HasPrefix(l.Description, "Bonprinter") && l.Quantity.GreaterThan(decimal.NewFromInt(1)) { // the line the reason names
			if _, err := svc.Credit(ctx, issued[0].Invoice.ID, CreditIn{Reason: "Eén bonprinter retour ontvangen",
				Lines: []CreditLineIn{{LineID: l.ID, Quantity: decimal.NewFromInt(1)}}}); err != nil {
				return fmt.Errorf("demo credit: %w", err)
			}
			break
		}
	}
	dr, err := svc.CreateDraft(ctx, DraftIn{CustomerID: demo.CustomerIDs[0]})
	if err != nil {
		return err
	}
	note := "Beheer en licenties volgens contract C2024-0001, en de werkplekvervanging van oktober."
	_, err = svc.UpdateDraft(ctx, dr.Invoice.ID, DraftPatch{Note: &note, AddLines: []ManualLine{{Description: "Voorrijkosten", LineKind: billing.Services,
		Quantity: decimal.NewFromInt(1), Unit: "piece", UnitPrice: dec("45.00"), VATRate: billing.VAT21}}})
	return err
}
