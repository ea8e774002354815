package pdfdoc_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/testkit"
)

var co = pdfdoc.Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}

// longDoc is a document whose table runs over several pages: long wrapping descriptions,
// each with a line under it.
func longDoc(t *testing.T, lang string) []byte {
	d := pdfdoc.New(co, lang, "Factuur", "Factuur 2026-00042", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	d.Parties("", pdfdoc.Addressee{Name: "Acme Zorg B.V.", Street: "Stationsplein 1", PostalCode: "3511 ED", City: "Utrecht"}.Lines(d.L), nil)
	var rows []pdfdoc.Row
	for i := range 40 {
		rows = append(rows, pdfdoc.Row{Cells: []string{fmt.Sprintf("Regel %02d: beheerde werkplek met monitoring, patching, servicedesk en back-up van de gebruikersbestanden", i), "€ 1.249,00"},
			Sub: "1 maart 2026 – 31 maart 2026"})
	}
	d.Table([]pdfdoc.Column{{Head: "Omschrijving", Width: 70}, {Head: "Bedrag", Width: 104, Right: true}}, rows)
	d.Bullets([]string{strings.Repeat("Een voorwaarde die over meer regels loopt. ", 8)})
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLongDocumentPages: every page after the first is headed by who sent which document
// and the page of how many (a loose page is still known), the table's header is repeated,
// and a row is never split over two pages: each row's amount stands on the page of its
// description (issue 13).
func TestLongDocumentPages(t *testing.T) {
	pages := testkit.PDFPages(t, "pdfdoc-long", longDoc(t, "nl"))
	if len(pages) < 3 {
		t.Fatalf("want at least 3 pages, got %d", len(pages))
	}
	for i, p := range pages {
		of := fmt.Sprintf("pagina %d van %d", i+1, len(pages))
		if !strings.Contains(p, of) {
			t.Errorf("page %d lacks %q: %s", i+1, of, p)
		}
		if i > 0 && (!strings.HasPrefix(p, "Cloudwise B.V. · Factuur 2026-00042 "+of) || !strings.Contains(p, "Omschrijving Bedrag")) {
			t.Errorf("page %d lacks the running head or the table header: %.200s", i+1, p)
		}
	}
	for i := range 40 {
		row := fmt.Sprintf("Regel %02d:", i)
		for n, p := range pages {
			if j := strings.Index(p, row); j >= 0 && !strings.Contains(p[j:], "1 maart 2026 – 31 maart 2026") {
				t.Errorf("%s is split from its period on page %d", row, n+1)
			}
		}
	}
	if en := testkit.PDFPages(t, "pdfdoc-long-en", longDoc(t, "en")); !strings.Contains(en[1], "page 2 of") {
		t.Errorf("English page 2 lacks \"page 2 of\": %.200s", en[1])
	}
}

// TestAddresseeLines: one address block on every document: the contact after t.a.v., postal
// code and city with one space, the country by its name and only abroad, then KvK and BTW.
func TestAddresseeLines(t *testing.T) {
	a := pdfdoc.Addressee{Name: "Brouwerij De Klok BV", Attn: "Jan Peeters", Street: "Markt 1", PostalCode: "2000", City: "Antwerpen", Country: "BE", VATID: "BE0123456749"}
	for lang, want := range map[string]string{
		i18n.NL: "Brouwerij De Klok BV | t.a.v. Jan Peeters | Markt 1 | 2000 Antwerpen | België | BTW BE0123456749",
		i18n.EN: "Brouwerij De Klok BV | Attn. Jan Peeters | Markt 1 | 2000 Antwerpen | Belgium | VAT BE0123456749",
	} {
		if got := strings.Join(a.Lines(i18n.For(lang)), " | "); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	home := pdfdoc.Addressee{Name: "Acme Zorg B.V.", PostalCode: "3511 ED", City: "Utrecht", Country: "NL", KvK: "30567890"}
	if got := strings.Join(home.Lines(i18n.For(i18n.NL)), " | "); got != "Acme Zorg B.V. | 3511 ED Utrecht | KvK 30567890" {
		t.Errorf("home: %q", got)
	}
}
