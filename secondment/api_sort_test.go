package secondment

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestHourListSort: the hour lists sort by start either way (?dir=desc), the cursor
// carries the direction across pages, a bad direction is a field error, and the
// approval queue's "When" header switches the direction and keeps the week (issue 13).
func TestHourListSort(t *testing.T) {
	f := setup(t, marchNow)
	for i := range 5 {
		f.log(t, f.tech, f.placementID, at(2026, 3, 2+i, 9, 0), at(2026, 3, 2+i, 10, 0), fmt.Sprintf("Day %d", i)).Expect(t, 201)
	}
	base := fmt.Sprintf("/api/v1/hours?placement_id=%d&limit=2", f.placementID)
	for _, dir := range []string{"asc", "desc"} {
		got := testkit.AllPages[EntryOut](t, f.app, f.am.Token, base+"&dir="+dir)
		if len(got) != 5 {
			t.Fatalf("%s: %d entries", dir, len(got))
		}
		for i := 1; i < len(got); i++ {
			if got[i].StartedAt.Before(got[i-1].StartedAt) == (dir == "asc") {
				t.Fatalf("%s: %v before %v", dir, got[i-1].StartedAt, got[i].StartedAt)
			}
		}
	}
	if fe := f.app.Do(t, http.MethodGet, base+"&dir=up", f.am.Token, nil).Expect(t, 422).FieldErrors(t); len(fe) != 1 || fe[0] != "dir" {
		t.Fatalf("dir=up: %v", fe)
	}
	desc := csvRows(t, f.app.Do(t, http.MethodGet, "/secondment/approvals?week=2026-03-02&dir=desc&format=csv", f.contact.Token, nil).Expect(t, 200))
	if len(desc) != 6 || desc[1][10] != "Day 4" || desc[5][10] != "Day 0" {
		t.Fatalf("the desc CSV %q", desc)
	}
	_, _, asc := f.page(t, http.MethodGet, "/secondment/approvals?week=2026-03-02", f.contact.Token, nil)
	if !strings.Contains(asc, `aria-sort="ascending"`) || !strings.Contains(asc, `href="?week=2026-03-02&amp;dir=desc" data-sort="when"`) {
		t.Errorf("the When header of the ascending queue does not offer newest first with the week kept")
	}
	_, _, body := f.page(t, http.MethodGet, "/secondment/approvals?week=2026-03-02&dir=desc", f.contact.Token, nil)
	if !strings.Contains(body, `aria-sort="descending"`) || strings.Index(body, "Day 4") > strings.Index(body, "Day 0") ||
		!strings.Contains(body, `href="?dir=desc&amp;format=csv&amp;week=2026-03-02"`) {
		t.Errorf("the descending queue: header, order or CSV link wrong")
	}
}

// TestExpenseListSort: a month's expenses come oldest or newest first (API, page, CSV),
// and the page's Date header switches the order with the month kept (issue 13).
func TestExpenseListSort(t *testing.T) {
	f := setup(t, marchNow)
	for _, d := range []string{"2026-03-04", "2026-03-12", "2026-03-09"} {
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID), f.tech.Token,
			map[string]any{"date": d, "kind": "other", "amount": "5.00", "description": "Parking " + d}).Expect(t, 201)
	}
	var desc struct{ Items []ExpenseOut }
	f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/expenses?month=2026-03&dir=desc", f.placementID), f.am.Token, nil).Expect(t, 200).JSON(t, &desc)
	if len(desc.Items) != 3 || desc.Items[0].Date.String() != "2026-03-12" || desc.Items[2].Date.String() != "2026-03-04" {
		t.Fatalf("newest first: %+v", desc.Items)
	}
	page := fmt.Sprintf("/secondment/placements/%d/expenses?month=2026-03", f.placementID)
	_, _, body := f.page(t, http.MethodGet, page+"&dir=desc", f.am.Token, nil)
	if strings.Index(body, "Parking 2026-03-12") > strings.Index(body, "Parking 2026-03-04") || !strings.Contains(body, `aria-sort="descending"`) ||
		!strings.Contains(body, fmt.Sprintf(`href="/secondment/placements/%d/expenses?month=2026-03&amp;dir=desc&amp;format=csv"`, f.placementID)) {
		t.Error("the newest-first page: order, header or CSV link wrong")
	}
	_, _, body = f.page(t, http.MethodGet, page, f.am.Token, nil)
	if strings.Index(body, "Parking 2026-03-04") > strings.Index(body, "Parking 2026-03-12") ||
		!strings.Contains(body, fmt.Sprintf(`href="/secondment/placements/%d/expenses?month=2026-03&amp;dir=desc" data-sort="date"`, f.placementID)) {
		t.Error("the oldest-first page: order or the Date header's link wrong")
	}
	rows := csvRows(t, f.app.Do(t, http.MethodGet, page+"&dir=desc&format=csv", f.contact.Token, nil).Expect(t, 200))
	if len(rows) != 4 || rows[1][2] != "2026-03-12" {
		t.Fatalf("the newest-first CSV %q", rows)
	}
	f.app.Do(t, http.MethodGet, page+"&dir=sideways", f.am.Token, nil).Expect(t, 422)
}
