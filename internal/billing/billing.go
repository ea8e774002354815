// Package billing is the one ledger of everything billable: every domain that knows when
// something may be billed (orders at acceptance, contracts per period in advance, a final
// secondment statement, a ticket resolved as not covered, a delivery) writes a Charge in
// the transaction of the change that made it billable (INV-7). Invoices are made from open
// charges; a charge that was invoiced never changes (the database refuses it) — a
// correction is a new charge or a credit note.
package billing

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// Status of a charge.
const (
	Open      = "open"
	Invoiced  = "invoiced"
	Cancelled = "cancelled"
)

// VAT rates a charge may carry (INV-1: 21 % standard, 9 %, 0 %, exempt). The invoice
// decides the EN 16931 category (S, Z, E, AE, K, G, O) from the rate, the line kind and
// the customer's country and VAT id.
const (
	VAT21     = "21"
	VAT9      = "9"
	VAT0      = "0"
	VATExempt = "exempt"
)

// Line kinds: goods and services are treated differently for intra-EU VAT.
const (
	Goods    = "goods"
	Services = "services"
)

// Source names the record a charge comes from: orders/order_line/812.
type Source struct {
	Domain string
	Kind   string
	ID     int64
}

func (s Source) String() string { return fmt.Sprintf("%s/%s/%d", s.Domain, s.Kind, s.ID) }

// ParseSource reads "orders/order_line/812" (a prefix such as "orders" or
// "orders/order_line" is allowed for filters: ID 0 then means any).
func ParseSource(s string) (Source, error) {
	parts := strings.Split(s, "/")
	var src Source
	if len(parts) == 0 || len(parts) > 3 || parts[0] == "" {
		return src, fmt.Errorf("must look like domain/kind/id")
	}
	src.Domain = parts[0]
	if len(parts) > 1 {
		src.Kind = parts[1]
	}
	if len(parts) > 2 {
		if _, err := fmt.Sscan(parts[2], &src.ID); err != nil || src.ID <= 0 {
			return src, fmt.Errorf("must look like domain/kind/id")
		}
	}
	return src, nil
}

// Agreement is what a charge belongs to: the order, contract or placement. Retention of
// title (HW-4) and "one invoice per agreement" group by it.
type Agreement struct {
	Kind string // order, contract, placement, ticket
	ID   int64
}

// Charge is one billable item.
type Charge struct {
	bun.BaseModel `bun:"table:charges"`

	ID            int64           `bun:"id,pk,autoincrement"`
	CustomerID    int64           `bun:"customer_id"`
	SourceDomain  string          `bun:"source_domain"`
	SourceKind    string          `bun:"source_kind"`
	SourceID      int64           `bun:"source_id"`
	AgreementKind string          `bun:"agreement_kind"`
	AgreementID   int64           `bun:"agreement_id"`
	Key           string          `bun:"key"`
	Description   string          `bun:"description"`
	LineKind      string          `bun:"line_kind"`
	Quantity      decimal.Decimal `bun:"quantity,type:numeric"`
	Unit          string          `bun:"unit"`
	UnitPrice     decimal.Decimal `bun:"unit_price,type:numeric"`
	VATRate       string          `bun:"vat_rate"`
	PeriodStart   *civil.Date     `bun:"period_start,type:date"`
	PeriodEnd     *civil.Date     `bun:"period_end,type:date"`
	BillableOn    civil.Date      `bun:"billable_on,type:date"`
	TermsProfile  string          `bun:"terms_profile"`
	PaymentTerm   *int            `bun:"payment_term_days"` // days; nil: the customer's default (INV-2)
	Status        string          `bun:"status"`
	InvoiceID     *int64          `bun:"invoice_id"`
	CorrectsID    *int64          `bun:"corrects_id"`
	CreatedAt     time.Time       `bun:"created_at"`
	UpdatedAt     time.Time       `bun:"updated_at"`
}

// Source returns where the charge comes from.
func (c *Charge) Source() Source { return Source{c.SourceDomain, c.SourceKind, c.SourceID} }

// Net is quantity × unit price, rounded to cents half away from zero (the line total).
func (c *Charge) Net() decimal.Decimal { return c.Quantity.Mul(c.UnitPrice).Round(2) }

// New is what a domain states about something billable. Key defaults to the source
// ("orders/order_line/812"), or source@period_start for a periodic fee; give an own Key
// when one source yields several charges (e.g. one per overtime band).
type New struct {
	CustomerID  int64
	Source      Source
	Agreement   Agreement
	Key         string
	Description string
	LineKind    string // Goods or Services
	Quantity    decimal.Decimal
	Unit        string
	UnitPrice   decimal.Decimal
	VATRate     string // VAT21 when empty
	PeriodStart *civil.Date
	PeriodEnd   *civil.Date
	BillableOn  civil.Date
	// TermsProfile of the agreement (002, 003, 004 …); PaymentTermDays when the agreement
	// agreed a term other than the default (INV-2).
	TermsProfile    string
	PaymentTermDays *int
}

// ErrInvalid is a charge a domain should never have produced.
var ErrInvalid = problem.New(422, "invalid_charge", "the charge is not valid")

func (n *New) key() string {
	if n.Key != "" {
		return n.Key
	}
	k := n.Source.String()
	if n.PeriodStart != nil {
		k += "@" + n.PeriodStart.String()
	}
	return k
}

