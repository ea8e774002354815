package orders

import (
	"fmt"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestPagesSayOnlyWhatApplies: a one-off quote (no recurring line) shows the customer no
// contract term and no indexation clause, which bind recurring services only; a quote with
// a recurring line shows both. A technician, who cannot open a contract, reads in words
// that the order runs under one, not the bare "a contract".
func TestPagesSayOnlyWhatApplies(t *testing.T) {
	e := setup(t, monday2March)
	cust := testkit.Customer(t, testkit.CustomerOpts{Language: "nl"})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	get := func(path, token string) string {
		t.Helper()
		return string(e.a.Do(t, "GET", path, token, nil).Expect(t, 200).Body)
	}
	send := func(lines []map[string]any) QuoteOut {
		t.Helper()
		extra := map[string]any{"customer_id": cust.ID}
		if lines != nil {
			extra["lines"] = lines
		}
		q := e.createQuote(t, extra)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", q.ID), e.am.Token, nil).Expect(t, 200)
		return q
	}
	oneOff := send([]map[string]any{{"kind": "service", "description": "Inventarisatie", "quantity": "6", "unit": "hour", "unit_price": "95.00", "vat_rate": "21", "sku": "ENG-HOUR"}})
	body := get(fmt.Sprintf("/portal/quotes/%d", oneOff.ID), contact.Token)
	for _, bad := range []string{"Looptijd", "doorlopende diensten lopen", "geïndexeerd", `id="quote-indexation"`} {
		if strings.Contains(body, bad) {
			t.Errorf("the one-off quote shows %q", bad)
		}
	}
	recurring := send(nil)
	body = get(fmt.Sprintf("/portal/quotes/%d", recurring.ID), contact.Token)
	for _, want := range []string{"Looptijd", "doorlopende diensten lopen", `id="quote-indexation"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the quote with a recurring line lacks %q", want)
		}
	}
	var out AcceptOut
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", recurring.ID), contact.Token,
		map[string]any{"accepted_by": "Anna de Vries", "method": "portal"}).Expect(t, 200).JSON(t, &out)
	tech := testkit.Login(t, auth.Technician, nil)
	body = get(fmt.Sprintf("/orders/%d", out.Order.ID), tech.Token)
	if !strings.Contains(body, "its recurring services run under a contract") || strings.Contains(body, `id="contract-link"`) {
		t.Error("a technician's order page: the contract in words, no link he cannot open")
	}
}
