package receivables

import (
	"context"
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/invoices"
)

// demoInvoice makes an issued invoice as package invoices leaves one, dated in the past
// for the demo: a draft with one line, then issued with the next number of its year's
// series (the counter advances, so later real numbers continue the series).
func demoInvoice(ctx context.Context, tx bun.Tx, format string, customerID int64, issue civil.Date, termDays int, net decimal.Decimal,
	profile, description string, supplier invoices.Supplier, now time.Time) (int64, error) {
	var c struct {
		Name, Street, PostalCode, City, Country, KvK, VATID, Email string
	}
	if err := tx.NewRaw(`SELECT name, street, postal_code, city, country, COALESCE(kvk_number, ''), COALESCE(vat_id, ''), COALESCE(billing_email, '')
		FROM customers WHERE id = ?`, customerID).Scan(ctx, &c.Name, &c.Street, &c.PostalCode, &c.City, &c.Country, &c.KvK, &c.VATID, &c.Email); err != nil {
		return 0, err
	}
	vat := net.Mul(decimal.NewFromInt(21)).Div(decimal.NewFromInt(100)).Round(2)
	gross := net.Add(vat)
	var id int64
	if err := tx.NewRaw(`INSERT INTO invoices (customer_id, status, payment_term_days, terms_profile, created_at, updated_at)
		VALUES (?, 'draft', ?, ?, ?, ?) RETURNING id`, customerID, termDays, profile, now, now).Scan(ctx, &id); err != nil {
		return 0, err
	}
	if _, err := tx.NewRaw(`INSERT INTO invoice_lines (invoice_id, position, description, line_kind, quantity, unit, unit_price, vat_rate, vat_category, net)
		VALUES (?, 1, ?, 'services', 1, 'month', ?, '21', 'S', ?)`, id, description, net, net).Exec(ctx); err != nil {
		return 0, err
	}
	counter := invoices.CounterName(invoices.SeriesInvoice, format, issue.Year)
	var seq int64
	if err := tx.NewRaw(`INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
		counter).Scan(ctx, &seq); err != nil {
		return 0, err
	}
	number := invoices.FormatNumber(format, issue.Year, seq)
	perRate, err := json.Marshal([]invoices.VATAmount{{Rate: "21", Category: "S", Percent: decimal.NewFromInt(21), Base: net, VAT: vat}})
	if err != nil {
		return 0, err
	}
	sup, err := json.Marshal(supplier) // the company block and IBAN of its PDF and UBL
	if err != nil {
		return 0, err
	}
	_, err = tx.NewRaw(`UPDATE invoices SET status = 'issued', number = ?, issue_date = ?, due_date = ?, net = ?, vat = ?, gross = ?,
		vat_per_rate = ?::jsonb, supplier = ?::jsonb, customer_name = ?, customer_street = ?, customer_postal_code = ?, customer_city = ?, customer_country = ?,
		customer_kvk = ?, customer_vat_id = ?, billing_email = ?, payment_reference = ?, issued_at = ?, updated_at = ? WHERE id = ?`,
		number, issue, issue.AddDays(termDays), net, vat, gross, string(perRate), string(sup), c.Name, c.Street, c.PostalCode, c.City, c.Country, c.KvK, c.VATID,
		c.Email, number, now, now, id).Exec(ctx)
	return id, err
}
