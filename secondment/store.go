package secondment

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// constraints are the schema's rules the domain answers with its own problems.
var constraints = db.Constraints{
	"hour_entries_no_overlap":        ErrOverlappingHours,
	"secondment_month_final":         ErrStatementFinal,
	"placement_statements_once":      ErrStatementFinal,
	"placement_statements_immutable": ErrStatementFinal,
}

// lockMode selects a row lock for reads inside a transaction.
type lockMode string

const (
	noLock    lockMode = ""
	forShare  lockMode = "SHARE"
	forUpdate lockMode = "UPDATE"
)

func getPlacement(ctx context.Context, idb bun.IDB, id int64, lock lockMode) (*Placement, error) {
	p := new(Placement)
	args := db.NewParams(idb) // a locking read runs in a transaction: bun's path
	q := idb.NewSelect().Model(p).Where("placement.id = ?", args.Arg(id))
	if lock != noLock {
		q = q.For(string(lock))
	} else {
		// Names for display; a locking read stays on the placement row alone.
		q = q.ColumnExpr("placement.*").
			ColumnExpr("c.name AS customer_name, u.name AS technician_name").
			Join("JOIN customers AS c ON c.id = placement.customer_id").
			Join("JOIN users AS u ON u.id = placement.technician_id")
	}
	if err := args.Scan(ctx, q, p); err != nil {
		return nil, db.Translate(err, problem.NotFound("placement"), constraints)
	}
	return p, nil
}

// PlacementFilter narrows a placement list; After and Limit page through it.
type PlacementFilter struct {
	CustomerID   *int64
	TechnicianID *int64
	After        *PlacementCursor
	Limit        int64        // 0: no page limit (UI lists)
	List         *listq.Query // search, sort and cursor of the list tools; nil: by start date from After
}

// PlacementCursor is the sort key of the last placement of a page.
type PlacementCursor struct {
	StartDate civil.Date `json:"start_date"`
	ID        int64      `json:"id"`
}

func listPlacements(ctx context.Context, idb bun.IDB, pr *auth.Principal, f PlacementFilter) ([]Placement, error) {
	var out []Placement
	p := db.NewParams(idb)
	if f.List != nil {
		p = f.List.Params(idb)
	}
	q := idb.NewSelect().Model(&out).
		ColumnExpr("placement.*").
		ColumnExpr("c.name AS customer_name, u.name AS technician_name").
		Join("JOIN customers AS c ON c.id = placement.customer_id").
		Join("JOIN users AS u ON u.id = placement.technician_id")
	q = auth.ScopeWith(q, pr, "placement.customer_id", p)
	if pr.Is(auth.Technician) {
		q = q.Where("placement.technician_id = ?", p.Arg(pr.UserID))
	}
	if f.CustomerID != nil {
		q = q.Where("placement.customer_id = ?", p.Arg(*f.CustomerID))
	}
	if f.TechnicianID != nil {
		q = q.Where("placement.technician_id = ?", p.Arg(*f.TechnicianID))
	}
	if f.List != nil {
		var err error
		if q, err = searchPlacements(ctx, idb, q, *f.List); err != nil {
			return nil, err
		}
		q = placementList.Apply(q, *f.List, p)
	} else {
		q = q.OrderExpr("placement.start_date DESC, placement.id DESC")
		if f.After != nil {
			q = q.Where("(placement.start_date, placement.id) < (?, ?)", p.Arg(f.After.StartDate), p.Arg(f.After.ID))
		}
		if f.Limit > 0 {
			q = q.Limit(f.Limit)
		}
	}
	if err := p.Scan(ctx, q, &out); err != nil {
		return nil, db.Translate(err, problem.NotFound("placements"), constraints)
	}
	return out, nil
}

func getEntry(ctx context.Context, idb bun.IDB, id int64, lock lockMode) (*HourEntry, error) {
	e := new(HourEntry)
	q := idb.NewSelect().Model(e).Where("hour_entry.id = ?", id)
	if lock != noLock {
		q = q.For(string(lock))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("hour entry"), constraints)
	}
	return e, nil
}

// EntryFilter narrows an hour entry list; After and Limit page through it.
type EntryFilter struct {
	PlacementID *int64
	Status      *EntryStatus
	From, To    *time.Time // started_at in [From, To)
	After       *EntryCursor
	Limit       int64 // 0: at most 5000 (UI week and queue views)
	Desc        bool  // newest first: the same indexes read backwards, the cursor compares <
}

