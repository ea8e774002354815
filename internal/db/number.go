package db

import (
	"context"

	"github.com/uptrace/bun"
)

// Numbering is a gapless yearly number (Q2026-0001, T2026-00042) drawn inside the INSERT
// that creates its row: the counters row Counter ("ticket:2026") is incremented in a CTE
// named n (Draw) and the number column gets Prefix followed by the value with at least
// Digits digits (Set; "T2026-123456" after 99,999). The counter row stays locked until
// the transaction ends, so every statement from the draw on serialises the creates of
// that counter: compose the draw into the last insert, with only the writes that need the
// number (one db.Batch) and COMMIT after it. Inserting the number instead of updating a
// placeholder also spares the second version of the row and its index entries (issue 14).
type Numbering struct {
	Counter, Prefix string
	Digits          int
}

// Draw is the counter's upsert, for `WITH n AS (?)`.
func (n Numbering) Draw(idb bun.IDB) *bun.RawQuery {
	return idb.NewRaw(`INSERT INTO counters (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, n.Counter)
}

// Set gives q's column the number drawn by the CTE n.
func (n Numbering) Set(q *bun.InsertQuery, column string) *bun.InsertQuery {
	return q.Value(column, "(SELECT ? || lpad(n.value::text, greatest(?, length(n.value::text)), '0') FROM n)", n.Prefix, n.Digits)
}

// NumberGate bounds how many transactions of this process that draw from one gapless
// counter run at once; the rest wait in line here, before their transaction begins,
// instead of as PostgreSQL backends queued on the counter row's lock. The lock still
// decides the numbers (gapless across instances); the gate only keeps the queue out of
// the database: eight ticket creates at once left six backends waiting on the row and
// the holder competing with them for the two cores, p99 55–64 ms; through a gate of two,
// p99 25 ms at a higher rate (`loadtest -only 'POST /tickets'`, issue 14).
type NumberGate chan struct{}

// NewNumberGate lets n transactions through at a time.
func NewNumberGate(n int) NumberGate { return make(NumberGate, n) }

// Do runs fn once a place is free (or gives up when ctx ends first).
func (g NumberGate) Do(ctx context.Context, fn func() error) error {
	select {
	case g <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g }()
	return fn()
}
