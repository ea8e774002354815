package secondment

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/listq"
)

// placementList is the placement list's sorts and cursor (internal/listq): by start date
// (placements_list_idx, the default, newest first), by role (placements_role_sort_idx) or
// by creation.
var placementList = listq.Spec[Placement]{
	ID: "placement.id", IDOf: func(p Placement) int64 { return p.ID }, Desc: true,
	Sorts: []listq.Column[Placement]{
		{Key: "start", Expr: "placement.start_date", Value: func(p Placement) string { return p.StartDate.String() }},
		{Key: "role", Expr: "placement.role", Value: func(p Placement) string { return p.Role }},
		{Key: "created", Expr: "placement.id", Value: func(p Placement) string { return strconv.FormatInt(p.ID, 10) }},
	},
}

// searchPlacements narrows the list to placements whose role (lower(role): placements_search_idx),
// customer's name or technician's name contains the search; the customers and users are
// looked up first (accounts' read API), so the query is one BitmapOr of indexes.
func searchPlacements(ctx context.Context, idb bun.IDB, q *bun.SelectQuery, lq listq.Query) (*bun.SelectQuery, error) {
	if !lq.Searching() {
		return q, nil
	}
	customers, err := accounts.CustomersNamed(ctx, idb, lq.Like())
	if err != nil {
		return nil, err
	}
	users, err := accounts.UsersNamed(ctx, idb, lq.Like())
	if err != nil {
		return nil, err
	}
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("lower(placement.role) LIKE lower(?)", lq.Like())
		if len(customers) > 0 {
			q = q.WhereOr("placement.customer_id IN (?)", bun.In(customers))
		}
		if len(users) > 0 {
			q = q.WhereOr("placement.technician_id IN (?)", bun.In(users))
		}
		return q
	}), nil
}