// EntryCursor is the sort key of the last entry of a page.
type EntryCursor struct {
	StartedAt time.Time `json:"started_at"`
	ID        int64     `json:"id"`
}

func listEntries(ctx context.Context, idb bun.IDB, pr *auth.Principal, f EntryFilter) ([]HourEntry, error) {
	var out []HourEntry
	args := db.NewParams(idb)
	if err := args.Scan(ctx, entriesQueryWith(idb, &out, pr, f, args), &out); err != nil {
		return nil, db.Translate(err, problem.NotFound("hour entries"), constraints)
	}
	return out, nil
}

// entriesQuery is the hour list's SQL: ordered by (started_at, id) either way, which the
// indexes hour_entries_list_idx, _placement_list_idx, _status_list_idx and
// _technician_list_idx serve as range scans forwards or backwards (migration 0320), so a
// page reads limit + 1 index entries.
func entriesQuery(idb bun.IDB, out *[]HourEntry, pr *auth.Principal, f EntryFilter) *bun.SelectQuery {
	return entriesQueryWith(idb, out, pr, f, nil)
}

// entriesQueryWith is entriesQuery with its values through args (db.Params; nil inlines).
func entriesQueryWith(idb bun.IDB, out *[]HourEntry, pr *auth.Principal, f EntryFilter, args *db.Params) *bun.SelectQuery {
	q := idb.NewSelect().Model(out).
		ColumnExpr("hour_entry.*").
		ColumnExpr("u.name AS technician_name, p.customer_id, c.name AS customer_name").
		Join("JOIN placements AS p ON p.id = hour_entry.placement_id").
		Join("JOIN users AS u ON u.id = hour_entry.technician_id").
		Join("JOIN customers AS c ON c.id = p.customer_id")
	after := "(hour_entry.started_at, hour_entry.id) > (?, ?)"
	if f.Desc {
		q = q.OrderExpr("hour_entry.started_at DESC, hour_entry.id DESC")
		after = "(hour_entry.started_at, hour_entry.id) < (?, ?)"
	} else {
		q = q.OrderExpr("hour_entry.started_at, hour_entry.id")
	}
	q = auth.ScopeWith(q, pr, "p.customer_id", args)
	if pr.Is(auth.Technician) {
		q = q.Where("hour_entry.technician_id = ?", args.Arg(pr.UserID))
	}
	if f.PlacementID != nil {
		q = q.Where("hour_entry.placement_id = ?", args.Arg(*f.PlacementID))
	}
	if f.Status != nil {
		q = q.Where("hour_entry.status = ?", *f.Status) // inlined: a generic plan would read a rare status through the time index (TestExplainHourLists)
	}
	if f.From != nil {
		q = q.Where("hour_entry.started_at >= ?", args.Arg(*f.From))
	}
	if f.To != nil {
		q = q.Where("hour_entry.started_at < ?", args.Arg(*f.To))
	}
	if f.After != nil {
		q = q.Where(after, args.Arg(f.After.StartedAt), args.Arg(f.After.ID))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 5000
	}
	return q.Limit(limit)
}

// monthEntries are all entries of a placement that start in month m (any status).
func monthEntries(ctx context.Context, idb bun.IDB, placementID int64, m civil.Month) ([]HourEntry, error) {
	var out []HourEntry
	err := idb.NewSelect().Model(&out).
		Where("placement_id = ? AND month = ?", placementID, m.First()).
		Where("status IN ('submitted', 'approved')").
		OrderExpr("started_at, id").Scan(ctx)
	return out, db.Translate(err, problem.NotFound("hour entries"), constraints)
}

func monthExpenses(ctx context.Context, idb bun.IDB, placementID int64, m civil.Month, desc bool) ([]Expense, error) {
	var out []Expense
	err := idb.NewSelect().Model(&out).
		Where("placement_id = ? AND date BETWEEN ? AND ?", placementID, m.First(), m.Last()).
		OrderExpr(expenseOrder(desc)).Scan(ctx)
	return out, db.Translate(err, problem.NotFound("expenses"), constraints)
}

