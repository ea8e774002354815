package receivables_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/invoices/receivables"
)

// TestClaimExplanationInTheReadersLanguage (issue 13, INV-4): the claim's explanation
// writes its dates in words in the reader's language (Accept-Language) and names the
// terms profile, never an ISO date (2025-02-01) or a profile code.
func TestClaimExplanationInTheReadersLanguage(t *testing.T) {
	a, _ := setup(t, time.Date(2025, 4, 1, 10, 0, 0, 0, clock.Amsterdam))
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	id := issuedInvoice(t, cust.ID, testkit.Unique("2025-"), "5000.00", "2025-01-17", "2025-01-31", "002")
	iso := regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	for _, tc := range []struct{ lang, words string }{{"nl", "De wettelijke handelsrente"}, {"en", "Statutory commercial interest"}} {
		req := httptest.NewRequest("GET", "/api/v1/invoices/"+itoa(id)+"/claim?on=2025-04-01", nil)
		req.Header.Set("Authorization", "Bearer "+contact.Token)
		req.Header.Set("Accept-Language", tc.lang)
		res, err := a.Server.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var c receivables.ClaimOut
		if err := json.Unmarshal(b, &c); err != nil || res.StatusCode != 200 {
			t.Fatalf("claim %d: %s", res.StatusCode, b)
		}
		from := i18n.Date(tc.lang, c.InterestFrom)
		if !strings.Contains(c.Explanation, tc.words) || !strings.Contains(c.Explanation, from) {
			t.Errorf("%s explanation lacks %q or %q: %s", tc.lang, tc.words, from, c.Explanation)
		}
		if iso.MatchString(c.Explanation) || strings.Contains(c.Explanation, " 002 ") {
			t.Errorf("%s explanation shows an ISO date or a profile code: %s", tc.lang, c.Explanation)
		}
	}
}
