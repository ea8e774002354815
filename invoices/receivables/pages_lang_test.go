package receivables_test

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
)

// TestPagesSpeakTheStaffLanguage — issue 13 "one readable language on every page": the
// receivables pages (ageing, claim, payments and bank entries, interest rates) are
// message files like every other page, so BACKOFFICE_STAFF_LANGUAGE=nl makes them Dutch,
// and the claim names the terms profile instead of its code ("004").
func TestPagesSpeakTheStaffLanguage(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	admin := testkit.Login(t, auth.Admin, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	id := issuedInvoice(t, cust.ID, testkit.Unique("L"), "2420.00", "2026-01-15", "2026-01-29", "004")
	claim := "/receivables/invoices/" + itoa(id) + "?on=2026-05-01"
	pages := []struct {
		path     string
		nl, en   []string
		notInAny []string
	}{
		{"/receivables", []string{"Ouderdom op 1 mei 2026", "Openstaande facturen", "Opgeschorte klanten", "Meer dan 90 dagen"},
			[]string{"Ageing on 1 May 2026", "Open invoices", "Suspended customers", "Over 90 days"}, nil},
		{"/receivables/payments", []string{"Betaling vastleggen", "Bankafschrift inlezen", "Niet-gekoppelde bankregels"},
			[]string{"Record a payment", "Import a bank statement", "Unmatched bank entries"}, nil},
		{"/receivables/interest-rates", []string{"Wettelijke handelsrente", "Geldig vanaf", "10,15\u00a0%"},
			[]string{"Statutory commercial interest", "Valid from", "10,15\u00a0%"}, nil},
		{claim, []string{"Vordering op 1 mei 2026", "Onbetaalde hoofdsom", "algemene voorwaarden van Cloudwise", "loopt vanaf"},
			[]string{"Claim on 1 May 2026", "Principal unpaid", "terms and conditions of Cloudwise", "runs from"}, []string{"004", "2026-01-29"}},
	}
	t.Cleanup(func() { web.StaffLang = i18n.EN })
	for _, lang := range []string{i18n.NL, i18n.EN} {
		web.StaffLang = lang
		for _, p := range pages {
			r := a.Do(t, "GET", p.path, admin.Token, nil)
			body := string(r.Body)
			if r.Status != 200 {
				t.Fatalf("%s %s: %d %.300s", lang, p.path, r.Status, body)
			}
			want, other := p.nl, p.en
			if lang == i18n.EN {
				want, other = p.en, p.nl
			}
			for _, w := range want {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s lacks %q", lang, p.path, w)
				}
			}
			for i, o := range other {
				if o != want[i] && strings.Contains(body, o) {
					t.Errorf("%s %s shows %q of the other language", lang, p.path, o)
				}
			}
			text := visibleText(body)
			for _, n := range p.notInAny {
				if strings.Contains(text, n) {
					t.Errorf("%s %s shows the code %q", lang, p.path, n)
				}
			}
		}
	}
}

// visibleText is a page's text without its tags (attribute values, like a form's
// date input, are no text).
func visibleText(html string) string {
	var b strings.Builder
	in := false
	for _, r := range html {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
