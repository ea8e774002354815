package hardware

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// TestDefectAndRMAListsPaginate walks the defect and RMA lists page by page (issue 14:
// no list is capped): every record once, newest first, the customer's own only, and the
// staff page links to the next page of each list.
func TestDefectAndRMAListsPaginate(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 3, "0", "004")
	d := b.planAndDeliver(t, o, "PG-"+fmt.Sprint(next()), "PG-"+fmt.Sprint(next()), "PG-"+fmt.Sprint(next()))
	b.app.Clock.Set(t0.Add(time.Hour))
	defer b.app.Clock.Set(t0)
	item := d.Items[0].ID
	var defects, rmas []int64
	for i := range 3 {
		var r DefectOut
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "visible",
			"description": fmt.Sprintf("kras %d", i)}).Expect(t, 201).JSON(t, &r)
		defects = append(defects, r.ID)
		var m RMAOut
		b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": d.Items[i].ID, "reason": "kapot"}).Expect(t, 201).JSON(t, &m)
		rmas = append(rmas, m.ID)
	}
	walk := func(t *testing.T, path, token string) []int64 {
		t.Helper()
		var ids []int64
		next := path
		for range 10 {
			var page httpx.List[struct {
				ID int64 `json:"id"`
			}]
			b.app.Do(t, "GET", next, token, nil).Expect(t, 200).JSON(t, &page)
			if len(page.Items) > 2 {
				t.Fatalf("%s: %d items on a page of 2", next, len(page.Items))
			}
			for _, x := range page.Items {
				ids = append(ids, x.ID)
			}
			if page.Next == nil {
				return ids
			}
			next = path + "&after=" + *page.Next
		}
		t.Fatalf("%s does not end", path)
		return nil
	}
	same := func(t *testing.T, got, want []int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("walked %v, want %v", got, want)
		}
		for i := range got {
			if got[i] != want[len(want)-1-i] { // newest first
				t.Fatalf("walked %v, want %v newest first", got, want)
			}
		}
	}
	same(t, walk(t, fmt.Sprintf("/api/v1/defect-reports?limit=2&item_id=%d", item), b.am.Token), defects)
	same(t, walk(t, fmt.Sprintf("/api/v1/defect-reports?limit=2&item_id=%d", item), b.contact.Token), defects)
	if got := walk(t, fmt.Sprintf("/api/v1/defect-reports?limit=2&item_id=%d", item), b.alien.Token); len(got) != 0 {
		t.Fatalf("another company sees %v", got)
	}
	mine := walk(t, "/api/v1/rmas?limit=2", b.contact.Token)
	same(t, mine, rmas)
	b.app.Do(t, "GET", "/api/v1/rmas?after=garbage", b.am.Token, nil).Expect(t, 400)
	b.app.Do(t, "GET", "/api/v1/defect-reports?limit=500", b.am.Token, nil).Expect(t, 422)

	t.Run("page_links_the_next_page", func(t *testing.T) {
		path := fmt.Sprintf("/hardware/defects?item_id=%d", item)
		res := b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 200)
		if strings.Contains(string(res.Body), `id="next-page"`) || !strings.Contains(string(res.Body), fmt.Sprintf("/hardware/defects/%d", defects[0])) {
			t.Fatalf("defects page of 3 reports %.300s", res.Body)
		}
		for i := range 48 {
			b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "visible",
				"description": fmt.Sprintf("deuk %d", i)}).Expect(t, 201)
		}
		body := string(b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 200).Body)
		if !strings.Contains(body, `id="next-page"`) || strings.Contains(body, fmt.Sprintf(`href="/hardware/defects/%d"`, defects[0])) {
			t.Fatalf("a page of 50 of 51 reports has no next link or shows the oldest")
		}
		i := strings.Index(body, `href="?`)
		next := strings.ReplaceAll(body[i+6:i+strings.Index(body[i+6:], `"`)+6], "&amp;", "&")
		body = string(b.app.Do(t, "GET", "/hardware/defects"+next, b.am.Token, nil).Expect(t, 200).Body)
		if !strings.Contains(body, fmt.Sprintf(`href="/hardware/defects/%d"`, defects[0])) || strings.Contains(body, `id="next-page"`) {
			t.Fatalf("the second page (%s) lacks the oldest report", next)
		}
	})
}

// TestDeliveryListBudget: a page of deliveries reads their lines with their products and
// order lines in one statement, not per delivery or line (issue 14).
func TestDeliveryListBudget(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	for range 3 {
		o := b.accept(t, b.cust, p.SKU, 2, "0", "004")
		b.planAndDeliver(t, o, "BG-"+fmt.Sprint(next()), "BG-"+fmt.Sprint(next()))
	}
	n := testkit.CountQueries(t)
	var page httpx.List[DeliveryOut]
	b.app.Do(t, http.MethodGet, "/api/v1/deliveries?limit=50", b.contact.Token, nil).Expect(t, 200).JSON(t, &page)
	n.Within(3, "a page of deliveries with their lines") // principal, deliveries, lines (with order lines and products)
	if len(page.Items) != 3 || len(page.Items[0].Lines) == 0 || page.Items[0].Lines[0].Product.SKU == "" || page.Items[0].Lines[0].Description == "" {
		t.Fatalf("deliveries %+v", page.Items)
	}
}

// TestHardwareListBudgets: a page of items reads the items with their customers' names,
// then their products (two queries, not per item); a page of defect reports or RMAs is
// one query.
func TestHardwareListBudgets(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 3, "0", "004")
	d := b.planAndDeliver(t, o, "QB-"+fmt.Sprint(next()), "QB-"+fmt.Sprint(next()), "QB-"+fmt.Sprint(next()))
	b.app.Clock.Set(t0.Add(time.Hour))
	defer b.app.Clock.Set(t0)
	for _, it := range d.Items {
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": it.ID, "kind": "visible", "description": "kras"}).Expect(t, 201)
		b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": it.ID, "reason": "kapot"}).Expect(t, 201)
	}
	for _, c := range []struct {
		path   string
		budget int
	}{{"/api/v1/hardware/items?limit=50", 3}, {"/api/v1/defect-reports?limit=50", 2}, {"/api/v1/rmas?limit=50", 2}} {
		n := testkit.CountQueries(t)
		var page httpx.List[struct {
			ID int64 `json:"id"`
		}]
		b.app.Do(t, http.MethodGet, c.path, b.contact.Token, nil).Expect(t, 200).JSON(t, &page)
		n.Within(c.budget, c.path) // the principal, then the page (items: and their products, one batch)
		if len(page.Items) != 3 {
			t.Fatalf("%s: %d items", c.path, len(page.Items))
		}
	}
}

// The hardware lists refuse a filter that is not an id or a flag, every field at once.
func TestHardwareListFiltersParsedStrictly(t *testing.T) {
	b := setup(t)
	for path, want := range map[string]string{
		"/api/v1/hardware/items?customer_id=x&repossession_possible=maybe": "customer_id repossession_possible",
		"/api/v1/deliveries?order_id=1.5&customer_id=0":                    "customer_id order_id",
		"/api/v1/defect-reports?item_id=abc&limit=x":                       "item_id limit",
		"/api/v1/rmas?item_id=-1":                                          "item_id",
	} {
		r := b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 422)
		if got := strings.Join(r.FieldErrors(t), " "); r.Code(t) != "validation_failed" || got != want {
			t.Errorf("%s: %s %q, want the fields %q", path, r.Code(t), got, want)
		}
	}
	b.app.Do(t, "GET", "/api/v1/hardware/items?repossession_possible=true&customer_id=1", b.am.Token, nil).Expect(t, 200)
}
