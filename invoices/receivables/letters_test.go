package receivables

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/testkit"
)

func TestLetters(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Fatalf("messages missing in a language: %v", m)
	}
	l := Letter{Lang: "nl", Stage: StageFirstReminder, Company: "Backoffice IT B.V.", IBAN: "NL91ABNA0417164300", Number: "2026-00011",
		IssueDate: day("2026-02-15"), DueDate: day("2026-03-01"), SentOn: day("2026-03-09"), Deadline: day("2026-03-23"),
		Principal: dec("1000.00"), Interest: dec("2.22"), InterestNote: msg("nl", "interest.notyet"), Total: dec("1000.00")}
	txt := l.Text()
	for _, want := range []string{"Betalingsherinnering factuur 2026-00011", "uiterlijk 23 maart 2026", "€\u00a01.000,00", "vervaldatum 1 maart 2026", "NL91ABNA0417164300"} {
		if !strings.Contains(l.Subject()+"\n"+txt, want) {
			t.Errorf("INV-3 Dutch letter lacks %q:\n%s", want, txt)
		}
	}
	l.Lang = "en"
	if s := l.Subject(); s != "Payment reminder invoice 2026-00011" {
		t.Errorf("English subject %q", s)
	}
	if pdf, err := l.PDF(time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC)); err != nil || string(pdf[:5]) != "%PDF-" {
		t.Fatalf("pdf: %v", err)
	}
}

// TestLetterPDFInBothLanguages: the reminder letter is in the house document style (our
// company block), addressed to the billing contact by name, with the amounts and dates
// in the customer's language; its e-mail text opens with the same greeting (issue 13).
func TestLetterPDFInBothLanguages(t *testing.T) {
	co := pdfdoc.Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}
	for lang, want := range map[string][]string{
		"nl": {"Betalingsherinnering", "Beste Jan de Vries,", "Acme Zorg B.V.", "t.a.v. Jan de Vries", "KvK 30123456", "uiterlijk 23 maart 2026", "€ 1.000,00", "Totaal te voldoen", "Met vriendelijke groet,", "pagina 1"},
		"en": {"Payment reminder", "Dear Jan de Vries,", "Acme Zorg B.V.", "Attn. Jan de Vries", "CoC 30123456", "23 March 2026", "€1,000.00", "Kind regards,", "page 1"},
	} {
		l := Letter{Lang: lang, Stage: StageFirstReminder, From: co, Company: co.Name, IBAN: co.IBAN, Number: "2026-00011",
			To:        pdfdoc.Addressee{Name: "Acme Zorg B.V.", Attn: "Jan de Vries", Street: "Stationsplein 1", PostalCode: "3511 ED", City: "Utrecht"},
			IssueDate: day("2026-02-15"), DueDate: day("2026-03-01"), SentOn: day("2026-03-09"), Deadline: day("2026-03-23"),
			Principal: dec("1000.00"), Interest: dec("2.22"), InterestNote: msg(lang, "interest.notyet"), Total: dec("1000.00")}
		b, err := l.PDF(time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		txt := testkit.PDFText(t, "reminder-letter-"+lang, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: letter lacks %q:\n%s", lang, w, txt)
			}
		}
		if !strings.HasPrefix(l.Text(), want[1]+"\n\n") {
			t.Errorf("%s: the e-mail does not open with %q:\n%s", lang, want[1], l.Text())
		}
		if strings.Contains(txt, "receivables.") || strings.Contains(txt, "INV-") {
			t.Errorf("%s: letter prints a message id or rule ID", lang)
		}
	}
}
