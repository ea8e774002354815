package secondment

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// monthOf is one month of many placements, read with three queries whatever their
// number (the invoice run's GET /statements; issue 14).
type monthOf struct {
	finals   map[int64]*FinalStatement
	entries  map[int64][]HourEntry
	expenses map[int64][]Expense
}

func monthOfPlacements(ctx context.Context, idb bun.IDB, ids []int64, m civil.Month) (*monthOf, error) {
	out := &monthOf{finals: map[int64]*FinalStatement{}, entries: map[int64][]HourEntry{}, expenses: map[int64][]Expense{}}
	if len(ids) == 0 {
		return out, nil
	}
	var finals []FinalStatement
	if err := idb.NewSelect().Model(&finals).Where("month = ? AND placement_id IN (?)", m.First(), bun.In(ids)).Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("statements"), constraints)
	}
	for i := range finals {
		out.finals[finals[i].PlacementID] = &finals[i]
	}
	var open []int64
	for _, id := range ids {
		if out.finals[id] == nil {
			open = append(open, id)
		}
	}
	if len(open) == 0 {
		return out, nil
	}
	var entries []HourEntry
	if err := idb.NewSelect().Model(&entries).
		Where("placement_id IN (?) AND month = ?", bun.In(open), m.First()).
		Where("status IN ('submitted', 'approved')").
		OrderExpr("placement_id, started_at, id").Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("hour entries"), constraints)
	}
	for _, e := range entries {
		out.entries[e.PlacementID] = append(out.entries[e.PlacementID], e)
	}
	var expenses []Expense
	if err := idb.NewSelect().Model(&expenses).
		Where("placement_id IN (?) AND date BETWEEN ? AND ?", bun.In(open), m.First(), m.Last()).
		OrderExpr("placement_id, date, id").Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("expenses"), constraints)
	}
	for _, x := range expenses {
		out.expenses[x.PlacementID] = append(out.expenses[x.PlacementID], x)
	}
	return out, nil
}
