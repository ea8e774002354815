package receivables

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/listq"
	"backoffice/internal/web"
)

// The payments page: record a payment, import a statement, assign the unmatched bank
// entries, and the payment list (cursor-paginated, sortable, CSV through its own query).

func (m *Module) pagePayments(c *fiber.Ctx) error {
	ctx := c.UserContext()
	lq, err := paymentList.Parse(c)
	if err != nil {
		return err
	}
	names, err := customerNames(ctx, m.d.DB)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return paymentList.Stream(c, lq, listq.Export[Payment]{File: "payments.csv",
			Header: []string{"Payment", "Kind", "Customer", "Received on", "Amount", "Reference", "Invoice"},
			Row: func(p Payment) []string {
				inv := ""
				if p.InvoiceID != nil {
					inv = strconv.FormatInt(*p.InvoiceID, 10)
				}
				return []string{strconv.FormatInt(p.ID, 10), p.Kind, names[p.CustomerID].Name, p.ReceivedOn.String(), p.Amount.StringFixed(2), p.Reference, inv}
			}}, m.svc.PaymentPage)
	}
	pays, err := m.svc.PaymentPage(ctx, lq)
	if err != nil {
		return err
	}
	pays, next := paymentList.Trim(pays, lq)
	entries, err := m.svc.Entries(ctx, true, 0, 200) // the 200 newest waiting for assignment; all in the CSV
	if err != nil {
		return err
	}
	open, err := invoicesOf(ctx, m.d.DB, 0, true, false)
	if err != nil {
		return err
	}
	return m.d.Web.Render(c, "receivables/payments", web.UITr(c, "receivables.ui.nav.payments"), fiber.Map{"Payments": pays, "Entries": entries, "Names": names,
		"Open": open, "Today": m.svc.today(), "List": paymentList.View("/receivables/payments", nil, lq, next)})
}

// entriesCSV exports every unmatched bank entry, newest first, a batch at a time.
func (m *Module) entriesCSV(c *fiber.Ctx) error {
	return listq.StreamPages(c, listq.Export[BankEntry]{File: "bank-entries.csv",
		Header: []string{"Entry", "Booked on", "Amount", "Currency", "From", "IBAN", "Description", "Reference"},
		Row: func(e BankEntry) []string {
			return []string{strconv.FormatInt(e.ID, 10), e.BookedOn.String(), e.Amount.StringFixed(2), e.Currency, e.DebtorName, e.DebtorIBAN, e.Remittance, e.Ref}
		}}, func(ctx context.Context, after string) ([]BankEntry, string, error) {
		before, _ := strconv.ParseInt(after, 10, 64)
		rows, err := m.svc.Entries(ctx, true, before, listq.ExportBatch+1)
		if err != nil || len(rows) <= listq.ExportBatch {
			return rows, "", err
		}
		rows = rows[:listq.ExportBatch]
		return rows, strconv.FormatInt(rows[len(rows)-1].ID, 10), nil
	})
}
