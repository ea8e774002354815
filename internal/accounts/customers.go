// Package accounts holds the people and companies every domain works for: customer
// companies with their contact persons, staff users with roles, logins (API tokens
// and UI sessions), blocking a contact for at most 48 hours (T-7), and the audit log
// and outbox views (DATA-1).
package accounts

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// Customer is a customer company.
type Customer struct {
	bun.BaseModel `bun:"table:customers"`

	ID           int64     `bun:"id,pk,autoincrement" json:"id"`
	Name         string    `bun:"name" json:"name"`
	KvKNumber    *string   `bun:"kvk_number" json:"kvk_number"` // Chamber of Commerce (KvK) number
	VATID        *string   `bun:"vat_id" json:"vat_id"`
	Country      string    `bun:"country" json:"country"`
	Street       string    `bun:"street" json:"street"`
	PostalCode   string    `bun:"postal_code" json:"postal_code"`
	City         string    `bun:"city" json:"city"`
	BillingEmail *string   `bun:"billing_email" json:"billing_email"`
	Language     string    `bun:"language" json:"language"` // nl | en: the customer's documents, e-mails and portal
	CreatedAt    time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt    time.Time `bun:"updated_at" json:"updated_at"`
}

// CustomerInput creates or (with pointers left nil) patches a customer.
type CustomerInput struct {
	Name         *string `json:"name" validate:"omitempty,min=1,max=200"`
	KvKNumber    *string `json:"kvk_number" validate:"omitempty,len=8,numeric"`
	VATID        *string `json:"vat_id" validate:"omitempty,min=4,max=20"`
	Country      *string `json:"country" validate:"omitempty,len=2,uppercase,alpha"`
	Street       *string `json:"street" validate:"omitempty,max=200"`
	PostalCode   *string `json:"postal_code" validate:"omitempty,max=20"`
	City         *string `json:"city" validate:"omitempty,max=100"`
	BillingEmail *string `json:"billing_email" validate:"omitempty,email"`
	Language     *string `json:"language" validate:"omitempty,oneof=nl en"`
}

func (in *CustomerInput) apply(c *Customer, create bool) error {
	var f problem.Fields
	if create && (in.Name == nil || strings.TrimSpace(*in.Name) == "") {
		f.Add("name", "is required")
	}
	if in.Name != nil && strings.TrimSpace(*in.Name) == "" && !f.Has("name") {
		f.Add("name", "must not be empty")
	}
	if in.VATID != nil && *in.VATID != "" {
		v := strings.ToUpper(strings.ReplaceAll(*in.VATID, " ", ""))
		in.VATID = &v
		if len(v) < 4 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
			f.Add("vat_id", "must start with a two-letter country code, e.g. NL123456789B01")
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	setPtr := func(dst **string, src *string) {
		if src != nil {
			v := strings.TrimSpace(*src)
			if v == "" {
				*dst = nil
			} else {
				*dst = &v
			}
		}
	}
	set(&c.Name, in.Name)
	setPtr(&c.KvKNumber, in.KvKNumber)
	setPtr(&c.VATID, in.VATID)
	set(&c.Country, in.Country)
	set(&c.Street, in.Street)
	set(&c.PostalCode, in.PostalCode)
	set(&c.City, in.City)
	setPtr(&c.BillingEmail, in.BillingEmail)
	set(&c.Language, in.Language)
	if c.Country == "" {
		c.Country = "NL"
	}
	if c.Language == "" {
		c.Language = "nl"
	}
	return nil
}

// ErrKvKTaken is answered when another customer has the KvK number.
var ErrKvKTaken = problem.Conflict("kvk_number_taken", "another customer has this KvK number")

// CreateCustomer stores a new customer and audits it.
func CreateCustomer(ctx context.Context, b bun.IDB, in CustomerInput, now time.Time) (*Customer, error) {
	c := &Customer{CreatedAt: now, UpdatedAt: now}
	if err := in.apply(c, true); err != nil {
		return nil, err
	}
	err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := insertCustomer(ctx, tx, c); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "customer", c.ID, "create", c)
	})
	return c, err
}

// UpdateCustomer patches a customer under a row lock and audits the difference.
func UpdateCustomer(ctx context.Context, b bun.IDB, id int64, in CustomerInput, now time.Time) (*Customer, error) {
	defer auth.Forget() // after the commit: the language of its contacts' cached logins
	var c Customer
	err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		locked, err := getCustomer(ctx, tx, id, true)
		if err != nil {
			return err
		}
		c = *locked
		before := c
		if err := in.apply(&c, false); err != nil {
			return err
		}
		c.UpdatedAt = now
		if err := updateCustomer(ctx, tx, &c); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "customer", c.ID, "update", audit.Diff(before, c))
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// GetCustomer loads a customer the principal may see (foreign ones are not found).
func GetCustomer(ctx context.Context, b bun.IDB, id int64) (*Customer, error) {
	p := auth.FromContext(ctx)
	if err := auth.Guard(p, id); err != nil {
		return nil, err
	}
	return getCustomer(ctx, b, id, false)
}

// constraints are the schema's rules answered with the accounts' own problems.
var constraints = db.Constraints{"customers_kvk_key": ErrKvKTaken, "users_email_key": ErrEmailTaken,
	"users_customer_id_fkey": problem.Invalid("customer_id", "no such company")}
