package receivables_test

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestDemoSeed(t *testing.T) {
	_, mod := setup(t, time.Date(2026, 12, 1, 9, 0, 0, 0, clock.Amsterdam))
	a := testkit.Customer(t, testkit.CustomerOpts{})
	b := testkit.Customer(t, testkit.CustomerOpts{})
	tx := testkit.Tx(t)
	ctx := context.Background()
	if err := mod.SeedDemo(ctx, tx, &platform.Demo{CustomerIDs: []int64{a.ID, b.ID}}); err != nil {
		t.Fatal(err)
	}
	var stages []string
	if err := tx.NewRaw("SELECT DISTINCT stage FROM dunning_steps WHERE customer_id IN (?, ?) ORDER BY stage", a.ID, b.ID).Scan(ctx, &stages); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"first_reminder": true, "second_reminder": true, "default_notice": true, "collection": true}
	for _, s := range stages {
		delete(want, s)
	}
	if len(want) != 0 {
		t.Fatalf("stages %v, missing %v", stages, want)
	}
	var paid, partly, unmatched int
	_ = tx.NewRaw("SELECT count(*) FROM invoices WHERE customer_id = ? AND status = 'paid'", a.ID).Scan(ctx, &paid)
	_ = tx.NewRaw("SELECT count(*) FROM invoices WHERE customer_id = ? AND status = 'issued' AND paid > 0", a.ID).Scan(ctx, &partly)
	_ = tx.NewRaw("SELECT count(*) FROM bank_entries WHERE payment_id IS NULL AND ref LIKE 'DEMO-%'").Scan(ctx, &unmatched)
	if paid != 1 || partly != 1 || unmatched != 1 {
		t.Fatalf("paid %d, partly paid %d, unmatched %d", paid, partly, unmatched)
	}
	// every demo invoice carries our company (its PDF's company block and IBAN, its UBL's
	// seller) and the VAT percent of its rate (EN 16931 BR-06, BR-CO-17; issue 13)
	var bare int
	if err := tx.NewRaw(`SELECT count(*) FROM invoices WHERE customer_id IN (?, ?) AND status <> 'draft'
		AND (COALESCE(supplier->>'name', '') = '' OR COALESCE(supplier->>'iban', '') = '' OR vat_per_rate->0->>'percent' IS NULL)`, a.ID, b.ID).Scan(ctx, &bare); err != nil {
		t.Fatal(err)
	}
	if bare != 0 {
		t.Errorf("%d demo invoices without the supplier or the VAT percent", bare)
	}
}
