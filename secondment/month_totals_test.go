package secondment

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// monthTotal is one placement-month's approved minutes and amount and its waiting entries.
type monthTotal struct {
	Minutes   int64
	Amount    string
	Submitted int64
}

// The totals the triggers keep in hour_month_totals are, after every kind of write to
// hour_entries (a many-row insert, approval, rejection, withdrawal, an edit of minutes and
// amount, a move to another month, a description edit, a delete), exactly the sums of the
// entries themselves (issue 14: GET /statements reads them for its open months).
func TestMonthTotalsMatchEntries(t *testing.T) {
	f := setup(t, ams(2026, 6, 10, 9, 0))
	other := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID})
	ids := []int64{f.placementID, other}
	ctx := context.Background()
	tx := testkit.Tx(t)
	exec := func(step, q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	check := func(step string) {
		t.Helper()
		read := func(q string) map[string]monthTotal {
			rows, err := tx.QueryContext(ctx, q, ids[0], ids[1])
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			defer rows.Close()
			out := map[string]monthTotal{}
			for rows.Next() {
				var pid int64
				var m time.Time
				var v monthTotal
				var amount decimal.Decimal
				if err := rows.Scan(&pid, &m, &v.Minutes, &amount, &v.Submitted); err != nil {
					t.Fatal(err)
				}
				if v != (monthTotal{Amount: v.Amount}) || !amount.IsZero() {
					v.Amount = amount.StringFixed(2)
					out[fmt.Sprintf("%d %s", pid, m.Format("2006-01"))] = v
				}
			}
			return out
		}
		kept := read(`SELECT placement_id, month, approved_minutes, approved_amount, submitted_count
			FROM hour_month_totals WHERE placement_id IN (?, ?)`)
		summed := read(`SELECT placement_id, month, coalesce(sum(minutes) FILTER (WHERE status = 'approved'), 0),
			coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0), count(*) FILTER (WHERE status = 'submitted')
			FROM hour_entries WHERE placement_id IN (?, ?) GROUP BY placement_id, month`)
		if fmt.Sprint(kept) != fmt.Sprint(summed) {
			t.Fatalf("after %s the kept totals are\n%v\nthe entries add up to\n%v", step, kept, summed)
		}
		if len(summed) == 0 && step != "delete all" {
			t.Fatalf("after %s: no totals at all", step)
		}
	}
	// 3-hourly entries over May, June and July 2026 (month boundaries in Amsterdam time
	// included), one in 7 still submitted
	exec("insert", `INSERT INTO hour_entries (placement_id, technician_id, started_at, ended_at, month, description, status,
			hourly_rate, minutes, amount, segments, decided_at, created_at, updated_at)
		SELECT p.id, p.technician_id, s, s + interval '1 hour', date_trunc('month', s AT TIME ZONE 'Europe/Amsterdam')::date, 'work',
		       CASE WHEN g % 7 = 0 THEN 'submitted' ELSE 'approved' END, 100, 60, 100 + g % 3,
		       '[]', CASE WHEN g % 7 = 0 THEN NULL ELSE s END, s, s
		FROM placements p, generate_series(0, 700) g,
		     LATERAL (SELECT timestamptz '2026-04-30 20:00Z' + g * interval '3 hours' AS s) x
		WHERE p.id IN (?, ?)`, ids[0], ids[1])
	check("insert")
	exec("approve", `UPDATE hour_entries SET status = 'approved', decided_at = updated_at WHERE placement_id = ? AND status = 'submitted'
		AND started_at < '2026-06-15'`, ids[0])
	check("approve")
	exec("reject", `UPDATE hour_entries SET status = 'rejected', decided_at = updated_at, reject_reason = 'no'
		WHERE placement_id = ? AND id % 5 = 0`, ids[1])
	check("reject")
	exec("withdraw", `UPDATE hour_entries SET status = 'withdrawn', decided_at = NULL WHERE status = 'submitted' AND placement_id = ? AND id % 2 = 0`, ids[1])
	check("withdraw")
	exec("edit", `UPDATE hour_entries SET minutes = 45, amount = 75.25, ended_at = started_at + interval '45 minutes'
		WHERE placement_id IN (?, ?) AND id % 3 = 0`, ids[0], ids[1])
	check("edit")
	exec("move", `UPDATE hour_entries SET started_at = started_at + interval '31 days', ended_at = ended_at + interval '31 days',
			month = date_trunc('month', (started_at + interval '31 days') AT TIME ZONE 'Europe/Amsterdam')::date
		WHERE placement_id = ? AND month = '2026-07-01'`, ids[0])
	check("move")
	exec("description", `UPDATE hour_entries SET description = 'other work' WHERE placement_id IN (?, ?)`, ids[0], ids[1])
	check("description")
	exec("delete", `DELETE FROM hour_entries WHERE placement_id = ? AND id % 4 = 1`, ids[1])
	check("delete")
	// the list reads the same numbers through monthSumsQuery: from the totals for a
	// calendar in Amsterdam time, from the entries for another zone
	winter := time.FixedZone("UTC+1", 3600)
	for _, m := range []civil.Month{{Year: 2026, Month: 5}, {Year: 2026, Month: 6}, {Year: 2026, Month: 7}, {Year: 2026, Month: 8}} {
		for _, loc := range []*time.Location{clock.Amsterdam, winter} {
			got, err := openMonthSums(ctx, tx, ids, m, loc)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				want := entrySums(t, tx, id, m, loc)
				g := got[id]
				if g == nil {
					g = &monthSums{}
				}
				if g.Minutes != want.Minutes || !g.HoursAmount.Equal(want.HoursAmount) || g.OpenCount != want.OpenCount {
					t.Fatalf("%s in %s, placement %d: the list sums %+v, the entries %+v", m, loc, id, g, want)
				}
			}
		}
	}
	exec("delete all", `DELETE FROM hour_entries WHERE placement_id IN (?, ?)`, ids[0], ids[1])
	check("delete all")
}

// entrySums adds up one placement's month in loc from its entries, as BuildStatement
// counts them: approved ones started within the month's bounds, submitted ones as open.
func entrySums(t *testing.T, tx bun.Tx, id int64, m civil.Month, loc *time.Location) monthSums {
	t.Helper()
	from, to := m.Bounds(loc)
	var v monthSums
	err := tx.QueryRowContext(context.Background(), `SELECT coalesce(sum(minutes) FILTER (WHERE status = 'approved'), 0),
		coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0), count(*) FILTER (WHERE status = 'submitted')
		FROM hour_entries WHERE placement_id = ? AND started_at >= ? AND started_at < ?`, id, from, to).Scan(&v.Minutes, &v.HoursAmount, &v.OpenCount)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
