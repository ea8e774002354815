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
