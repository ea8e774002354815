package secondment

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
)

// auditTables are the audited secondment records by the audit log's entity (and by the
// field that refers to them, "placement_id"): a placement by role · customer ·
// technician, an expense and an hour entry by their description, never "Placement 3"
// (issue 13).
var auditTables = map[string][2]string{
	"placement": {"placements", "role || ' · ' || (SELECT c.name FROM customers AS c WHERE c.id = placements.customer_id)" +
		" || ' · ' || (SELECT u.name FROM users AS u WHERE u.id = placements.technician_id)"},
	"placement_expense": {"placement_expenses", "description"},
	"hour_entry":        {"hour_entries", "description"},
}

// auditNamesOf names placements, expenses and hour entries, one query per entity;
// other entities answer nil.
func auditNamesOf(ctx context.Context, idb bun.IDB, entity string, ids []string) (map[string]string, error) {
	t, ok := auditTables[entity]
	if !ok {
		return nil, nil
	}
	return audit.NamesByID(ctx, idb, t[0], t[1], ids)
}

// statementLabel is what the audit log names a final statement by: its month and its
// placement's role and customer.
type statementLabel struct {
	ID       int64      `bun:"id"`
	Month    civil.Date `bun:"month"`
	Role     string     `bun:"role"`
	Customer string     `bun:"customer"`
}

// statementLabels reads the labels of final statements by id, in one query.
func statementLabels(ctx context.Context, idb bun.IDB, ids []int64) ([]statementLabel, error) {
	var rows []statementLabel
	if len(ids) == 0 {
		return rows, nil
	}
	err := idb.NewSelect().TableExpr("placement_statements AS s").ColumnExpr("s.id, s.month, p.role, c.name AS customer").
		Join("JOIN placements AS p ON p.id = s.placement_id").Join("JOIN customers AS c ON c.id = p.customer_id").
		Where("s.id IN (?)", bun.In(ids)).Scan(ctx, &rows)
	return rows, err
}
