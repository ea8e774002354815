package orders

import (
	"fmt"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestQuoteListPageIsPrepared: a cursor page of the quote list and a quote get (issue 14)
// send their reads with placeholders (the prepared read path: one statement text for
// every page and id), within the list's budget: the page and nothing else once the login
// is cached.
func TestQuoteListPageIsPrepared(t *testing.T) {
	e := setup(t, monday2March)
	for range 3 {
		e.sentQuote(t, nil)
	}
	var first struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
		Next *string `json:"next"`
	}
	e.a.Do(t, "GET", "/api/v1/quotes?limit=1", e.am.Token, nil).Expect(t, 200).JSON(t, &first)
	if first.Next == nil {
		t.Fatal("no next page")
	}
	for _, c := range []struct {
		what, path string
		budget     int
	}{
		{"a cursor page of quotes", "/api/v1/quotes?limit=1&after=" + *first.Next, 1},
		{"a quote", fmt.Sprintf("/api/v1/quotes/%d", first.Items[0].ID), 2},
	} {
		n := testkit.CountQueries(t)
		e.a.Do(t, "GET", c.path, e.am.Token, nil).Expect(t, 200)
		n.Within(c.budget, c.what)
		for _, s := range n.Statements() {
			if !strings.Contains(s, "$1") {
				t.Errorf("%s: a statement with its values inlined: %s", c.what, s)
			}
		}
	}
}
