package hardware

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// rawID finds a message id that leaked into a page as text instead of its translation.
var rawID = regexp.MustCompile(`hardware\.ui\.[a-z_.]+`)

// TestPortalHardwareInTheCustomersLanguage: a Dutch customer's contact reads the hardware
// list, an item, its defect report and RMA in Dutch; a customer with language en reads
// them in English; no message id shows as raw text.
func TestPortalHardwareInTheCustomersLanguage(t *testing.T) {
	b := setup(t)
	en := testkit.Customer(t, testkit.CustomerOpts{Language: "en"}).ID
	enContact := testkit.Login(t, auth.Customer, &en)
	p := b.product(t, true, 36, ConditionNew)
	for _, c := range []struct {
		cust    int64
		token   string
		want    []string
		notWant []string
	}{
		{b.cust, b.contact.Token, []string{"Mijn hardware", "Eigendomsvoorbehoud", "Zichtbare gebreken melden tot", "Garantie", "Gebrek melden",
			"Retour aanvragen", "Gebrekmelding", "Op tijd gemeld.", "Fabrieksgarantie van 36 maanden"}, []string{"Report a defect", "Retention of title", "Warranty"}},
		{en, enContact.Token, []string{"My hardware", "Retention of title", "Visible defects until", "Warranty", "Report a defect",
			"Request RMA", "Defect report", "Reported in time.", "warranty of 36 months"}, []string{"Gebrek melden", "Eigendomsvoorbehoud"}},
	} {
		o := b.accept(t, c.cust, p.SKU, 1, "0", "004")
		d := b.planAndDeliver(t, o, "LG-"+fmt.Sprint(next()))
		item := d.Items[0].ID
		var r DefectOut
		b.app.Do(t, "POST", "/api/v1/defect-reports", c.token, map[string]any{"item_id": item, "kind": "visible", "description": "Kras"}).Expect(t, 201).JSON(t, &r)
		var body strings.Builder
		for _, path := range []string{"/portal/hardware", fmt.Sprintf("/portal/hardware/items/%d", item), fmt.Sprintf("/portal/hardware/defects/%d", r.ID)} {
			body.Write(b.app.Do(t, "GET", path, c.token, nil).Expect(t, 200).Body)
		}
		page := body.String()
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("customer %d: %q missing", c.cust, w)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(page, w) {
				t.Errorf("customer %d: %q in the other language", c.cust, w)
			}
		}
		if id := rawID.FindString(page); id != "" {
			t.Errorf("customer %d: message id %s shows as text", c.cust, id)
		}
	}
}
