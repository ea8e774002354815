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
	testkit.ShadowTable(t, tx, "invoices")
	testkit.ShadowTable(t, tx, "credit_notes")
	if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (customer_id, status, number, issue_date, due_date, customer_name, net, vat, gross,
			paid, created_at, updated_at, issued_at)
		SELECT 1 + g % 200, CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'issued' END, CASE WHEN g % 10 <> 0 THEN 'F2026-' || lpad(g::text, 6, '0') END,
		       CASE WHEN g % 10 <> 0 THEN d END, CASE WHEN g % 10 <> 0 THEN d + 14 END, 'Klant', 100, 21, 121, 0, d, d, CASE WHEN g % 10 <> 0 THEN d END
		FROM generate_series(1, 100000) g, LATERAL (SELECT date '2020-01-01' + g / 50 AS d) x;
		INSERT INTO credit_notes (invoice_id, customer_id, number, issue_date, reason, net, vat, gross, vat_per_rate, created_at)
		SELECT g, 1 + g % 200, 'C2026-' || lpad(g::text, 6, '0'), date '2020-01-01' + g / 50, 'correctie', 10, 2, 12, '[]', now()
		FROM generate_series(1, 100000) g;
		ANALYZE invoices; ANALYZE credit_notes`); err != nil {
		t.Fatal(err)
	}
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
