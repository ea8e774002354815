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
