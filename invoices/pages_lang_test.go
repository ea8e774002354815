package invoices_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
	"backoffice/invoices"
)

// TestInvoicePagesSpeakTheStaffLanguage — issue 13 "one readable language on every page,
// no codes": the invoice page and the invoice runs are message files (Dutch with
// BACKOFFICE_STAFF_LANGUAGE=nl), a line's VAT category reads as words ("standaard", not the
// EN 16931 code "S"), its source as words, and its quantity as people write it (1,5).
func TestInvoicePagesSpeakTheStaffLanguage(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil).Token
	cust := customer(t, custOpts{})
	charge(t, cust.ID, chargeOpts{Description: "Beheer werkplek", Qty: "1.5", Price: "100.00", Domain: "orders", Kind: "contract_line", AgreementKind: "contract", AgreementID: 78})
	dr, err := s.svc.CreateDraft(context.Background(), invoices.DraftIn{CustomerID: cust.ID})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.StaffLang = i18n.EN })
	for _, tc := range []struct {
		lang      string
		want, not []string
	}{
		{i18n.NL, []string{"Conceptfactuur", "Omschrijving", "Contractvergoeding", "hoog tarief", ">1,5<", "Regel toevoegen", "Concept verwijderen"},
			[]string{"Description", "Contract fee", "Add a line", "(S)", ">1.5<"}},
		{i18n.EN, []string{"Draft invoice", "Description", "Contract fee", "high rate", ">1,5<", "Add a line"},
			[]string{"Omschrijving", "(S)"}},
	} {
		web.StaffLang = tc.lang
		body := s.page(t, fmt.Sprintf("/invoices/%d", dr.Invoice.ID), am)
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the invoice page lacks %q", tc.lang, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(body, n) {
				t.Errorf("%s: the invoice page shows %q", tc.lang, n)
			}
		}
	}
	web.StaffLang = i18n.NL
	body := s.page(t, "/invoice-runs?until=2026-01-31", am)
	for _, w := range []string{"Factuurrun", "Proefrun tot 31 januari 2026", "Recente runs"} {
		if !strings.Contains(body, w) {
			t.Errorf("nl: the invoice runs page lacks %q", w)
		}
	}
}

// page GETs a staff page and fails unless it answers 200.
func (s *setup) page(t *testing.T, path, token string) string {
	t.Helper()
	r := s.app.Do(t, "GET", path, token, nil)
	if r.Status != 200 {
		t.Fatalf("%s: %d %.300s", path, r.Status, r.Body)
	}
	return string(r.Body)
}

// TestInvoiceListSearch — issue 13 list tools: the invoice and credit note lists search
// by number or customer name (?q=), and the search stays in the sort headers, the pager
// and the CSV link.
func TestInvoiceListSearch(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	am := testkit.Login(t, auth.AccountManager, nil).Token
	cust := customer(t, custOpts{})
	charge(t, cust.ID, chargeOpts{Description: "Zoekwerk", Price: "10.00"})
	dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.svc.Issue(ctx, dr.Invoice.ID)
	if err != nil {
		t.Fatal(err)
	}
	num := *doc.Invoice.Number
	body := s.page(t, "/invoices?q="+num, am)
	if !strings.Contains(body, fmt.Sprintf(`data-invoice="%d"`, doc.Invoice.ID)) || strings.Count(body, "data-invoice=") != 1 {
		t.Errorf("searching %s does not find exactly that invoice", num)
	}
	if !strings.Contains(body, `name="q" value="`+num+`"`) || !strings.Contains(body, "q="+num) {
		t.Errorf("the search is not kept in the form and links")
	}
	body = s.page(t, "/invoices?q="+url.QueryEscape(cust.Name), am)
	if !strings.Contains(body, fmt.Sprintf(`data-invoice="%d"`, doc.Invoice.ID)) {
		t.Errorf("searching the customer's name %q does not find its invoice", cust.Name)
	}
	if body := s.page(t, "/invoices?q=zz-no-such-invoice", am); strings.Contains(body, "data-invoice=") {
		t.Error("a search without matches lists invoices")
	}
	s.page(t, "/credit-notes?q="+num, am)
}
