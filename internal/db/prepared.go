package db

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// The prepared read path (issue 14). bun writes every value into the SQL text and sends
// it in the simple protocol, so PostgreSQL parses and plans each list page anew. A list
// query built with a Params instead carries placeholders ($1, $2, …): its text is the
// same for every request of its shape, and it runs on a database/sql handle over DB.Pool,
// whose pgx statement cache prepares each shape once per connection. The rows are
// scanned straight into the models' fields (scan.go), or by bun when the direct scan
// does not take the statement. See FOUNDATION.md, "Two read paths".

// prepared maps each process root *bun.DB (made by Open) to its handle over DB.Pool.
var prepared sync.Map // *bun.DB → preparedHandle

// preparedHandle is the prepared path of one DB: database/sql over DB.Pool for what bun
// scans, the pool itself for the direct scan (scan.go).
type preparedHandle struct {
	sqldb *sql.DB
	pool  *pgxpool.Pool
}

// preparedHook, when set, hears every statement the prepared path sends (testkit counts
// them with the bun statements, so query budgets stay whole).
var preparedHook atomic.Pointer[func(ctx context.Context, query string)]

// SetPreparedHook installs f as the prepared path's statement hook (nil removes it).
func SetPreparedHook(f func(ctx context.Context, query string)) {
	if f == nil {
		preparedHook.Store(nil)
		return
	}
	preparedHook.Store(&f)
}

// Params collects the arguments of one query and hands out their placeholders. On a
// root *bun.DB from Open, Arg returns "$N"; on anything else (a bun.Tx, e.g. a service
// transaction or testkit.CaptureTx in an EXPLAIN test, or a nil *Params) Arg returns the
// value itself, bun inlines it, and the query runs through bun as it always did.
type Params struct {
	root  *bun.DB
	sqldb *sql.DB
	pool  *pgxpool.Pool
	args  []any
	text  bool // Placeholders: "$N" on any handle, for the statement's text only
}

// Placeholders is a Params that hands out "$N" whatever the handle, so an EXPLAIN test can
// build, in its transaction, the very statement the prepared path sends and plan it as
// PostgreSQL's generic plan (testkit.GenericPlan). Its Scan refuses to run.
func Placeholders() *Params { return &Params{text: true} }

// NewParams starts the arguments of a query to be run on idb.
func NewParams(idb bun.IDB) *Params {
	if b, ok := idb.(*bun.DB); ok {
		if h, ok := prepared.Load(b); ok {
			return &Params{root: b, sqldb: h.(preparedHandle).sqldb, pool: h.(preparedHandle).pool}
		}
	}
	return &Params{}
}

// Prepared reports whether the query will run as a prepared statement.
func (p *Params) Prepared() bool { return p != nil && p.sqldb != nil }

// Arg is the placeholder of v ("$N", v appended to the arguments), or v itself when the
// query runs through bun.
func (p *Params) Arg(v any) any {
	if !p.Prepared() && (p == nil || !p.text) {
		return v
	}
	p.args = append(p.args, v)
	return bun.Safe("$" + strconv.Itoa(len(p.args)))
}

// Array is Arg for a slice used as an array (`= ANY(?)`): pgx binds the slice as an
// array; bun inlines it as an array literal.
func (p *Params) Array(v any) any {
	if !p.Prepared() && (p == nil || !p.text) {
		return pgdialect.Array(v)
	}
	return p.Arg(v)
}

// Args are the collected arguments in placeholder order.
func (p *Params) Args() []any {
	if p == nil {
		return nil
	}
	return p.args
}

// Scan runs q, built with p's placeholders, and scans its rows into dest (as
// q.Scan(ctx, dest...) would; dest must be given). Prepared, it sends q's text with the
// arguments over DB.Pool; otherwise it is q.Scan. q must not load relations (they need
// bun's own follow-up queries).
func (p *Params) Scan(ctx context.Context, q *bun.SelectQuery, dest ...any) error {
	if p != nil && p.text {
		return errors.New("db: Placeholders only build a statement's text")
	}
	if !p.Prepared() {
		return q.Scan(ctx, dest...)
	}
	b, err := q.AppendQuery(p.root.QueryGen(), nil)
	if err != nil {
		return err
	}
	query := string(b)
	if h := preparedHook.Load(); h != nil {
		(*h)(ctx, query)
	}
	if d, ok := newDirectDest(dest); ok && p.pool != nil {
		if handled, err := scanDirect(ctx, p.root, p.pool, query, p.args, d); handled {
			return err
		}
	}
	rows, err := p.sqldb.QueryContext(ctx, query, p.args...)
	if err != nil {
		return err
	}
	if len(dest) == 1 && reflect.TypeOf(dest[0]).Kind() == reflect.Pointer && reflect.TypeOf(dest[0]).Elem().Kind() == reflect.Slice {
		return p.root.ScanRows(ctx, rows, dest...)
	}
	defer rows.Close()
	if !rows.Next() { // one row into a struct or values: none is sql.ErrNoRows, as with bun
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := p.root.ScanRow(ctx, rows, dest...); err != nil {
		return err
	}
	return rows.Close()
}
