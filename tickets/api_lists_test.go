package tickets

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// TestTicketSearchAndCSV: ?q= finds tickets by number, subject and customer name with the
// other filters and the pager; the CSV exports the filtered queue, formula-safe, through
// the same query, page after page (issue 13).
func TestTicketSearchAndCSV(t *testing.T) {
	b := setup(t, at("2026-03-10 09:00"))
	cid := fmt.Sprint(b.customerID)
	for i := 0; i < 7; i++ {
		b.file(t, map[string]any{"subject": fmt.Sprintf("Printer %d jams", i)})
	}
	b.file(t, map[string]any{"subject": "=HYPERLINK(\"https://evil.example\") printer"})
	mail := b.file(t, map[string]any{"subject": "Mail is down"})
	b.fileAs(t, b.other)
	q := func(v url.Values) []TicketOut {
		var all []TicketOut
		for v.Set("limit", "3"); ; {
			l := b.list(t, asStaff, v)
			all = append(all, l.Items...)
			if l.Next == nil {
				return all
			}
			v.Set("after", *l.Next)
		}
	}
	if got := q(url.Values{"customer_id": {cid}, "q": {"PRINTER"}}); len(got) != 8 {
		t.Fatalf("search printer over pages: %d tickets, want 8", len(got))
	}
	if got := q(url.Values{"customer_id": {cid}, "q": {"mail"}, "sort": {"oldest"}}); len(got) != 1 || got[0].ID != mail {
		t.Fatalf("search mail: %+v", got)
	}
	var one TicketOut
	b.do(t, b.tech, "GET", fmt.Sprintf("/api/v1/tickets/%d", mail), nil).Expect(t, 200).JSON(t, &one)
	if got := q(url.Values{"q": {one.Number}}); len(got) != 1 {
		t.Fatalf("search by number %s: %d", one.Number, len(got))
	}
	b.do(t, b.tech, "GET", "/api/v1/tickets?q="+strings.Repeat("x", 101), nil).Expect(t, 422)
	// the contact's search stays within its company
	var own listOut
	b.do(t, b.contact, "GET", "/api/v1/tickets?q=a", nil).Expect(t, 200).JSON(t, &own)
	for _, it := range own.Items {
		if it.CustomerID != b.customerID {
			t.Fatal("a contact's search finds another company's ticket")
		}
	}

	defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
	listq.ExportBatch = 3 // 8 rows: three pages, each from the cursor of the one before
	r := b.do(t, b.tech, "GET", "/tickets?format=csv&status=&customer_id="+cid+"&q=printer", nil).Expect(t, 200)
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil || len(rows) != 9 || r.Header.Get("Content-Disposition") != "attachment; filename=tickets.csv" {
		t.Fatalf("csv %v: %d rows, %q", err, len(rows), r.Header.Get("Content-Disposition"))
	}
	formula := false
	for _, row := range rows[1:] {
		if !strings.Contains(strings.ToLower(row[1]), "printer") {
			t.Fatalf("the search is not applied to the export: %q", row)
		}
		formula = formula || strings.HasPrefix(row[1], "'=HYPERLINK")
	}
	if !formula {
		t.Fatal("the formula subject is not neutralised")
	}
	mine, _ := csv.NewReader(bytes.NewReader(b.do(t, b.contact, "GET", "/api/v1/tickets?format=csv", nil).Expect(t, 200).Body)).ReadAll()
	for _, row := range mine[1:] {
		if row[2] != mine[1][2] {
			t.Fatal("a contact's export holds another company's tickets")
		}
	}
	page := b.do(t, b.tech, "GET", "/tickets?status=&q=printer&priority=P3", nil).Expect(t, 200)
	if !bytes.Contains(page.Body, []byte(`value="printer"`)) || !bytes.Contains(page.Body, []byte(`href="?format=csv&amp;priority=P3&amp;q=printer&amp;status="`)) {
		t.Fatalf("the queue does not keep the search in its form and CSV link: %s", regexp.MustCompile(`href="\?format=csv[^"]*"`).Find(page.Body))
	}
	// the customer page's tickets tab lists the customer's tickets, not the other company's
	tab := b.do(t, b.tech, "GET", "/customers/"+cid+"?tab=tickets", nil).Expect(t, 200)
	if !bytes.Contains(tab.Body, []byte(fmt.Sprintf(`href="/tickets/%d"`, mail))) || bytes.Count(tab.Body, []byte(`href="/tickets/`)) != 9 {
		t.Fatalf("the tickets tab does not list the customer's 9 tickets")
	}
	b.do(t, b.contact, "GET", "/customers/"+cid+"?tab=tickets", nil).Expect(t, 404)
}

// TestExplainTicketSearch: at 100,000 tickets a search by number or subject is a bitmap
// of tickets_search_idx, never a scan of the table (issue 13).
func TestExplainTicketSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx := testkit.Tx(t)
	testkit.ShadowTable(t, tx, "tickets")
	now := at("2026-07-01 10:00")
	if _, err := tx.ExecContext(ctx, `INSERT INTO tickets (number, customer_id, subject, description, category, priority, status,
			sla_policy_id, received_at, created_at, updated_at, response_due_at, resolution_due_at, next_due_at, sla_state, alerts_sent)
		SELECT 'E' || g, 1 + g % 200, 'Storing ' || (g % 5000), 'x', 'incident', 'P3', 'open', 1, r, r, r,
			r + interval '1 hour', r + interval '8 hours', r + interval '8 hours', 'running', '{}'
		FROM generate_series(1, 100000) g, LATERAL (SELECT ?::timestamptz - g * interval '5 minutes' AS r) x; ANALYZE tickets`, now); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.Technician}
	for name, lf := range map[string]ListFilter{
		"number":          {Sort: SortNewest, Text: "E47113"},
		"subject_due":     {Sort: SortDue, Text: "storing 4711"},
		"subject_open":    {Sort: SortNewest, Text: "storing 4711", Statuses: []Status{StatusOpen}},
		"customer_oldest": {Sort: SortOldest, Text: "E9999", customers: []int64{17}},
	} {
		t.Run(name, func(t *testing.T) {
			var rows []*Ticket
			q, err := listQuery(tx, &rows, staff, lf, httpx.Page{Limit: 50}, now)
			if err != nil {
				t.Fatal(err)
			}
			plan := testkit.Plan(t, tx, q.String())
			if len(lf.customers) > 0 { // or a customer's 500 tickets: an index either way
				testkit.ExpectIndexPlan(t, plan, "tickets")
				return
			}
			testkit.ExpectSearchPlan(t, plan, "tickets")
		})
	}
}