func (n *New) check() error {
	var bad []string
	if n.CustomerID <= 0 {
		bad = append(bad, "customer")
	}
	if n.Source.Domain == "" || n.Source.Kind == "" || n.Source.ID <= 0 {
		bad = append(bad, "source")
	}
	if n.Agreement.Kind == "" || n.Agreement.ID <= 0 {
		bad = append(bad, "agreement")
	}
	if strings.TrimSpace(n.Description) == "" {
		bad = append(bad, "description")
	}
	if n.LineKind != Goods && n.LineKind != Services {
		bad = append(bad, "line kind")
	}
	if n.Quantity.IsZero() {
		bad = append(bad, "quantity")
	}
	switch n.VATRate {
	case "", VAT21, VAT9, VAT0, VATExempt:
	default:
		bad = append(bad, "VAT rate")
	}
	if n.BillableOn.IsZero() {
		bad = append(bad, "billable date")
	}
	if (n.PeriodStart == nil) != (n.PeriodEnd == nil) {
		bad = append(bad, "period")
	}
	if len(bad) > 0 {
		return fmt.Errorf("%w: %s: %s", ErrInvalid, n.key(), strings.Join(bad, ", "))
	}
	return nil
}

// Add records a charge in the caller's transaction. A charge whose key exists already is
// not added again (a periodic job may run twice; an event may be handled twice): Add then
// returns the existing charge and false.
func Add(ctx context.Context, tx bun.IDB, now time.Time, n New) (*Charge, bool, error) {
	if err := n.check(); err != nil {
		return nil, false, err
	}
	unit := n.Unit
	if unit == "" {
		unit = "piece"
	}
	vat := n.VATRate
	if vat == "" {
		vat = VAT21
	}
	c := &Charge{
		CustomerID: n.CustomerID, SourceDomain: n.Source.Domain, SourceKind: n.Source.Kind, SourceID: n.Source.ID,
		AgreementKind: n.Agreement.Kind, AgreementID: n.Agreement.ID, Key: n.key(), Description: strings.TrimSpace(n.Description),
		LineKind: n.LineKind, Quantity: n.Quantity, Unit: unit, UnitPrice: n.UnitPrice.Round(2), VATRate: vat,
		PeriodStart: n.PeriodStart, PeriodEnd: n.PeriodEnd, BillableOn: n.BillableOn, TermsProfile: n.TermsProfile, PaymentTerm: n.PaymentTermDays,
		Status: Open, CreatedAt: now, UpdatedAt: now,
	}
	res, err := tx.NewInsert().Model(c).On("CONFLICT (key) DO NOTHING").Returning("*").Exec(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("billing: add %s: %w", c.Key, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return c, true, nil
	}
	existing := new(Charge)
	if err := tx.NewSelect().Model(existing).Where("key = ?", c.Key).Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("billing: add %s: %w", c.Key, err)
	}
	return existing, false, nil
}

// CancelBySource cancels the open, not yet drafted charges of a source (a cancelled order
// line, a terminated delivery); it returns how many it cancelled. Invoiced charges stay as
// they are: they are corrected by a credit note.
func CancelBySource(ctx context.Context, tx bun.IDB, now time.Time, src Source) (int, error) {
	q := tx.NewUpdate().Model((*Charge)(nil)).Set("status = ?", Cancelled).Set("updated_at = ?", now).
		Where("source_domain = ? AND source_kind = ?", src.Domain, src.Kind).
		Where("status = ? AND invoice_id IS NULL", Open)
	if src.ID > 0 {
		q = q.Where("source_id = ?", src.ID)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("billing: cancel %s: %w", src, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// CancelByAgreement cancels the open, undrafted charges of an agreement (HW-2: the part
// of an order that could not be delivered ends without liability).
func CancelByAgreement(ctx context.Context, tx bun.IDB, now time.Time, a Agreement, sourceKind string) (int, error) {
	q := tx.NewUpdate().Model((*Charge)(nil)).Set("status = ?", Cancelled).Set("updated_at = ?", now).
		Where("agreement_kind = ? AND agreement_id = ?", a.Kind, a.ID).
		Where("status = ? AND invoice_id IS NULL", Open)
	if sourceKind != "" {
		q = q.Where("source_kind = ?", sourceKind)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("billing: cancel %s/%d: %w", a.Kind, a.ID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// translate maps the ledger's database errors with the one db.Translate.
func translate(err error) error {
	return db.Translate(err, problem.NotFound("charge"), db.Constraints{"charges_invoiced_immutable": ErrImmutable, "charges_cancelled_final": ErrImmutable})
}

// ErrImmutable: an invoiced charge never changes.
var ErrImmutable = problem.Conflict("charge_invoiced", "the charge was invoiced and cannot change; correct it with a credit note")

// PriceFor expresses a line total as quantity × unit price when a unit price with at
// most two decimals gives exactly that total; otherwise it returns quantity 1 and the
// total as the price (lump is then true and the caller names the quantity in the
// description). An invoice line's net must equal quantity × price (EN 16931), so a
// charge never carries a rounded price that would shift the total by a cent.
func PriceFor(quantity, total decimal.Decimal) (q, unitPrice decimal.Decimal, lump bool) {
	if quantity.IsPositive() {
		p := total.Div(quantity).Round(2)
		if p.Mul(quantity).Round(2).Equal(total) && p.Mul(quantity).Equal(total) {
			return quantity, p, false
		}
	}
	return decimal.NewFromInt(1), total, true
}

// VATRateOf maps a percentage (21, 9, 0) to the ledger's rate code.
func VATRateOf(pct decimal.Decimal) (string, error) {
	for _, r := range []string{VAT21, VAT9, VAT0} {
		if pct.Equal(decimal.RequireFromString(r)) {
			return r, nil
		}
	}
	return "", fmt.Errorf("%w: no VAT rate of %s %%", ErrInvalid, pct)
}
