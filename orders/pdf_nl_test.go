package orders

import (
	"os"

	"backoffice/internal/civil"
	"strings"
	"testing"
	"time"
)

// TestQuotePDFInDutch: the quote PDF is a Dutch document — "Offerte", "Geldig tot" with a
// Dutch date, the company block, one-off and recurring totals apart with the commitment of
// the initial term — without rule IDs or series codes; an accepted quote shows who accepted
// it, when and how instead of "sign and return" (issue 13).
func TestQuotePDFInDutch(t *testing.T) {
	q := validQuote()
	q.Indexation = IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cdt"}
	q.ValidUntil = civil.D(2026, 4, 1)
	co := Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}
	cust := CustomerAddress{Name: "Acme Zorg B.V.", Street: "Stationsplein 1", PostalCode: "3511 ED", City: "Utrecht"}
	b, err := QuotePDF(q, cust, co, monday2March)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("BACKOFFICE_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(dir+"/quote-nl.pdf", b, 0o644)
	}
	txt := pdfText(t, b)
	for _, w := range []string{"Offerte", "Geldig tot", "1 april 2026", "Europalaan 100", "KvK 30123456", "BTW NL812345678B01", "IBAN NL91ABNA0417164300",
		"Eenmalig", "Per maand", "Verplichting eerste looptijd", "48 maanden", "consumentenprijsindex", "Naam en handtekening"} {
		if !strings.Contains(txt, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
	for _, bad := range []string{"QUOTE", "Q-1", "Q-8", "IDX-1", "HW-1", "cbs-cdt", "per year", "2026-04-01"} {
		if strings.Contains(txt, bad) {
			t.Errorf("PDF prints %q", bad)
		}
	}
	q.Status = QuoteAccepted
	q.Acceptance = &Acceptance{AcceptedBy: "Anna de Vries", Method: AcceptPortal, At: time.Date(2026, 3, 3, 9, 15, 0, 0, time.UTC)}
	if b, err = QuotePDF(q, cust, co, monday2March); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("BACKOFFICE_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(dir+"/quote-nl-accepted.pdf", b, 0o644)
	}
	txt = pdfText(t, b)
	if !strings.Contains(txt, "aanvaard door Anna de Vries op 3 maart 2026 om 10:15, in het klantportaal") || strings.Contains(txt, "handtekening") {
		t.Errorf("the accepted quote does not show its acceptance record instead of the signature lines")
	}
}
