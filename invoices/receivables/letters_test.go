package receivables

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/i18n"
)

func TestLetters(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Fatalf("messages missing in a language: %v", m)
	}
	l := Letter{Lang: "nl", Stage: StageFirstReminder, Company: "Backoffice IT B.V.", IBAN: "NL91ABNA0417164300", Number: "2026-00011",
		IssueDate: day("2026-02-15"), DueDate: day("2026-03-01"), SentOn: day("2026-03-09"), Deadline: day("2026-03-23"),
		Principal: dec("1000.00"), Interest: dec("2.22"), InterestNote: msg("nl", "interest.notyet"), Total: dec("1000.00")}
	txt := l.Text()
	for _, want := range []string{"Betalingsherinnering factuur 2026-00011", "uiterlijk 23 maart 2026", "€ 1.000,00", "vervaldatum 1 maart 2026", "NL91ABNA0417164300"} {
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
