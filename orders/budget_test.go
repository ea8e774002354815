package orders

import (
	"fmt"
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
// lookup (none when cached), BEGIN, the customer and index series checks, the quote, its
// lines, the counter, the number, the audit entry, COMMIT, and the quote with its lines
// read again for the answer (totals, customer name) — the two statements issue 14 left.
const createQuoteBudget = 12

func TestQueryBudgetCreateQuote(t *testing.T) {
	e := setup(t, monday2March)
	n := testkit.CountQueries(t)
	e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, nil)).Expect(t, 201)
	n.Within(createQuoteBudget, "create a quote")
}
