package receivables_test

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

func TestPages(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	admin := testkit.Login(t, auth.Admin, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	id := issuedInvoice(t, cust.ID, testkit.Unique("P"), "2420.00", "2026-01-15", "2026-01-29", "002")
	for _, c := range []struct{ path, token, want string }{
		{"/receivables", admin.Token, `id="ageing-chart"`},
		{"/receivables/payments", admin.Token, `id="payment-form"`},
		{"/receivables/interest-rates", admin.Token, `10.15 %`},
		{"/receivables/invoices/" + itoa(id) + "?on=2026-05-01", admin.Token, `id="interest-lines"`},
		{"/portal/balance", contact.Token, `id="portal-open"`},
	} {
		r := a.Do(t, "GET", c.path, c.token, nil)
		if r.Status != 200 || !strings.Contains(string(r.Body), c.want) {
			t.Errorf("%s: %d, want %q in:\n%.600s", c.path, r.Status, c.want, r.Body)
		}
	}
	a.Do(t, "GET", "/receivables", contact.Token, nil).Expect(t, 403)
}
