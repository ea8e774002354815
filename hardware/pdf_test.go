package hardware

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/accounts"
	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/testkit"
)

// TestDeliveryNotePDFInTheCustomersLanguage: the delivery note is in the customer's
// language in the house style (company block with KvK/BTW/IBAN), lists products with
// their serials, names the recipient and the moment the risk passed (HW-3), retention of
// title (HW-4), the inspection duty (HW-5) and what is not included (HW-1) in plain words
// without rule IDs; signed for on delivery, it has no signature lines any more.
func TestDeliveryNotePDFInTheCustomersLanguage(t *testing.T) {
	at := time.Date(2026, 3, 10, 13, 30, 0, 0, time.UTC)
	who := "Piet Jansen"
	co := pdfdoc.Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}
	for lang, want := range map[string][]string{
		"nl": {"Pakbon", "Geleverd aan", "Acme Zorg B.V.", "Stationsplein 1", "Gepland 9 maart 2026", "Ontvangen door Piet Jansen", "10 maart 2026 14:30",
			"Dell Latitude 5450", "Serienummers: SN-001, SN-002", "KvK 30123456", "BTW NL812345678B01", "blijven ons eigendom", "binnen 24 uur", "kabels", "pagina 1"},
		"en": {"Delivery note", "Delivered to", "Acme Zorg B.V.", "Planned 9 March 2026", "Received by Piet Jansen", "10 March 2026 14:30",
			"Dell Latitude 5450", "Serial numbers: SN-001, SN-002", "CoC 30123456", "VAT NL812345678B01", "remain our property", "within 24 hours", "cables", "page 1"},
	} {
		d := &Delivery{ID: 12, OrderID: 3, Status: Planned, PlannedOn: civil.D(2026, 3, 9), Street: "Stationsplein 1", PostalCode: "3511 ED", City: "Utrecht", Country: "NL",
			Lines: []DeliveryLine{{Quantity: decimal.NewFromInt(2), Serials: []string{"SN-001", "SN-002"}, Product: &Product{SKU: "LAT-5450", Manufacturer: "Dell", Name: "Latitude 5450"}}}}
		cust := accounts.Address{Name: "Acme Zorg B.V.", Language: lang}
		b, err := DeliveryNotePDF(d, cust, co, at)
		if err != nil {
			t.Fatal(err)
		}
		planned := testkit.PDFText(t, "delivery-note-"+lang+"-planned", b)
		if !strings.Contains(planned, map[string]string{"nl": "Naam en handtekening ontvanger", "en": "Name and signature of recipient"}[lang]) {
			t.Errorf("%s: a planned delivery note has no signature lines", lang)
		}
		d.Status, d.DeliveredAt, d.RiskSince, d.ReceivedBy = Delivered, &at, &at, &who
		if b, err = DeliveryNotePDF(d, cust, co, at); err != nil {
			t.Fatal(err)
		}
		txt := testkit.PDFText(t, "delivery-note-"+lang, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: delivery note lacks %q:\n%s", lang, w, txt)
			}
		}
		for _, bad := range []string{"HW-", "004:", "DELIVERY NOTE", "hardware.", "handtekening", "signature"} {
			if strings.Contains(txt, bad) {
				t.Errorf("%s: delivery note prints %q", lang, bad)
			}
		}
	}
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("missing translations: %v", m)
	}
}
