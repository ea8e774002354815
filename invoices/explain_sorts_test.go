package invoices

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// TestExplainInvoiceListSorts proves every sort the invoice and credit note pages offer
// (store_lists.go) is an index scan at 100,000 invoices and 100,000 credit notes, both
// ways, on the first page and after the cursor the first page gives (issue 13).
func TestExplainInvoiceListSorts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	seedInvoiceVolume(t, tx)
	plan := func(t *testing.T, table string, list func() error) {
		t.Helper()
		sqls.Queries = nil
		if err := list(); err != nil {
			t.Fatal(err)
		}
		testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), table)
	}
	for _, dir := range []string{"asc", "desc"} {
		for _, col := range invoiceList.Sorts {
			t.Run("invoices_"+col.Key+"_"+dir, func(t *testing.T) {
				walk(t, invoiceList, col.Key, dir, func(lq *listq.Query) (rows []Invoice, err error) {
					plan(t, "invoices", func() error { rows, err = listInvoices(ctx, tx, Filter{List: lq}); return err })
					return rows, err
				})
			})
		}
		for _, col := range creditList.Sorts {
			t.Run("credit_notes_"+col.Key+"_"+dir, func(t *testing.T) {
				walk(t, creditList, col.Key, dir, func(lq *listq.Query) (rows []CreditNote, err error) {
					plan(t, "credit_notes", func() error { rows, err = listCreditNotes(ctx, tx, CreditFilter{List: lq}); return err })
					return rows, err
				})
			})
		}
	}
}

// walk lists the first page under one sort, then the page after its cursor.
func walk[T any](t *testing.T, spec listq.Spec[T], key, dir string, list func(*listq.Query) ([]T, error)) {
	t.Helper()
	lq, err := spec.ParseQuery("sort=" + key + "&dir=" + dir + "&limit=50")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := list(&lq)
	_, next := spec.Trim(rows, lq)
	if next == "" {
		t.Fatal("no second page")
	}
	after, err := spec.ParseQuery("sort=" + key + "&dir=" + dir + "&limit=50&after=" + next)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := list(&after); err != nil {
		t.Fatal(err)
	}
}

// seedInvoiceVolume fills the invoice and credit note tables of tx with 100,000 rows each
// (every tenth invoice a draft, numbers F2026-000001 and C2026-000001 for the searches,
// amounts, dates and statuses spread for the sorts) and analyses them, for the EXPLAIN tests.
func seedInvoiceVolume(t *testing.T, tx bun.Tx) {
	t.Helper()
	testkit.ShadowTable(t, tx, "invoices")
	testkit.ShadowTable(t, tx, "credit_notes")
	if _, err := tx.ExecContext(context.Background(), `INSERT INTO invoices (customer_id, status, number, issue_date, due_date, customer_name, net, vat, gross,
			paid, created_at, updated_at, issued_at)
		SELECT 1 + g % 200, CASE WHEN g % 10 = 0 THEN 'draft' WHEN g % 10 < 6 THEN 'paid' ELSE 'issued' END,
		       CASE WHEN g % 10 <> 0 THEN 'F2026-' || lpad(g::text, 6, '0') END, CASE WHEN g % 10 <> 0 THEN d END, CASE WHEN g % 10 <> 0 THEN d + 14 END,
		       'Klant', 100 + g % 997, 21, 121 + g % 997, 0, d, d, CASE WHEN g % 10 <> 0 THEN d END
		FROM generate_series(1, 100000) g, LATERAL (SELECT date '2020-01-01' + g / 50 AS d) x;
		INSERT INTO credit_notes (invoice_id, customer_id, number, issue_date, reason, net, vat, gross, vat_per_rate, created_at)
		SELECT g, 1 + g % 200, 'C2026-' || lpad(g::text, 6, '0'), date '2020-01-01' + g / 50, 'correctie', 10 + g % 97, 2, 12 + g % 97, '[]', now()
		FROM generate_series(1, 100000) g;
		ANALYZE invoices; ANALYZE credit_notes`); err != nil {
		t.Fatal(err)
	}
}
