package db

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// AssignNumber draws the next gapless value of counter (a row of counters(name, value),
// e.g. "ticket:2026") and sets column number of row id in table to prefix followed by
// the value with at least digits digits ("T2026-" and 5: "T2026-00042", "T2026-123456"
// after 99,999), in one statement, and returns the number. The counter row stays locked
// until the transaction ends, so every statement after this one serialises the creates
// of that counter: draw the number last, right before the writes that need it (issue 14).
func AssignNumber(ctx context.Context, idb bun.IDB, table string, id int64, counter, prefix string, digits int) (string, error) {
	var number string
	err := idb.NewRaw(`WITH n AS (INSERT INTO counters (name, value) VALUES (?, 1)
			ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value)
		UPDATE ? AS t SET number = ? || lpad(n.value::text, greatest(?, length(n.value::text)), '0')
		FROM n WHERE t.id = ? RETURNING t.number`,
		counter, bun.Ident(table), prefix, digits, id).Scan(ctx, &number)
	if err != nil {
		return "", fmt.Errorf("db: number %s of %s %d: %w", counter, table, id, err)
	}
	return number, nil
}
