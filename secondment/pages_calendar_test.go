package secondment

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestPagesNameThePlacementCalendar — issue 13 "ids become names": the placement pages
// name a placement's calendar ("Werktijden (ma-vr 08:30-17:00)") instead of showing its id
// ("nl-werktijden"), the new-placement form picks the calendar by name from a list rather
// than asking for an id (the placement's own name: TestPagesNameThePlacement).
func TestPagesNameThePlacementCalendar(t *testing.T) {
	f := setup(t, marchNow)
	const name = "Werktijden (ma-vr 08:30-17:00)"
	st, _, list := f.page(t, http.MethodGet, "/secondment/placements", f.am.Token, nil)
	if st != 200 {
		t.Fatalf("placements %d", st)
	}
	if !strings.Contains(list, `<select name="calendar_id" id="placement-calendar">`) || !strings.Contains(list, `<option value="nl-werktijden" selected>`+name+`</option>`) {
		t.Errorf("the new-placement form does not pick the calendar by name:\n%s", list)
	}
	if !strings.Contains(list, ">"+name+"</td>") || strings.Contains(list, ">nl-werktijden</td>") {
		t.Errorf("the placement list shows the calendar's id, not its name")
	}
	st, _, detail := f.page(t, http.MethodGet, fmt.Sprintf("/secondment/placements/%d", f.placementID), f.am.Token, nil)
	if st != 200 || !strings.Contains(detail, `<dd id="placement-calendar">`+name+`</dd>`) {
		t.Errorf("the placement page does not name its calendar (%d)", st)
	}
}
