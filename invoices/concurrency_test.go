package invoices_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/invoices"
)

// TestConcurrentIssue: 50 drafts issued at once get 50 consecutive numbers, and a
// failed issue in between consumes none (INV-1). Runs in 2025 so its series is its own.
func TestConcurrentIssue(t *testing.T) {
	s := newApp(t, time.Date(2025, 6, 2, 9, 0, 0, 0, clock.Amsterdam))
	ctx := context.Background()
	var ids []int64
	for i := 0; i < 50; i++ {
		cust := customer(t, custOpts{})
		charge(t, cust.ID, chargeOpts{Billable: civil.D(2025, 6, 1)})
		doc, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, doc.Invoice.ID)
	}
	bare := customer(t, custOpts{NoAddress: true})
	charge(t, bare.ID, chargeOpts{Billable: civil.D(2025, 6, 1)})
	bad, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: bare.ID})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var numbers []string
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i, id := range append(ids, bad.Invoice.ID) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := s.svc.Issue(ctx, id)
			if id == bad.Invoice.ID {
				if err == nil {
					errs <- fmt.Errorf("the invoice without an address was issued")
				}
				return
			}
			if err != nil {
				errs <- fmt.Errorf("issue %d: %w", i, err)
				return
			}
			mu.Lock()
			numbers = append(numbers, *doc.Invoice.Number)
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	sort.Strings(numbers)
	t.Run("INV-1_50_concurrent_issues_50_consecutive_numbers", func(t *testing.T) {
		if len(numbers) != 50 {
			t.Fatalf("%d numbers", len(numbers))
		}
		for i, n := range numbers {
			if want := fmt.Sprintf("2025-%05d", i+1); n != want {
				t.Errorf("number %d = %s, want %s", i, n, want)
			}
		}
	})
}
