package orders

import (
	"fmt"
	"strings"
	"testing"
)

// TestPagesRender renders every admin and portal page through the real router and checks
// what each must show.
func TestPagesRender(t *testing.T) {
	e := setup(t, monday2March)
	draft := e.createQuote(t, nil)
	q := e.sentQuote(t, map[string]any{"cancellable": true})
	acc := e.accept(t, q.ID)
	open := e.sentQuote(t, nil)
	run := e.a.Do(t, "POST", "/api/v1/indexations", e.am.Token, map[string]any{"year": 2027}).Expect(t, 201).Map(t)
	pages := []struct {
		path, token string
		want        []string
	}{
		{"/quotes", e.am.Token, []string{q.Number, "Expiring within 7 days"}},
		{"/quotes?status=sent&expiring=1", e.am.Token, []string{"No quotes match"}},
		{"/quotes/new", e.am.Token, []string{"quote-form", "live-gross"}},
		{fmt.Sprintf("/quotes/%d/edit", draft.ID), e.am.Token, []string{"Workplace refresh", "Save draft"}},
		{fmt.Sprintf("/quotes/%d", draft.ID), e.am.Token, []string{"send-quote", "€\u00a02.786,63"}},
		{fmt.Sprintf("/quotes/%d", q.ID), e.am.Token, []string{"Anna de Vries", "order-link", "contract-link"}},
		{"/orders", e.am.Token, []string{acc.Order.Number}},
		{fmt.Sprintf("/orders/%d", acc.Order.ID), e.am.Token, []string{acc.Order.Number, "cancel-order", "target-date", "free until"}},
		{"/contracts", e.am.Token, []string{acc.Contract.Number, "14 June 2030", "14 April 2030"}},
		// issue 13 "ids become names": the contract links its order and quote by number
		{fmt.Sprintf("/contracts/%d", acc.Contract.ID), e.am.Token, []string{"notice-deadline", "14 April 2030", "contract-indexation",
			">" + acc.Order.Number + "</a>", ">" + q.Number + "</a>"}},
		{"/indexation", e.am.Token, []string{"propose-run", "cbs-cdt"}},
		// issue 13: a proposal names its contract by number
		{fmt.Sprintf("/indexation/%v", run["id"]), e.am.Token, []string{"proposals", "blocked", ">" + acc.Contract.Number + "</a>"}},
		{"/portal/quotes", e.contact.Token, []string{q.Number, open.Number}},
		{fmt.Sprintf("/portal/quotes/%d", open.ID), e.contact.Token, []string{"accept-quote", "accepted-by", "per maand", "€\u00a0125,00 per maand gedurende 48 maanden"}},
		{fmt.Sprintf("/portal/orders/%d", acc.Order.ID), e.contact.Token, []string{acc.Order.Number}},
		{"/portal/contracts", e.contact.Token, []string{acc.Contract.Number}},
	}
	for _, p := range pages {
		r := e.a.Do(t, "GET", p.path, p.token, nil)
		if r.Status != 200 {
			t.Errorf("%s: status %d", p.path, r.Status)
			continue
		}
		for _, w := range p.want {
			if !strings.Contains(string(r.Body), w) {
				t.Errorf("%s lacks %q", p.path, w)
			}
		}
	}
	for _, p := range []string{fmt.Sprintf("/portal/quotes/%d", draft.ID), fmt.Sprintf("/portal/orders/%d", acc.Order.ID)} {
		if r := e.a.Do(t, "GET", p, e.other.Token, nil); r.Status != 404 {
			t.Errorf("%s for another company: %d", p, r.Status)
		}
	}
	if r := e.a.Do(t, "GET", "/quotes", e.contact.Token, nil); r.Status != 403 {
		t.Errorf("customer on the admin quote list: %d", r.Status)
	}
}
