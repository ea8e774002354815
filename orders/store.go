package orders

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// isUniqueOn reports a unique violation of the named constraint.
func isUniqueOn(err error, constraint string) bool {
	return err != nil && db.Code(err) == db.UniqueViolation && db.Constraint(err) == constraint
}

// nextNumber draws the next gapless number of a yearly sequence from the row-locked counter
// table; the counter row stays locked until the transaction ends, so numbers are unique
// and without gaps under concurrent creation.
func nextNumber(ctx context.Context, idb bun.IDB, series string, year int) (int64, error) {
	var n int64
	err := idb.NewRaw(`INSERT INTO counters (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
		fmt.Sprintf("%s:%d", series, year)).Scan(ctx, &n)
	return n, err
}

// insertNewQuote stores a new quote with the next gapless number of year (Q2026-0042,
// at least four digits) and its lines, in one statement, and returns it as stored (the
// columns' scales, microsecond instants): the answer of a create, without reading it
// again. It draws the number, so the counter row stays locked until the transaction
// ends: only the writes that need the number may follow (issue 14).
func insertNewQuote(ctx context.Context, idb bun.IDB, q *Quote, now time.Time, year int) (*Quote, error) {
	num := db.Numbering{Counter: fmt.Sprintf("quote:%d", year), Prefix: fmt.Sprintf("Q%d-", year), Digits: 4}
	r := toQuoteRow(q, now)
	r.ID = 0
	quote := num.Set(idb.NewInsert().Model(r), "number").Returning("*")
	var err error
	if len(q.Lines) == 0 {
		err = idb.NewRaw("WITH n AS (?), q AS (?) SELECT q.* FROM q", num.Draw(idb), quote).Scan(ctx, r)
	} else {
		rows := lineRows(q)
		lines := idb.NewInsert().Model(&rows).Value("quote_id", "(SELECT id FROM q)").Returning("*")
		err = idb.NewRaw("WITH n AS (?), q AS (?), l AS (?) SELECT q.*, (SELECT json_agg(l ORDER BY l.position) FROM l) AS lines_json FROM q",
			num.Draw(idb), quote, lines).Scan(ctx, r)
	}
	if err != nil {
		return nil, db.Translate(err, problem.NotFound("quote"), nil)
	}
	var rows []lineRow
	if len(r.LinesJSON) > 0 {
		if err := json.Unmarshal(r.LinesJSON, &rows); err != nil {
			return nil, fmt.Errorf("orders: lines of new quote %d: %w", r.ID, err)
		}
	}
	out := make([]Line, len(rows))
	for i, l := range rows {
		out[i] = l.line()
		q.Lines[i].ID = l.ID
	}
	q.ID, q.Number = r.ID, r.Number
	r.CustomerName = q.CustomerName
	return r.quote(out), nil
}

// insertQuote stores a quote version under its number (a revision) and its lines.
func insertQuote(ctx context.Context, idb bun.IDB, q *Quote, now time.Time) error {
	r := toQuoteRow(q, now)
	r.ID = 0
	if _, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("quote"), nil)
	}
	q.ID = r.ID
	return insertQuoteLines(ctx, idb, q)
}

func insertQuoteLines(ctx context.Context, idb bun.IDB, q *Quote) error {
	if len(q.Lines) == 0 {
		return nil
	}
	rows := lineRows(q)
	for i := range rows {
		rows[i].QuoteID = q.ID
	}
	if _, err := idb.NewInsert().Model(&rows).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("quote line"), nil)
	}
	for i := range rows {
		q.Lines[i].ID = rows[i].ID
	}
	return nil
}

// lineRows are q's lines to insert, their positions numbered from 1 (also on q.Lines).
func lineRows(q *Quote) []quoteLineRow {
	rows := make([]quoteLineRow, len(q.Lines))
	for i := range q.Lines {
		q.Lines[i].Position = i + 1
		rows[i] = quoteLineRow{lineRow: toLineRow(q.Lines[i]), QuoteID: q.ID}
		rows[i].ID = 0
	}
	return rows
}

// saveQuote writes a quote's header (status, acceptance, totals, terms).
func saveQuote(ctx context.Context, idb bun.IDB, q *Quote, now time.Time) error {
	r := toQuoteRow(q, now)
	_, err := idb.NewUpdate().Model(r).ExcludeColumn("id", "number", "version", "created_at", "created_by", "reminder_sent_at").
		WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("quote"), nil)
}

// replaceQuoteLines swaps a draft's lines for new ones.
func replaceQuoteLines(ctx context.Context, idb bun.IDB, q *Quote) error {
	if _, err := idb.NewDelete().TableExpr("quote_lines").Where("quote_id = ?", q.ID).Exec(ctx); err != nil {
		return err
	}
	return insertQuoteLines(ctx, idb, q)
}

// getQuote loads a quote version with its lines; lock takes the row lock that serialises
// concurrent state changes (two accepts: the second waits and then sees accepted).
func getQuote(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Quote, error) {
	r := new(quoteRow)
	p := db.NewParams(idb) // a locking read runs in a transaction: bun's path
	q := idb.NewSelect().Model(r).ColumnExpr("q.*").ColumnExpr("c.name AS customer_name").
		ColumnExpr("coalesce((SELECT min(o.id) FROM orders AS o WHERE o.quote_id = q.id), 0) AS order_id").
		ColumnExpr("coalesce((SELECT max(k.id) FROM contracts AS k JOIN orders AS o ON o.id = k.order_id WHERE o.quote_id = q.id), 0) AS contract_id").
		Join("JOIN customers AS c ON c.id = q.customer_id").Where("q.id = ?", p.Arg(id))
	if lock {
		q = q.For("UPDATE OF q")
	}
	if err := p.Scan(ctx, q, r); err != nil {
		return nil, db.Translate(err, problem.NotFound(fmt.Sprintf("quote %d", id)), nil)
	}
	var lines []quoteLineRow
	lp := db.NewParams(idb)
	if err := lp.Scan(ctx, idb.NewSelect().Model(&lines).Where("quote_id = ?", lp.Arg(id)).Order("position"), &lines); err != nil {
		return nil, err
	}
	out := make([]Line, len(lines))
	for i, l := range lines {
		out[i] = l.line()
	}
	return r.quote(out), nil
}

// QuoteFilter narrows the quote list.
type QuoteFilter struct {
	Status         QuoteStatus // effective status, "" for all
	CustomerID     *int64
	ExpiringWithin *int // open quotes whose validity ends within this many days
	AfterID        int64
	Limit          int
	List           *listq.Query // search, sort and cursor of the list tools; nil: newest first from AfterID
	Principal      *auth.Principal
	Today          civil.Date // Amsterdam date of now, for derived expiry
}

// listQuotes returns quote versions newest first with their stored totals; it filters on
// the derived status (a sent quote past valid_until is expired) in SQL.
func listQuotes(ctx context.Context, idb bun.IDB, f QuoteFilter) ([]*Quote, error) {
	var rows []quoteRow
	p := db.NewParams(idb)
	if f.List != nil {
		p = f.List.Params(idb)
	}
	q := idb.NewSelect().Model(&rows).ColumnExpr("q.*").ColumnExpr("c.name AS customer_name").
		Join("JOIN customers AS c ON c.id = q.customer_id")
	q = auth.ScopeWith(q, f.Principal, "q.customer_id", p)
	if f.Principal != nil && !f.Principal.IsStaff() {
		q = q.Where("q.status <> 'draft'") // a customer never sees a draft (see visible)
	}
	if f.CustomerID != nil {
		q = q.Where("q.customer_id = ?", p.Arg(*f.CustomerID))
	}
	switch f.Status {
	case "":
	case QuoteSent:
		q = q.Where("q.status = 'sent' AND q.valid_until >= ?", p.Arg(f.Today))
	case QuoteExpired:
		q = q.Where("(q.status = 'expired' OR (q.status = 'sent' AND q.valid_until < ?))", p.Arg(f.Today))
	default:
		q = q.Where("q.status = ?", string(f.Status)) // a status stays inlined: a few statement texts, each planned for its status
	}
	if f.ExpiringWithin != nil {
		q = q.Where("q.status = 'sent' AND q.valid_until >= ? AND q.valid_until <= ?", p.Arg(f.Today), p.Arg(f.Today.AddDays(*f.ExpiringWithin)))
	}
	if f.List != nil {
		var err error
		if q, err = searchCustomers(ctx, idb, q, *f.List, "(q.number || ' ' || q.title)", "q.customer_id"); err != nil {
			return nil, err
		}
		q = quoteList.Apply(q, *f.List, p)
	} else {
		if f.AfterID > 0 {
			q = q.Where("q.id < ?", p.Arg(f.AfterID))
		}
		q = q.Order("q.id DESC").Limit(int64(f.Limit))
	}
	if err := p.Scan(ctx, q, &rows); err != nil {
		return nil, err
	}
	out := make([]*Quote, len(rows))
	for i := range rows {
		out[i] = rows[i].quote(nil)
	}
	return out, nil
}

// draftRefs checks what a draft refers to in one statement (a clean 422 instead of a
// foreign-key failure): the customer's name (nil when there is no such customer) and whether the index series exists (true without one).
func draftRefs(ctx context.Context, idb bun.IDB, customerID int64, series string) (*string, bool, error) {
	var r struct {
		Name   *string `bun:"name"`
		Series bool    `bun:"series"`
	}
	err := idb.NewRaw(`SELECT (SELECT name FROM customers WHERE id = ?) AS name,
		(? = '' OR EXISTS (SELECT 1 FROM index_series WHERE code = ?)) AS series`, customerID, series, series).Scan(ctx, &r)
	return r.Name, r.Series, err
}

// userEmail returns a user's address ("" when unknown).
func userEmail(ctx context.Context, idb bun.IDB, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var email string
	err := idb.NewSelect().TableExpr("users").Column("email").Where("id = ?", id).Scan(ctx, &email)
	if db.IsNoRows(err) {
		return "", nil
	}
	return email, err
}

// claimRemindable locks (SKIP LOCKED) a batch of sent quotes, not yet reminded, whose
// validity ends between from and to.
func claimRemindable(ctx context.Context, idb bun.IDB, from, to civil.Date) ([]quoteRow, error) {
	var due []quoteRow
	err := idb.NewSelect().Model(&due).ColumnExpr("q.*").
		Where("q.status = 'sent' AND q.reminder_sent_at IS NULL AND q.valid_until >= ? AND q.valid_until <= ?", from, to).
		OrderExpr("q.valid_until, q.id").Limit(sweepBatch).For("UPDATE SKIP LOCKED").Scan(ctx)
	return due, err
}

func markReminded(ctx context.Context, idb bun.IDB, id int64, now time.Time) error {
	_, err := idb.NewUpdate().TableExpr("quotes").Set("reminder_sent_at = ?", now).Where("id = ?", id).Exec(ctx)
	return err
}

// claimExpired locks (SKIP LOCKED) a batch of sent quotes past their validity.
func claimExpired(ctx context.Context, idb bun.IDB, today civil.Date) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().TableExpr("quotes").Column("id").Where("status = 'sent' AND valid_until < ?", today).
		OrderExpr("id").Limit(sweepBatch).For("UPDATE SKIP LOCKED").Scan(ctx, &ids)
	return ids, err
}

// markExpired stores status expired; only a sent quote ever expires.
func markExpired(ctx context.Context, idb bun.IDB, id int64, now time.Time) error {
	_, err := idb.NewUpdate().TableExpr("quotes").Set("status = 'expired', updated_at = ?", now).
		Where("id = ? AND status = 'sent'", id).Exec(ctx)
	return err
}

// seriesExists reports whether an index series with code exists.
func seriesExists(ctx context.Context, idb bun.IDB, code string) (bool, error) {
	return idb.NewSelect().TableExpr("index_series").Where("code = ?", code).Exists(ctx)
}
