package audit

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"
)

// Numbers are the ids an audit namer is asked for that are numbers (record ids are
// stored as text: a calendar's id is its code).
func Numbers(ids []string) []int64 {
	var nums []int64
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			nums = append(nums, n)
		}
	}
	return nums
}

// NamesByID reads the names an audit namer gives records (platform.AuditNamer): expr
// (a column or SQL expression over table, e.g. "number") by id; ids that are not numbers
// or no longer exist are left out.
func NamesByID(ctx context.Context, idb bun.IDB, table, expr string, ids []string) (map[string]string, error) {
	nums := Numbers(ids)
	out := map[string]string{}
	if len(nums) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := idb.NewSelect().Table(table).Column("id").ColumnExpr(expr+" AS name").Where("id IN (?)", bun.In(nums)).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[strconv.FormatInt(r.ID, 10)] = r.Name
	}
	return out, nil
}
