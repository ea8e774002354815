package tickets

import (
	"context"

	"github.com/uptrace/bun"
)

// countByOrigin counts the tickets another domain's record opened (0 or 1).
func countByOrigin(ctx context.Context, idb bun.IDB, origin string) (int, error) {
	n, err := idb.NewSelect().Model((*Ticket)(nil)).Where("origin = ?", origin).Count(ctx)
	return int(n), err
}
