package tickets

import (
	"context"
	"fmt"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// bundle is what an HTTP test needs: the real server with this module, a customer
// company with a contact, a second company, and staff of each role.
type bundle struct {
	app        *testkit.App
	mod        *Module
	customerID int64
	otherID    int64
	contact    testkit.As // customer user of customerID
	other      testkit.As // customer user of otherID
	tech       testkit.As
	manager    testkit.As
	admin      testkit.As
}

func setup(t *testing.T, now time.Time) *bundle {
	t.Helper()
	b := &bundle{}
	b.app = testkit.NewApp(t, now, func(d *platform.Deps) []platform.Module {
		b.mod = New(d)
		return []platform.Module{b.mod}
	})
	c1 := testkit.Customer(t, testkit.CustomerOpts{})
	c2 := testkit.Customer(t, testkit.CustomerOpts{})
	b.customerID, b.otherID = c1.ID, c2.ID
	b.contact = testkit.Login(t, auth.Customer, &c1.ID)
	b.other = testkit.Login(t, auth.Customer, &c2.ID)
	b.tech = testkit.Login(t, auth.Technician, nil)
	b.manager = testkit.Login(t, auth.AccountManager, nil)
	b.admin = testkit.Login(t, auth.Admin, nil)
	return b
}

func (b *bundle) do(t *testing.T, as testkit.As, method, path string, body any) *testkit.Response {
	t.Helper()
	return b.app.Do(t, method, path, as.Token, body)
}

// file creates a ticket as the contact and returns its id.
func (b *bundle) file(t *testing.T, body map[string]any) int64 {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["subject"]; !ok {
		body["subject"] = "Mail is down"
	}
	if _, ok := body["description"]; !ok {
		body["description"] = "Outlook says the server is unreachable since 9:00."
	}
	if _, ok := body["category"]; !ok {
		body["category"] = "incident"
	}
	as := b.contact
	if _, ok := body["customer_id"]; ok {
		as = b.tech
	}
	var out TicketOut
	b.do(t, as, "POST", "/api/v1/tickets", body).Expect(t, 201).JSON(t, &out)
	return out.ID
}

func (b *bundle) get(t *testing.T, as testkit.As, id int64) TicketOut {
	t.Helper()
	var out TicketOut
	b.do(t, as, "GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil).Expect(t, 200).JSON(t, &out)
	return out
}

// count runs a COUNT(*) query on the test database.
func count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := testkit.DB(t).Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// deskMail is the body of the desk's mail on a new ticket.
func deskMail(t *testing.T, ticketID int64) string {
	t.Helper()
	var body string
	if err := testkit.DB(t).Bun.NewRaw("SELECT body FROM outbox WHERE entity = 'ticket' AND entity_id = ? AND kind = 'ticket_new'", fmt.Sprint(ticketID)).Scan(context.Background(), &body); err != nil {
		t.Fatal(err)
	}
	return body
}

func assertAt(t *testing.T, field string, got time.Time, want string) {
	t.Helper()
	if !got.Equal(at(want)) {
		t.Errorf("%s = %s, want %s", field, got.In(at(want).Location()).Format(stampLayout), want)
	}
}
