package accounts

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// The read API of accounts: what the domains need of customers and users. Domains call
// these instead of querying the foundation tables customers and users themselves.

// Option is a record to pick in a form: its id and display name.
type Option struct {
	ID   int64  `bun:"id"`
	Name string `bun:"name"`
}

// CustomerOptions are the customers by name for a picker (at most limit).
func CustomerOptions(ctx context.Context, idb bun.IDB, limit int64) ([]Option, error) {
	var out []Option
	err := idb.NewSelect().TableExpr("customers").Column("id", "name").OrderExpr("lower(name), id").Limit(limit).Scan(ctx, &out)
	return out, err
}

// StaffOptions are the active staff users (admins, account managers, technicians) by name.
func StaffOptions(ctx context.Context, idb bun.IDB) ([]Option, error) {
	var out []Option
	err := idb.NewSelect().TableExpr("users").Column("id", "name").
		Where("active AND role IN (?)", bun.In([]string{string(auth.Admin), string(auth.AccountManager), string(auth.Technician)})).
		OrderExpr("name, id").Scan(ctx, &out)
	return out, err
}

// CustomerExists reports whether customer id exists.
func CustomerExists(ctx context.Context, idb bun.IDB, id int64) (bool, error) {
	return idb.NewSelect().TableExpr("customers").Where("id = ?", id).Exists(ctx)
}

// Address is a customer's name and postal address as documents print it.
type Address struct {
	Name, Street, PostalCode, City, Country, VATID, BillingEmail string
}

// CustomerAddress is customer id's name and address (404 when there is none).
func CustomerAddress(ctx context.Context, idb bun.IDB, id int64) (Address, error) {
	var c Customer
	if err := idb.NewSelect().Model(&c).Where("id = ?", id).Scan(ctx); err != nil {
		return Address{}, db.Translate(err, problem.NotFound("customer"), constraints)
	}
	return Address{Name: c.Name, Street: c.Street, PostalCode: c.PostalCode, City: c.City, Country: c.Country,
		VATID: deref(c.VATID), BillingEmail: deref(c.BillingEmail)}, nil
}

// Contacts are the contact persons of a customer, by name (at most 500).
func Contacts(ctx context.Context, idb bun.IDB, customerID int64) ([]auth.User, error) {
	var out []auth.User
	err := idb.NewSelect().Model(&out).Where("customer_id = ?", customerID).Order("name", "id").Limit(500).Scan(ctx)
	return out, err
}

// UserName is the display name of user id (404 when there is none).
func UserName(ctx context.Context, idb bun.IDB, id int64) (string, error) {
	var name string
	err := idb.NewSelect().TableExpr("users").Column("name").Where("id = ?", id).Scan(ctx, &name)
	return name, db.Translate(err, problem.NotFound("user"), constraints)
}

// customersByName are the customers for the users page's company picker.
func customersByName(ctx context.Context, idb bun.IDB, limit int64) ([]Customer, error) {
	var out []Customer
	err := idb.NewSelect().Model(&out).Order("name").Limit(limit).Scan(ctx)
	return out, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// countFailedOutbox counts failed messages up to limit+1 (index outbox_failed_idx, 0620).
func countFailedOutbox(ctx context.Context, idb bun.IDB, limit int64) (int64, error) {
	var n int64
	err := idb.NewRaw("SELECT count(*) FROM (SELECT 1 FROM outbox WHERE status = 'failed' LIMIT ?) AS f", limit+1).Scan(ctx, &n)
	return n, err
}
