package events_test

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// recorder is an idempotent subscriber: it records each event once in its own table,
// keyed by event id, in the delivery's transaction.
func recorder(t *testing.T, name string, kinds []string, fail *atomic.Int32) events.Subscription {
	t.Helper()
	ctx := context.Background()
	if _, err := testkit.DB(t).Bun.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS test_seen (subscriber text, event_id bigint, entity_id bigint, seq bigserial, PRIMARY KEY (subscriber, event_id))`); err != nil {
		t.Fatal(err)
	}
	return events.Subscription{Name: name, Kinds: kinds, Handle: func(ctx context.Context, tx bun.Tx, e *events.Event) error {
		if fail != nil && fail.Load() > 0 {
			fail.Add(-1)
			return errors.New("subscriber is down")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO test_seen (subscriber, event_id, entity_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, name, e.ID, e.EntityID)
		return err
	}}
}

func seen(t *testing.T, name string) []int64 {
	t.Helper()
	var ids []int64
	if err := testkit.DB(t).Bun.NewRaw("SELECT event_id FROM test_seen WHERE subscriber = ? ORDER BY seq", name).Scan(context.Background(), &ids); err != nil {
		t.Fatal(err)
	}
	return ids
}

func publish(t *testing.T, now time.Time, kind string, entityID int64) int64 {
	t.Helper()
	var id int64
	err := testkit.DB(t).Bun.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		e, err := events.Publish(ctx, tx, now, kind, "thing", entityID, map[string]any{"n": entityID})
		if e != nil {
			id = e.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func bus(t *testing.T, clk clock.Clock, subs ...events.Subscription) *events.Bus {
	t.Helper()
	b := events.NewBus(testkit.DB(t).Bun, clk, quiet)
	for _, s := range subs {
		b.Subscribe(s)
	}
	if err := b.Register(context.Background()); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFailingHandlerIsRetriedWithBackoffThenSucceeds(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewSettable(clock.Real{})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, clock.Amsterdam)
	clk.Set(now)
	var fail atomic.Int32
	fail.Store(2)
	name := "test.retry." + testkit.Unique("")
	b := bus(t, clk, recorder(t, name, []string{"test.retried"}, &fail))
	id := publish(t, now, "test.retried", 1)

	if d, f, err := b.DeliverDue(ctx); err != nil || d != 0 || f != 1 {
		t.Fatalf("first round: delivered %d failed %d err %v", d, f, err)
	}
	// Not due again before the backoff has passed.
	if d, f, _ := b.DeliverDue(ctx); d != 0 || f != 0 {
		t.Fatalf("within backoff: delivered %d failed %d", d, f)
	}
	clk.Set(now.Add(events.Backoff(1)))
	if d, f, _ := b.DeliverDue(ctx); d != 0 || f != 1 {
		t.Fatalf("second attempt: delivered %d failed %d", d, f)
	}
	clk.Set(now.Add(time.Hour))
	if d, _, _ := b.DeliverDue(ctx); d != 1 {
		t.Fatalf("third attempt: delivered %d", d)
	}
	if got := seen(t, name); len(got) != 1 || got[0] != id {
		t.Fatalf("seen %v, want [%d]", got, id)
	}
	var attempts int
	if err := testkit.DB(t).Bun.NewRaw("SELECT attempts FROM event_deliveries WHERE subscriber = ? AND event_id = ?", name, id).Scan(ctx, &attempts); err != nil || attempts != 3 {
		t.Fatalf("attempts %d (%v), want 3", attempts, err)
	}
}

func TestRestartLosesNothingAndSecondDeliveryChangesNothing(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewSettable(clock.Real{})
	now := time.Date(2026, 12, 1, 11, 0, 0, 0, clock.Amsterdam)
	clk.Set(now)
	name := "test.restart." + testkit.Unique("")
	sub := recorder(t, name, []string{"test.restart"}, nil)
	bus(t, clk, sub) // registers; this "process" dies before delivering anything
	ids := []int64{publish(t, now, "test.restart", 7), publish(t, now, "test.restart", 8)}

	b2 := bus(t, clk, sub) // a restarted process
	if d, _, err := b2.DeliverDue(ctx); err != nil || d != 2 {
		t.Fatalf("after restart delivered %d (%v), want 2", d, err)
	}
	// Deliver again by force (as after a crash between handler and commit elsewhere): the
	// idempotent handler changes nothing.
	if _, err := testkit.DB(t).Bun.ExecContext(ctx, "UPDATE event_deliveries SET status = 'pending' WHERE subscriber = ?", name); err != nil {
		t.Fatal(err)
	}
	if d, _, _ := b2.DeliverDue(ctx); d != 2 {
		t.Fatalf("redelivery delivered %d, want 2", d)
	}
	if d, _, _ := b2.DeliverDue(ctx); d != 0 {
		t.Fatalf("nothing left, delivered %d", d)
	}
	if got := seen(t, name); len(got) != 2 || got[0] != ids[0] || got[1] != ids[1] {
		t.Fatalf("seen %v, want %v", got, ids)
	}
}

func TestInOrderPerEntityAndUndeliverable(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewSettable(clock.Real{})
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, clock.Amsterdam)
	clk.Set(now)
	var fail atomic.Int32
	fail.Store(events.MaxAttempts)
	name := "test.order." + testkit.Unique("")
	b := bus(t, clk, recorder(t, name, []string{"test.ordered"}, &fail))
	first := publish(t, now, "test.ordered", 42)
	second := publish(t, now, "test.ordered", 42)
	for i := 0; i < events.MaxAttempts; i++ {
		if d, _, err := b.DeliverDue(ctx); err != nil || d != 0 {
			t.Fatalf("round %d: delivered %d (%v); the second event must wait for the first", i, d, err)
		}
		now = now.Add(2 * time.Hour)
		clk.Set(now)
	}
	dead, err := events.ListUndeliverable(ctx, testkit.DB(t).Bun, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range dead {
		if u.Subscriber == name && u.EventID == first {
			found = true
		}
	}
	if !found {
		t.Fatalf("event %d not listed undeliverable: %+v", first, dead)
	}
	if err := events.Retry(ctx, testkit.DB(t).Bun, now, name, first); err != nil {
		t.Fatal(err)
	}
	if d, _, err := b.DeliverDue(ctx); err != nil || d != 2 {
		t.Fatalf("after retry delivered %d (%v), want both in one run", d, err)
	}
	if got := seen(t, name); len(got) != 2 || got[0] != first || got[1] != second {
		t.Fatalf("seen %v, want [%d %d] in order", got, first, second)
	}
	if err := events.Retry(ctx, testkit.DB(t).Bun, now, name, first); !errors.Is(err, events.ErrNotDead) {
		t.Fatalf("retry of a delivered event: %v", err)
	}
}

func TestEventWithoutSubscriberOnlyStored(t *testing.T) {
	id := publish(t, time.Now(), "test.nobody", 1)
	var n int
	if err := testkit.DB(t).Bun.NewRaw("SELECT count(*) FROM event_deliveries WHERE event_id = ?", id).Scan(context.Background(), &n); err != nil || n != 0 {
		t.Fatalf("deliveries %d (%v)", n, err)
	}
}

func TestUndeliverableAdmin(t *testing.T) {
	ctx := context.Background()
	a := testkit.NewApp(t, time.Date(2026, 12, 1, 9, 0, 0, 0, clock.Amsterdam), nil)
	admin := testkit.Login(t, auth.Admin, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	name := "test.admin." + testkit.Unique("")
	bus(t, clock.Real{}, recorder(t, name, []string{"test.admin"}, nil))
	id := publish(t, time.Now(), "test.admin", 5)
	if _, err := testkit.DB(t).Bun.ExecContext(ctx, "UPDATE event_deliveries SET status = 'dead', attempts = 10, last_error = 'boom' WHERE subscriber = ?", name); err != nil {
		t.Fatal(err)
	}
	var list struct{ Items []events.UndeliverableOut }
	a.Do(t, "GET", "/api/v1/events/undeliverable", admin.Token, nil).Expect(t, 200).JSON(t, &list)
	found := false
	for _, u := range list.Items {
		found = found || (u.EventID == id && u.Subscriber == name && u.LastError == "boom")
	}
	if !found {
		t.Fatalf("not listed: %+v", list.Items)
	}
	a.Do(t, "GET", "/api/v1/events/undeliverable", am.Token, nil).Expect(t, 403)
	// the page names the record an event is about as the audit log does (issue 13):
	// "Customer Acme …", not "Thing 5" or "Customer 12"
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	if err := testkit.DB(t).Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := events.Publish(ctx, tx, time.Now(), "test.admin", "customer", cust.ID, map[string]any{})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := testkit.DB(t).Bun.ExecContext(ctx, "UPDATE event_deliveries SET status = 'dead', attempts = 10, last_error = 'boom' WHERE subscriber = ?", name); err != nil {
		t.Fatal(err)
	}
	page := string(a.Do(t, "GET", "/events/undeliverable", admin.Token, nil).Expect(t, 200).Body)
	if !strings.Contains(page, "Customer "+template.HTMLEscapeString(cust.Name)) || strings.Contains(page, fmt.Sprintf("Customer %d<", cust.ID)) {
		t.Errorf("the undeliverable page does not name the customer %q", cust.Name)
	}
	path := fmt.Sprintf("/api/v1/events/%d/deliveries/%s/retry", id, name)
	a.Do(t, "POST", path, am.Token, nil).Expect(t, 403)
	a.Do(t, "POST", path, admin.Token, nil).Expect(t, 200)
	if c := a.Do(t, "POST", path, admin.Token, nil).Expect(t, 409).Code(t); c != "delivery_not_undeliverable" {
		t.Fatalf("second retry: %s", c)
	}
}
