package secondment

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// The writes of placements, hour entries, expenses and statements, and the reads the
// services used to build themselves: the only SQL of the package besides store.go.

func insertPlacement(ctx context.Context, idb bun.IDB, p *Placement) error {
	_, err := idb.NewInsert().Model(p).Returning("*").Exec(ctx)
	return db.Translate(err, problem.NotFound("placement"), constraints)
}

func updatePlacement(ctx context.Context, idb bun.IDB, p *Placement) error {
	_, err := idb.NewUpdate().Model(p).ExcludeColumn("id", "customer_id", "technician_id", "created_at").WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("placement"), constraints)
}

func updatePlacementColumns(ctx context.Context, idb bun.IDB, p *Placement, cols ...string) error {
	_, err := idb.NewUpdate().Model(p).Column(cols...).WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("placement"), constraints)
}

func setPlacementTechnician(ctx context.Context, idb bun.IDB, p *Placement, technicianID int64, now time.Time) error {
	_, err := idb.NewUpdate().Model(p).Set("technician_id = ?", technicianID).Set("updated_at = ?", now).WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("placement"), constraints)
}

func insertReplacement(ctx context.Context, idb bun.IDB, r *Replacement) error {
	_, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx)
	return db.Translate(err, problem.NotFound("replacement"), constraints)
}

// placementsInMonth are the placements running in m, with display names, for the invoice run.
func placementsInMonth(ctx context.Context, idb bun.IDB, m civil.Month) ([]Placement, error) {
	var ps []Placement
	err := idb.NewSelect().Model(&ps).
		ColumnExpr("placement.*").
		ColumnExpr("c.name AS customer_name, u.name AS technician_name").
		Join("JOIN customers AS c ON c.id = placement.customer_id").
		Join("JOIN users AS u ON u.id = placement.technician_id").
		Where("placement.start_date <= ?", m.Last()).
		Where("placement.end_date IS NULL OR placement.end_date >= ?", m.First()).
		OrderExpr("c.name, placement.id").Scan(ctx)
	return ps, db.Translate(err, problem.NotFound("placements"), constraints)
}

func insertEntry(ctx context.Context, idb bun.IDB, e *HourEntry) error {
	_, err := idb.NewInsert().Model(e).Returning("id").Exec(ctx)
	return db.Translate(err, problem.NotFound("hour entry"), constraints)
}

// insertEntryAudited inserts e and its audit entry in one statement, setting e.ID: entry
// comes from audit.Insert, and the statement gives it e's new id and e as its changes,
// like audit.Record(…, e.ID, …, e) after the insert would (issue 14).
func insertEntryAudited(ctx context.Context, idb bun.IDB, e *HourEntry, entry *bun.InsertQuery) error {
	changes, err := json.Marshal(e)
	if err != nil {
		return err
	}
	var id string
	err = entry.With("e", idb.NewInsert().Model(e).Returning("id")).
		Value("entity_id", "(SELECT id::text FROM e)").
		Value("changes", "jsonb_set(?::jsonb, '{ID}', (SELECT to_jsonb(id) FROM e))", string(changes)).
		Returning("entity_id").Scan(ctx, &id)
	if err != nil {
		return db.Translate(err, problem.NotFound("hour entry"), constraints)
	}
	e.ID, err = strconv.ParseInt(id, 10, 64)
	return err
}

func updateEntryColumns(ctx context.Context, idb bun.IDB, e *HourEntry, cols ...string) error {
	_, err := idb.NewUpdate().Model(e).Column(cols...).WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("hour entry"), constraints)
}

func insertExpense(ctx context.Context, idb bun.IDB, x *Expense) error {
	_, err := idb.NewInsert().Model(x).Returning("id").Exec(ctx)
	return db.Translate(err, problem.NotFound("expense"), constraints)
}

// listExpenses are a placement's expenses by date (newest first when desc), of month m
// when given: a range of placement_expenses_sort_idx (placement_id, date, id), read
// forwards or backwards (migration 0710).
func listExpenses(ctx context.Context, idb bun.IDB, placementID int64, m *civil.Month, desc bool) ([]Expense, error) {
	var out []Expense
	q := idb.NewSelect().Model(&out).Where("placement_id = ?", placementID).OrderExpr(expenseOrder(desc))
	if m != nil {
		q = q.Where("date BETWEEN ? AND ?", m.First(), m.Last())
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("expenses"), constraints)
	}
	return out, nil
}

// expenseOrder is the expense lists' one order, by date and id, either way.
func expenseOrder(desc bool) string {
	if desc {
		return "date DESC, id DESC"
	}
	return "date, id"
}

func getExpense(ctx context.Context, idb bun.IDB, id int64, lock lockMode) (*Expense, error) {
	x := new(Expense)
	q := idb.NewSelect().Model(x).Where("id = ?", id)
	if lock != noLock {
		q = q.For(string(lock))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("expense"), constraints)
	}
	return x, nil
}

func expensePlacementID(ctx context.Context, idb bun.IDB, id int64) (int64, error) {
	var pid int64
	err := idb.NewSelect().Table("placement_expenses").Column("placement_id").Where("id = ?", id).Scan(ctx, &pid)
	return pid, db.Translate(err, problem.NotFound("expense"), constraints)
}

func updateExpense(ctx context.Context, idb bun.IDB, x *Expense) error {
	_, err := idb.NewUpdate().Model(x).Column("date", "kind", "km", "amount", "description").WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("expense"), constraints)
}

func deleteExpense(ctx context.Context, idb bun.IDB, x *Expense) error {
	_, err := idb.NewDelete().Model(x).WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("expense"), constraints)
}

func insertStatement(ctx context.Context, idb bun.IDB, row *FinalStatement) error {
	_, err := idb.NewInsert().Model(row).Returning("id").Exec(ctx)
	return db.Translate(err, problem.NotFound("statement"), constraints)
}
