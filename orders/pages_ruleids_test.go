package orders

import (
	"fmt"
	"regexp"
	"testing"

	"backoffice/internal/testkit"
)

// ruleIDRe is a rule ID in a page's text ("(Q-4)", "IDX-1"): the developers' reference, not
// words a user reads.
var ruleIDRe = regexp.MustCompile(`\b(Q|IDX|CAL|SEC|INV|T)-\d+\b`)

// TestStaffOrderPagesShowNoRuleIDs: the staff pages of quotes, the editor, orders, contracts,
// standard rates and index series read in words, without the rule IDs behind them (issue 13
// "One readable language on every page": no internal codes or rule IDs shown to users).
func TestStaffOrderPagesShowNoRuleIDs(t *testing.T) {
	e := setup(t, monday2March)
	code := testkit.Unique("ids-series-")
	e.a.Do(t, "POST", "/api/v1/index-series", e.am.Token, map[string]any{"code": code, "name": "UI test index", "base": "2015=100"}).Expect(t, 201)
	q := e.sentQuote(t, nil)
	out := e.accept(t, q.ID)
	draft := e.createQuote(t, nil)
	paths := []string{fmt.Sprintf("/quotes/%d", q.ID), fmt.Sprintf("/quotes/%d/edit", draft.ID), "/quotes/new",
		fmt.Sprintf("/orders/%d", out.Order.ID), "/standard-rates", "/indexation", "/index-series/" + code}
	if out.Contract != nil {
		paths = append(paths, fmt.Sprintf("/contracts/%d", out.Contract.ID))
	}
	sent := e.sentQuote(t, nil)
	paths = append(paths, fmt.Sprintf("/quotes/%d", sent.ID))
	for _, path := range paths {
		r := e.a.Do(t, "GET", path, e.am.Token, nil)
		if r.Status != 200 {
			t.Errorf("%s: %d", path, r.Status)
			continue
		}
		if m := ruleIDRe.FindString(visibleText(string(r.Body))); m != "" {
			t.Errorf("%s shows the rule ID %q", path, m)
		}
	}
}

var tagRe = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->|<[^>]+>`)

// visibleText is a page's text without its markup (ids and attributes are not read).
func visibleText(html string) string { return tagRe.ReplaceAllString(html, " ") }
