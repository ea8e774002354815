package tickets

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// TestExplainTicketLists proves every ticket list page is an index range scan at
// 100,000 tickets (issue 14): no Seq Scan on tickets and no Sort, whatever the filter,
// order or cursor, for staff and for a customer's contact. Customer 17 is a large one (a
// quarter of all tickets), where a sort of its rows would cost most: the plan must read its
// page in index order instead (a tiny customer's rows may be sorted cheaply, and the
// planner may then rightly prefer that).
func TestExplainTicketLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx := testkit.Tx(t)
	testkit.ShadowTable(t, tx, "tickets")
	now := at("2026-07-01 10:00")
	if _, err := tx.ExecContext(ctx, `INSERT INTO tickets (number, customer_id, subject, description, category, priority, status,
			resolution, assignee_id, sla_policy_id, received_at, created_at, updated_at, resolved_at, response_due_at, resolution_due_at,
			next_due_at, sla_state, alerts_sent)
		SELECT 'E' || g, CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, 'Load', 'x', 'incident', 'P' || (1 + g % 4),
			CASE WHEN g % 10 < 7 THEN 'open' WHEN g % 10 = 7 THEN 'waiting_on_customer' ELSE 'resolved' END,
			CASE WHEN g % 10 >= 8 THEN 'fix' END, CASE WHEN g % 3 = 0 THEN 1 + g % 50 END, 1, r, r, r,
			CASE WHEN g % 10 >= 8 THEN r END, r + interval '1 hour', r + interval '8 hours',
			CASE WHEN g % 10 < 7 THEN r + interval '8 hours' END, 'running', '{}'
		FROM generate_series(1, 100000) g, LATERAL (SELECT ?::timestamptz - g * interval '5 minutes' AS r) x`, now); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "ANALYZE tickets"); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.Technician}
	cid := int64(17)
	contact := &auth.Principal{UserID: 2, Role: auth.Customer, CustomerID: &cid}
	after := func(c listCursor) string { return *httpx.EncodeCursor(c) }
	due := now.Add(-24 * time.Hour)
	cases := map[string]struct {
		p    *auth.Principal
		f    ListFilter
		page httpx.Page
	}{
		"newest":                  {staff, ListFilter{Sort: SortNewest}, httpx.Page{Limit: 50}},
		"newest_after_1000":       {staff, ListFilter{Sort: SortNewest}, httpx.Page{Limit: 50, After: after(listCursor{ID: 99000})}},
		"oldest_after":            {staff, ListFilter{Sort: SortOldest}, httpx.Page{Limit: 50, After: after(listCursor{ID: 5000})}},
		"due_after":               {staff, ListFilter{Sort: SortDue}, httpx.Page{Limit: 50, After: after(listCursor{ID: 5000, Due: &due})}},
		"status_open":             {staff, ListFilter{Sort: SortNewest, Statuses: []Status{StatusOpen}}, httpx.Page{Limit: 50}},
		"customer_filter":         {staff, ListFilter{Sort: SortNewest, CustomerID: &cid}, httpx.Page{Limit: 50}},
		"customer_contact_portal": {contact, ListFilter{Sort: SortNewest}, httpx.Page{Limit: 50}},
		"customer_contact_after":  {contact, ListFilter{Sort: SortNewest}, httpx.Page{Limit: 50, After: after(listCursor{ID: 50000})}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var rows []*Ticket
			q, err := listQuery(tx, &rows, c.p, c.f, c.page, now)
			if err != nil {
				t.Fatal(err)
			}
			plan := testkit.Plan(t, tx, q.String())
			testkit.ExpectIndexPlan(t, plan, "tickets")
			// the statement the prepared read path sends, as its generic plan
			args := db.Placeholders()
			if q, err = listQueryWith(tx, &rows, c.p, c.f, c.page, now, args); err != nil {
				t.Fatal(err)
			}
			gp := testkit.GenericPlan(t, tx, q.String(), args.Args())
			testkit.ExpectIndexPlan(t, gp, "tickets")
			testkit.ExpectGenericNoWorse(t, plan, gp, "tickets")
		})
	}
}
