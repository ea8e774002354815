package invoices

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/customerdata"
)

// exportLimit bounds one customer's documents in an export (years of monthly invoices
// fit many times over).
const exportLimit = 100_000

// registerExport adds the customer's issued invoices and credit notes, as PDF and UBL, to
// the customer data export (DATA-2). Drafts have no number and are not documents yet.
func (m *Module) registerExport() {
	customerdata.RegisterDocuments("invoices", func(ctx context.Context, _ bun.IDB, customerID int64, emit func(string, []byte) error) error {
		now := m.svc.Clock.Now()
		invs, err := m.svc.List(ctx, Filter{CustomerID: &customerID, Limit: exportLimit})
		if err != nil {
			return err
		}
		for _, inv := range invs {
			if inv.Status == Draft {
				continue
			}
			doc, err := m.svc.Get(ctx, inv.ID)
			if err != nil {
				return err
			}
			pdf, err := PDF(doc, now)
			if err != nil {
				return err
			}
			if err := emit(doc.Invoice.NumberOr()+".pdf", pdf); err != nil {
				return err
			}
			xml, err := UBL(doc)
			if err != nil {
				return err
			}
			if err := emit(doc.Invoice.NumberOr()+".xml", xml); err != nil {
				return err
			}
		}
		notes, err := m.svc.CreditNotes(ctx, CreditFilter{CustomerID: &customerID, Limit: exportLimit})
		if err != nil {
			return err
		}
		for _, n := range notes {
			d, err := m.svc.GetCreditNote(ctx, n.ID)
			if err != nil {
				return err
			}
			pdf, err := CreditPDF(d, now)
			if err != nil {
				return err
			}
			if err := emit(d.Note.Number+".pdf", pdf); err != nil {
				return err
			}
		}
		return nil
	})
}
