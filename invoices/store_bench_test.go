package invoices_test

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

// BenchmarkMonthlyRun: the monthly invoice run for 10,000 contracts (10,000 customers
// with one contract fee each, so 10,000 invoices) — the target is under 10 s per run.
// go test -run '^$' -bench MonthlyRun -benchtime 1x ./invoices/
func BenchmarkMonthlyRun(b *testing.B) {
	db := testkit.DB(b).Bun
	ctx := context.Background()
	var mod *invoices.Module
	app := testkit.NewApp(b, time.Date(2020, 2, 1, 6, 0, 0, 0, clock.Amsterdam), func(d *platform.Deps) []platform.Module {
		mod = invoices.New(d)
		return []platform.Module{mod}
	})
	_ = app
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		month := civil.D(2000+i, 1, 1)
		if _, err := db.ExecContext(ctx, `
			WITH c AS (
				INSERT INTO customers (name, street, postal_code, city, country, kvk_number, created_at, updated_at)
				SELECT 'Bench ' || g || '-' || ?, 'Straat ' || g, '1234 AB', 'Utrecht', 'NL', NULL, now(), now() FROM generate_series(1, 10000) g
				RETURNING id)
			INSERT INTO charges (customer_id, source_domain, source_kind, source_id, agreement_kind, agreement_id, key, description, line_kind,
				quantity, unit, unit_price, vat_rate, period_start, period_end, billable_on, terms_profile, status, created_at, updated_at)
			SELECT id, 'orders', 'contract_period', id, 'contract', id, 'bench:' || id || '@' || ?::text, 'Beheer januari', 'services',
				1, 'month', 450, '21', ?::date, (?::date + interval '1 month' - interval '1 day')::date, ?::date, '004', 'open', now(), now() FROM c`,
			i, month.String(), month, month, month); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := mod.Service().RunInvoices(ctx, month, false, nil)
		if err != nil {
			b.Fatal(err)
		}
		if res.Issued != 10000 {
			b.Fatalf("issued %d", res.Issued)
		}
	}
}
