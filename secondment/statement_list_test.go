package secondment

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// TestStatementListTotals proves the invoice run's summaries (stored totals of a final
// month, indexed sums of an open one) equal the full statements (SEC-4): approved hours
// counted, submitted ones open, rejected and withdrawn ones and other months left out,
// expenses added; and that the list is cursor-paginated in (customer, placement) order.
func TestStatementListTotals(t *testing.T) {
	f := setup(t, ams(2026, 4, 3, 9, 0))
	second := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID, "hourly_rate": "87.50"})
	third := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID, "start_date": "2026-03-20", "end_date": "2026-03-31"})
	var a, b, c, d, e EntryOut
	f.log(t, f.tech, f.placementID, at(2026, 3, 6, 22, 0), at(2026, 3, 7, 2, 0), "night").Expect(t, 201).JSON(t, &a)
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 9, 0), at(2026, 3, 9, 12, 0), "day").Expect(t, 201).JSON(t, &b)
	f.log(t, f.tech, f.placementID, at(2026, 4, 1, 0, 30), at(2026, 4, 1, 2, 0), "april").Expect(t, 201)
	f.log(t, f.tech, f.placementID, at(2026, 2, 28, 23, 0), at(2026, 3, 1, 1, 0), "from february").Expect(t, 201)
	f.log(t, f.tech2, second, at(2026, 3, 10, 18, 0), at(2026, 3, 10, 21, 0), "evening").Expect(t, 201).JSON(t, &c)
	f.log(t, f.tech2, second, at(2026, 3, 11, 9, 0), at(2026, 3, 11, 10, 0), "rejected").Expect(t, 201).JSON(t, &d)
	f.log(t, f.tech2, second, at(2026, 3, 12, 9, 0), at(2026, 3, 12, 10, 0), "withdrawn").Expect(t, 201).JSON(t, &e)
	f.log(t, f.tech2, third, at(2026, 3, 21, 10, 0), at(2026, 3, 21, 12, 0), "saturday").Expect(t, 201)
	f.app.Do(t, http.MethodPost, "/api/v1/hours/approve", f.am.Token, map[string]any{"ids": []int64{a.ID, b.ID, c.ID}}).Expect(t, 200)
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/reject", d.ID), f.am.Token, map[string]any{"reason": "no"}).Expect(t, 200)
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/withdraw", e.ID), f.tech2.Token, nil).Expect(t, 200)
	for _, x := range []struct {
		id   int64
		body map[string]any
	}{{f.placementID, map[string]any{"date": "2026-03-06", "kind": "travel", "km": "100", "description": "trip"}},
		{second, map[string]any{"date": "2026-03-31", "kind": "lodging", "amount": "112.40", "description": "hotel"}},
		{second, map[string]any{"date": "2026-04-01", "kind": "lodging", "amount": "99.00", "description": "april"}}} {
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", x.id), f.am.Token, x.body).Expect(t, 201)
	}
	// the first placement's March is final; the second still open (nothing submitted), the third has hours to approve
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/statements/2026-03/close", f.placementID), f.am.Token, nil).Expect(t, 200)

	var all []StatementSummaryOut
	path := "/api/v1/statements?month=2026-03&limit=1"
	for pages := 0; ; pages++ {
		var page httpx.List[StatementSummaryOut]
		f.app.Do(t, http.MethodGet, path, f.am.Token, nil).Expect(t, 200).JSON(t, &page)
		all = append(all, page.Items...)
		if page.Next == nil {
			break
		}
		if pages > 1000 {
			t.Fatal("the list does not end")
		}
		path = "/api/v1/statements?month=2026-03&limit=1&after=" + *page.Next
	}
	mine := map[int64]StatementSummaryOut{}
	for i, s := range all {
		if i > 0 && (s.CustomerID < all[i-1].CustomerID || s.CustomerID == all[i-1].CustomerID && s.PlacementID <= all[i-1].PlacementID) {
			t.Fatalf("out of (customer, placement) order at %d: %+v after %+v", i, s, all[i-1])
		}
		if s.PlacementID == f.placementID || s.PlacementID == second || s.PlacementID == third {
			mine[s.PlacementID] = s
		}
	}
	if len(mine) != 3 {
		t.Fatalf("walked %d statements, found %d of mine: %+v", len(all), len(mine), mine)
	}
	for id, s := range mine {
		var st StatementOut
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/statements/2026-03", id), f.am.Token, nil).Expect(t, 200).JSON(t, &st)
		if s.Status != st.Status || s.Minutes != st.Minutes || !s.HoursAmount.Equal(st.HoursAmount.Decimal) ||
			!s.ExpensesAmount.Equal(st.ExpensesAmount.Decimal) || !s.Total.Equal(st.Total.Decimal) || s.OpenCount != st.OpenCount || s.Closable != st.Closable {
			t.Errorf("SEC-4 placement %d: list %+v, statement %s %d min %s + %s = %s open %d closable %v", id, s, st.Status, st.Minutes,
				st.HoursAmount, st.ExpensesAmount, st.Total, st.OpenCount, st.Closable)
		}
	}
	if s := mine[f.placementID]; s.Status != "final" || s.Total.StringFixed(2) != "1023.00" || s.ClosedAt == nil {
		t.Errorf("SEC-4 final March %+v", s)
	}
	if s := mine[second]; s.Status != "open" || s.Minutes != 180 || s.ExpensesAmount.StringFixed(2) != "112.40" || !s.Closable || s.OpenCount != 0 {
		t.Errorf("SEC-4 open March of the second placement %+v", s)
	}
	if s := mine[third]; s.OpenCount != 1 || s.Minutes != 0 || s.Closable || s.Total.StringFixed(2) != "0.00" {
		t.Errorf("SEC-4 March with hours awaiting approval %+v", s)
	}
	if len(all) < 3 {
		t.Fatal("pagination lost statements")
	}
}

