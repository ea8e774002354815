package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
)

// Item is one entity's change for RecordMany.
type Item struct {
	EntityID any
	Changes  any
}

// RecordMany writes one entry per item (same entity and action) in one statement per
// 2,000 items: a batch job (an invoice run) audits every record it changes.
func RecordMany(ctx context.Context, db bun.IDB, now time.Time, entity, action string, items []Item) error {
	if len(items) == 0 {
		return nil
	}
	var actorID *int64
	actor := "system"
	if p := auth.FromContext(ctx); p != nil {
		id := p.UserID
		actorID, actor = &id, p.Email
	}
	rid, _ := ctx.Value(ridKey{}).(string)
	entries := make([]Entry, len(items))
	for i, it := range items {
		b, err := json.Marshal(it.Changes)
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		entries[i] = Entry{At: now, ActorID: actorID, ActorEmail: actor, Entity: entity, EntityID: fmt.Sprint(it.EntityID), Action: action, Changes: b, RequestID: rid}
	}
	for start := 0; start < len(entries); start += 2000 {
		batch := entries[start:min(start+2000, len(entries))]
		if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}
