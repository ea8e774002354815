package tickets

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
)

// TestStaffMailsSpeakTheStaffLanguage (issue 13): the SLA alert and the "customer replied"
// mail to the assignee or desk come from the message files in the staff language, the due
// time in words and the share as every percentage is written — never the English
// "Mon 10 Mar 2026 10:00 CET" and "75%" written into the Go code.
func TestStaffMailsSpeakTheStaffLanguage(t *testing.T) {
	tk := &Ticket{Number: "T2026-00042", Subject: "Printer", Priority: "P1", Status: StatusOpen, CustomerName: "Acme"}
	sla := SLA{ResponseDueAt: at("2026-03-10 10:00"), ResolutionDueAt: at("2026-03-10 13:00")}
	defer func() { web.StaffLang = i18n.EN }()
	for _, c := range []struct {
		lang, subject, body string
	}{
		{i18n.EN, "[T2026-00042] SLA response warning: Printer", "Ticket T2026-00042 (P1, open) for Acme: 75\u00a0% of the response target is used; respond by 10 March 2026 at 10:00.\n"},
		{i18n.NL, "[T2026-00042] SLA waarschuwing reactietijd: Printer", "Melding T2026-00042 (P1, open) van Acme: 75\u00a0% van de reactietijd is verbruikt; reageer uiterlijk 10 maart 2026 om 10:00.\n"},
	} {
		web.StaffLang = c.lang
		subject, body := alertText(tk, sla, Alert{Kind: AlertResponseWarning})
		if subject != c.subject || body != c.body {
			t.Errorf("%s alert:\n%q\n%q", c.lang, subject, body)
		}
	}
	if _, body := alertText(tk, sla, Alert{Kind: AlertResolutionBreach}); !strings.Contains(body, "de oplostijd is overschreden op 10 maart 2026 om 13:00") {
		t.Errorf("Dutch breach alert: %q", body)
	}

	b := setup(t, at("2026-03-10 09:00"))
	web.StaffLang = i18n.NL // after setup, which sets the configured staff language
	id := b.file(t, nil)
	b.do(t, b.contact, "POST", path(id, "/comments"), map[string]any{"body": "Nog steeds kapot"}).Expect(t, 201)
	var bodies []string
	if err := testkit.DB(t).Bun.NewSelect().TableExpr("outbox").Column("body").Where("entity_id = ? AND kind = ? AND to_address = ?", fmt.Sprint(id), KindTicketComment, b.mod.Service().DeskEmail).
		Scan(context.Background(), &bodies); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 1 || !strings.Contains(bodies[0], "heeft gereageerd op melding") || !strings.Contains(bodies[0], "Nog steeds kapot") {
		t.Errorf("the desk's reply mail in the staff language (nl): %q", bodies)
	}
	// the desk's mail on a new ticket breaks its lines, never a literal "\n"
	var desk []string
	if err := testkit.DB(t).Bun.NewSelect().TableExpr("outbox").Column("body").Where("entity_id = ? AND kind = ?", fmt.Sprint(id), KindTicketNew).
		Scan(context.Background(), &desk); err != nil {
		t.Fatal(err)
	}
	if len(desk) != 1 || strings.Contains(desk[0], `\n`) || !strings.Contains(desk[0], ".\nPrioriteit: ") {
		t.Errorf("the desk's new-ticket mail: %q", desk)
	}
}