// TestStatementListBudget holds the invoice run to two queries a page whatever its size
// (placements with their finals, the open months' hour and expense sums; issue 14), and
// proves the page reads no snapshot and no entry.
func TestStatementListBudget(t *testing.T) {
	f := setup(t, ams(2026, 4, 3, 9, 0))
	for range 5 {
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID})
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", id), f.am.Token,
			map[string]any{"date": "2026-03-02", "kind": "other", "amount": "10.00", "description": "parking"}).Expect(t, 201)
	}
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/statements/2026-03/close", f.placementID), f.am.Token, nil).Expect(t, 200)
	n := testkit.CountQueries(t)
	var page httpx.List[StatementSummaryOut]
	f.app.Do(t, http.MethodGet, "/api/v1/statements?month=2026-03&limit=200", f.am.Token, nil).Expect(t, 200).JSON(t, &page)
	n.Within(2, "a page of the invoice run") // the login is cached: placements with their finals, the sums
	if len(page.Items) < 6 {
		t.Fatalf("%d statements", len(page.Items))
	}
}

// TestExplainStatementList proves the invoice run's queries are index range scans at
// 100,000 placements and 200,000 hour entries (issue 14): the page of placements in
// (customer, placement) order, and the month's sums of its placements index-only.
func TestExplainStatementList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "placements")
	testkit.ShadowTable(t, tx, "hour_entries")
	testkit.ShadowTable(t, tx, "hour_month_totals")
	if _, err := tx.ExecContext(ctx, `INSERT INTO placements (customer_id, technician_id, role, hourly_rate, start_date, end_date, bands, created_at, updated_at)
		SELECT 1 + g % 200, 1 + g % 300, 'Beheerder', 85, date '2020-01-01' + g % 2000, CASE WHEN g % 3 = 0 THEN date '2026-01-01' + g % 400 END,
		       '[]', now(), now()
		FROM generate_series(1, 100000) g;
		INSERT INTO hour_entries (placement_id, technician_id, started_at, ended_at, month, description, status, hourly_rate, minutes, amount,
			segments, created_at, updated_at)
		SELECT 1 + g % 2000, 1, t, t + interval '1 hour', date_trunc('month', t AT TIME ZONE 'Europe/Amsterdam')::date, 'work',
		       CASE WHEN g % 20 = 0 THEN 'submitted' ELSE 'approved' END, 85, 60, 85, '[]', t, t
		FROM generate_series(1, 200000) g, LATERAL (SELECT timestamptz '2025-06-01 08:00Z' + g * interval '2 minutes' AS t) x;
		INSERT INTO hour_month_totals (placement_id, month, approved_minutes, approved_amount, submitted_count)
		SELECT placement_id, month, sum(minutes), sum(amount), 0 FROM hour_entries GROUP BY placement_id, month;
		ANALYZE placements; ANALYZE hour_entries; ANALYZE hour_month_totals`); err != nil {
		t.Fatal(err)
	}
	m := civil.Month{Year: 2025, Month: 6}
	for name, after := range map[string]*StatementCursor{"GET_/statements": nil, "GET_/statements_after": {CustomerID: 1, ID: 40000}} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			ps, _, err := statementPlacements(ctx, tx, m, after, 51)
			if err != nil {
				t.Fatal(err)
			}
			if after == nil && len(ps) == 0 { // the page joins the real customers and users: as many as the package made

				t.Fatalf("%d placements", len(ps))
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "placements")
		})
	}
	// The month's sums of a page: a range of the (placement, month, started_at) index for
	// the page's placements only. On a vacuumed table (production, the load command) it
	// is an index-only scan; a temporary table is never vacuumed inside the test's
	// transaction, so here the planner may read the same range as a bitmap.
	t.Run("month_sums", func(t *testing.T) {
		ids := make([]int64, 50)
		for i := range ids {
			ids[i] = int64(100 + i)
		}
		var out []monthSums
		plan := testkit.Plan(t, tx, monthSumsQuery(tx, &out, ids, m, time.FixedZone("UTC+1", 3600), nil).String())
		if strings.Contains(plan, "Seq Scan on hour_entries") || !monthRange.MatchString(plan) {
			t.Errorf("the month's sums are not a range of the placement-month index:\n%s", plan)
		}
		// a calendar in Amsterdam time reads the kept totals: one index row a placement
		plan = testkit.Plan(t, tx, monthSumsQuery(tx, &out, ids, m, clock.Amsterdam, nil).String())
		if strings.Contains(plan, "hour_entries") || !totalsRange.MatchString(plan) {
			t.Errorf("the month's totals are not a range of their primary key:\n%s", plan)
		}
	})
}

var totalsRange = regexp.MustCompile(`(?s)(Index (Only )?Scan using|Bitmap Index Scan on) hour_month_totals_\S*.*Index Cond: \(\(placement_id = ANY .*\(month = `)

var monthRange = regexp.MustCompile(`(?s)(Index (Only )?Scan using|Bitmap Index Scan on) hour_entries_placement_id_month_started_at\S*.*Index Cond: \(\(placement_id = ANY .*\(month = `)
