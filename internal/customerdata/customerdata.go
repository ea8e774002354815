// Package customerdata returns or destroys a customer's data at the end of the agreement
// (DATA-2; trading terms 002:30, 004:6.5, 000:10). The export is a streamed zip holding
// every record of the customer as JSON and CSV plus its uploaded documents; the tables are
// discovered from the schema (every table with a foreign key to customers, and the tables
// hanging from those), so a new domain's tables are included without a change here.
// Destruction anonymises the customer and its contacts and deletes its uploads, keeps what
// the law makes us keep (issued invoices and credit notes: fiscal retention of 7 years,
// art. 52 AWR) with the reason recorded, needs the customer's name as confirmation, is
// audited, and is refused while an agreement runs. Domains say what "running" means for
// them through RegisterAgreement, without this package importing any domain.
package customerdata

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// AgreementCheck reports whether the customer has a running agreement in one domain and,
// if so, a short description ("contract C2026-0003 runs until 2027-06-30").
type AgreementCheck func(ctx context.Context, db bun.IDB, customerID int64, today civil.Date) (running bool, what string, err error)

var (
	mu     sync.Mutex
	checks = map[string]AgreementCheck{
		// Defaults read the domains' published tables generically (when they exist); a
		// domain that knows better registers its own check under the same name.
		"contracts":  tableCheck("contracts", "customer_id", "end_date IS NULL OR end_date >= ?", "contract"),
		"placements": tableCheck("placements", "customer_id", "end_date IS NULL OR end_date >= ?", "placement"),
	}
)

// RegisterAgreement lets a domain say when one of its agreements with a customer runs.
func RegisterAgreement(name string, check AgreementCheck) {
	mu.Lock()
	defer mu.Unlock()
	checks[name] = check
}

func tableCheck(table, column, running, what string) AgreementCheck {
	return func(ctx context.Context, db bun.IDB, customerID int64, today civil.Date) (bool, string, error) {
		if ok, err := tableExists(ctx, db, table); err != nil || !ok {
			return false, "", err
		}
		var n int
		err := db.NewRaw(fmt.Sprintf("SELECT count(*) FROM %s WHERE %s = ? AND (%s)", bun.Ident(table), column, running),
			customerID, today.String()).Scan(ctx, &n)
		if err != nil {
			return false, "", err
		}
		if n > 0 {
			return true, fmt.Sprintf("%d running %s(s)", n, what), nil
		}
		return false, "", nil
	}
}

func tableExists(ctx context.Context, db bun.IDB, table string) (bool, error) {
	var ok bool
	err := db.NewRaw("SELECT to_regclass(?) IS NOT NULL", "public."+table).Scan(ctx, &ok)
	return ok, err
}

// RunningAgreements lists the running agreements of the customer over every domain.
func RunningAgreements(ctx context.Context, db bun.IDB, customerID int64, today civil.Date) ([]string, error) {
	mu.Lock()
	names := make([]string, 0, len(checks))
	for n := range checks {
		names = append(names, n)
	}
	mu.Unlock()
	sort.Strings(names)
	var out []string
	for _, n := range names {
		mu.Lock()
		check := checks[n]
		mu.Unlock()
		running, what, err := check(ctx, db, customerID, today)
		if err != nil {
			return nil, fmt.Errorf("customerdata: %s: %w", n, err)
		}
		if running {
			out = append(out, what)
		}
	}
	return out, nil
}

// Table is a customer-owned table found in the schema: rows are the customer's when
// Column = customer id (direct) or when Column points at a row of Parent that is.
type Table struct {
	Name   string
	Column string
	Parent *Table
}

// never exported: secrets and machinery, not the customer's data.
var skipTables = map[string]bool{"sessions": true, "api_tokens": true, "login_throttle": true, "customer_erasures": true}

// Discover finds every table with a foreign key to customers(id), and the tables with a
// foreign key to one of those (quote lines of quotes, comments of tickets, …).
func Discover(ctx context.Context, db bun.IDB) ([]*Table, error) {
	type fk struct{ Child, Column, Parent string }
	var fks []fk
	err := db.NewRaw(`SELECT c.conrelid::regclass::text AS child, a.attname AS column, c.confrelid::regclass::text AS parent
		FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.connamespace = 'public'::regnamespace
		ORDER BY 1, 2`).Scan(ctx, &fks)
	if err != nil {
		return nil, err
	}
	var out []*Table
	direct := map[string]*Table{}
	for _, f := range fks {
		if f.Parent == "customers" && !skipTables[f.Child] && direct[f.Child] == nil {
			t := &Table{Name: f.Child, Column: f.Column}
			direct[f.Child] = t
			out = append(out, t)
		}
	}
	seen := map[string]bool{"customers": true}
	for n := range direct {
		seen[n] = true
	}
	for _, f := range fks {
		if p := direct[f.Parent]; p != nil && !seen[f.Child] && !skipTables[f.Child] {
			seen[f.Child] = true
			out = append(out, &Table{Name: f.Child, Column: f.Column, Parent: p})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// where is the SQL condition selecting the customer's rows of t (alias x).
func (t *Table) where() string {
	if t.Parent == nil {
		return fmt.Sprintf("x.%s = ?", bun.Ident(t.Column))
	}
	return fmt.Sprintf("x.%s IN (SELECT p.id FROM %s p WHERE p.%s = ?)", bun.Ident(t.Column), bun.Ident(t.Parent.Name), bun.Ident(t.Parent.Column))
}

// secretColumn reports columns that are never exported (password hashes, token hashes).
func secretColumn(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || strings.Contains(n, "token") || strings.Contains(n, "secret")
}

// Erasure is the record of a destruction.
type Erasure struct {
	bun.BaseModel `bun:"table:customer_erasures"`

	ID         int64          `bun:"id,pk,autoincrement" json:"id"`
	CustomerID int64          `bun:"customer_id" json:"customer_id"`
	ErasedAt   time.Time      `bun:"erased_at" json:"erased_at"`
	ErasedBy   int64          `bun:"erased_by" json:"erased_by"`
	Reason     string         `bun:"reason" json:"reason"`
	Erased     map[string]int `bun:"erased,type:jsonb" json:"erased"`
	Kept       map[string]int `bun:"kept,type:jsonb" json:"kept"`
	KeptReason string         `bun:"kept_reason" json:"kept_reason"`
}

// RetentionTables are kept on destruction, and why.
var RetentionTables = map[string]string{
	"invoices": "fiscal retention: issued invoices are kept 7 years (art. 52 AWR, art. 2:10 BW)", "invoice_lines": "",
	"credit_notes": "fiscal retention: issued credit notes are kept 7 years (art. 52 AWR)", "credit_note_lines": "",
	"payments": "", "audit_log": "",
}
