package orders

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
)

var testCompany = Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300", BIC: "ABNANL2A"}

// TestQuotePDFInTheCustomersLanguage: the quote PDF is written in the customer's language
// — "Offerte"/"Quote", the validity with a date in words, the company block, one-off and
// recurring totals apart with the commitment named ("€ 125,00 per maand gedurende 36
// maanden") — without rule IDs or series codes; an accepted quote shows who accepted it,
// when and how instead of "sign and return" (issue 13).
func TestQuotePDFInTheCustomersLanguage(t *testing.T) {
	cases := []struct {
		lang           string
		want, accepted []string
		bad, acceptBad []string
	}{
		{"nl", []string{"Offerte", "Geldig tot", "1 april 2026", "Europalaan 100", "KvK 30123456", "BTW NL812345678B01", "IBAN NL91ABNA0417164300",
			"Eenmalig", "Per maand", "Doorlopend, eerste looptijd", "€ 125,00 per maand gedurende 48 maanden", "€ 1.798,00", "prijsindex commerciële dienstverlening",
			"Naam en handtekening", "Voorwaarden", "pagina 1 van", "België", "Status Concept, nog niet verzonden"},
			[]string{"aanvaard door Anna de Vries op 3 maart 2026 om 10:15, in het klantportaal"},
			[]string{"Quote", "Valid until", "€1,"}, []string{"handtekening", "onderteken"}},
		{"en", []string{"Quote", "Valid until", "1 April 2026", "Europalaan 100", "CoC 30123456", "VAT NL812345678B01", "IBAN NL91ABNA0417164300",
			"One-off", "Per month", "Recurring, initial term", "€125.00 per month for 48 months", "€1,798.00", "price index of commercial services",
			"Name and signature", "Terms", "page 1 of", "Belgium", "Status Draft, not sent yet"},
			[]string{"accepted by Anna de Vries on 3 March 2026 at 10:15, in the customer portal"},
			[]string{"Offerte", "Geldig", "maand", "€ 1.798"}, []string{"signature", "sign and return"}},
	}
	for _, c := range cases {
		q := validQuote()
		q.Indexation = IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cdt"}
		q.ValidUntil = civil.D(2026, 4, 1)
		cust := CustomerAddress{Name: "Acme Zorg B.V.", Street: "Stationsplein 1", PostalCode: "3511 ED", City: "Utrecht", Country: "BE", Language: c.lang}
		b, err := QuotePDF(q, cust, testCompany, monday2March)
		if err != nil {
			t.Fatal(err)
		}
		txt := testkit.PDFText(t, "quote-"+c.lang, b)
		for _, w := range c.want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: PDF lacks %q", c.lang, w)
			}
		}
		for _, bad := range append(c.bad, "QUOTE", "Q-1", "Q-8", "IDX-1", "HW-1", "cbs-cdt", "2026-04-01", "orders.") {
			if strings.Contains(txt, bad) {
				t.Errorf("%s: PDF prints %q", c.lang, bad)
			}
		}
		q.Status = QuoteAccepted
		q.Acceptance = &Acceptance{AcceptedBy: "Anna de Vries", Method: AcceptPortal, At: time.Date(2026, 3, 3, 9, 15, 0, 0, time.UTC)}
		if b, err = QuotePDF(q, cust, testCompany, monday2March); err != nil {
			t.Fatal(err)
		}
		txt = testkit.PDFText(t, "quote-"+c.lang+"-accepted", b)
		for _, w := range c.accepted {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: the accepted quote lacks its acceptance record %q:\n%s", c.lang, w, txt)
			}
		}
		for _, bad := range append(c.acceptBad, "Concept", "Draft") {
			if strings.Contains(txt, bad) {
				t.Errorf("%s: the accepted quote still asks to sign (%q)", c.lang, bad)
			}
		}
	}
}

