package orders

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"backoffice/internal/customerdata"
)

// registerExport adds the customer's quotes (every version it was sent, as PDF) to the
// customer data export (DATA-2); drafts were never the customer's.
func (m *Module) registerExport() {
	customerdata.RegisterDocuments("quotes", func(ctx context.Context, _ bun.IDB, customerID int64, emit func(string, []byte) error) error {
		qs, err := m.svc.ListQuotes(ctx, QuoteFilter{CustomerID: &customerID, Limit: 100_000})
		if err != nil {
			return err
		}
		for _, q := range qs {
			if q.Status == QuoteDraft {
				continue
			}
			full, addr, err := m.svc.QuoteDocument(ctx, q.ID)
			if err != nil {
				return err
			}
			pdf, err := QuotePDF(full, addr, m.svc.Company, m.svc.now())
			if err != nil {
				return err
			}
			if err := emit(fmt.Sprintf("%s-v%d.pdf", full.Number, full.Version), pdf); err != nil {
				return err
			}
		}
		return nil
	})
}
