package hardware

import (
	"fmt"
	"strings"
	"testing"
)

// TestPagesRender opens every admin and portal page through the real router.
func TestPagesRender(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 2, "0", "004")
	d := b.planAndDeliver(t, o, "PG-"+fmt.Sprint(next()))
	var r DefectOut
	b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": d.Items[0].ID, "kind": "visible", "description": "Kras"}).Expect(t, 201).JSON(t, &r)
	var rma RMAOut
	b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": d.Items[0].ID, "reason": "Kapot"}).Expect(t, 201).JSON(t, &rma)
	item := d.Items[0].ID
	for _, path := range []string{"/hardware/products", "/hardware/deliveries", "/hardware/deliveries?status=delivered",
		fmt.Sprintf("/hardware/deliveries/new?order_id=%d", o.ID), fmt.Sprintf("/hardware/deliveries/%d", d.ID), fmt.Sprintf("/hardware/deliveries/%d/driver", d.ID),
		"/hardware/items", fmt.Sprintf("/hardware/items/%d", item), "/hardware/repossession", "/hardware/defects",
		fmt.Sprintf("/hardware/defects/%d", r.ID), fmt.Sprintf("/hardware/rmas/%d", rma.ID)} {
		res := b.app.Do(t, "GET", path, b.am.Token, nil)
		if res.Status != 200 || !strings.Contains(string(res.Body), "<html") {
			t.Errorf("%s: %d %.300s", path, res.Status, res.Body)
		}
	}
	for _, path := range []string{"/portal/hardware", fmt.Sprintf("/portal/hardware/items/%d", item), fmt.Sprintf("/portal/hardware/defects/%d", r.ID)} {
		if res := b.app.Do(t, "GET", path, b.contact.Token, nil); res.Status != 200 || !strings.Contains(string(res.Body), "Eigendomsvoorbehoud") && strings.Contains(path, "items") {
			t.Errorf("%s: %d", path, res.Status)
		}
		if res := b.app.Do(t, "GET", path, b.alien.Token, nil); strings.Contains(path, "/items/") && res.Status != 404 {
			t.Errorf("%s for another customer: %d", path, res.Status)
		}
	}
	b.app.Do(t, "GET", "/hardware/items", b.contact.Token, nil).Expect(t, 403)
}
