package orders

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/calendar"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// benchQuotes is how many quotes the list benchmarks run against.
const benchQuotes = 100_000

// seedBenchQuotes inserts benchQuotes quote versions (half drafts, half sent with varying
// validity) for one new customer, once per test binary.
func seedBenchQuotes(b *testing.B) int64 {
	b.Helper()
	ctx := context.Background()
	d := testkit.DB(b).Bun
	cust := testkit.Customer(b, testkit.CustomerOpts{Name: testkit.Unique("Bench customer ")})
	_, err := d.ExecContext(ctx, `INSERT INTO quotes (number, version, customer_id, title, status, valid_days, terms_profile,
		initial_term_months, renewal_term_months, notice_months, notice_method, price_change_rule, index_method, index_series,
		net, vat, gross, created_at, updated_at, sent_at, valid_until)
		SELECT 'Q1999-' || lpad(g::text, 6, '0'), 1, ?, 'Bench quote ' || g,
		       CASE WHEN g % 2 = 0 THEN 'draft' ELSE 'sent' END, 30, '4y-1y-2m', 48, 12, 2, 'in_writing', 'none', 'series', 'cbs-cdt',
		       (g % 5000) + 0.50, round(((g % 5000) + 0.50) * 0.21, 2), round(((g % 5000) + 0.50) * 1.21, 2), now(), now(),
		       CASE WHEN g % 2 = 0 THEN NULL ELSE now() END,
		       CASE WHEN g % 2 = 0 THEN NULL ELSE DATE '2026-02-01' + (g % 90) END
		FROM generate_series(1, ?) AS g`, cust.ID, benchQuotes)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, "ANALYZE quotes"); err != nil {
		b.Fatal(err)
	}
	return cust.ID
}

var benchCustomer int64

func benchService(b *testing.B) *Service {
	if benchCustomer == 0 {
		benchCustomer = seedBenchQuotes(b)
	}
	cal, _ := calendar.Builtin(calendar.IDWerktijden)
	return NewService(testkit.DB(b).Bun, clock.Fixed(time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam)), cal, "")
}

// BenchmarkListQuotes lists the newest 50 of 100,000 quotes with their totals (the admin
// list and GET /api/v1/quotes), unfiltered, by customer, and by derived status.
func BenchmarkListQuotes(b *testing.B) {
	s := benchService(b)
	ctx := context.Background()
	cid := benchCustomer
	within := 7
	for _, bc := range []struct {
		name string
		f    QuoteFilter
	}{
		{"newest_50", QuoteFilter{Limit: 51}},
		{"customer_newest_50", QuoteFilter{Limit: 51, CustomerID: &cid}},
		{"expired_derived_50", QuoteFilter{Limit: 51, CustomerID: &cid, Status: QuoteExpired}},
		{"expiring_within_7_days_50", QuoteFilter{Limit: 51, CustomerID: &cid, ExpiringWithin: &within}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				qs, err := s.ListQuotes(ctx, bc.f)
				if err != nil || len(qs) != 51 {
					b.Fatalf("%d quotes: %v", len(qs), err)
				}
			}
		})
	}
}
