package secondment

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

func TestExpenses(t *testing.T) {
	f := setup(t, marchNow)
	path := fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID)
	t.Run("SEC-4_201_travel_by_km", func(t *testing.T) {
		var x ExpenseOut
		f.app.Do(t, http.MethodPost, path, f.tech.Token, map[string]any{"date": "2026-03-06", "kind": "travel", "km": "123.5",
			"description": "Utrecht – Zwolle"}).Expect(t, 201).JSON(t, &x)
		if x.Amount.StringFixed(2) != "28.41" || x.KM == nil || *x.KM != "123.5" {
			t.Fatalf("expense %+v", x)
		}
	})
	t.Run("SEC-4_201_lodging_by_account_manager", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path, f.am.Token, map[string]any{"date": "2026-03-06", "kind": "lodging", "amount": "89.95",
			"description": "Hotel"}).Expect(t, 201)
	})
	t.Run("SEC-4_422_bad_input_all_fields", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, path, f.tech.Token, map[string]any{"date": "2026-03-06", "kind": "food", "amount": "1.005",
			"description": ""}).Expect(t, 422)
		if fe := res.FieldErrors(t); !slices.Contains(fe, "kind") || !slices.Contains(fe, "amount") || !slices.Contains(fe, "description") {
			t.Fatalf("fields %v", fe)
		}
		res = f.app.Do(t, http.MethodPost, path, f.tech.Token, map[string]any{"date": "2026-03-21", "kind": "lodging", "km": "10",
			"description": "x"}).Expect(t, 422)
		if fe := res.FieldErrors(t); !slices.Contains(fe, "date") || !slices.Contains(fe, "km") {
			t.Fatalf("fields %v", fe)
		}
	})
	t.Run("403_customer_404_other_technician", func(t *testing.T) {
		body := map[string]any{"date": "2026-03-06", "kind": "other", "amount": "5", "description": "x"}
		f.app.Do(t, http.MethodPost, path, f.contact.Token, body).Expect(t, 403)
		f.app.Do(t, http.MethodPost, path, f.tech2.Token, body).Expect(t, 404)
	})
	var list httpx.List[ExpenseOut]
	f.app.Do(t, http.MethodGet, path+"?month=2026-03", f.contact.Token, nil).Expect(t, 200).JSON(t, &list)
	if len(list.Items) != 2 {
		t.Fatalf("SEC-4 expenses of March = %d", len(list.Items))
	}
}

