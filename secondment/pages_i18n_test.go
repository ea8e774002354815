package secondment

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
)

// TestSecondmentMessagesInBothLanguages fails when a page's text lacks Dutch or English:
// every literal id of every template and the ids built from bands, statuses, expense
// kinds, replacement reasons and requesters (issue 13).
func TestSecondmentMessagesInBothLanguages(t *testing.T) {
	m, err := i18n.MissingInTemplates(os.DirFS("."), "templates/*.html")
	if err != nil || len(m) > 0 {
		t.Fatalf("%v %v", m, err)
	}
	var ids []string
	for _, b := range []Band{BandBase, BandEvening, BandNight, BandNonWorkingDay} {
		ids = append(ids, "secondment.ui.band."+string(b), "secondment.ui.home.band."+string(b))
	}
	for _, s := range []string{string(StatusSubmitted), string(StatusApproved), string(StatusRejected), string(StatusWithdrawn), "open", "final"} {
		ids = append(ids, "secondment.ui.status."+s)
	}
	for _, k := range []ExpenseKind{ExpenseTravel, ExpenseLodging, ExpenseOther} {
		ids = append(ids, "secondment.ui.expense."+string(k))
	}
	for _, r := range []ReplacementReason{ReasonQuality, ReasonLongTermAbsence, ReasonOther} {
		ids = append(ids, "secondment.ui.reason."+string(r))
	}
	ids = append(ids, "secondment.ui.requester.customer", "secondment.ui.requester.provider")
	for _, id := range ids {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, id) {
				t.Errorf("%s: %s missing", lang, id)
			}
		}
	}
}

// TestCustomerPagesInTheirLanguage: a Dutch customer's contact reads the approval queue,
// the placement, the statement and the expenses in Dutch; a contact of a customer with
// language en reads them in English, the kilometres of a trip too (40,5 km, not 40.5);
// no message id shows as raw text (issue 13).
func TestCustomerPagesInTheirLanguage(t *testing.T) {
	f := setup(t, marchNow)
	en := testkit.Customer(t, testkit.CustomerOpts{Language: "en"})
	enContact := testkit.Login(t, auth.Customer, &en.ID)
	enPlacement := f.newPlacement(t, map[string]any{"customer_id": en.ID, "technician_id": f.tech2.User.ID})
	for p, tech := range map[int64]testkit.As{f.placementID: f.tech, enPlacement: f.tech2} {
		f.log(t, tech, p, at(2026, 3, 13, 18, 0), at(2026, 3, 13, 21, 0), "Patch night").Expect(t, 201)
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", p), tech.Token,
			map[string]any{"date": "2026-03-13", "kind": "travel", "km": "40.5", "description": "To the data centre"}).Expect(t, 201)
	}
	cases := []struct {
		who       testkit.As
		placement int64
		words     map[string][]string // path suffix → words
	}{
		{f.contact, f.placementID, map[string][]string{
			"approvals":  {"Alle uren die op goedkeuring wachten", "Selectie goedkeuren", "Avond", "Afkeuren…", "Technicus"},
			"placement":  {"Uurtarief", "Overwerktijdvakken", "Technicus vervangen", "Urenboekingen", "Ingediend", "maart 2026"},
			"statement":  {"Goedgekeurde uren", "Totaal excl. btw", "wachten op goedkeuring", "Voorlopig", "(40,5&nbsp;km)"},
			"expenses":   {"onkosten maart 2026", "Reiskosten", "13 maart 2026", "Totaal", "(40,5&nbsp;km ×"},
			"placements": {"Detachering", "Functie", "Periode"},
		}},
		{enContact, enPlacement, map[string][]string{
			"approvals":  {"All entries awaiting approval", "Approve selected", "Evening", "Reject…", "Technician"},
			"placement":  {"Hourly rate", "Overtime bands", "Replace the technician", "Hour entries", "Submitted", "March 2026"},
			"statement":  {"Approved hours", "Total excl. VAT", "await approval", "Provisional", "(40.5&nbsp;km)"},
			"expenses":   {"expenses March 2026", "Travel", "13 March 2026", "Total", "(40.5&nbsp;km ×"},
			"placements": {"Placement", "Role", "Period"},
		}},
	}
	for _, c := range cases {
		paths := map[string]string{"approvals": "/secondment/approvals", "placements": "/secondment/placements",
			"placement": fmt.Sprintf("/secondment/placements/%d", c.placement),
			"statement": fmt.Sprintf("/secondment/placements/%d/statements/2026-03", c.placement),
			"expenses":  fmt.Sprintf("/secondment/placements/%d/expenses?month=2026-03", c.placement)}
		for k, words := range c.words {
			st, _, body := f.page(t, http.MethodGet, paths[k], c.who.Token, nil)
			if st != 200 {
				t.Fatalf("%s: %d", paths[k], st)
			}
			for _, w := range words {
				if !strings.Contains(body, w) {
					t.Errorf("%s (%s) lacks %q", paths[k], c.who.User.Email, w)
				}
			}
			if i := strings.Index(body, "secondment.ui."); i >= 0 {
				t.Errorf("%s shows a raw message id: %.60s", paths[k], body[i:])
			}
		}
	}
}
