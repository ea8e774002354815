package secondment

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/testkit"
)

// TestExplainHourLists proves every hour list is an index range scan at 100,000 entries
// (issue 14): no page sorts or scans the table, whichever filter or cursor it has.
func TestExplainHourLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx := testkit.Tx(t)
	testkit.ShadowTable(t, tx, "hour_entries")
	if _, err := tx.ExecContext(ctx, `INSERT INTO hour_entries (placement_id, technician_id, started_at, ended_at, month, description,
			status, hourly_rate, minutes, amount, segments, created_at, updated_at)
		SELECT 1 + g % 25, 1 + g % 25, t, t + interval '1 hour', date_trunc('month', t)::date, 'work',
		       CASE WHEN g % 20 = 0 THEN 'submitted' ELSE 'approved' END, 85, 60, 85, '[]', t, t
		FROM generate_series(1, 100000) AS g, LATERAL (SELECT timestamptz '2024-01-01 08:00Z' + g * interval '7 minutes' AS t) x`); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.Admin}
	tech := &auth.Principal{UserID: 7, Role: auth.Technician}
	placement, submitted := int64(12), StatusSubmitted
	after := &EntryCursor{StartedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), ID: 6000}
	cases := map[string]struct {
		p *auth.Principal
		f EntryFilter
	}{
		"GET_/hours_all_entries":           {staff, EntryFilter{Limit: 51}},
		"GET_/hours_after_cursor":          {staff, EntryFilter{Limit: 51, After: after}},
		"GET_/hours?status=submitted":      {staff, EntryFilter{Limit: 51, Status: &submitted}},
		"GET_/placements/{id}/hours":       {staff, EntryFilter{Limit: 51, PlacementID: &placement}},
		"GET_/placements/{id}/hours_after": {staff, EntryFilter{Limit: 51, PlacementID: &placement, After: after}},
		"GET_/hours_as_technician":         {tech, EntryFilter{Limit: 51, After: after}},
		// the hour lists' one offered sort, by start, newest first (issue 13: the "When"
		// header of the approval queue): the same indexes read backwards
		"GET_/hours?dir=desc":                       {staff, EntryFilter{Limit: 51, Desc: true}},
		"GET_/hours?dir=desc_after_cursor":          {staff, EntryFilter{Limit: 51, Desc: true, After: after}},
		"GET_/hours?status=submitted&dir=desc":      {staff, EntryFilter{Limit: 51, Status: &submitted, Desc: true}},
		"GET_/placements/{id}/hours?dir=desc_after": {staff, EntryFilter{Limit: 51, PlacementID: &placement, After: after, Desc: true}},
		"GET_/hours?dir=desc_as_technician":         {tech, EntryFilter{Limit: 51, After: after, Desc: true}},
	}
	if _, err := tx.ExecContext(ctx, "ANALYZE hour_entries"); err != nil {
		t.Fatal(err)
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var out []HourEntry
			q := entriesQuery(tx, &out, c.p, c.f)
			plan := testkit.Plan(t, tx, q.String())
			testkit.ExpectIndexPlan(t, plan, "hour_entries")
			// the statement the prepared read path sends, as its generic plan
			args := db.Placeholders()
			q = entriesQueryWith(tx, &out, c.p, c.f, args)
			gp := testkit.GenericPlan(t, tx, q.String(), args.Args())
			testkit.ExpectIndexPlan(t, gp, "hour_entries")
			testkit.ExpectGenericNoWorse(t, plan, gp, "hour_entries")
		})
	}
}

// TestExplainPlacementList proves the placement list is an index range scan at 100,000
// placements (issue 14), on the first page and after a cursor.
func TestExplainPlacementList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "placements")
	if _, err := tx.ExecContext(ctx, `INSERT INTO placements (customer_id, technician_id, role, hourly_rate, start_date, bands, created_at, updated_at)
		SELECT 1 + g % 200, 1 + g % 300, 'Beheerder', 85, date '2020-01-01' + g % 2000, '[]', now(), now()
		FROM generate_series(1, 100000) g; ANALYZE placements`); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.Admin}
	for name, f := range map[string]PlacementFilter{
		"GET_/placements":       {Limit: 51},
		"GET_/placements_after": {Limit: 51, After: &PlacementCursor{StartDate: civil.Date{Year: 2023, Month: 1, Day: 1}, ID: 50000}},
	} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			if _, err := listPlacements(ctx, tx, staff, f); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "placements")
		})
	}
}

// TestExplainExpenseLists: at 100,000 expenses the expense lists, oldest or newest first
// (issue 13: the Date header sorts either way), read only the placement's rows through the
// (placement_id, date, id) index — never the table. The lists are one placement's (and
// month's) expenses without a page limit, so PostgreSQL may sort those rows in memory
// after the index range instead of walking the index in order; it never sorts more.
func TestExplainExpenseLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "placement_expenses")
	if _, err := tx.ExecContext(ctx, `INSERT INTO placement_expenses (placement_id, date, kind, amount, description, created_at)
		SELECT 1 + g % 25, date '2021-01-01' + g % 2000, 'other', 10, 'parking', now()
		FROM generate_series(1, 100000) g; ANALYZE placement_expenses`); err != nil {
		t.Fatal(err)
	}
	march := civil.Month{Year: 2023, Month: 3}
	for name, run := range map[string]func() error{
		"GET_/placements/{id}/expenses?month":          func() error { _, err := listExpenses(ctx, tx, 7, &march, false); return err },
		"GET_/placements/{id}/expenses?month&dir=desc": func() error { _, err := listExpenses(ctx, tx, 7, &march, true); return err },
		"GET_/placements/{id}/expenses?dir=desc":       func() error { _, err := listExpenses(ctx, tx, 7, nil, true); return err },
		"expense_page_month":                           func() error { _, err := monthExpenses(ctx, tx, 7, march, false); return err },
		"expense_page_month_desc":                      func() error { _, err := monthExpenses(ctx, tx, 7, march, true); return err },
	} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			if err := run(); err != nil {
				t.Fatal(err)
			}
			plan := testkit.Plan(t, tx, sqls.Last(t, "SELECT"))
			if strings.Contains(plan, "Seq Scan on placement_expenses") || !strings.Contains(plan, "placement_id_date_id_idx") ||
				!regexp.MustCompile(`Index Cond: \(+placement_id = 7\)`).MatchString(plan) {
				t.Fatalf("the expense list does not read one placement's range of the (placement_id, date, id) index:\n%s", plan)
			}
		})
	}
}
