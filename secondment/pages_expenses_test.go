package secondment

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/httpx"
)

// TestPagesExpenses: a placement's expenses per month in the UI (SEC-4): listed for
// everyone who sees the placement; claimed, corrected and deleted by the technician who
// claimed them or the account manager while the month's statement is open.
func TestPagesExpenses(t *testing.T) {
	f := setup(t, marchNow)
	trip := f.claim(t, f.tech, map[string]any{"date": "2026-03-06", "kind": "travel", "km": "100", "description": "trip"})
	hotel := f.claim(t, f.am, map[string]any{"date": "2026-03-05", "kind": "lodging", "amount": "89.95", "description": "hotel"})
	feb := f.claim(t, f.tech, map[string]any{"date": "2026-02-10", "kind": "other", "amount": "10.00", "description": "parking"})
	march := fmt.Sprintf("/secondment/placements/%d/expenses?month=2026-03", f.placementID)
	editLink := func(id int64) string { return fmt.Sprintf(`id="edit-expense-%d"`, id) }

	t.Run("SEC-4_list_per_month_by_role", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodGet, march, f.tech.Token, nil)
		if st != 200 || !strings.Contains(body, "€\u00a0112,95") || !strings.Contains(body, editLink(trip.ID)) ||
			strings.Contains(body, editLink(hotel.ID)) || !strings.Contains(body, `id="expense-form"`) || strings.Contains(body, "parking") {
			t.Fatalf("technician's March %d: %s", st, body)
		}
		if st, _, body := f.page(t, http.MethodGet, march, f.am.Token, nil); st != 200 || !strings.Contains(body, editLink(hotel.ID)) ||
			!strings.Contains(body, editLink(trip.ID)) {
			t.Fatalf("account manager's March %d", st)
		}
		if st, _, body := f.page(t, http.MethodGet, march, f.contact.Token, nil); st != 200 || !strings.Contains(body, "hotel") ||
			strings.Contains(body, `id="edit-expense-`) || strings.Contains(body, `id="expense-form"`) {
			t.Fatalf("contact's March %d", st)
		}
		for _, who := range []string{f.otherContact.Token, f.tech2.Token} {
			if st, _, _ := f.page(t, http.MethodGet, march, who, nil); st != 404 {
				t.Fatalf("an outsider sees the expenses: %d", st)
			}
		}
		if _, _, body := f.page(t, http.MethodGet, "/secondment/my-hours", f.tech.Token, nil); !strings.Contains(body,
			fmt.Sprintf(`href="/secondment/placements/%d/expenses"`, f.placementID)) {
			t.Fatal("My hours has no link to the expenses")
		}
	})
	t.Run("SEC-4_claim_form_422_then_303", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/placements/%d/expenses", f.placementID), f.tech.Token,
			url.Values{"date": {"2026-03-09"}, "kind": {"lodging"}, "km": {"10"}, "description": {""}})
		if st != 422 || !strings.Contains(body, "<b>Km</b>") || !strings.Contains(body, "<b>Description</b>") || !strings.Contains(body, `value="10"`) {
			t.Fatalf("status %d body %s", st, body)
		}
		st, loc, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/placements/%d/expenses", f.placementID), f.tech.Token,
			url.Values{"date": {"2026-03-09"}, "kind": {"other"}, "amount": {"4,50"}, "description": {"coffee"}})
		if st != 303 || loc != march {
			t.Fatalf("claim %d %s", st, loc)
		}
	})
	t.Run("SEC-4_correct_form", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodGet, march+fmt.Sprintf("&edit=%d", trip.ID), f.tech.Token, nil)
		if st != 200 || !strings.Contains(body, fmt.Sprintf(`action="/secondment/expenses/%d"`, trip.ID)) || !strings.Contains(body, `name="km" value="100"`) {
			t.Fatalf("edit form %d: %s", st, body)
		}
		// Someone else's claim does not open for the technician.
		if _, _, body := f.page(t, http.MethodGet, march+fmt.Sprintf("&edit=%d", hotel.ID), f.tech.Token, nil); strings.Contains(body,
			fmt.Sprintf(`action="/secondment/expenses/%d"`, hotel.ID)) {
			t.Fatal("the technician may edit the account manager's claim")
		}
		st, _, body = f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d", trip.ID), f.tech.Token,
			url.Values{"date": {"2026-03-06"}, "kind": {"travel"}, "km": {"x"}, "description": {"trip"}})
		if st != 422 || !strings.Contains(body, "<b>Km</b>") || !strings.Contains(body, fmt.Sprintf(`action="/secondment/expenses/%d"`, trip.ID)) {
			t.Fatalf("bad correction %d", st)
		}
		st, loc, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d", trip.ID), f.tech.Token,
			url.Values{"date": {"2026-03-06"}, "kind": {"travel"}, "amount": {"12,50"}, "description": {"train"}})
		if st != 303 || loc != march {
			t.Fatalf("correction %d %s", st, loc)
		}
		if st, _, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d", hotel.ID), f.tech.Token,
			url.Values{"date": {"2026-03-05"}, "kind": {"lodging"}, "amount": {"1"}, "description": {"x"}}); st != 403 {
			t.Fatalf("technician corrects the account manager's claim: %d", st)
		}
		if st, _, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d/delete", hotel.ID), f.contact.Token, url.Values{}); st != 403 {
			t.Fatalf("contact deletes: %d", st)
		}
		if st, loc, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d/delete", hotel.ID), f.am.Token, url.Values{"confirm": {"yes"}}); st != 303 || loc != march {
			t.Fatalf("delete %d %s", st, loc)
		}
		var list httpx.List[ExpenseOut]
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/expenses?month=2026-03", f.placementID), f.am.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 2 || list.Items[0].Amount.StringFixed(2) != "12.50" || list.Items[0].KM != nil || list.Items[1].Amount.StringFixed(2) != "4.50" {
			t.Fatalf("March after the forms %+v", list.Items)
		}
	})
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/statements/2026-02/close", f.placementID), f.am.Token, nil).Expect(t, 200)
	t.Run("SEC-4_final_month_read_only_409", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodGet, fmt.Sprintf("/secondment/placements/%d/expenses?month=2026-02", f.placementID), f.tech.Token, nil)
		if st != 200 || !strings.Contains(body, `id="final-note"`) || strings.Contains(body, editLink(feb.ID)) || strings.Contains(body, `id="expense-form"`) {
			t.Fatalf("final February %d", st)
		}
		st, _, body = f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d", feb.ID), f.tech.Token,
			url.Values{"date": {"2026-02-10"}, "kind": {"other"}, "amount": {"11"}, "description": {"parking"}})
		if st != 409 || !strings.Contains(body, "final") {
			t.Fatalf("correct in a final month: %d", st)
		}
		if st, _, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/expenses/%d/delete", feb.ID), f.am.Token, url.Values{"confirm": {"yes"}}); st != 409 {
			t.Fatalf("delete in a final month: %d", st)
		}
	})
}
