package secondment

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

func csvRows(t *testing.T, r *testkit.Response) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v\n%s", err, r.Body)
	}
	return rows
}

// TestHoursCSV: the hour list's CSV (API and approval page) streams every entry its
// filters select, page after page beyond one export batch, and a description that is
// a spreadsheet formula arrives as text (issue 13).
func TestHoursCSV(t *testing.T) {
	f := setup(t, marchNow)
	defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
	listq.ExportBatch = 2 // 5 entries: three batches, each from the cursor of the last row
	var first EntryOut
	for i := range 5 {
		desc := fmt.Sprintf("Patch round %d", i)
		if i == 3 {
			desc = `=HYPERLINK("http://evil.example","x")`
		}
		r := f.log(t, f.tech, f.placementID, at(2026, 3, 2+i, 9, 0), at(2026, 3, 2+i, 11, 0), desc).Expect(t, 201)
		if i == 0 {
			r.JSON(t, &first)
		}
	}
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/approve", first.ID), f.contact.Token, nil).Expect(t, 200)

	all := csvRows(t, f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/hours?format=csv&placement_id=%d", f.placementID), f.am.Token, nil).Expect(t, 200))
	if len(all) != 6 || all[0][0] != "Id" || all[1][0] != strconv.FormatInt(first.ID, 10) {
		t.Fatalf("all entries: %q", all)
	}
	if all[4][10] != `'=HYPERLINK("http://evil.example","x")` {
		t.Fatalf("formula cell %q, want it as text", all[4][10])
	}
	submitted := csvRows(t, f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/hours?format=csv&status=submitted", f.placementID), f.am.Token, nil).Expect(t, 200))
	if len(submitted) != 5 {
		t.Fatalf("status=submitted: %d rows, want 4 and the header", len(submitted))
	}
	for _, row := range submitted[1:] {
		if row[9] != "submitted" || row[0] == strconv.FormatInt(first.ID, 10) {
			t.Fatalf("a filtered row %q", row)
		}
	}
	// the approval page's CSV link exports what the page lists, for the contact's company only
	page := csvRows(t, f.app.Do(t, http.MethodGet, "/secondment/approvals?format=csv", f.contact.Token, nil).Expect(t, 200))
	if len(page) != 5 {
		t.Fatalf("approval page CSV: %d rows, want 4 and the header", len(page))
	}
	if other := csvRows(t, f.app.Do(t, http.MethodGet, "/secondment/approvals?format=csv", f.otherContact.Token, nil).Expect(t, 200)); len(other) != 1 {
		t.Fatalf("another company's contact exports %d entries", len(other)-1)
	}
	week := csvRows(t, f.app.Do(t, http.MethodGet, "/secondment/approvals?week=2026-03-02&format=csv", f.contact.Token, nil).Expect(t, 200))
	if len(week) != 5 { // 3–6 March: entries 1..4 submitted (2 March was approved)
		t.Fatalf("week CSV: %d rows", len(week))
	}
	body := string(f.app.Do(t, http.MethodGet, "/secondment/approvals?week=2026-03-02", f.contact.Token, nil).Expect(t, 200).Body)
	if want := `href="?format=csv&amp;week=2026-03-02"`; !bytes.Contains([]byte(body), []byte(want)) {
		t.Errorf("the approval page's CSV link does not keep the week: want %s", want)
	}
}

// TestExpensesCSV: a month's expenses as CSV from the API and the expense page, formula-safe.
func TestExpensesCSV(t *testing.T) {
	f := setup(t, marchNow)
	for _, d := range []string{"=1+1 taxi", "Hotel Utrecht"} {
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID), f.tech.Token,
			map[string]any{"date": "2026-03-10", "kind": "lodging", "amount": "89.95", "description": d}).Expect(t, 201)
	}
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/expenses", f.placementID), f.tech.Token,
		map[string]any{"date": "2026-02-10", "kind": "travel", "km": "10", "description": "February"}).Expect(t, 201)
	for _, path := range []string{fmt.Sprintf("/api/v1/placements/%d/expenses?month=2026-03&format=csv", f.placementID),
		fmt.Sprintf("/secondment/placements/%d/expenses?month=2026-03&format=csv", f.placementID)} {
		rows := csvRows(t, f.app.Do(t, http.MethodGet, path, f.contact.Token, nil).Expect(t, 200))
		if len(rows) != 3 || rows[1][6] != "'=1+1 taxi" || rows[2][5] != "89.95" {
			t.Fatalf("%s: %q", path, rows)
		}
	}
	f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/expenses?format=csv", f.placementID), f.otherContact.Token, nil).Expect(t, 404)
}

// TestStatementsCSV: the invoice run's CSV holds every placement of the month, read page
// after page in (customer, placement) order like the API, on the page and the API.
func TestStatementsCSV(t *testing.T) {
	f := setup(t, marchNow)
	defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
	listq.ExportBatch = 1
	ids := []int64{f.placementID, f.newPlacement(t, map[string]any{"role": "=cmd|' /C calc'!A0"}), f.newPlacement(t, map[string]any{"customer_id": f.otherCustID})}
	api := testkit.AllPages[StatementSummaryOut](t, f.app, f.am.Token, "/api/v1/statements?month=2026-03&limit=7")
	for _, path := range []string{"/api/v1/statements?month=2026-03&format=csv", "/secondment/statements?month=2026-03&format=csv"} {
		rows := csvRows(t, f.app.Do(t, http.MethodGet, path, f.am.Token, nil).Expect(t, 200))
		if len(rows) != len(api)+1 {
			t.Fatalf("%s: %d rows, the API lists %d", path, len(rows)-1, len(api))
		}
		seen := map[string][]string{}
		for i, row := range rows[1:] {
			if row[0] != strconv.FormatInt(api[i].PlacementID, 10) {
				t.Fatalf("%s row %d is placement %s, the API's is %d", path, i, row[0], api[i].PlacementID)
			}
			seen[row[0]] = row
		}
		for _, id := range ids {
			if seen[strconv.FormatInt(id, 10)] == nil {
				t.Fatalf("%s lacks placement %d", path, id)
			}
		}
		if got := seen[strconv.FormatInt(ids[1], 10)][1]; got != "'=cmd|' /C calc'!A0" {
			t.Fatalf("formula role %q", got)
		}
	}
	f.app.Do(t, http.MethodGet, "/api/v1/statements?month=2026-03&format=csv", f.contact.Token, nil).Expect(t, 403)
	body := string(f.app.Do(t, http.MethodGet, "/secondment/statements?month=2026-03", f.am.Token, nil).Expect(t, 200).Body)
	if !bytes.Contains([]byte(body), []byte(`href="?format=csv&amp;month=2026-03"`)) {
		t.Error("the statements page has no CSV link of its month")
	}
}
