package secondment

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestPlacementListTools: search by role, customer and technician name; sort by role
// both ways across pages; the CSV of the page's query; the customer page's placements tab
// (issue 13).
func TestPlacementListTools(t *testing.T) {
	f := setup(t, marchNow)
	roles := []string{"Netwerkbeheerder", "Applicatiebeheer", "=1+1 Helpdesk", "Werkplekbeheer", "Cloud architect"}
	for i, r := range roles {
		f.newPlacement(t, map[string]any{"role": r, "start_date": fmt.Sprintf("2026-02-%02d", i+1)})
	}
	base := fmt.Sprintf("/api/v1/placements?customer_id=%d", f.customerID)
	all := func(t *testing.T, q string) []PlacementOut {
		return testkit.AllPages[PlacementOut](t, f.app, f.am.Token, base+"&"+q)
	}
	if got := all(t, "q=BEHEER"); len(got) != 4 { // Systeembeheerder of setup and three more
		t.Fatalf("search by role: %d placements, want 4", len(got))
	}
	if got := all(t, "q="+url.QueryEscape(f.tech.User.Name)); len(got) != 6 {
		t.Fatalf("search by technician name: %d, want 6", len(got))
	}
	for _, dir := range []string{"asc", "desc"} {
		got := all(t, "sort=role&dir="+dir+"&limit=2")
		names := make([]string, len(got))
		for i, p := range got {
			names[i] = p.Role
		}
		if len(got) != 6 || !sort.SliceIsSorted(names, func(i, j int) bool { return (names[i] < names[j]) == (dir == "asc") }) {
			t.Fatalf("%s: %q", dir, names)
		}
	}
	f.app.Do(t, http.MethodGet, base+"&sort=rate", f.am.Token, nil).Expect(t, 422)
	r := f.app.Do(t, http.MethodGet, fmt.Sprintf("/secondment/placements?format=csv&customer_id=%d&q=beheer&sort=role&dir=asc", f.customerID), f.am.Token, nil).Expect(t, 200)
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil || len(rows) != 5 || rows[1][3] != "Applicatiebeheer" || r.Header.Get("Content-Disposition") != "attachment; filename=placements.csv" {
		t.Fatalf("csv %v %q %q", err, rows, r.Header.Get("Content-Disposition"))
	}
	mine, _ := csv.NewReader(bytes.NewReader(f.app.Do(t, http.MethodGet, "/api/v1/placements?format=csv&q=helpdesk", f.contact.Token, nil).Expect(t, 200).Body)).ReadAll()
	if len(mine) != 2 || mine[1][3] != "'=1+1 Helpdesk" {
		t.Fatalf("the contact's export: %q (formula-safe, own placements)", mine)
	}
	if other, _ := csv.NewReader(bytes.NewReader(f.app.Do(t, http.MethodGet, "/api/v1/placements?format=csv", f.otherContact.Token, nil).Expect(t, 200).Body)).ReadAll(); len(other) != 1 {
		t.Fatalf("another company's contact exports %d placements", len(other)-1)
	}
	page := f.app.Do(t, http.MethodGet, fmt.Sprintf("/secondment/placements?customer_id=%d&q=beheer&sort=role&dir=asc", f.customerID), f.am.Token, nil).Expect(t, 200)
	for _, want := range []string{`value="beheer"`, fmt.Sprintf(`/secondment/placements?customer_id=%d&amp;dir=desc&amp;q=beheer&amp;sort=role`, f.customerID), `aria-sort="ascending"`} {
		if !bytes.Contains(page.Body, []byte(want)) {
			t.Errorf("the placements page lacks %s", want)
		}
	}
	tab := string(f.app.Do(t, http.MethodGet, fmt.Sprintf("/customers/%d?tab=placements", f.customerID), f.am.Token, nil).Expect(t, 200).Body)
	if strings.Count(tab, `href="/secondment/placements/`) != 6 {
		t.Fatal("the placements tab does not list the customer's 6 placements")
	}
}

// TestExplainPlacementSearch: at 100,000 placements a role search is a bitmap of
// placements_search_idx and the role sort an index range scan (issue 13).
func TestExplainPlacementSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "placements")
	if _, err := tx.ExecContext(ctx, `INSERT INTO placements (customer_id, technician_id, role, hourly_rate, start_date, bands, created_at, updated_at)
		SELECT 1 + g % 200, 1, 'Beheerder ' || g, 90, date '2020-01-01' + (g % 2000), '[]', now(), now()
		FROM generate_series(1, 100000) g; ANALYZE placements`); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.Admin}
	for _, c := range []struct {
		query  string
		search bool
	}{{"q=beheerder+4711", true}, {"sort=role&dir=asc", false}, {"sort=start", false}, {"sort=created&dir=asc", false}} {
		t.Run(c.query, func(t *testing.T) {
			lq, err := placementList.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			sqls.Queries = nil
			if _, err := listPlacements(ctx, tx, staff, PlacementFilter{List: &lq}); err != nil {
				t.Fatal(err)
			}
			plan := testkit.Plan(t, tx, sqls.Last(t, "SELECT"))
			if c.search {
				testkit.ExpectSearchPlan(t, plan, "placements")
			} else {
				testkit.ExpectIndexPlan(t, plan, "placements")
			}
		})
	}
}
