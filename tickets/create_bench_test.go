package tickets

import (
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// BenchmarkCreateTicketAPI files tickets through the real router (auth, validation, SLA
// clock, one transaction: ticket and event, number, one batch of audit entry, event and
// mail) — the write path of issue 14's second round. Each op is one POST /api/v1/tickets.
func BenchmarkCreateTicketAPI(b *testing.B) {
	a := testkit.NewApp(b, at("2026-07-01 10:00"), func(d *platform.Deps) []platform.Module { return []platform.Module{New(d)} })
	cust := testkit.Customer(b, testkit.CustomerOpts{})
	staff := testkit.Login(b, auth.Technician, nil)
	body := map[string]any{"customer_id": cust.ID, "subject": "Printer doet het niet",
		"description": "Sinds vanochtend geen afdrukken meer.", "category": "incident"}
	b.ReportAllocs()
	for b.Loop() {
		a.Do(b, "POST", "/api/v1/tickets", staff.Token, body).Expect(b, 201)
	}
}