// TestOrderConfirmationPDF: the order confirmation names the order, the quote it came
// from, the start date and the contract, with the acceptance record, in both languages.
func TestOrderConfirmationPDF(t *testing.T) {
	q := validQuote()
	q.Status = QuoteAccepted
	q.Acceptance = &Acceptance{AcceptedBy: "Anna de Vries", Method: AcceptEmail, At: time.Date(2026, 3, 3, 9, 15, 0, 0, time.UTC)}
	o := &Order{ID: 3, Number: "O2026-0003", QuoteID: q.ID, QuoteNumber: q.Number, Title: q.Title, StartDate: q.StartDate, Lines: q.Lines, CreatedAt: monday2March}
	k := &Contract{ID: 4, Number: "K2026-0004", StartDate: q.StartDate, Terms: q.Terms, Indexation: q.Indexation}
	for lang, want := range map[string][]string{
		"nl": {"Opdrachtbevestiging", "Ordernummer O2026-0003", "Q2026-0001 (versie 1)", "Startdatum 1 april 2026", "Contract K2026-0004",
			"aanvaard door Anna de Vries op 3 maart 2026 om 10:15, per e-mail", "€ 125,00 per maand gedurende 48 maanden"},
		"en": {"Order confirmation", "Order number O2026-0003", "Q2026-0001 (version 1)", "Start date 1 April 2026", "Contract K2026-0004",
			"accepted by Anna de Vries on 3 March 2026 at 10:15, by e-mail", "€125.00 per month for 48 months"},
	} {
		b, err := OrderConfirmationPDF(q, o, k, CustomerAddress{Name: "Acme Zorg B.V.", City: "Utrecht", Language: lang}, testCompany, monday2March)
		if err != nil {
			t.Fatal(err)
		}
		txt := testkit.PDFText(t, "order-confirmation-"+lang, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: confirmation lacks %q:\n%s", lang, w, txt)
			}
		}
		if strings.Contains(txt, "handtekening") || strings.Contains(txt, "signature") {
			t.Errorf("%s: an order confirmation asks for a signature", lang)
		}
	}
}

// TestOrdersMessagesInBothLanguages: every message id of orders exists in Dutch and English.
func TestOrdersMessagesInBothLanguages(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("missing translations: %v", m)
	}
}

// TestQuotePDFStatesWhatCanStillBeDone: units read in the customer's language ("stuks",
// "uur", not "pcs", "hour"); the sentence on how to accept stands on the page of its
// signature lines; a declined, expired, withdrawn or superseded quote says it can no
// longer be accepted instead of asking to sign, and an accepted one no longer says until
// when it can be accepted (issue 13).
func TestQuotePDFStatesWhatCanStillBeDone(t *testing.T) {
	cust := CustomerAddress{Name: "Acme Zorg B.V.", City: "Utrecht", Language: "nl"}
	q := validQuote()
	q.Lines[0].Unit, q.Lines[1].Unit, q.Lines[2].Unit = "pcs", "user", "hour"
	q.ValidUntil = civil.D(2026, 4, 1)
	b, err := QuotePDF(q, cust, testCompany, monday2March)
	if err != nil {
		t.Fatal(err)
	}
	txt := testkit.PDFText(t, "quote-nl-units", b)
	for _, w := range []string{"2 stuks", "10 gebruiker", "1 uur", "U kunt deze offerte aanvaarden tot en met 1 april 2026"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the quote lacks %q:\n%s", w, txt)
		}
	}
	for _, bad := range []string{" pcs", " user", " hour"} {
		if strings.Contains(txt, bad) {
			t.Errorf("the Dutch quote prints the unit %q", bad)
		}
	}
	for i, p := range testkit.PDFPages(t, "quote-nl-units", b) {
		if strings.Contains(p, "Naam en handtekening") != strings.Contains(p, "Aanvaarden kan online") {
			t.Errorf("page %d: the signature lines and the sentence asking to sign are on different pages:\n%s", i+1, p)
		}
	}
	for status, want := range map[QuoteStatus]string{QuoteDeclined: "afgewezen", QuoteExpired: "verlopen", QuoteWithdrawn: "ingetrokken", QuoteSuperseded: "nieuwere versie"} {
		q.Status = status
		b, err := QuotePDF(q, cust, testCompany, monday2March)
		if err != nil {
			t.Fatal(err)
		}
		txt := testkit.PDFText(t, "quote-nl-"+string(status), b)
		if !strings.Contains(txt, want) || !strings.Contains(txt, "kan niet meer worden aanvaard") && status != QuoteSuperseded {
			t.Errorf("%s: the quote does not say it can no longer be accepted:\n%s", status, txt)
		}
		for _, bad := range []string{"handtekening", "onderteken", "U kunt deze offerte aanvaarden"} {
			if strings.Contains(txt, bad) {
				t.Errorf("%s: the quote still prints %q", status, bad)
			}
		}
	}
	q.Status = QuoteAccepted
	q.Acceptance = &Acceptance{AcceptedBy: "Anna de Vries", Method: AcceptPortal, At: monday2March}
	if b, err = QuotePDF(q, cust, testCompany, monday2March); err != nil {
		t.Fatal(err)
	}
	if txt := testkit.PDFText(t, "quote-nl-accepted-terms", b); strings.Contains(txt, "U kunt deze offerte aanvaarden") {
		t.Errorf("an accepted quote still says until when it can be accepted:\n%s", txt)
	}
}
