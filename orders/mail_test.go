package orders

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
)

type sentMail struct {
	ID      int64  `bun:"id"`
	To      string `bun:"to_address"`
	Subject string `bun:"subject"`
	Body    string `bun:"body"`
}

func mailOf(t *testing.T, kind string, entityID int64) sentMail {
	t.Helper()
	var m sentMail
	if err := testkit.DB(t).Bun.NewSelect().TableExpr("outbox").Column("id", "to_address", "subject", "body").
		Where("kind = ? AND entity_id = ?", kind, fmt.Sprint(entityID)).OrderExpr("id DESC").Limit(1).Scan(context.Background(), &m); err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return m
}

// TestCustomerMailsAddressedInTheirLanguage: the quote goes to the billing address (no
// contact named) in Dutch with Dutch money and dates; the acceptance confirmation goes to
// the person who accepted, greeted by name, with the order confirmation attached; an
// English customer gets English with English formats (issue 13).
func TestCustomerMailsAddressedInTheirLanguage(t *testing.T) {
	e := setup(t, monday2March)
	q := e.sentQuote(t, nil)
	m := mailOf(t, MailQuoteSent, q.ID)
	if m.To != *e.cust.BillingEmail || !strings.HasPrefix(m.Body, "Geachte relatie,\n\nHierbij ontvangt u onze offerte "+q.Number) ||
		!strings.Contains(m.Body, "1 april 2026") || !strings.Contains(m.Body, "€\u00a0") || !strings.HasSuffix(m.Body, "Met vriendelijke groet,\n"+e.mod.svc.Company.Name) ||
		m.Subject != "Offerte "+q.Number+": "+q.Title {
		t.Errorf("quote mail to %s %q:\n%s", m.To, m.Subject, m.Body)
	}
	acc := e.accept(t, q.ID)
	m = mailOf(t, MailQuoteAccepted, q.ID)
	if m.To != e.contact.User.Email || !strings.HasPrefix(m.Body, "Beste "+e.contact.User.Name+",\n\n") ||
		!strings.Contains(m.Body, acc.Order.Number) || !strings.Contains(m.Body, "in het klantportaal") {
		t.Errorf("confirmation to %s:\n%s", m.To, m.Body)
	}
	// the account manager hears who accepted, when and how in words, not "(portal)"
	if am := mailOf(t, MailQuoteAcceptedAM, q.ID); !strings.Contains(am.Body, "in the customer portal") || strings.Contains(am.Body, "(portal)") ||
		!strings.Contains(am.Body, "2 March 2026") || !strings.Contains(am.Body, "€") {
		t.Errorf("account manager's notice %q:\n%s", am.Subject, am.Body)
	}
	var files []string
	if err := testkit.DB(t).Bun.NewSelect().TableExpr("outbox_attachments").Column("filename").Where("message_id = ?", m.ID).Scan(context.Background(), &files); err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0] != acc.Order.Number+".pdf" {
		t.Errorf("confirmation attachments %v, want the order confirmation PDF", files)
	}

	// A quote addressed to a contact person goes to them by name; a stranger is refused.
	q3 := e.sentQuote(t, map[string]any{"contact_id": e.contact.User.ID})
	if m = mailOf(t, MailQuoteSent, q3.ID); m.To != e.contact.User.Email || !strings.HasPrefix(m.Body, "Beste "+e.contact.User.Name+",") || q3.ContactID == nil {
		t.Errorf("quote with a contact went to %s:\n%s", m.To, m.Body)
	}
	in := quoteBody(e.cust.ID, map[string]any{"contact_id": e.other.User.ID})
	if fs := e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, in).Expect(t, 422).FieldErrors(t); len(fs) != 1 || fs[0] != "contact_id" {
		t.Errorf("another customer's user as contact: fields %v", fs)
	}

	if _, err := testkit.DB(t).Bun.NewUpdate().Table("customers").Set("language = 'en'").Where("id = ?", e.cust.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	q2 := e.sentQuote(t, nil)
	m = mailOf(t, MailQuoteSent, q2.ID)
	if !strings.HasPrefix(m.Body, "Dear "+e.cust.Name+" team,\n\nPlease find our quote "+q2.Number) || !strings.Contains(m.Body, "1 April 2026") ||
		!strings.Contains(m.Body, "excl. VAT") || strings.Contains(m.Body, "€ ") || !strings.Contains(m.Body, "Kind regards,") || m.Subject != "Quote "+q2.Number+": "+q2.Title {
		t.Errorf("English quote mail %q:\n%s", m.Subject, m.Body)
	}
}

// TestIndexationChangeReadsAsPercent: the letter says a factor as the customer's percentage,
// 1.034512 → "3,45 %" in Dutch, a fall in English as a decrease, a non-breaking space
// before the sign in both (i18n.Percent; IDX-1, issue 13).
func TestIndexationChangeReadsAsPercent(t *testing.T) {
	for _, tt := range []struct{ lang, factor, want string }{
		{"nl", "1.034512", "een verhoging van 3,45\u00a0%"},
		{"en", "1.034512", "an increase of 3.45\u00a0%"},
		{"en", "0.988", "a decrease of 1.2\u00a0%"},
		{"nl", "1.03", "een verhoging van 3\u00a0%"},
	} {
		if got := feeChange(i18n.For(tt.lang), decimal.RequireFromString(tt.factor)); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.lang, tt.factor, got, tt.want)
		}
	}
}
