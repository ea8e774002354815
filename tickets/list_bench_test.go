package tickets

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// seedLoad inserts n tickets of one customer: 70% running with due times spread over
// two weeks from base, 10% waiting on the customer, 20% resolved.
func seedLoad(ctx context.Context, idb bun.IDB, customerID int64, n int, base time.Time, prefix string) error {
	_, err := idb.NewRaw(`INSERT INTO tickets (number, customer_id, subject, description, category, priority, status, resolution,
			sla_policy_id, received_at, created_at, updated_at, resolved_at, response_due_at, resolution_due_at, next_due_at, sla_state, alerts_sent)
		SELECT ? || g, ?, 'Load ticket ' || g, 'generated', 'incident', 'P' || (1 + g % 4),
			CASE WHEN g % 10 < 7 THEN 'open' WHEN g % 10 = 7 THEN 'waiting_on_customer' ELSE 'resolved' END,
			CASE WHEN g % 10 >= 8 THEN 'fix' END,
			(SELECT id FROM sla_policies WHERE is_default), ?::timestamptz - interval '1 day', ?::timestamptz - interval '1 day', ?,
			CASE WHEN g % 10 >= 8 THEN ?::timestamptz END,
			?::timestamptz + (g % 20160) * interval '1 minute', ?::timestamptz + (g % 20160) * interval '1 minute' + interval '8 hours',
			CASE WHEN g % 10 < 7 THEN ?::timestamptz + (g % 20160) * interval '1 minute' END,
			CASE WHEN g % 10 < 7 THEN 'running' WHEN g % 10 = 7 THEN 'paused' ELSE 'met' END, '{}'
		FROM generate_series(1, ?) AS g`,
		prefix, customerID, base, base, base, base, base, base, base, n).Exec(ctx)
	return err
}

// TestBreachRiskListUsesTheIndex proves the breach-risk list stays fast at 100,000
// tickets: the planner answers it from tickets_next_due_idx instead of scanning.
func TestBreachRiskListUsesTheIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx := testkit.Tx(t)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	now := at("2026-07-01 10:00")
	if err := seedLoad(ctx, tx, cust.ID, 100_000, now, testkit.Unique("L")+"-"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "ANALYZE tickets"); err != nil {
		t.Fatal(err)
	}
	var rows []*Ticket
	staffP := &auth.Principal{UserID: 1, Role: auth.Technician}
	q, err := listQuery(tx, &rows, staffP, ListFilter{BreachWithin: 2 * time.Hour, Sort: SortDue}, httpx.Page{Limit: 50}, now)
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	if err := tx.NewRaw("EXPLAIN "+q.String()).Scan(ctx, &plan); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	if !strings.Contains(text, "tickets_next_due_idx") || strings.Contains(text, "Seq Scan on tickets") {
		t.Errorf("breach-risk list does not use tickets_next_due_idx:\n%s", text)
	}
	if err := q.Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 51 {
		t.Fatalf("rows = %d", len(rows))
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].NextDueAt.Before(*rows[i-1].NextDueAt) || rows[i].NextDueAt.After(now.Add(2*time.Hour)) {
			t.Fatalf("row %d out of order or beyond the window", i)
		}
	}
}

var loadOnce sync.Once

// BenchmarkBreachRiskList measures GET /api/v1/tickets?breach_within=PT2H&sort=due at
// 100,000 tickets through the service: SQL filter and order on the stored due times,
// then the live SLA of the page's 50 tickets.
func BenchmarkBreachRiskList(b *testing.B) {
	ctx := context.Background()
	now := at("2026-07-01 10:00")
	loadOnce.Do(func() {
		cust := testkit.Customer(b, testkit.CustomerOpts{})
		if err := seedLoad(ctx, testkit.DB(b).Bun, cust.ID, 100_000, now, "BENCH-"); err != nil {
			b.Fatal(err)
		}
		if _, err := testkit.DB(b).Bun.ExecContext(ctx, "ANALYZE tickets"); err != nil {
			b.Fatal(err)
		}
	})
	s := &Service{DB: testkit.DB(b).Bun, Clock: fixedClock(now)}
	staffP := &auth.Principal{UserID: 1, Role: auth.Technician}
	lf := ListFilter{BreachWithin: 2 * time.Hour, Sort: SortDue}
	b.ReportAllocs()
	for b.Loop() {
		l, err := s.List(auth.With(ctx, staffP), lf, httpx.Page{Limit: 50})
		if err != nil || len(l.Items) != 50 {
			b.Fatal(err, fmt.Sprint(len(l.Items)))
		}
	}
}

type fixedClock time.Time

func (f fixedClock) Now() time.Time { return time.Time(f) }
