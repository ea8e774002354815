package orders

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// rawID is a message id that reached the page instead of its text.
var rawID = regexp.MustCompile(`\b(orders|portal)\.(ui|terms|index|reason|accept|quotes)\.[a-z_]+`)

// TestPortalQuotePagesInTheCustomersLanguage: a Dutch customer's user reads the quote, its
// acceptance, the order and the contracts in Dutch, an English one in English — the index
// and the terms in plain words, no series code and no rule ID, the acceptance text naming
// the recurring commitment and the one-off total (issue 13, Q-3).
func TestPortalQuotePagesInTheCustomersLanguage(t *testing.T) {
	e := setup(t, monday2March)
	cases := []struct {
		lang                        string
		quote, accepted, order, cts []string
	}{
		{"nl", []string{"Geldig tot", "Deze offerte aanvaarden", "eenmalig €\u00a02.178,00 excl. btw", "€\u00a0125,00 per maand gedurende 48 maanden",
			"prijsindex commerciële dienstverlening", "Online aanvaarden", "Of upload de ondertekende offerte", "Totaal incl. btw", "Te beslissen", "Omschrijving", ">uur</td>", ">stuks</td>"},
			[]string{"Aanvaard", "in het klantportaal", "opdracht bekijken"},
			[]string{"Opdracht", "Startdatum", "Levering (indicatief)", "Totaal excl. btw", "Lopend"},
			[]string{"Looptijd", "Uiterste opzegdatum", "48 maanden, verlenging per 12 maanden; opzegtermijn 2 maanden", "per maand", "Actief"}},
		{"en", []string{"Valid until", "Accept this quote", "one-off €2,178.00 excl. VAT", "€125.00 per month for 48 months",
			"price index of commercial services", "Accept online", "Or upload the signed quote", "Total incl. VAT", "To decide", "Description", ">hour</td>"},
			[]string{"Accepted", "in the customer portal", "view the order"},
			[]string{"Order", "Start date", "Delivery (indicative)", "Total excl. VAT", "Open"},
			[]string{"Term", "Notice deadline", "48 months, renewing by 12 months; notice 2 months", "per month", "Active"}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			cust := testkit.Customer(t, testkit.CustomerOpts{Language: c.lang})
			user := testkit.Login(t, auth.Customer, &cust.ID)
			q := e.createQuote(t, map[string]any{"customer_id": cust.ID})
			e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", q.ID), e.am.Token, nil).Expect(t, 200)
			page := func(path string, want []string) {
				t.Helper()
				body := string(e.a.Do(t, "GET", path, user.Token, nil).Expect(t, 200).Body)
				for _, w := range want {
					if !strings.Contains(body, w) {
						t.Errorf("%s lacks %q", path, w)
					}
				}
				for _, bad := range []string{"cbs-cdt", "IDX-1", "(Q-4)", "Q-6", "Q-8", "LAP-14", "ENG-HOUR"} { // no rule IDs, codes or SKUs for a customer
					if strings.Contains(body, bad) {
						t.Errorf("%s shows %q", path, bad)
					}
				}
				if m := rawID.FindString(body); m != "" {
					t.Errorf("%s shows the message id %q", path, m)
				}
			}
			page(fmt.Sprintf("/portal/quotes/%d", q.ID), c.quote)
			var out AcceptOut
			e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), user.Token,
				map[string]any{"accepted_by": "Anna de Vries", "method": "portal"}).Expect(t, 200).JSON(t, &out)
			page(fmt.Sprintf("/portal/quotes/%d", q.ID), c.accepted)
			page(fmt.Sprintf("/portal/orders/%d", out.Order.ID), c.order)
			page("/portal/contracts", c.cts)
			// accepting it again: the refusal's title and detail in the customer's language
			again := postForm(t, e.a, fmt.Sprintf("/portal/quotes/%d/accept", q.ID), user.Token, url.Values{"accepted_by": {"Anna de Vries"}}, nil)
			if want := map[string]string{"nl": "deze offerte is al aanvaard", "en": "the quote has already been accepted"}[c.lang]; again.Status != 409 || !strings.Contains(string(again.Body), want) {
				t.Errorf("accepting twice: %d, lacks %q: %.600s", again.Status, want, again.Body)
			}
			if ruleID := regexp.MustCompile(`\((?:Q|IDX|CAL)-\d+`).Find(again.Body); ruleID != nil {
				t.Errorf("the refusal shows the customer a rule ID %s: %.600s", ruleID, again.Body)
			}
		})
	}
}
