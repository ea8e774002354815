package secondment

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestPagesNameThePlacement — issue 13 "ids become names": a placement is named by its
// role, customer and technician on its own page, the statement and expense pages and the
// placement list, and the month's statements list names customer and role — never
// "Placement 3", "Detachering 3" or "3 · Systeembeheerder".
func TestPagesNameThePlacement(t *testing.T) {
	f := setup(t, marchNow)
	var cust string
	if err := testkit.DB(t).Bun.NewSelect().Table("customers").Column("name").Where("id = ?", f.customerID).Scan(t.Context(), &cust); err != nil {
		t.Fatal(err)
	}
	esc := template.HTMLEscapeString
	name := esc("Systeembeheerder · " + cust + " · " + f.tech.User.Name)
	id := f.placementID
	pages := map[string]string{
		"/secondment/placements":                                            name,
		fmt.Sprintf("/secondment/placements/%d", id):                        "<title>" + name,
		fmt.Sprintf("/secondment/placements/%d/statements/2026-03", id):     name + "</a>",
		fmt.Sprintf("/secondment/placements/%d/expenses?month=2026-03", id): name + "</a>",
		"/secondment/statements?month=2026-03":                              esc(cust+" · Systeembeheerder") + "</a>",
	}
	bare := []string{fmt.Sprintf("Placement %d", id), fmt.Sprintf("Detachering %d", id), fmt.Sprintf("placement %d", id),
		fmt.Sprintf("detachering %d", id), fmt.Sprintf(">%d · Systeembeheerder", id)}
	// the audit log names it the same way (issue 13)
	if body := string(f.app.Do(t, http.MethodGet, fmt.Sprintf("/audit?entity=placement&entity_id=%d", id), f.admin.Token, nil).Expect(t, 200).Body); !strings.Contains(body, "Placement "+name+"<") {
		t.Errorf("the audit log does not name placement %d as %q", id, name)
	}
	for path, want := range pages {
		st, _, body := f.page(t, http.MethodGet, path, f.am.Token, nil)
		if st != 200 {
			t.Fatalf("%s: %d", path, st)
		}
		if !strings.Contains(body, want) {
			t.Errorf("%s does not name the placement %q", path, want)
		}
		for _, b := range bare {
			if strings.Contains(body, b) {
				t.Errorf("%s shows the placement by its id: %q", path, b)
			}
		}
	}
}
