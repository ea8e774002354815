// Package audit writes the audit log (DATA-1): every mutation records who, when, what
// entity and what changed, in the same transaction as the change itself.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
)

// Entry is one row of the audit log.
type Entry struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID         int64           `bun:"id,pk,autoincrement" json:"id"`
	At         time.Time       `bun:"at" json:"at"`
	ActorID    *int64          `bun:"actor_id" json:"actor_id"`
	ActorEmail string          `bun:"actor_email" json:"actor_email"`
	Entity     string          `bun:"entity" json:"entity"`
	EntityID   string          `bun:"entity_id" json:"entity_id"`
	Action     string          `bun:"action" json:"action"`
	Changes    json.RawMessage `bun:"changes,type:jsonb" json:"changes"`
	RequestID  string          `bun:"request_id" json:"request_id"`
}

type ridKey struct{}

// WithRequestID puts the request id in ctx so entries can be traced to a request.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ridKey{}, id)
}

// Record writes an entry for the actor in ctx (nil actor: the system, e.g. a job).
// changes is any JSON-able value: a Diff, the created record, or a small map.
func Record(ctx context.Context, db bun.IDB, now time.Time, entity string, entityID any, action string, changes any) error {
	q, err := Insert(ctx, db, now, entity, entityID, action, changes)
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx)
	return err
}

// Insert is Record's statement, not yet sent: a create that draws its number last sends
// it in one db.Batch with the other writes that need the number (issue 14).
func Insert(ctx context.Context, db bun.IDB, now time.Time, entity string, entityID any, action string, changes any) (*bun.InsertQuery, error) {
	b, err := json.Marshal(changes)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if changes == nil {
		b = []byte("{}")
	}
	e := &Entry{At: now, Entity: entity, EntityID: fmt.Sprint(entityID), Action: action, Changes: b, ActorEmail: "system"}
	if p := auth.FromContext(ctx); p != nil {
		id := p.UserID
		e.ActorID, e.ActorEmail = &id, p.Email
	}
	if rid, ok := ctx.Value(ridKey{}).(string); ok {
		e.RequestID = rid
	}
	return db.NewInsert().Model(e), nil
}

// Change is one field's old and new value.
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// Diff compares two values of the same struct type by their JSON form and returns the
// changed fields only.
func Diff(before, after any) map[string]Change {
	a, b := toMap(before), toMap(after)
	out := map[string]Change{}
	for k, v := range b {
		if !reflect.DeepEqual(a[k], v) {
			out[k] = Change{From: a[k], To: v}
		}
	}
	for k, v := range a {
		if _, ok := b[k]; !ok {
			out[k] = Change{From: v, To: nil}
		}
	}
	return out
}

func toMap(v any) map[string]any {
	m := map[string]any{}
	b, err := json.Marshal(v)
	if err == nil {
		_ = json.Unmarshal(b, &m)
	}
	return m
}