// finalStatement returns the closed statement of a month; found is false while it is open.
func finalStatement(ctx context.Context, idb bun.IDB, placementID int64, m civil.Month) (s *FinalStatement, found bool, err error) {
	s = new(FinalStatement)
	err = idb.NewSelect().Model(s).Where("placement_id = ? AND month = ?", placementID, m.First()).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, db.Translate(err, problem.NotFound("statement"), constraints)
	}
	return s, true, nil
}

// userRole reads a user's role and company, to check technicians and contacts.
func userRole(ctx context.Context, idb bun.IDB, id int64) (auth.Role, *int64, bool, error) {
	var row struct {
		Role       string `bun:"role"`
		CustomerID *int64 `bun:"customer_id"`
		Active     bool   `bun:"active"`
	}
	err := idb.NewSelect().Table("users").Column("role", "customer_id", "active").Where("id = ?", id).Scan(ctx, &row)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, db.Translate(err, problem.NotFound("user"), constraints)
	}
	return auth.Role(row.Role), row.CustomerID, row.Active, nil
}

func customerExists(ctx context.Context, idb bun.IDB, id int64) (bool, error) {
	ok, err := idb.NewSelect().Table("customers").Where("id = ?", id).Exists(ctx)
	return ok, db.Translate(err, problem.NotFound("customer"), constraints)
}

// liveEntriesOutside counts live entries of a placement outside [start, end].
func liveEntriesOutside(ctx context.Context, idb bun.IDB, placementID int64, from, to time.Time, bounded bool) (int, error) {
	q := idb.NewSelect().Table("hour_entries").
		Where("placement_id = ? AND status IN ('submitted', 'approved')", placementID)
	if bounded {
		q = q.Where("(started_at < ? OR ended_at > ?)", from, to)
	} else {
		q = q.Where("started_at < ?", from)
	}
	n, err := q.Count(ctx)
	return int(n), db.Translate(err, problem.NotFound("hour entries"), constraints)
}

// monthDate is the first day of the month of t in loc, the statement month of an entry.
func monthDate(t time.Time, loc *time.Location) civil.Date {
	return civil.MonthOf(t, loc).First()
}

// getPlacementForLogging reads placement id FOR SHARE and takes technicianID's hours lock
// (lockTechnicianHours) in the same statement: the two reads every hour entry starts with,
// in one round trip (issue 14).
func getPlacementForLogging(ctx context.Context, idb bun.IDB, id, technicianID int64) (*Placement, error) {
	p := new(Placement)
	err := idb.NewSelect().Model(p).
		With("hours_lock", idb.NewRaw("SELECT pg_advisory_xact_lock(hashtext('secondment.hour_entries'), (? % 2147483647)::int)", technicianID)).
		TableExpr("hours_lock").Where("placement.id = ?", id).For("SHARE OF placement").Scan(ctx)
	if err != nil {
		return nil, db.Translate(err, problem.NotFound("placement"), constraints)
	}
	return p, nil
}

// lockTechnicianHours serialises the writers of one technician's hours for the rest of
// the transaction. The exclusion constraint hour_entries_no_overlap is what refuses an
// overlap; without this lock two concurrent overlapping inserts wait on each other
// inside that constraint check and PostgreSQL breaks the deadlock by aborting one.
func lockTechnicianHours(ctx context.Context, idb bun.IDB, technicianID int64) error {
	_, err := idb.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext('secondment.hour_entries'), (? % 2147483647)::int)", technicianID)
	return db.Translate(err, problem.NotFound("technician hours lock"), constraints)
}

// replacements is a placement's replacement history, oldest first, with names.
func listReplacements(ctx context.Context, idb bun.IDB, placementID int64) ([]Replacement, error) {
	var out []Replacement
	err := idb.NewSelect().Model(&out).
		ColumnExpr("replacement.*").
		ColumnExpr("uf.name AS from_technician_name, ut.name AS to_technician_name").
		Join("JOIN users AS uf ON uf.id = replacement.from_technician_id").
		Join("JOIN users AS ut ON ut.id = replacement.to_technician_id").
		Where("replacement.placement_id = ?", placementID).
		OrderExpr("replacement.created_at, replacement.id").Scan(ctx)
	return out, db.Translate(err, problem.NotFound("replacements"), constraints)
}
