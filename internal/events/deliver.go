package events

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"backoffice/internal/clock"
	"backoffice/internal/db"
)

// MaxAttempts is how often a delivery is tried before it is shown as undeliverable on the
// admin page (where it can be retried by hand).
const MaxAttempts = 10

// Backoff is the wait before attempt n+1 after n failed attempts: 2^n seconds, at most an hour.
func Backoff(n int) time.Duration {
	if n > 12 {
		return time.Hour
	}
	d := time.Duration(1<<n) * time.Second
	return min(d, time.Hour)
}

// Bus knows this process's subscribers and delivers their events.
type Bus struct {
	db    *bun.DB
	clock clock.Clock
	log   *slog.Logger
	subs  map[string]Subscription
}

// NewBus builds a bus; add subscriptions with Subscribe before Register.
func NewBus(db *bun.DB, clk clock.Clock, log *slog.Logger) *Bus {
	return &Bus{db: db, clock: clk, log: log, subs: map[string]Subscription{}}
}

// Subscribe adds a subscription; names are unique, and subscribing a name again replaces
// it (the server and the demo seed both register the modules' subscriptions).
func (b *Bus) Subscribe(s Subscription) {
	b.subs[s.Name] = s
}

// Names lists the subscribers, sorted.
func (b *Bus) Names() []string {
	out := make([]string, 0, len(b.subs))
	for n := range b.subs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Register stores the subscriptions in the database so that Publish, in any process,
// fans events of those kinds out to them. Run it at start, before serving.
func (b *Bus) Register(ctx context.Context) error {
	return b.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, name := range b.Names() {
			s := b.subs[name]
			if _, err := tx.NewRaw("DELETE FROM event_subscriptions WHERE subscriber = ? AND NOT (kind IN (?))", name, bun.In(s.Kinds)).Exec(ctx); err != nil {
				return fmt.Errorf("events: register %s: %w", name, err)
			}
			for _, k := range s.Kinds {
				if _, err := tx.NewRaw("INSERT INTO event_subscriptions (subscriber, kind) VALUES (?, ?) ON CONFLICT DO NOTHING", name, k).Exec(ctx); err != nil {
					return fmt.Errorf("events: register %s: %w", name, err)
				}
			}
		}
		return nil
	})
}

type candidate struct {
	Subscriber string `bun:"subscriber"`
	EventID    int64  `bun:"event_id"`
}

// DeliverDue delivers every due delivery of this process's subscribers, oldest first and
// never one whose entity has an earlier undelivered event for the same subscriber. It
// returns how many were delivered and how many failed this round.
func (b *Bus) DeliverDue(ctx context.Context) (delivered, failed int, err error) {
	if len(b.subs) == 0 {
		return 0, 0, nil
	}
	for {
		now := b.clock.Now()
		var cands []candidate
		err := b.db.NewRaw(`SELECT d.subscriber, d.event_id FROM event_deliveries d
			WHERE d.status = 'pending' AND d.next_at <= ? AND d.subscriber IN (?)
			  AND NOT EXISTS (SELECT 1 FROM event_deliveries p WHERE p.subscriber = d.subscriber AND p.entity = d.entity
			                  AND p.entity_id = d.entity_id AND p.event_id < d.event_id AND p.status <> 'delivered')
			ORDER BY d.next_at, d.event_id LIMIT 100`, now, bun.In(b.Names())).Scan(ctx, &cands)
		if err != nil {
			return delivered, failed, fmt.Errorf("events: due deliveries: %w", err)
		}
		progress := false
		for _, c := range cands {
			ok, tried, err := b.deliverOne(ctx, c, now)
			if err != nil {
				return delivered, failed, err
			}
			if ok {
				delivered++
				progress = true
			} else if tried {
				failed++
			}
		}
		if !progress {
			return delivered, failed, nil
		}
	}
}

// deliverOne runs the handler and records the delivery in one transaction; a failing
// handler's work is rolled back and the attempt recorded with its backoff.
func (b *Bus) deliverOne(ctx context.Context, c candidate, now time.Time) (ok, tried bool, err error) {
	sub, known := b.subs[c.Subscriber]
	if !known {
		return false, false, nil
	}
	var attempts int
	herr := b.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var row struct {
			Attempts int `bun:"attempts"`
		}
		err := tx.NewRaw(`SELECT attempts FROM event_deliveries WHERE subscriber = ? AND event_id = ?
			AND status = 'pending' AND next_at <= ? FOR UPDATE SKIP LOCKED`, c.Subscriber, c.EventID, now).Scan(ctx, &row)
		if db.IsNoRows(err) {
			return errSkip
		}
		if err != nil {
			return err
		}
		attempts = row.Attempts
		tried = true
		e := new(Event)
		if err := tx.NewSelect().Model(e).Where("id = ?", c.EventID).Scan(ctx); err != nil {
			return err
		}
		if err := safeHandle(ctx, sub.Handle, tx, e); err != nil {
			return &handlerError{err}
		}
		_, err = tx.NewRaw(`UPDATE event_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = ''
			WHERE subscriber = ? AND event_id = ?`, now, c.Subscriber, c.EventID).Exec(ctx)
		return err
	})
	var he *handlerError
	switch {
	case herr == nil:
		return true, true, nil
	case errors.Is(herr, errSkip):
		return false, false, nil
	case errors.As(herr, &he):
		n := attempts + 1
		status := "pending"
		if n >= MaxAttempts {
			status = "dead"
		}
		msg := he.err.Error()
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		_, err := b.db.NewRaw(`UPDATE event_deliveries SET attempts = ?, status = ?, next_at = ?, last_error = ?
			WHERE subscriber = ? AND event_id = ? AND status = 'pending'`, n, status, now.Add(Backoff(n)), msg, c.Subscriber, c.EventID).Exec(ctx)
		if err != nil {
			return false, true, fmt.Errorf("events: record failure: %w", err)
		}
		b.log.Warn("event delivery failed", "subscriber", c.Subscriber, "event_id", c.EventID, "attempt", n, "error", msg)
		return false, true, nil
	default:
		return false, tried, fmt.Errorf("events: deliver %d to %s: %w", c.EventID, c.Subscriber, herr)
	}
}

type handlerError struct{ err error }

func (h *handlerError) Error() string { return h.err.Error() }

var errSkip = errors.New("skip")

func safeHandle(ctx context.Context, h Handler, tx bun.Tx, e *Event) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return h(ctx, tx, e)
}

// DeliverArgs is the River job that delivers due events.
type DeliverArgs struct{}

// Kind names the job.
func (DeliverArgs) Kind() string { return "events_deliver" }

// DeliverWorker runs Bus.DeliverDue.
type DeliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	Bus *Bus
}

// Work delivers what is due.
func (w *DeliverWorker) Work(ctx context.Context, _ *river.Job[DeliverArgs]) error {
	_, _, err := w.Bus.DeliverDue(ctx)
	return err
}

// PeriodicJob schedules delivery every interval.
func PeriodicJob(interval time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return DeliverArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
}
