package tickets

import (
	"fmt"
	"sync"
	"testing"

	"backoffice/internal/testkit"
)

func TestConcurrency(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-06-02 10:00"))
	t.Run("T-2_concurrent_replies_record_one_first_response", func(t *testing.T) {
		id := b.file(t, nil)
		var wg sync.WaitGroup
		codes := make([]int, 8)
		for i := range codes {
			wg.Go(func() {
				r := b.app.Do(t, "POST", path(id, "/comments"), b.tech.Token, map[string]any{"body": fmt.Sprintf("reply %d", i)})
				codes[i] = r.Status
			})
		}
		wg.Wait()
		for i, c := range codes {
			if c != 201 {
				t.Errorf("reply %d: status %d", i, c)
			}
		}
		if n := count(t, "SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND kind = 'first_response'", id); n != 1 {
			t.Errorf("first_response events = %d, want 1", n)
		}
		if n := count(t, "SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND kind = 'status' AND new_value = 'open'", id); n != 1 {
			t.Errorf("new → open events = %d, want 1", n)
		}
	})
	t.Run("gapless_numbers_under_concurrent_filing", func(t *testing.T) {
		var wg sync.WaitGroup
		numbers := make([]string, 10)
		for i := range numbers {
			wg.Go(func() {
				var out TicketOut
				r := b.app.Do(t, "POST", "/api/v1/tickets", b.contact.Token, map[string]any{"subject": "Load", "description": "x", "category": "question"})
				if r.Status == 201 {
					r.JSON(t, &out)
					numbers[i] = out.Number
				}
			})
		}
		wg.Wait()
		seen := map[string]bool{}
		for _, n := range numbers {
			if n == "" || seen[n] {
				t.Fatalf("numbers = %v", numbers)
			}
			seen[n] = true
		}
		// every number of the year is taken exactly once: count = highest number
		var total, highest int
		total = count(t, "SELECT count(*) FROM tickets WHERE number LIKE 'T2026-%'")
		highest = count(t, "SELECT max(substr(number, 7)::int) FROM tickets WHERE number LIKE 'T2026-%'")
		if total != highest {
			t.Errorf("%d tickets but highest number %d: a gap or a duplicate", total, highest)
		}
	})
	t.Run("T-4_concurrent_close_and_reopen_leave_a_consistent_ticket", func(t *testing.T) {
		id := b.file(t, nil)
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "fix"}).Expect(t, 200)
		var wg sync.WaitGroup
		var close, reopen int
		wg.Go(func() {
			close = b.app.Do(t, "POST", path(id, "/status"), b.tech.Token, map[string]any{"status": "closed"}).Status
		})
		wg.Go(func() {
			reopen = b.app.Do(t, "POST", path(id, "/status"), b.contact.Token, map[string]any{"status": "open"}).Status
		})
		wg.Wait()
		out := b.get(t, b.tech, id)
		// whichever came first wins; the other is refused or legal after it
		switch {
		case close == 200 && reopen == 409:
			if out.Status != "closed" {
				t.Errorf("status %s", out.Status)
			}
		case reopen == 200 && close == 409:
			if out.Status != "open" {
				t.Errorf("status %s", out.Status)
			}
		default:
			t.Errorf("close %d reopen %d", close, reopen)
		}
	})
}

// The number drawn in the statement that inserts the ticket keeps at least five digits
// and grows past 99,999 without truncation ("T2099-100000"), starting a new year at 00001;
// the created event goes in with it.
func TestAssignTicketNumberWidth(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tx := testkit.Tx(t)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	prefix := testkit.Unique("W") + "-"
	if err := seedLoad(ctx, tx, cust.ID, 1, at("2026-06-02 10:00"), prefix); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := tx.NewRaw("SELECT id FROM tickets WHERE number = ?", prefix+"1").Scan(ctx, &id); err != nil {
		t.Fatal(err)
	}
	seeded, err := getTicket(ctx, tx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM counters WHERE name IN ('ticket:2098', 'ticket:2099')"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO counters (name, value) VALUES ('ticket:2099', 99998)"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		year   int
		number string
	}{{2098, "T2098-00001"}, {2099, "T2099-99999"}, {2099, "T2099-100000"}, {2099, "T2099-100001"}} {
		tk := *seeded
		tk.ID, tk.Origin = 0, nil
		ev := Event{At: tk.ReceivedAt, Kind: EventCreated, NewValue: strp(string(StatusNew))}
		if err := insertTicketCreated(ctx, tx, &tk, &ev, want.year); err != nil {
			t.Fatal(err)
		}
		var stored string
		var events int
		if err := tx.NewRaw("SELECT number, (SELECT count(*) FROM ticket_events WHERE ticket_id = tickets.id AND id = ?) FROM tickets WHERE id = ?", ev.ID, tk.ID).
			Scan(ctx, &stored, &events); err != nil {
			t.Fatal(err)
		}
		if tk.Number != want.number || stored != want.number || events != 1 || ev.TicketID != tk.ID {
			t.Errorf("drew %s (stored %s, %d created events), want %s", tk.Number, stored, events, want.number)
		}
	}
}
