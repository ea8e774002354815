package orders

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"
)

// auditNames names quotes ("Q2026-0012 v2"), orders and contracts (their numbers) by id
// for the audit log; other entities answer nil.
func auditNames(ctx context.Context, idb bun.IDB, entity string, ids []int64) (map[string]string, error) {
	expr := map[string]string{
		"quote":    "number || ' v' || version",
		"order":    "number",
		"contract": "number",
	}[entity]
	table := map[string]string{"quote": "quotes", "order": "orders", "contract": "contracts"}[entity]
	if expr == "" {
		return nil, nil
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := idb.NewSelect().Table(table).Column("id").ColumnExpr(expr+" AS name").Where("id IN (?)", bun.In(ids)).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[strconv.FormatInt(r.ID, 10)] = r.Name
	}
	return out, nil
}
