package invoices

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// The invoices store: the only files with SQL are store*.go.

// translate maps database errors through the one db.Translate; the immutability
// triggers answer 409 invoice_immutable.
func translate(err error) error {
	return db.Translate(err, problem.NotFound("invoice"), db.Constraints{"invoices_immutable": ErrImmutable, "credit_notes_immutable": ErrImmutable})
}

func insertInvoice(ctx context.Context, tx bun.IDB, inv *Invoice) error {
	if inv.VATPerRate == nil {
		inv.VATPerRate = []VATAmount{}
	}
	_, err := tx.NewInsert().Model(inv).Returning("id").Exec(ctx)
	return translate(err)
}

// saveInvoice writes every column of the invoice (a draft, or the issuing update).
func saveInvoice(ctx context.Context, tx bun.IDB, inv *Invoice) error {
	if inv.VATPerRate == nil {
		inv.VATPerRate = []VATAmount{}
	}
	_, err := tx.NewUpdate().Model(inv).WherePK().Exec(ctx)
	return translate(err)
}

// getInvoice reads an invoice, locking it FOR UPDATE when lock is set.
func getInvoice(ctx context.Context, tx bun.IDB, id int64, lock bool) (*Invoice, error) {
	inv := new(Invoice)
	q := tx.NewSelect().Model(inv).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return nil, problem.NotFound("invoice")
		}
		return nil, fmt.Errorf("invoices: get %d: %w", id, err)
	}
	return inv, nil
}

func lockInvoices(ctx context.Context, tx bun.IDB, ids []int64) ([]Invoice, error) {
	var out []Invoice
	err := tx.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).OrderExpr("id").For("UPDATE").Scan(ctx)
	return out, err
}

func deleteInvoice(ctx context.Context, tx bun.IDB, id int64) error {
	_, err := tx.NewDelete().Model((*Invoice)(nil)).Where("id = ?", id).Exec(ctx)
	return translate(err)
}

func linesOf(ctx context.Context, tx bun.IDB, ids ...int64) ([]Line, error) {
	var out []Line
	if len(ids) == 0 {
		return out, nil
	}
	err := tx.NewSelect().Model(&out).Where("invoice_id IN (?)", bun.In(ids)).OrderExpr("invoice_id, position").Scan(ctx)
	return out, err
}

func insertLines(ctx context.Context, tx bun.IDB, lines []Line) error {
	if len(lines) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&lines).Returning("id").Exec(ctx)
	return translate(err)
}

func deleteLines(ctx context.Context, tx bun.IDB, invoiceID int64, ids []int64) error {
	_, err := tx.NewDelete().Model((*Line)(nil)).Where("invoice_id = ? AND id IN (?)", invoiceID, bun.In(ids)).Exec(ctx)
	return translate(err)
}

// priceLines writes the VAT category and net of lines being issued (one statement).
func priceLines(ctx context.Context, tx bun.IDB, lines []Line) error {
	if len(lines) == 0 {
		return nil
	}
	_, err := tx.NewUpdate().Model(&lines).Column("vat_category", "net").Bulk().Exec(ctx)
	return translate(err)
}

// saveIssued writes the issued invoices (one statement).
func saveIssued(ctx context.Context, tx bun.IDB, invs []Invoice) error {
	if len(invs) == 0 {
		return nil
	}
	_, err := tx.NewUpdate().Model(&invs).Column("status", "number", "issue_date", "due_date", "payment_term_days", "terms_profile", "language",
		"customer_name", "customer_street", "customer_postal_code", "customer_city", "customer_country", "customer_kvk", "customer_vat_id",
		"billing_contact", "billing_email", "supplier", "net", "vat", "gross", "vat_per_rate", "vat_note", "delivery_date",
		"payment_reference", "updated_at", "issued_at").Bulk().Exec(ctx)
	return translate(err)
}

// nextNumbers takes n numbers of a series' counter (row-locked until the transaction
// ends) and returns the first.
func nextNumbers(ctx context.Context, tx bun.IDB, counter string, n int) (int64, error) {
	var last int64
	err := tx.NewRaw(`INSERT INTO counters (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + EXCLUDED.value RETURNING value`, counter, n).Scan(ctx, &last)
	if err != nil {
		return 0, fmt.Errorf("invoices: counter %s: %w", counter, err)
	}
	return last - int64(n) + 1, nil
}

type customerRow struct {
	ID              int64   `bun:"id"`
	Name            string  `bun:"name"`
	Street          string  `bun:"street"`
	PostalCode      string  `bun:"postal_code"`
	City            string  `bun:"city"`
	Country         string  `bun:"country"`
	KvK             *string `bun:"kvk_number"`
	VATID           *string `bun:"vat_id"`
	Language        string  `bun:"language"`
	BillingEmail    *string `bun:"billing_email"`
	SetEmail        *string `bun:"set_email"`
	BillingContact  *string `bun:"billing_contact"`
	Grouping        *string `bun:"grouping"`
	PaymentTermDays *int    `bun:"payment_term_days"`
}

