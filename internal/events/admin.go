package events

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/problem"
)

// Undeliverable is a delivery that failed MaxAttempts times.
type Undeliverable struct {
	Subscriber string    `bun:"subscriber" json:"subscriber"`
	EventID    int64     `bun:"event_id" json:"event_id"`
	Kind       string    `bun:"kind" json:"kind"`
	Entity     string    `bun:"entity" json:"entity"`
	EntityID   int64     `bun:"entity_id" json:"entity_id"`
	Attempts   int       `bun:"attempts" json:"attempts"`
	LastError  string    `bun:"last_error" json:"last_error"`
	CreatedAt  time.Time `bun:"created_at" json:"created_at"`
}

// DeadCursor is the sort key of the last dead delivery of a page: event, then subscriber.
type DeadCursor struct {
	EventID    int64  `json:"e"`
	Subscriber string `json:"s"`
}

// ListUndeliverable returns dead deliveries newest event first (subscribers of one event
// in reverse name order), after the cursor: a range of event_deliveries_dead_idx, and a
// page boundary inside one event's deliveries loses none of them.
func ListUndeliverable(ctx context.Context, db bun.IDB, after *DeadCursor, limit int) ([]Undeliverable, error) {
	var out []Undeliverable
	q := `SELECT d.subscriber, d.event_id, e.kind, d.entity, d.entity_id, d.attempts, d.last_error, e.created_at
		FROM event_deliveries d JOIN events e ON e.id = d.event_id WHERE d.status = 'dead'`
	args := []any{}
	if after != nil {
		q += " AND (d.event_id, d.subscriber) < (?, ?)"
		args = append(args, after.EventID, after.Subscriber)
	}
	q += " ORDER BY d.event_id DESC, d.subscriber DESC LIMIT ?"
	args = append(args, limit)
	if err := db.NewRaw(q, args...).Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("events: undeliverable: %w", err)
	}
	return out, nil
}

// CountUndeliverable counts dead deliveries up to limit+1, for the admin home (index
// event_deliveries_dead_idx, 0620).
func CountUndeliverable(ctx context.Context, db bun.IDB, limit int64) (int64, error) {
	var n int64
	err := db.NewRaw("SELECT count(*) FROM (SELECT 1 FROM event_deliveries WHERE status = 'dead' LIMIT ?) AS d", limit+1).Scan(ctx, &n)
	return n, err
}

// ErrNotDead: only an undeliverable delivery can be retried by hand.
var ErrNotDead = problem.Conflict("delivery_not_undeliverable", "the delivery is not marked undeliverable")

// Retry gives a dead delivery a fresh set of attempts, due now.
func Retry(ctx context.Context, db bun.IDB, now time.Time, subscriber string, eventID int64) error {
	res, err := db.NewRaw(`UPDATE event_deliveries SET status = 'pending', attempts = 0, next_at = ?
		WHERE subscriber = ? AND event_id = ? AND status = 'dead'`, now, subscriber, eventID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("events: retry: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotDead
	}
	return nil
}
