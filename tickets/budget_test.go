package tickets

import (
	"testing"

	"backoffice/internal/testkit"
)

// statusBudget is the number of statements changing a ticket's status may send: login
// lookup (2), BEGIN, the locked ticket, the event, policy and targets, the event log, the
// comments, the ticket update, the audit entry, COMMIT. Before ISSUE 8 it sent 16: the
// handler threw away the ticket and SLA the service returned and read them again.
const statusBudget = 12

func TestQueryBudgetChangeTicketStatus(t *testing.T) {
	b := setup(t, at("2026-03-10 09:00"))
	id := b.file(t, nil)
	n := testkit.CountQueries(t)
	b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "open"}).Expect(t, 200)
	n.Within(statusBudget, "change a ticket's status")
}

// createBudget is the number of statements filing a ticket may send: login lookup (none
// when cached), BEGIN, the customer's policy with its name, the ticket, its created
// event, the number (counter and ticket in one statement), the audit entry, the
// ticket.created event and its deliveries, the desk's mail, COMMIT — and the policy with
// its targets the first time (cached after). Before issue 14 it sent 16: the handler read
// the ticket, its events and comments again after the commit, and the number took two.
const createBudget = 13

func TestQueryBudgetCreateTicket(t *testing.T) {
	b := setup(t, at("2026-03-10 09:00"))
	n := testkit.CountQueries(t)
	created := b.do(t, b.tech, "POST", "/api/v1/tickets", map[string]any{"customer_id": b.customerID, "subject": " Printer ",
		"description": "Sinds vanochtend geen afdrukken meer. ", "category": "incident"}).Expect(t, 201)
	n.Within(createBudget, "file a ticket")
	// the answer is what GET shows, though nothing was read again
	var out TicketOut
	created.JSON(t, &out)
	got := b.do(t, b.tech, "GET", path(out.ID, ""), nil).Expect(t, 200)
	if string(created.Body) != string(got.Body) {
		t.Fatalf("POST answered\n%s\nGET answers\n%s", created.Body, got.Body)
	}
}