// customers reads the customers (with their invoice settings) an invoice needs.
func customers(ctx context.Context, tx bun.IDB, ids []int64) (map[int64]*Customer, error) {
	var rows []customerRow
	err := tx.NewRaw(`SELECT c.id, c.name, c.street, c.postal_code, c.city, c.country, c.kvk_number, c.vat_id, c.language,
		c.billing_email, s.billing_email AS set_email, s.billing_contact, s.grouping, s.payment_term_days
		FROM customers c LEFT JOIN invoice_settings s ON s.customer_id = c.id WHERE c.id IN (?)`, bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("invoices: customers: %w", err)
	}
	out := make(map[int64]*Customer, len(rows))
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, r := range rows {
		c := &Customer{ID: r.ID, Name: r.Name, Street: r.Street, PostalCode: r.PostalCode, City: r.City, Country: r.Country,
			KvK: str(r.KvK), VATID: str(r.VATID), Language: r.Language, BillingEmail: str(r.BillingEmail),
			BillingContact: str(r.BillingContact), Grouping: GroupOne, PaymentTermDays: r.PaymentTermDays}
		if r.SetEmail != nil && *r.SetEmail != "" {
			c.BillingEmail = *r.SetEmail
		}
		if r.Grouping != nil {
			c.Grouping = *r.Grouping
		}
		out[r.ID] = c
	}
	return out, nil
}

func getCustomer(ctx context.Context, tx bun.IDB, id int64) (*Customer, error) {
	m, err := customers(ctx, tx, []int64{id})
	if err != nil {
		return nil, err
	}
	c, ok := m[id]
	if !ok {
		return nil, problem.NotFound("customer")
	}
	return c, nil
}

func getSettings(ctx context.Context, tx bun.IDB, customerID int64) (*Settings, error) {
	s := &Settings{CustomerID: customerID, Grouping: GroupOne}
	err := tx.NewSelect().Model(s).Where("customer_id = ?", customerID).Scan(ctx)
	if err != nil && !db.IsNoRows(err) {
		return nil, err
	}
	return s, nil
}

func saveSettings(ctx context.Context, tx bun.IDB, s *Settings) error {
	_, err := tx.NewInsert().Model(s).On("CONFLICT (customer_id) DO UPDATE").
		Set("grouping = EXCLUDED.grouping, payment_term_days = EXCLUDED.payment_term_days, billing_contact = EXCLUDED.billing_contact, billing_email = EXCLUDED.billing_email, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}

// Filter selects invoices for lists.
type Filter struct {
	CustomerID *int64
	Status     string // draft, issued, paid, credited, overdue
	Overdue    bool
	From, To   *civil.Date // issue date range (drafts by creation)
	Today      civil.Date
	AfterID    int64 // cursor: invoices with a smaller id (newest first)
	Limit      int
	Scope      func(*bun.SelectQuery) *bun.SelectQuery
	List       *listq.Query // sort and cursor of the list tools; nil: newest first from AfterID
}

func listInvoices(ctx context.Context, tx bun.IDB, f Filter) ([]Invoice, error) {
	var out []Invoice
	p := db.NewParams(tx)
	q := tx.NewSelect().Model(&out)
	if f.Scope != nil {
		q = f.Scope(q)
	}
	if f.List != nil && f.List.Searching() {
		p = nil // a search is planned for its pattern: the trigram index (see db.Params)
		var err error
		if q, err = searchNumberOrCustomer(ctx, tx, q, *f.List, "COALESCE(q.number, '')", "q.customer_id"); err != nil {
			return nil, err
		}
	}
	if f.CustomerID != nil {
		q = q.Where("q.customer_id = ?", p.Arg(*f.CustomerID))
	}
	switch f.Status {
	case "":
	case Overdue:
		f.Overdue = true
	default:
		q = q.Where("q.status = ?", f.Status) // a status stays inlined: each planned for its own frequency
	}
	if f.Overdue {
		q = q.Where("q.status = ? AND q.due_date < ? AND q.gross - q.paid - q.credited > 0", Issued, p.Arg(f.Today))
	}
	if f.From != nil {
		q = q.Where("COALESCE(q.issue_date, q.created_at::date) >= ?", p.Arg(*f.From))
	}
	if f.To != nil {
		q = q.Where("COALESCE(q.issue_date, q.created_at::date) <= ?", p.Arg(*f.To))
	}
	switch {
	case f.List != nil:
		q = invoiceList.Apply(q, *f.List, p)
	default:
		q = q.OrderExpr("q.id DESC")
		if f.AfterID > 0 {
			q = q.Where("q.id < ?", p.Arg(f.AfterID))
		}
		if f.Limit > 0 {
			q = q.Limit(int64(f.Limit))
		}
	}
	if err := p.Scan(ctx, q, &out); err != nil {
		return nil, fmt.Errorf("invoices: list: %w", err)
	}
	return out, nil
}

// saveSettlement writes the settlement columns, the only ones an issued invoice may change.
func saveSettlement(ctx context.Context, tx bun.IDB, inv *Invoice) error {
	_, err := tx.NewUpdate().Model(inv).Column("paid", "credited", "status", "settled_on", "updated_at").WherePK().Exec(ctx)
	return translate(err)
}

// unmailed locks issued invoices whose e-mail was not queued yet (oldest first).
func unmailed(ctx context.Context, tx bun.IDB, limit int) ([]Invoice, error) {
	var out []Invoice
	err := tx.NewSelect().Model(&out).Where("q.status <> ? AND q.mailed_at IS NULL", Draft).OrderExpr("q.id").
		Limit(int64(limit)).For("UPDATE SKIP LOCKED").Scan(ctx)
	return out, err
}

func markMailed(ctx context.Context, tx bun.IDB, id int64, now time.Time) error {
	_, err := tx.NewUpdate().Model((*Invoice)(nil)).Set("mailed_at = ?", now).Where("id = ?", id).Exec(ctx)
	return translate(err)
}

// CustomerOption is a customer in a select.
type CustomerOption struct {
	ID   int64  `bun:"id"`
	Name string `bun:"name"`
}

func customerOptions(ctx context.Context, tx bun.IDB) ([]CustomerOption, error) {
	var out []CustomerOption
	err := tx.NewRaw("SELECT id, name FROM customers ORDER BY lower(name), id LIMIT 1000").Scan(ctx, &out)
	return out, err
}
