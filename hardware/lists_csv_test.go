package hardware

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// TestHardwareListTools: the delivery, item, defect report and RMA lists export CSV
// through the page's own query (filters respected, every row streamed in batches beyond
// one page, formula cells neutralised), sort by their headers with the cursor carrying
// the sort, and keep the filters in the sort, pager and CSV links (issue 13).
func TestHardwareListTools(t *testing.T) {
	b := setup(t)
	defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
	listq.ExportBatch = 2
	p := b.product(t, true, 36, ConditionNew)
	var items []int64
	var deliveries []int64
	for i := range 3 {
		o := b.accept(t, b.cust, p.SKU, 1, "0", "004")
		d := b.planAndDeliver(t, o, fmt.Sprintf("LT-%d-%d", i, next()))
		deliveries, items = append(deliveries, d.ID), append(items, d.Items[0].ID)
	}
	other := b.planAndDeliver(t, b.accept(t, b.other, p.SKU, 1, "0", "004"), "LT-O-"+fmt.Sprint(next()))
	b.app.Clock.Set(t0.Add(time.Hour))
	defer b.app.Clock.Set(t0)

	t.Run("deliveries_csv_keeps_the_filter_and_streams_every_row", func(t *testing.T) {
		rows := testkit.ReadCSV(t, b.app.Do(t, "GET", fmt.Sprintf("/hardware/deliveries?format=csv&status=delivered&customer_id=%d", b.cust), b.am.Token, nil).Expect(t, 200).Body)
		if len(rows) != 4 || rows[0][0] != "Delivery" {
			t.Fatalf("deliveries csv (3 of the customer, 2 a batch): %v", rows)
		}
		for _, r := range rows[1:] {
			if r[0] == fmt.Sprint(other.ID) || r[2] != "delivered" {
				t.Fatalf("row %v outside the filter", r)
			}
		}
		if rows[1][0] != fmt.Sprint(deliveries[2]) {
			t.Fatalf("newest first: %v", rows)
		}
	})
	t.Run("items_sorted_by_delivery_with_the_filters_in_every_link", func(t *testing.T) {
		path := fmt.Sprintf("/hardware/items?customer_id=%d&title=retained&sort=delivered&dir=desc&limit=2", b.cust)
		body := string(b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 200).Body)
		first := strings.Index(body, fmt.Sprintf(`data-item="%d"`, items[2]))
		second := strings.Index(body, fmt.Sprintf(`data-item="%d"`, items[1]))
		if first < 0 || second < first || strings.Contains(body, fmt.Sprintf(`data-item="%d"`, items[0])) {
			t.Fatalf("page 1 of items by delivery, newest first, 2 a page")
		}
		for _, link := range []string{`id="export-csv"`, `id="next-page"`} {
			i := strings.Index(body, link)
			if i < 0 {
				t.Fatalf("no %s", link)
			}
			tag := body[strings.LastIndex(body[:i], "<a"):i]
			if !strings.Contains(tag, fmt.Sprintf("customer_id=%d", b.cust)) || !strings.Contains(tag, "title=retained") || !strings.Contains(tag, "sort=delivered") {
				t.Errorf("%s loses the filters: %s", link, tag)
			}
		}
		rows := testkit.ReadCSV(t, b.app.Do(t, "GET", fmt.Sprintf("/hardware/items?format=csv&customer_id=%d&sort=delivered&dir=asc", b.cust), b.am.Token, nil).Expect(t, 200).Body)
		if len(rows) != 4 || rows[1][0] != fmt.Sprint(items[0]) || rows[3][0] != fmt.Sprint(items[2]) {
			t.Fatalf("items csv by delivery, oldest first: %v", rows)
		}
		b.app.Do(t, "GET", "/hardware/items?sort=serial", b.am.Token, nil).Expect(t, 422)
	})
	t.Run("defect_csv_neutralises_formulas", func(t *testing.T) {
		for i := range 3 {
			b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": items[i], "kind": "visible",
				"description": `=HYPERLINK("https://evil.example","klik")`}).Expect(t, 201)
		}
		rows := testkit.ReadCSV(t, b.app.Do(t, "GET", fmt.Sprintf("/hardware/defects?format=csv&item_id=%d", items[1]), b.am.Token, nil).Expect(t, 200).Body)
		if len(rows) != 2 || rows[1][1] != fmt.Sprint(items[1]) || !strings.HasPrefix(rows[1][8], "'=") {
			t.Fatalf("defect csv of one item: %v", rows)
		}
		all := testkit.ReadCSV(t, b.app.Do(t, "GET", "/hardware/defects?format=csv&sort=reported&dir=asc", b.am.Token, nil).Expect(t, 200).Body)
		if len(all) < 4 {
			t.Fatalf("defect csv of all: %d rows", len(all))
		}
		body := string(b.app.Do(t, "GET", "/hardware/defects?sort=deadline&dir=desc", b.am.Token, nil).Expect(t, 200).Body)
		if !strings.Contains(body, `aria-sort="descending"`) {
			t.Fatal("the deadline header does not show the sort")
		}
	})
	t.Run("rma_list_and_csv_by_status", func(t *testing.T) {
		for i := range 3 {
			b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": items[i], "reason": "+kapot"}).Expect(t, 201)
		}
		rows := testkit.ReadCSV(t, b.app.Do(t, "GET", "/hardware/rmas?format=csv&status=requested&sort=status", b.am.Token, nil).Expect(t, 200).Body)
		if len(rows) < 4 {
			t.Fatalf("rma csv: %v", rows)
		}
		safe := 0
		for _, r := range rows[1:] {
			if r[3] != "requested" || r[4] == "+kapot" {
				t.Fatalf("rma row %v outside the filter or not formula-safe", r)
			}
			if r[4] == "'+kapot" {
				safe++
			}
		}
		if safe != 3 {
			t.Fatalf("%d neutralised reasons, want 3", safe)
		}
		b.app.Do(t, "GET", "/hardware/rmas?status=lost", b.am.Token, nil).Expect(t, 422)
		body := string(b.app.Do(t, "GET", "/hardware/rmas?status=requested", b.am.Token, nil).Expect(t, 200).Body)
		if !strings.Contains(body, "Requested") || !strings.Contains(body, `id="rma-list"`) {
			t.Fatal("rma list page")
		}
	})
}
