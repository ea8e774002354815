package pdfdoc

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/i18n"
)

// TestCompanyLinesOmitMissingDetails: a detail that is not configured is left off, never
// invented; labels are in the document's language.
func TestCompanyLinesOmitMissingDetails(t *testing.T) {
	nl, en := i18n.For(i18n.NL), i18n.For(i18n.EN)
	cases := []struct {
		co   Company
		l    *i18n.Localizer
		want string
	}{
		{Company{Name: "Cloudwise B.V."}, nl, ""},
		{Company{VATID: "NL812345678B01"}, nl, "BTW NL812345678B01"},
		{Company{Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL8B01", IBAN: "NL91ABNA0417164300"}, nl,
			"Europalaan 100, 3526 KS Utrecht | KvK 30123456 · BTW NL8B01 · IBAN NL91ABNA0417164300"},
		{Company{KvK: "30123456", VATID: "NL8B01", BIC: "ABNANL2A"}, en, "CoC 30123456 · VAT NL8B01 · BIC ABNANL2A"},
	}
	for _, c := range cases {
		if got := strings.Join(c.co.Lines(c.l), " | "); got != c.want {
			t.Errorf("Lines(%+v) = %q, want %q", c.co, got, c.want)
		}
	}
}

func TestMessagesInBothLanguages(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("missing translations: %v", m)
	}
}

func TestDocumentRenders(t *testing.T) {
	d := New(Company{Name: "Cloudwise B.V.", KvK: "30123456"}, "en", "Quote", "Quote Q1", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	d.Parties("To", []string{"Acme", "Street 1"}, []Fact{{"Number", "Q1"}})
	d.Table([]Column{{Head: "Description", Width: 100}, {Head: "Total", Width: 74, Right: true}}, []Row{{Cells: []string{"Laptop", "€1,249.00"}, Sub: "item HW-1"}})
	d.Totals([]Total{{Label: "Total", Value: "€1,249.00", Bold: true, Rule: true}})
	d.Signature("", "")
	b, err := d.Bytes()
	if err != nil || len(b) < 1000 || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("not a PDF (%d bytes, %v)", len(b), err)
	}
}
