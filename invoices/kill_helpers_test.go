package invoices_test

import (
	"context"
	"fmt"
	"testing"

	"backoffice/internal/civil"
)

// seedRunCharges makes n customers with one open monthly charge each (keys prefix:<id>),
// a run big enough to be interrupted while it works.
func seedRunCharges(t *testing.T, s *setup, prefix string, n int, month civil.Date) {
	t.Helper()
	if _, err := s.svc.DB.ExecContext(context.Background(), `
		WITH c AS (
			INSERT INTO customers (name, street, postal_code, city, country, created_at, updated_at)
			SELECT ? || ' ' || g, 'Straat ' || g, '1234 AB', 'Utrecht', 'NL', now(), now() FROM generate_series(1, ?) g RETURNING id)
		INSERT INTO charges (customer_id, source_domain, source_kind, source_id, agreement_kind, agreement_id, key, description, line_kind,
			quantity, unit, unit_price, vat_rate, billable_on, terms_profile, status, created_at, updated_at)
		SELECT id, 'orders', 'contract_line', id, 'contract', id, ? || ':' || id, 'Beheer januari', 'services', 1, 'month', 450, '21', ?, '004', 'open', now(), now() FROM c`,
		prefix, n, prefix, month); err != nil {
		t.Fatal(err)
	}
}

// assertInterruptedRunLeftNothing checks INV-1 after an interrupted run: no number of the
// year consumed, no charge of the run touched; then a new run issues all n invoices
// numbered 1…n without a gap. names are the two subtests' names.
func assertInterruptedRunLeftNothing(t *testing.T, s *setup, prefix string, month civil.Date, n int, names [2]string) {
	t.Helper()
	ctx := context.Background()
	count := func(q string, args ...any) int {
		var v int
		if err := s.svc.DB.NewRaw(q, args...).Scan(ctx, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	year := fmt.Sprint(month.Year)
	t.Run(names[0], func(t *testing.T) {
		if v := count("SELECT COALESCE((SELECT value FROM counters WHERE name = ?), 0)", "invoice:"+year); v != 0 {
			t.Errorf("counter at %d after the interrupted run (did it finish before?)", v)
		}
		if v := count("SELECT count(*) FROM charges WHERE key LIKE ? AND (status <> 'open' OR invoice_id IS NOT NULL)", prefix+":%"); v != 0 {
			t.Errorf("%d charges touched", v)
		}
	})
	res, err := s.svc.RunInvoices(ctx, month, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run(names[1], func(t *testing.T) {
		if res.Issued != n {
			t.Fatalf("issued %d", res.Issued)
		}
		if v := count("SELECT count(DISTINCT number) FROM invoices WHERE number LIKE ?", year+"-%"); v != n {
			t.Errorf("%d numbers", v)
		}
		if v := count("SELECT max(substr(number, 6)::int) FROM invoices WHERE number LIKE ?", year+"-%"); v != n {
			t.Errorf("highest number %d, want %d", v, n)
		}
	})
}
