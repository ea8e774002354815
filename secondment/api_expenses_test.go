package secondment

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// claim posts an expense as who and returns it.
func (f *fixture) claim(t *testing.T, who testkit.As, body map[string]any) ExpenseOut {
	t.Helper()
	var x ExpenseOut
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID), who.Token, body).Expect(t, 201).JSON(t, &x)
	return x
}

// auditCount counts audit entries of an expense with action.
func auditCount(t *testing.T, id int64, action string) int {
	t.Helper()
	n, err := testkit.DB(t).Bun.NewSelect().Table("audit_log").
		Where("entity = 'placement_expense' AND entity_id = ? AND action = ?", fmt.Sprint(id), action).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestExpenseEditDelete: a claim is corrected or deleted by the technician who made it
// or the account manager while its month's statement is open (SEC-4), audited (DATA-1).
func TestExpenseEditDelete(t *testing.T) {
	f := setup(t, marchNow)
	trip := f.claim(t, f.tech, map[string]any{"date": "2026-03-06", "kind": "travel", "km": "100", "description": "trip"})
	hotel := f.claim(t, f.am, map[string]any{"date": "2026-03-05", "kind": "lodging", "amount": "89.95", "description": "hotel"})
	feb := f.claim(t, f.tech, map[string]any{"date": "2026-02-10", "kind": "other", "amount": "10.00", "description": "parking"})
	path := func(id int64) string { return fmt.Sprintf("/api/v1/expenses/%d", id) }

	t.Run("SEC-4_200_technician_corrects_own_claim_repriced", func(t *testing.T) {
		var x ExpenseOut
		f.app.Do(t, http.MethodPatch, path(trip.ID), f.tech.Token, map[string]any{"date": "2026-03-07", "kind": "travel", "km": "200",
			"description": "Utrecht – Zwolle v.v."}).Expect(t, 200).JSON(t, &x)
		if x.Amount.StringFixed(2) != "46.00" || x.KM == nil || *x.KM != "200.0" || x.Date.String() != "2026-03-07" || x.Description != "Utrecht – Zwolle v.v." {
			t.Fatalf("edited %+v", x)
		}
		if auditCount(t, trip.ID, "edit") != 1 {
			t.Fatal("DATA-1 no audit of the edit")
		}
	})
	t.Run("SEC-4_422_bad_correction_all_fields_nothing_changed", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPatch, path(trip.ID), f.tech.Token, map[string]any{"date": "2026-03-21", "kind": "lodging", "km": "10",
			"description": " "}).Expect(t, 422)
		if fe := res.FieldErrors(t); !slices.Contains(fe, "date") || !slices.Contains(fe, "km") || !slices.Contains(fe, "description") {
			t.Fatalf("fields %v", fe)
		}
		f.app.Do(t, http.MethodPatch, path(trip.ID), f.tech.Token, map[string]any{"date": "2026-03-07", "kind": "other", "amount": "-1",
			"description": "x"}).Expect(t, 422)
		f.app.Do(t, http.MethodPatch, path(trip.ID), f.tech.Token, map[string]any{"date": "2026-03-07", "kind": "other", "amount": "1.005",
			"description": "x"}).Expect(t, 422)
		var list httpx.List[ExpenseOut]
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/expenses?month=2026-03", f.placementID), f.am.Token, nil).Expect(t, 200).JSON(t, &list)
		for _, x := range list.Items {
			if x.ID == trip.ID && x.Amount.StringFixed(2) != "46.00" {
				t.Fatalf("a refused correction changed the claim: %+v", x)
			}
		}
	})
	t.Run("403_404_who_may_change", func(t *testing.T) {
		body := map[string]any{"date": "2026-03-05", "kind": "lodging", "amount": "79.95", "description": "hotel"}
		if c := f.app.Do(t, http.MethodPatch, path(hotel.ID), f.tech.Token, body).Expect(t, 403).Code(t); c != "not_your_expense" {
			t.Fatalf("technician on the account manager's claim: %s", c)
		}
		f.app.Do(t, http.MethodDelete, path(hotel.ID), f.tech.Token, nil).Expect(t, 403)
		f.app.Do(t, http.MethodPatch, path(hotel.ID), f.contact.Token, body).Expect(t, 403)
		f.app.Do(t, http.MethodDelete, path(hotel.ID), f.contact.Token, nil).Expect(t, 403)
		f.app.Do(t, http.MethodPatch, path(hotel.ID), f.otherContact.Token, body).Expect(t, 404)
		f.app.Do(t, http.MethodDelete, path(hotel.ID), f.tech2.Token, nil).Expect(t, 404)
		f.app.Do(t, http.MethodDelete, path(999999999), f.am.Token, nil).Expect(t, 404)
		var x ExpenseOut
		f.app.Do(t, http.MethodPatch, path(hotel.ID), f.am.Token, body).Expect(t, 200).JSON(t, &x)
		if x.Amount.StringFixed(2) != "79.95" {
			t.Fatalf("account manager's correction %+v", x)
		}
	})
	t.Run("SEC-4_204_delete_audited", func(t *testing.T) {
		f.app.Do(t, http.MethodDelete, path(hotel.ID), f.am.Token, nil).Expect(t, 204)
		var list httpx.List[ExpenseOut]
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/expenses?month=2026-03", f.placementID), f.tech.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != trip.ID {
			t.Fatalf("after delete %+v", list.Items)
		}
		if auditCount(t, hotel.ID, "delete") != 1 {
			t.Fatal("DATA-1 no audit of the delete")
		}
		f.app.Do(t, http.MethodDelete, path(hotel.ID), f.am.Token, nil).Expect(t, 404)
	})
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/statements/2026-02/close", f.placementID), f.am.Token, nil).Expect(t, 200)
	t.Run("SEC-4_409_statement_final", func(t *testing.T) {
		body := map[string]any{"date": "2026-02-10", "kind": "other", "amount": "12.00", "description": "parking"}
		if c := f.app.Do(t, http.MethodPatch, path(feb.ID), f.tech.Token, body).Expect(t, 409).Code(t); c != "statement_final" {
			t.Fatalf("edit in a final month: %s", c)
		}
		if c := f.app.Do(t, http.MethodDelete, path(feb.ID), f.am.Token, nil).Expect(t, 409).Code(t); c != "statement_final" {
			t.Fatalf("delete in a final month: %s", c)
		}
		// Moving an open month's claim into the final month is refused too.
		body = map[string]any{"date": "2026-02-20", "kind": "travel", "km": "200", "description": "trip"}
		if c := f.app.Do(t, http.MethodPatch, path(trip.ID), f.tech.Token, body).Expect(t, 409).Code(t); c != "statement_final" {
			t.Fatalf("move into a final month: %s", c)
		}
		var st StatementOut
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/statements/2026-02", f.placementID), f.am.Token, nil).Expect(t, 200).JSON(t, &st)
		if len(st.Expenses) != 1 || st.ExpensesAmount.StringFixed(2) != "10.00" {
			t.Fatalf("final February changed: %+v", st)
		}
	})
}
