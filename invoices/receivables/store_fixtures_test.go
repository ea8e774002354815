package receivables_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/testkit"
)

// issuedInvoice inserts an issued invoice the way package invoices leaves one (the
// receivables tests do not depend on how it was made).
func issuedInvoice(t *testing.T, customerID int64, number, gross, issue, due, profile string) int64 {
	t.Helper()
	db := testkit.DB(t).Bun
	var id int64
	g := decimal.RequireFromString(gross)
	now := time.Now()
	err := db.NewRaw(`INSERT INTO invoices (customer_id, status, number, issue_date, due_date, terms_profile, net, vat, gross,
		customer_name, customer_street, customer_postal_code, customer_city, billing_email, payment_reference, created_at, updated_at, issued_at)
		VALUES (?, 'issued', ?, ?, ?, ?, ?, 0, ?, 'Bakkerij De Korenschoof B.V.', 'Dorpsstraat 1', '1234 AB', 'Utrecht', 'ap@example.nl', ?, ?, ?, ?) RETURNING id`,
		customerID, number, civil.MustParse(issue), civil.MustParse(due), profile, g, g, "RF"+number, now, now, now).Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func invoiceStatus(t *testing.T, id int64) (status string, paid decimal.Decimal) {
	t.Helper()
	err := testkit.DB(t).Bun.NewRaw("SELECT status, paid FROM invoices WHERE id = ?", id).Scan(context.Background(), &status, &paid)
	if err != nil {
		t.Fatal(err)
	}
	return
}

func count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := testkit.DB(t).Bun.NewRaw(q, args...).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}
