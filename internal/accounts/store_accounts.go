package accounts

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// The queries of customers, contacts, users and blocks.

func insertCustomer(ctx context.Context, idb bun.IDB, c *Customer) error {
	_, err := idb.NewInsert().Model(c).Returning("id").Exec(ctx)
	return db.Translate(err, problem.ErrNotFound, constraints)
}

func getCustomer(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Customer, error) {
	var c Customer
	q := idb.NewSelect().Model(&c).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("customer"), constraints)
	}
	return &c, nil
}

func updateCustomer(ctx context.Context, idb bun.IDB, c *Customer) error {
	_, err := idb.NewUpdate().Model(c).WherePK().Exec(ctx)
	return db.Translate(err, problem.ErrNotFound, constraints)
}

// CustomerList is the customer list's sorts and cursor (internal/listq): by name
// (customers_name_idx), by city (customers_city_idx) or newest first.
var CustomerList = listq.Spec[Customer]{ID: "id", IDOf: func(c Customer) int64 { return c.ID },
	Sorts: []listq.Column[Customer]{
		{Key: "name", Expr: "lower(name)", Arg: "lower(?)", Value: func(c Customer) string { return c.Name }},
		{Key: "city", Expr: "city", Value: func(c Customer) string { return c.City }},
		{Key: "created", Expr: "id", Value: func(c Customer) string { return strconv.FormatInt(c.ID, 10) }},
	}}

// ListCustomers returns the customers of the list query lq (at most lq.Fetch(): search in
// name, KvK number and city through customers_search_idx, sort, cursor); customer users
// see only their own.
func ListCustomers(ctx context.Context, b bun.IDB, lq listq.Query) ([]Customer, error) {
	var rows []Customer
	p := lq.Params(b)
	q := auth.ScopeWith(b.NewSelect().Model(&rows), auth.FromContext(ctx), "id", p)
	if lq.Searching() {
		q = q.Where("(name || ' ' || coalesce(kvk_number, '') || ' ' || city) ILIKE ?", lq.Like())
	}
	err := p.Scan(ctx, CustomerList.Apply(q, lq, p), &rows)
	return rows, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func insertUser(ctx context.Context, idb bun.IDB, u *auth.User) error {
	_, err := idb.NewInsert().Model(u).Returning("id").Exec(ctx)
	return db.Translate(err, problem.ErrNotFound, constraints)
}

func getUser(ctx context.Context, idb bun.IDB, id int64, lock bool) (*auth.User, error) {
	var u auth.User
	q := idb.NewSelect().Model(&u).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("user"), constraints)
	}
	return &u, nil
}

func updateUserColumns(ctx context.Context, idb bun.IDB, u *auth.User, cols ...string) error {
	_, err := idb.NewUpdate().Model(u).Column(cols...).WherePK().Exec(ctx)
	return db.Translate(err, problem.ErrNotFound, constraints)
}

func countUsers(ctx context.Context, idb bun.IDB) (int64, error) {
	return idb.NewSelect().Model((*auth.User)(nil)).Count(ctx)
}

func insertBlock(ctx context.Context, idb bun.IDB, b *BlockRow) error {
	_, err := idb.NewInsert().Model(b).Exec(ctx)
	return err
}

// liftBlocks ends a user's running blocks at now.
func liftBlocks(ctx context.Context, idb bun.IDB, userID int64, now time.Time) error {
	_, err := idb.NewUpdate().Model((*BlockRow)(nil)).Set("lifted_at = ?", now).
		Where("user_id = ? AND lifted_at IS NULL AND ends_at > ?", userID, now).Exec(ctx)
	return err
}

// ListUsers pages users by id, optionally by role or customer.
func ListUsers(ctx context.Context, b bun.IDB, role string, customerID *int64, page httpx.Page) (httpx.List[auth.User], error) {
	p := auth.FromContext(ctx)
	var rows []auth.User
	q := b.NewSelect().Model(&rows).Order("id").Limit(page.Fetch())
	q = auth.Scope(q, p, "customer_id")
	if role != "" {
		q = q.Where("role = ?", role)
	}
	if customerID != nil {
		q = q.Where("customer_id = ?", *customerID)
	}
	var cur UserCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return httpx.List[auth.User]{}, err
	} else if ok {
		q = q.Where("id > ?", cur.ID)
	}
	if err := q.Scan(ctx); err != nil {
		return httpx.List[auth.User]{}, err
	}
	return httpx.Paginate(rows, page, func(u auth.User) any { return UserCursor{u.ID} }), nil
}
