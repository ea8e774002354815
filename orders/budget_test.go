package orders

import (
	"fmt"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// acceptBudget is the number of statements accepting a quote may send: login lookup,
// BEGIN, the locked quote with its lines, the order and contract inserts, audit entries,
// the confirmation mail, COMMIT — and nothing read again after the commit. Before
// ISSUE 8 it sent 27 (7 after the commit, the quote read twice); now 20, and the budget
// leaves 4 for the facts the acceptance publishes in its transaction (charges, events).
const acceptBudget = 24

func TestQueryBudgetAcceptQuote(t *testing.T) {
	e := setup(t, monday2March)
	q := e.sentQuote(t, nil)
	n := testkit.CountQueries(t)
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token,
		map[string]any{"accepted_by": "Anna de Vries", "method": "portal"}).Expect(t, 200)
	n.Within(acceptBudget, "accept a quote")
}

// createQuoteBudget is the number of statements creating a quote may send: login
// lookup (none when cached), BEGIN, the customer's name and the index series (one
// statement), the quote with its number and its lines (one statement returning what was
// stored: the answer), the audit entry, COMMIT — and nothing read again after the
// commit. Before issue 14's second round it sent 12: the customer and the series were two
// checks, the number took two statements under the counter's lock (and a second version
// of the new row in every index of quotes), and the quote and its lines were read again
// for the answer. Only the audit entry and COMMIT follow the number.
const (
	createQuoteBudget     = 6
	createQuoteBudgetWarm = 5 // the login cached
	createQuoteLocked     = 2 // statements after the number, COMMIT included
)

func TestQueryBudgetCreateQuote(t *testing.T) {
	e := setup(t, monday2March)
	n := testkit.CountQueries(t)
	created := e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, nil)).Expect(t, 201)
	n.Within(createQuoteBudget, "create a quote")
	// the answer is what GET shows, though nothing was read again
	var q struct {
		ID int64 `json:"id"`
	}
	created.JSON(t, &q)
	got := e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.am.Token, nil).Expect(t, 200)
	if string(created.Body) != string(got.Body) {
		t.Fatalf("POST answered\n%s\nGET answers\n%s", created.Body, got.Body)
	}
	n = testkit.CountQueries(t)
	e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, nil)).Expect(t, 201)
	n.Within(createQuoteBudgetWarm, "create the next quote")
	locked := 0
	for i, s := range n.Statements() {
		if strings.Contains(s, "INSERT INTO counters") {
			locked = len(n.Statements()) - i - 1
		}
	}
	if locked == 0 || locked > createQuoteLocked {
		t.Errorf("%d statements after the number, want 1..%d:\n%s", locked, createQuoteLocked, strings.Join(n.Statements(), "\n"))
	}
}
