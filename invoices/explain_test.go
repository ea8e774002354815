package invoices

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/testkit"
)

// TestExplainInvoiceList proves the invoice list is an index range scan newest first at
// 100,000 invoices (issue 14): all, after a cursor, by status, overdue, for one
// customer and for a customer's contact. Customer 17 holds a quarter of the invoices, so
// the planner must read its page in index order rather than sort its rows.
func TestExplainInvoiceList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "invoices")
	if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (customer_id, status, number, issue_date, due_date, customer_name, net, vat, gross,
			paid, created_at, updated_at, issued_at)
		SELECT CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, CASE WHEN g % 10 < 6 THEN 'paid' ELSE 'issued' END,
		       'F' || g, d, d + 14, 'Klant', 100, 21, 121, CASE WHEN g % 10 < 6 THEN 121 ELSE 0 END, d, d, d
		FROM generate_series(1, 100000) g, LATERAL (SELECT date '2020-01-01' + g / 50 AS d) x;
		ANALYZE invoices`); err != nil {
		t.Fatal(err)
	}
	cid := int64(17)
	contact := &auth.Principal{UserID: 2, Role: auth.Customer, CustomerID: &cid}
	scope := func(q *bun.SelectQuery) *bun.SelectQuery {
		return auth.Scope(q, contact, "q.customer_id").Where("q.status <> ?", Draft)
	}
	today := civil.Date{Year: 2026, Month: 1, Day: 1}
	for name, f := range map[string]Filter{
		"GET_/invoices":                {},
		"GET_/invoices_after":          {AfterID: 60000},
		"GET_/invoices?status=issued":  {Status: Issued},
		"GET_/invoices?status=overdue": {Status: Overdue},
		"GET_/invoices?customer_id":    {CustomerID: &cid, AfterID: 90000},
		"GET_/invoices_as_contact":     {Scope: scope},
		"GET_/invoices_contact_after":  {Scope: scope, AfterID: 50000},
	} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			f.Limit, f.Today = 51, today
			if _, err := listInvoices(ctx, tx, f); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "invoices")
		})
	}
}
