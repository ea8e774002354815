package tickets

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestCustomerMailsGoToTheReporterByName: a public staff comment and the resolution are
// e-mailed to the ticket's reporter — not to every contact — greeted by name, in the
// customer's language, with a portal link (issue 13).
func TestCustomerMailsGoToTheReporterByName(t *testing.T) {
	b := setup(t, at("2026-03-10 09:00"))
	colleague := testkit.Login(t, auth.Customer, &b.customerID)
	mails := func(id int64, kind string) (to []string, bodies []string) {
		t.Helper()
		var rows []struct {
			To   string `bun:"to_address"`
			Body string `bun:"body"`
		}
		if err := testkit.DB(t).Bun.NewSelect().TableExpr("outbox").Column("to_address", "body").Where("entity_id = ? AND kind = ?", fmt.Sprint(id), kind).
			Order("id").Scan(context.Background(), &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			to, bodies = append(to, r.To), append(bodies, r.Body)
		}
		return to, bodies
	}
	id := b.file(t, nil)
	b.do(t, b.tech, "POST", path(id, "/comments"), map[string]any{"body": "We are on it", "public": true}).Expect(t, 201)
	b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "fix"}).Expect(t, 200)
	for _, kind := range []string{KindTicketComment, KindTicketResolved} {
		to, bodies := mails(id, kind)
		if len(to) != 1 || to[0] != b.contact.User.Email {
			t.Fatalf("%s went to %v, want only the reporter %s (not %s)", kind, to, b.contact.User.Email, colleague.User.Email)
		}
		if !strings.HasPrefix(bodies[0], "Beste "+b.contact.User.Name+",\n\n") || !strings.Contains(bodies[0], fmt.Sprintf("/portal/tickets/%d", id)) ||
			!strings.Contains(bodies[0], "Met vriendelijke groet,") {
			t.Errorf("%s body:\n%s", kind, bodies[0])
		}
	}
	if _, bodies := mails(id, KindTicketResolved); !strings.Contains(bodies[0], "is opgelost") || !strings.Contains(bodies[0], "De oorzaak is verholpen.") {
		t.Errorf("Dutch resolution mail:\n%s", bodies[0])
	}

	if _, err := testkit.DB(t).Bun.NewUpdate().Table("customers").Set("language = 'en'").Where("id = ?", b.customerID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	id2 := b.file(t, nil)
	b.do(t, b.tech, "POST", path(id2, "/comments"), map[string]any{"body": "We are on it", "public": true}).Expect(t, 201)
	if _, bodies := mails(id2, KindTicketComment); len(bodies) != 1 || !strings.HasPrefix(bodies[0], "Dear "+b.contact.User.Name+",\n\n") ||
		!strings.Contains(bodies[0], "wrote on ticket") || !strings.Contains(bodies[0], "Kind regards,") {
		t.Errorf("English comment mail: %v", bodies)
	}
}
