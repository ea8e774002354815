package events

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Item is one entity's event for PublishMany.
type Item struct {
	EntityID int64
	Payload  any
}

// PublishMany is Publish for many events of one kind and entity type (a batch job such
// as an invoice run): one insert of the events and one fan-out per 2,000 items, in the
// items' order, so per-entity ordering is kept.
func PublishMany(ctx context.Context, tx bun.IDB, now time.Time, kind, entity string, items []Item) error {
	for start := 0; start < len(items); start += 2000 {
		batch := items[start:min(start+2000, len(items))]
		evs := make([]Event, len(batch))
		for i, it := range batch {
			b, err := json.Marshal(it.Payload)
			if err != nil {
				return fmt.Errorf("events: %s payload: %w", kind, err)
			}
			evs[i] = Event{Kind: kind, Entity: entity, EntityID: it.EntityID, Payload: b, CreatedAt: now}
		}
		if _, err := tx.NewInsert().Model(&evs).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("events: publish %s: %w", kind, err)
		}
		ids := make([]int64, len(evs))
		for i := range evs {
			ids[i] = evs[i].ID
		}
		_, err := tx.NewRaw(`INSERT INTO event_deliveries (subscriber, event_id, entity, entity_id, next_at)
			SELECT s.subscriber, e.id, e.entity, e.entity_id, ? FROM events e JOIN event_subscriptions s ON s.kind = e.kind
			WHERE e.id IN (?) ORDER BY e.id`, now, bun.In(ids)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("events: fan out %s: %w", kind, err)
		}
	}
	return nil
}
