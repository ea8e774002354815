package tickets

import (
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestTicketListPageIsPrepared: a cursor page of the ticket queue, a due-sorted cursor
// page and a ticket get (issue 14) send their reads with placeholders (the prepared read
// path: one statement text for every page and id), within their budgets once the login
// and the policy are cached.
func TestTicketListPageIsPrepared(t *testing.T) {
	b := setup(t, at("2026-03-10 09:00"))
	var id int64
	for range 3 {
		id = b.file(t, map[string]any{"priority": "P2"})
	}
	next := func(query string) string {
		var out listOut
		b.do(t, b.tech, "GET", "/api/v1/tickets?"+query, nil).Expect(t, 200).JSON(t, &out)
		if out.Next == nil {
			t.Fatalf("%s: no next page", query)
		}
		return *out.Next
	}
	for _, c := range []struct {
		what, path string
		budget     int
	}{
		{"a cursor page of tickets", "/api/v1/tickets?limit=1&after=" + next("limit=1"), 1},
		{"a cursor page by due time", "/api/v1/tickets?sort=due&limit=1&after=" + next("sort=due&limit=1"), 1},
		{"a ticket", path(id, ""), 3}, // the ticket, its events, its comments
	} {
		n := testkit.CountQueries(t)
		b.do(t, b.tech, "GET", c.path, nil).Expect(t, 200)
		n.Within(c.budget, c.what)
		for _, s := range n.Statements() {
			if !strings.Contains(s, "$1") {
				t.Errorf("%s: a statement with its values inlined: %s", c.what, s)
			}
		}
	}
}
