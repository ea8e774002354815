package invoices_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
)

// TestRunKilledMidway: the connection of an invoice run is killed while the run is
// working (as when the server is killed with -9: PostgreSQL rolls the transaction back);
// nothing of it remains, no number was consumed, and the next run issues every invoice
// with consecutive numbers from 1 (INV-1). Runs in 2022.
func TestRunKilledMidway(t *testing.T) {
	s := newApp(t, time.Date(2022, 2, 1, 6, 0, 0, 0, clock.Amsterdam))
	db := s.svc.DB
	ctx := context.Background()
	month := civil.D(2022, 1, 1)
	const n = 3000
	if _, err := db.ExecContext(ctx, `
		WITH c AS (
			INSERT INTO customers (name, street, postal_code, city, country, created_at, updated_at)
			SELECT 'Kill ' || g, 'Straat ' || g, '1234 AB', 'Utrecht', 'NL', now(), now() FROM generate_series(1, ?) g RETURNING id)
		INSERT INTO charges (customer_id, source_domain, source_kind, source_id, agreement_kind, agreement_id, key, description, line_kind,
			quantity, unit, unit_price, vat_rate, billable_on, terms_profile, status, created_at, updated_at)
		SELECT id, 'orders', 'contract_line', id, 'contract', id, 'kill:' || id, 'Beheer januari', 'services', 1, 'month', 450, '21', ?, '004', 'open', now(), now() FROM c`,
		n, month); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.svc.RunInvoices(ctx, month, false, nil)
		done <- err
	}()
	killed := false
	deadline := time.Now().Add(60 * time.Second)
	for !killed && time.Now().Before(deadline) {
		var pids []int
		if err := db.NewRaw(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`).Scan(ctx, &pids); err != nil {
			t.Fatal(err)
		}
		if len(pids) > 0 {
			time.Sleep(300 * time.Millisecond) // let it get well into the work
			var ok bool
			if err := db.NewRaw("SELECT pg_terminate_backend(?)", pids[0]).Scan(ctx, &ok); err != nil || !ok {
				t.Fatalf("terminate: %v", err)
			}
			killed = true
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the run finished before it could be killed (%v); make it bigger", err)
		default:
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := <-done; err == nil {
		t.Fatal("the killed run reported success")
	}
	count := func(q string, args ...any) int {
		var v int
		if err := db.NewRaw(q, args...).Scan(ctx, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	t.Run("INV-1_killed_run_leaves_nothing_and_consumes_no_number", func(t *testing.T) {
		if v := count("SELECT COALESCE((SELECT value FROM counters WHERE name = 'invoice:2022'), 0)"); v != 0 {
			t.Errorf("counter at %d after the killed run", v)
		}
		if v := count("SELECT count(*) FROM charges WHERE key LIKE 'kill:%' AND (status <> 'open' OR invoice_id IS NOT NULL)"); v != 0 {
			t.Errorf("%d charges touched", v)
		}
	})
	res, err := s.svc.RunInvoices(ctx, month, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("INV-1_next_run_numbers_from_1_without_gaps", func(t *testing.T) {
		if res.Issued != n {
			t.Fatalf("issued %d", res.Issued)
		}
		if v := count("SELECT count(DISTINCT number) FROM invoices WHERE number LIKE '2022-%'"); v != n {
			t.Errorf("%d numbers", v)
		}
		if max := count("SELECT max(substr(number, 6)::int) FROM invoices WHERE number LIKE '2022-%'"); max != n {
			t.Errorf("highest number %d, want %d", max, n)
		}
		t.Logf("killed run rolled back; rerun issued 2022-00001 … 2022-%05d", n)
	})
	_ = fmt.Sprint
}
