package invoices

import (
	"context"
	"testing"

	"backoffice/internal/testkit"
)

// TestExplainInvoiceSearch — issue 13 list tools: searching the invoice and credit note
// lists (?q=, a number or a customer's name) reads a bitmap of migration 0810's pg_trgm
// index matches at 100,000 invoices and 100,000 credit notes, never a scan of the table,
// under the default sort and a sorted one.
func TestExplainInvoiceSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	seedInvoiceVolume(t, tx)
	for _, query := range []string{"q=004217", "q=004217&sort=due&dir=asc", "q=F2026-0999"} {
		t.Run(query, func(t *testing.T) {
			lq, err := invoiceList.ParseQuery(query + "&limit=50")
			if err != nil {
				t.Fatal(err)
			}
			sqls.Queries = nil
			rows, err := listInvoices(ctx, tx, Filter{List: &lq})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Fatalf("%s finds no invoice", query)
			}
			testkit.ExpectSearchPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "invoices")
		})
	}
	t.Run("credit_notes_q=004217", func(t *testing.T) {
		lq, err := creditList.ParseQuery("q=004217&limit=50")
		if err != nil {
			t.Fatal(err)
		}
		sqls.Queries = nil
		rows, err := listCreditNotes(ctx, tx, CreditFilter{List: &lq})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Number != "C2026-004217" {
			t.Fatalf("the search finds %d credit notes", len(rows))
		}
		testkit.ExpectSearchPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "credit_notes")
	})
}
