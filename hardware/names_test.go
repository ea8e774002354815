package hardware

import (
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestListsNameOrdersAndItems (issue 13): the delivery list and page name the order by the
// number quote.accepted carried, linked to the order; the defect report and RMA lists name
// the item by its serial and product, linked to the item — never by their ids.
func TestListsNameOrdersAndItems(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 1, "0", "004")
	number := fmt.Sprintf("O2026-%04d", o.ID%10000)
	serial := "NM-" + fmt.Sprint(next())
	d := b.planAndDeliver(t, o, serial)
	if d.OrderNumber != number {
		t.Fatalf("delivery order_number %q, want %q", d.OrderNumber, number)
	}
	order := regexp.MustCompile(fmt.Sprintf(`<a href="/orders/%d"[^>]*>%s</a>`, o.ID, number))
	for _, path := range []string{"/hardware/deliveries", fmt.Sprintf("/hardware/deliveries/%d", d.ID)} {
		body := string(b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 200).Body)
		if !order.MatchString(body) {
			t.Fatalf("%s does not link order %s by its number", path, number)
		}
	}
	// the order's terms profile in words, not its code ("(terms 004)")
	page := string(b.app.Do(t, "GET", fmt.Sprintf("/hardware/deliveries/%d", d.ID), b.am.Token, nil).Expect(t, 200).Body)
	if !strings.Contains(page, `<span id="delivery-terms">(terms and conditions: Cloudwise)</span>`) || strings.Contains(page, "terms 004") {
		t.Errorf("the delivery page does not name the terms profile in words")
	}
	// planning a delivery asks for the order by its number, as the label says
	plan := string(b.app.Do(t, "GET", "/hardware/deliveries/new?order="+number, b.am.Token, nil).Expect(t, 200).Body)
	if !strings.Contains(plan, fmt.Sprintf(`<input type="hidden" name="order_id" value="%d">`, o.ID)) || !strings.Contains(plan, `value="`+number+`" id="order-id"`) {
		t.Fatalf("planning by order number %s does not open its lines", number)
	}
	if plan := string(b.app.Do(t, "GET", "/hardware/deliveries/new?order=O1999-0001", b.am.Token, nil).Expect(t, 200).Body); !strings.Contains(plan, "no accepted order with hardware has the number O1999-0001") {
		t.Fatalf("an unknown order number is not explained")
	}
	b.app.Clock.Set(t0.Add(time.Hour))
	defer b.app.Clock.Set(t0)
	item := d.Items[0].ID
	b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "visible", "description": "kras"}).Expect(t, 201)
	b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": item, "reason": "kapot"}).Expect(t, 201)
	link := fmt.Sprintf(`<a href="/hardware/items/%d"><span class="mono">%s</span> · %s</a>`, item, serial, template.HTMLEscapeString(p.Name))
	for _, path := range []string{"/hardware/defects", "/hardware/rmas"} {
		body := string(b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 200).Body)
		if !strings.Contains(body, link) {
			t.Fatalf("%s does not name item %d by serial and product (%s)", path, item, link)
		}
	}
	// filtered to the item, the defect list names it above the list too
	if body := string(b.app.Do(t, "GET", fmt.Sprintf("/hardware/defects?item_id=%d", item), b.am.Token, nil).Expect(t, 200).Body); strings.Count(body, link) != 2 {
		t.Fatalf("the defect list of item %d names it %d times, want heading and row", item, strings.Count(body, link))
	}
}

// TestPagesNameDeliveriesDefectsAndRMAs (issue 13): a delivery is named by its order's
// number and planned date (its list, page, driver page and the item it brought), a defect
// report by when it was made, a return request by its RMA number (the customer writes it on
// the box) and when it was made — never "Delivery 3", "delivery 3" or "Defect report 3".
func TestPagesNameDeliveriesDefectsAndRMAs(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 1, "0", "004")
	number := fmt.Sprintf("O2026-%04d", o.ID%10000)
	d := b.planAndDeliver(t, o, "NM-"+fmt.Sprint(next()))
	item := d.Items[0].ID
	b.app.Clock.Set(t0.Add(time.Hour))
	defer b.app.Clock.Set(t0)
	var defect DefectOut
	b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "visible", "description": "kras"}).Expect(t, 201).JSON(t, &defect)
	var rma RMAOut
	b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": item, "reason": "kapot"}).Expect(t, 201).JSON(t, &rma)
	delivery := "Delivery " + number + " · 2 March 2026"
	pages := map[string][]string{
		"/hardware/deliveries":                              {delivery + "</a>"},
		fmt.Sprintf("/hardware/deliveries/%d", d.ID):        {"<title>" + delivery, "<h2>" + delivery},
		fmt.Sprintf("/hardware/deliveries/%d/driver", d.ID): {"<h2>" + delivery + "</h2>"},
		fmt.Sprintf("/hardware/items/%d", item):             {fmt.Sprintf(`<a href="/hardware/deliveries/%d">delivery %s</a>`, d.ID, number), fmt.Sprintf("RMA %d of 2 March 2026 11:00", rma.ID)},
		"/hardware/defects":                                 {"Defect report of 2 March 2026 11:00</a>"},
		fmt.Sprintf("/hardware/defects/%d", defect.ID):      {"<h2>Defect report of 2 March 2026 11:00"},
		"/hardware/rmas":                                    {fmt.Sprintf("RMA %d of 2 March 2026 11:00</a>", rma.ID)},
		fmt.Sprintf("/hardware/rmas/%d", rma.ID):            {fmt.Sprintf("<h2>RMA %d of 2 March 2026 11:00", rma.ID)},
	}
	bare := []string{fmt.Sprintf("Delivery %d<", d.ID), fmt.Sprintf("Delivery %d ", d.ID), fmt.Sprintf("delivery %d<", d.ID),
		fmt.Sprintf("Defect report %d", defect.ID), fmt.Sprintf("RMA %d<", rma.ID)}
	// the audit log names them too, and the item a defect report refers to (issue 13)
	admin := testkit.Login(t, auth.Admin, nil)
	named := fmt.Sprintf("%s · %s", *d.Items[0].Serial, template.HTMLEscapeString(p.Name))
	audits := map[string][]string{
		fmt.Sprintf("/audit?entity=hw_delivery&entity_id=%d", d.ID):           {"Delivery " + number + "<"},
		fmt.Sprintf("/audit?entity=hw_defect_report&entity_id=%d", defect.ID): {"Defect report " + named + "<", `<span class="after">` + named + "</span>"},
		fmt.Sprintf("/audit?entity=hw_rma&entity_id=%d", rma.ID):              {"RMA " + named + "<"},
		fmt.Sprintf("/audit?entity=hw_product&entity_id=%d", p.ID):            {"Product " + template.HTMLEscapeString(p.Name) + "<"},
	}
	for path, wants := range audits {
		body := string(b.app.Do(t, "GET", path, admin.Token, nil).Expect(t, 200).Body)
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s does not show %q", path, w)
			}
		}
	}
	for path, wants := range pages {
		body := string(b.app.Do(t, "GET", path, b.am.Token, nil).Expect(t, 200).Body)
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s does not show %q", path, w)
			}
		}
		for _, w := range bare {
			if strings.Contains(body, w) {
				t.Errorf("%s names a record by its id: %q", path, w)
			}
		}
	}
}
