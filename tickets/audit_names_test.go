package tickets

import (
	"fmt"
	"strings"
	"testing"
)

// TestAuditLogNamesTicketsAndPolicies (issue 13): the audit log names a ticket by its
// number and the SLA policy in its changes by name, not "Ticket 10" and "SLA policy 1".
func TestAuditLogNamesTicketsAndPolicies(t *testing.T) {
	b := setup(t, at("2026-04-24 16:30"))
	id := b.file(t, nil)
	tk := b.get(t, b.tech, id)
	if tk.SLA.PolicyName == "" {
		t.Fatalf("ticket without a policy: %+v", tk)
	}
	body := b.page(t, b.admin, fmt.Sprintf("/audit?entity=ticket&entity_id=%d", id), 200, "Ticket "+tk.Number,
		`<span class="after">`+tk.SLA.PolicyName+`</span>`)
	if strings.Contains(body, fmt.Sprintf(">Ticket %d<", id)) {
		t.Error("the audit log names the ticket by its id")
	}
	// a change of assignee names the technician, not "— → 3"
	b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"assignee_id": b.tech.User.ID}).Expect(t, 200)
	b.page(t, b.admin, fmt.Sprintf("/audit?entity=ticket&entity_id=%d", id), 200, `<span class="after">`+b.tech.User.Name+`</span>`)
}
