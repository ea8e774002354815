package orders

import (
	"os"
	"strings"
	"testing"
)

func TestQuotePDFHardwareNotIncluded(t *testing.T) {
	q := validQuote()
	q.Lines[0].Kind = KindHardware
	b, err := QuotePDF(q, CustomerAddress{Name: "Acme Zorg B.V.", City: "Utrecht"}, Company{Name: "Cloudwise B.V."}, monday2March)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("BACKOFFICE_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(dir+"/quote-hardware.pdf", b, 0o644)
	}
	txt := pdfText(t, b)
	for _, w := range []string{"bevestigingsmateriaal", "kabels", "verbruiksartikelen", "ingebouwde software"} {
		if !strings.Contains(txt, w) {
			t.Errorf("HW-1: quote PDF lacks %q", w)
		}
	}
}
