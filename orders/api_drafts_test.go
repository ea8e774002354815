package orders

import (
	"fmt"
	"testing"

	"backoffice/internal/httpx"
)

// A draft is the account manager's working copy: a customer contact meets it nowhere in
// the API — not by id, not as a PDF, not in the list, not to accept — exactly as a
// record of another company (404, never the data). Staff see it as before.
func TestCustomerNeverSeesADraft(t *testing.T) {
	e := setup(t, monday2March)
	draft := e.createQuote(t, nil)
	sent := e.sentQuote(t, nil)

	t.Run("404_get_and_pdf_of_a_draft", func(t *testing.T) {
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", draft.ID), e.contact.Token, nil).Expect(t, 404)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/pdf", draft.ID), e.contact.Token, nil).Expect(t, 404)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", draft.ID), e.contact.Token,
			map[string]any{"accepted_by": "Anna de Vries", "method": "portal"}).Expect(t, 404)
	})
	t.Run("list_leaves_drafts_out", func(t *testing.T) {
		for _, path := range []string{"/api/v1/quotes?status=draft", "/api/v1/quotes"} {
			var l httpx.List[QuoteOut]
			e.a.Do(t, "GET", path, e.contact.Token, nil).Expect(t, 200).JSON(t, &l)
			for _, q := range l.Items {
				if q.Status == "draft" || q.ID == draft.ID {
					t.Fatalf("%s: the customer sees draft %d", path, q.ID)
				}
			}
		}
	})
	t.Run("200_the_offered_quote_and_staff_see_the_draft", func(t *testing.T) {
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", sent.ID), e.contact.Token, nil).Expect(t, 200)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/pdf", sent.ID), e.contact.Token, nil).Expect(t, 200)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", draft.ID), e.am.Token, nil).Expect(t, 200)
		var l httpx.List[QuoteOut]
		e.a.Do(t, "GET", "/api/v1/quotes?status=draft", e.am.Token, nil).Expect(t, 200).JSON(t, &l)
		if len(l.Items) == 0 {
			t.Fatal("staff no longer see drafts")
		}
	})
}
