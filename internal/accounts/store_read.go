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
	Name, Street, PostalCode, City, Country, VATID, KvK, BillingEmail string
	Language                                                          string // nl | en: the customer's documents and e-mails
}

// CustomerAddress is customer id's name and address (404 when there is none).
func CustomerAddress(ctx context.Context, idb bun.IDB, id int64) (Address, error) {
	var c Customer
	if err := idb.NewSelect().Model(&c).Where("id = ?", id).Scan(ctx); err != nil {
		return Address{}, db.Translate(err, problem.NotFound("customer"), constraints)
	}
	return Address{Name: c.Name, Street: c.Street, PostalCode: c.PostalCode, City: c.City, Country: c.Country,
		VATID: deref(c.VATID), KvK: deref(c.KvKNumber), BillingEmail: deref(c.BillingEmail), Language: c.Language}, nil
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

// Recipient is who a customer e-mail goes to: the person to greet by name ("" greets the
// company), the address, and the customer's language.
type Recipient struct {
	ContactID int64  `bun:"contact_id"` // the contact person asked for when it qualified, else 0
	Name      string `bun:"name"`
	Email     string `bun:"email"`
	Customer  string `bun:"customer"`
	Language  string `bun:"language"`
}

// MailRecipient is where mail about a customer's record goes: contactID when that is an
// active contact person of the customer (a quote's contact, a ticket's reporter); else
// the billing address, greeting the company; else the company's first active contact.
// Email is "" when the customer has no address at all (the caller queues nothing).
func MailRecipient(ctx context.Context, idb bun.IDB, customerID int64, contactID *int64) (Recipient, error) {
	var r Recipient
	cid := int64(0)
	if contactID != nil {
		cid = *contactID
	}
	err := idb.NewRaw(`SELECT c.name AS customer, c.language, COALESCE(u.id, 0) AS contact_id,
			COALESCE(u.name, CASE WHEN COALESCE(c.billing_email, '') = '' THEN f.name END, '') AS name,
			COALESCE(u.email, NULLIF(c.billing_email, ''), f.email, '') AS email
		FROM customers AS c
		LEFT JOIN users AS u ON u.id = ? AND u.customer_id = c.id AND u.role = 'customer' AND u.active
		LEFT JOIN LATERAL (SELECT name, email FROM users WHERE customer_id = c.id AND role = 'customer' AND active ORDER BY id LIMIT 1) AS f ON true
		WHERE c.id = ?`, cid, customerID).Scan(ctx, &r)
	return r, db.Translate(err, problem.NotFound("customer"), constraints)
}

// MatchLimit bounds how many customers or users a list search follows by name: a search
// for a name is narrow by nature; a broader one still finds the list's own text.
const MatchLimit = 200

// CustomersNamed returns the ids of customers whose name contains the search (an ILIKE
// pattern from listq.Query.Like), through customers_name_trgm_idx: the lists search
// "customer name" with these ids on their own customer_id index.
func CustomersNamed(ctx context.Context, idb bun.IDB, like string) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().TableExpr("customers").Column("id").Where("name ILIKE ?", like).Order("id").Limit(MatchLimit).Scan(ctx, &ids)
	return ids, err
}

// UsersNamed returns the ids of users whose name contains the search (listq.Query.Like),
// through users_name_trgm_idx.
func UsersNamed(ctx context.Context, idb bun.IDB, like string) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().TableExpr("users").Column("id").Where("name ILIKE ?", like).Order("id").Limit(MatchLimit).Scan(ctx, &ids)
	return ids, err
}