// TestStatement walks a month from open to final (SEC-4).
func TestStatement(t *testing.T) {
	f := setup(t, marchNow)
	var fri, mon, open EntryOut
	f.log(t, f.tech, f.placementID, at(2026, 3, 6, 22, 0), at(2026, 3, 7, 2, 0), "outage").Expect(t, 201).JSON(t, &fri)
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 7, 0), at(2026, 3, 9, 9, 0), "early").Expect(t, 201).JSON(t, &mon)
	f.log(t, f.tech, f.placementID, at(2026, 3, 10, 9, 0), at(2026, 3, 10, 10, 0), "pending").Expect(t, 201).JSON(t, &open)
	// February's last evening, starting in February: not in March.
	f.log(t, f.tech, f.placementID, at(2026, 2, 28, 23, 0), at(2026, 3, 1, 1, 0), "feb").Expect(t, 201)
	f.app.Do(t, http.MethodPost, "/api/v1/hours/approve", f.contact.Token, map[string]any{"ids": []int64{fri.ID, mon.ID}}).Expect(t, 200)
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID), f.tech.Token,
		map[string]any{"date": "2026-03-06", "kind": "travel", "km": "100", "description": "trip"}).Expect(t, 201)
	path := fmt.Sprintf("/api/v1/placements/%d/statements/2026-03", f.placementID)

	var st StatementOut
	f.app.Do(t, http.MethodGet, path, f.contact.Token, nil).Expect(t, 200).JSON(t, &st)
	if st.Status != "open" || st.Closable || st.OpenCount != 1 || st.Warning == "" || len(st.Entries) != 2 {
		t.Fatalf("SEC-4 open statement %+v", st)
	}
	want := map[Band][2]any{BandBase: {90, "150.00"}, BandEvening: {120, "300.00"}, BandNight: {30, "100.00"}, BandNonWorkingDay: {120, "400.00"}}
	for _, b := range st.Bands {
		if w := want[b.Band]; b.Minutes != w[0] || b.Amount.StringFixed(2) != w[1] {
			t.Errorf("SEC-4 band %s = %d %s, want %v", b.Band, b.Minutes, b.Amount, w)
		}
	}
	if st.Minutes != 360 || st.HoursAmount.StringFixed(2) != "950.00" || st.ExpensesAmount.StringFixed(2) != "23.00" || st.Total.StringFixed(2) != "973.00" {
		t.Fatalf("SEC-4 totals %+v", st)
	}
	f.app.Do(t, http.MethodGet, path, f.otherContact.Token, nil).Expect(t, 404)
	f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/statements/2026-13", f.placementID), f.am.Token, nil).Expect(t, 422)

	t.Run("SEC-4_409_month_not_over", func(t *testing.T) {
		if c := f.app.Do(t, http.MethodPost, path+"/close", f.am.Token, nil).Expect(t, 409).Code(t); c != "month_not_over" {
			t.Fatalf("code %s", c)
		}
	})
	f.app.Clock.Set(ams(2026, 4, 2, 9, 0))
	t.Run("SEC-4_409_open_hours", func(t *testing.T) {
		if c := f.app.Do(t, http.MethodPost, path+"/close", f.am.Token, nil).Expect(t, 409).Code(t); c != "open_hours" {
			t.Fatalf("code %s", c)
		}
	})
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/reject", open.ID), f.am.Token, map[string]any{"reason": "duplicate"}).Expect(t, 200)
	t.Run("403_contact_cannot_close", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path+"/close", f.contact.Token, nil).Expect(t, 403)
	})
	var final StatementOut
	f.app.Do(t, http.MethodPost, path+"/close", f.am.Token, nil).Expect(t, 200).JSON(t, &final)
	if final.Status != "final" || final.ClosedAt == nil || final.Total.StringFixed(2) != "973.00" {
		t.Fatalf("SEC-4 final %+v", final)
	}
	t.Run("SEC-4_INV-7_final_statement_charges_per_band_and_rate_plus_expenses_billable_next_month", func(t *testing.T) {
		checkStatementCharges(t, f.placementID)
	})
	t.Run("SEC-4_final_is_immutable", func(t *testing.T) {
		if c := f.app.Do(t, http.MethodPost, path+"/close", f.am.Token, nil).Expect(t, 409).Code(t); c != "statement_final" {
			t.Fatalf("close twice: %s", c)
		}
		if c := f.log(t, f.tech, f.placementID, at(2026, 3, 12, 9, 0), at(2026, 3, 12, 10, 0), "late").Expect(t, 409).Code(t); c != "statement_final" {
			t.Fatalf("log into closed month: %s", c)
		}
		if c := f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID), f.tech.Token,
			map[string]any{"date": "2026-03-31", "kind": "other", "amount": "5", "description": "x"}).Expect(t, 409).Code(t); c != "statement_final" {
			t.Fatalf("expense into closed month: %s", c)
		}
		_, err := testkit.DB(t).Bun.NewUpdate().Table("placement_statements").Set("total = 0").
			Where("placement_id = ?", f.placementID).Exec(context.Background())
		if err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Fatalf("the database let a final statement change: %v", err)
		}
		var again StatementOut
		f.app.Do(t, http.MethodGet, path, f.contact.Token, nil).Expect(t, 200).JSON(t, &again)
		if again.Status != "final" || again.Total.StringFixed(2) != "973.00" || len(again.Entries) != 2 || again.Bands[3].Amount.StringFixed(2) != "400.00" {
			t.Fatalf("SEC-4 final snapshot read back %+v", again)
		}
	})
	t.Run("SEC-4_csv_and_pdf", func(t *testing.T) {
		res := f.app.Do(t, http.MethodGet, path+"/csv", f.am.Token, nil).Expect(t, 200)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("content type %s", res.Header.Get("Content-Type"))
		}
		rows, err := csv.NewReader(bytes.NewReader(res.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		last := rows[len(rows)-1]
		if last[0] != "total" || last[9] != "973.00" || last[10] != "final" {
			t.Fatalf("csv total row %v", last)
		}
		pdf := f.app.Do(t, http.MethodGet, path+"/pdf", f.contact.Token, nil).Expect(t, 200)
		if pdf.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
			t.Fatalf("pdf %s %q", pdf.Header.Get("Content-Type"), pdf.Body[:min(8, len(pdf.Body))])
		}
	})
	t.Run("SEC-4_invoice_run_lists_month", func(t *testing.T) {
		var list httpx.List[StatementSummaryOut]
		f.app.Do(t, http.MethodGet, "/api/v1/statements?month=2026-03", f.am.Token, nil).Expect(t, 200).JSON(t, &list)
		found := false
		for _, s := range list.Items {
			if s.PlacementID == f.placementID {
				found = s.Status == "final" && s.Total.StringFixed(2) == "973.00"
			}
		}
		if !found {
			t.Fatalf("placement %d missing or wrong in %+v", f.placementID, list.Items)
		}
		var feb httpx.List[StatementSummaryOut]
		f.app.Do(t, http.MethodGet, "/api/v1/statements?month=2026-02", f.am.Token, nil).Expect(t, 200).JSON(t, &feb)
		for _, s := range feb.Items {
			if s.PlacementID == f.placementID && (s.Status != "open" || s.OpenCount != 1 || s.Closable) {
				t.Fatalf("february %+v", s)
			}
		}
		f.app.Do(t, http.MethodGet, "/api/v1/statements", f.am.Token, nil).Expect(t, 422)
		f.app.Do(t, http.MethodGet, "/api/v1/statements?month=2026-03", f.contact.Token, nil).Expect(t, 403)
	})
}

// TestStatementCloseRace closes a month while the technician logs into it: either the
// entry lands before the close (and the close sees it open and refuses) or the entry is
// refused; never a final statement missing a live entry of its month.
func TestStatementCloseRace(t *testing.T) {
	f := setup(t, ams(2026, 4, 1, 8, 0))
	path := fmt.Sprintf("/api/v1/placements/%d/statements/2026-03", f.placementID)
	done := make(chan int)
	go func() {
		done <- f.log(t, f.tech, f.placementID, at(2026, 3, 31, 20, 0), at(2026, 3, 31, 22, 0), "race").Status
	}()
	closed := f.app.Do(t, http.MethodPost, path+"/close", f.am.Token, nil).Status
	logged := <-done
	var st StatementOut
	f.app.Do(t, http.MethodGet, path, f.am.Token, nil).Expect(t, 200).JSON(t, &st)
	switch {
	case closed == 200 && logged == 201:
		t.Fatalf("SEC-4 both the close and a March entry succeeded; final statement %+v", st)
	case closed == 200 && (logged != 409 || st.Status != "final"):
		t.Fatalf("closed, entry %d, status %s", logged, st.Status)
	case closed == 409 && (logged != 201 || st.OpenCount != 1):
		t.Fatalf("close refused, entry %d, open %d", logged, st.OpenCount)
	}
}
