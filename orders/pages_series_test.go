package orders

import (
	"fmt"
	"strings"
	"testing"
)

// TestPagesNameIndexSeries (issue 13): the indexation and series pages name a series in
// words ("CBS CPI all households (2015=100)"), never by its code "cbs-cpi-2015" (which
// stays in links and the API); a quote writes its VAT rate as every page writes a
// percentage, "21 %" with a non-breaking space.
func TestPagesNameIndexSeries(t *testing.T) {
	e := setup(t, monday2March)
	open := e.sentQuote(t, nil)
	pages := []struct {
		path, token string
		want        []string
		never       []string
	}{
		{"/indexation", e.am.Token, []string{">CBS CPI all households (2015=100)</a>", ">CBS CPI all households (2025=100)</a>"}, []string{">cbs-cpi-2015<", ">cbs-cpi<"}},
		{"/index-series/cbs-cpi", e.am.Token, []string{"<title>CBS CPI all households (2025=100)",
			`<a href="/index-series/cbs-cpi-2015">CBS CPI all households (2015=100)</a>`}, []string{">cbs-cpi-2015<"}},
		{fmt.Sprintf("/portal/quotes/%d", open.ID), e.contact.Token, []string{">21\u00a0%</td>", "Btw 21\u00a0% over"}, []string{">21%<", "21%"}},
	}
	for _, p := range pages {
		body := string(e.a.Do(t, "GET", p.path, p.token, nil).Expect(t, 200).Body)
		for _, w := range p.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", p.path, w)
			}
		}
		for _, w := range p.never {
			if strings.Contains(body, w) {
				t.Errorf("%s shows %q", p.path, w)
			}
		}
	}
}
