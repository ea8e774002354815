package events_test

import (
	"context"
	"testing"

	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

// TestExplainUndeliverableList proves the undeliverable list (GET /events/undeliverable)
// is a range of its index, newest first, at 100,000 deliveries of 25,000 events, 20,000 dead
// (issue 14), on the first page and after a cursor inside one event's deliveries.
func TestExplainUndeliverableList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "events")
	testkit.ShadowTable(t, tx, "event_deliveries")
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (id, kind, entity, entity_id, created_at)
		SELECT g, 'ticket.created', 'ticket', g, now() FROM generate_series(0, 25000) g;
		INSERT INTO event_deliveries (subscriber, event_id, entity, entity_id, status, attempts, next_at)
		SELECT 'sub' || (g % 4), g / 4, 'ticket', g / 4, CASE WHEN g % 5 = 0 THEN 'dead' ELSE 'delivered' END, 3, now()
		FROM generate_series(1, 100000) g;
		ANALYZE events; ANALYZE event_deliveries`); err != nil {
		t.Fatal(err)
	}
	for name, after := range map[string]*events.DeadCursor{"first_page": nil, "after": {EventID: 12000, Subscriber: "sub2"}} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			if _, err := events.ListUndeliverable(ctx, tx, after, 51); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "event_deliveries")
		})
	}
}
