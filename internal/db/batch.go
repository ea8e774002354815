package db

import (
	"context"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// Batch sends the statements qs to PostgreSQL in one message and waits for one answer:
// bun writes every value into the SQL text and runs on the simple protocol (BunExecMode),
// where a query string may hold several statements separated by semicolons. Inside a
// transaction they run in order in it; outside one, PostgreSQL runs them as one implicit
// transaction. Results (RETURNING rows) are discarded, so batch only the writes whose
// answer the caller does not need — the audit entry, the event and the mail of a create,
// sent together right before COMMIT while the numbering row is locked (issue 14).
// A failing statement fails the batch, and with it the transaction.
func Batch(ctx context.Context, idb bun.IDB, qs ...schema.QueryAppender) error {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		_, err := idb.NewRaw("?", qs[0]).Exec(ctx)
		return err
	}
	args := make([]any, len(qs))
	for i, q := range qs {
		args[i] = q
	}
	_, err := idb.NewRaw(strings.TrimSuffix(strings.Repeat("?;\n", len(qs)), ";\n"), args...).Exec(ctx)
	return err
}
