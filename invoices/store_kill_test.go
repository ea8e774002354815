package invoices_test

import (
	"context"
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
	seedRunCharges(t, s, "kill", n, month)
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
	assertInterruptedRunLeftNothing(t, s, "kill", month, n, [2]string{"INV-1_killed_run_leaves_nothing_and_consumes_no_number", "INV-1_next_run_numbers_from_1_without_gaps"})
}
