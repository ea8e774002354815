package testkit

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"
)

// queryCounter is a bun QueryHook on the package's shared database that counts every
// statement (BEGIN and COMMIT included: each is a round trip) while a Queries is open.
type queryCounter struct {
	mu     sync.Mutex
	active *Queries
}

var counter = &queryCounter{}

func (h *queryCounter) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	return ctx
}

func (h *queryCounter) AfterQuery(ctx context.Context, e *bun.QueryEvent) { h.record(ctx, e.Query) }

// record counts one statement; it is also db's prepared-path hook (SetPreparedHook), so
// a list query sent as a prepared statement counts like one sent through bun.
func (h *queryCounter) record(_ context.Context, query string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.active != nil {
		h.active.statements = append(h.active.statements, strings.Join(strings.Fields(query), " "))
	}
}

// Queries counts the statements the application sends to the database between
// CountQueries and Stop: a budget test asserts that a use case stays within its number
// of round trips (reads after writes, N+1 loops). The test must not run in parallel with
// others of its package, whose statements would count too.
type Queries struct {
	t          testing.TB
	statements []string
}

// CountQueries starts counting; Stop ends it (also at cleanup).
func CountQueries(t testing.TB) *Queries {
	t.Helper()
	DB(t)
	q := &Queries{t: t}
	counter.mu.Lock()
	counter.active = q
	counter.mu.Unlock()
	t.Cleanup(func() { q.Stop() })
	return q
}

// Stop ends counting and returns the number of statements.
func (q *Queries) Stop() int {
	counter.mu.Lock()
	defer counter.mu.Unlock()
	if counter.active == q {
		counter.active = nil
	}
	return len(q.statements)
}

// Statements lists what was sent (whitespace folded), for a failing budget's message.
func (q *Queries) Statements() []string {
	counter.mu.Lock()
	defer counter.mu.Unlock()
	return append([]string(nil), q.statements...)
}

// Within fails the test when more than budget statements were sent, listing them.
func (q *Queries) Within(budget int, what string) int {
	q.t.Helper()
	n := q.Stop()
	if n > budget {
		q.t.Errorf("%s sent %d statements, budget %d:\n%s", what, n, budget, strings.Join(q.Statements(), "\n"))
	}
	q.t.Logf("%s: %d statements (budget %d)", what, n, budget)
	return n
}

// CountOn makes CountQueries count the statements of another database too (a test's own
// fresh database, such as one seeded with the demo data).
func CountOn(d *bun.DB) { d.AddQueryHook(counter) }
