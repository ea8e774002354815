package invoices_test

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

func TestPagesRender(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := customer(t, custOpts{Language: "en"})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	other := customer(t, custOpts{})
	otherContact := testkit.Login(t, auth.Customer, &other.ID)
	charge(t, cust.ID, chargeOpts{Description: "Managed workplace", Price: "1249.00", Domain: "orders", Kind: "contract_line", AgreementKind: "contract", AgreementID: 77})
	dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID})
	if err != nil {
		t.Fatal(err)
	}
	charge(t, cust.ID, chargeOpts{Description: "Docking station", LineKind: billing.Goods, Price: "149.99"})
	dr2, _ := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID})
	doc, err := s.svc.Issue(ctx, dr2.Invoice.ID)
	if err != nil {
		t.Fatal(err)
	}
	num := *doc.Invoice.Number
	pages := []struct {
		path, token string
		status      int
		want        []string
	}{
		{"/invoices", am.Token, 200, []string{num, "Draft ", "new-draft"}},
		// a draft in the list: its customer and its lines' totals, not an empty name and € 0,00
		{"/invoices?status=draft", am.Token, 200, []string{"Draft ", template.HTMLEscapeString(cust.Name), "€\u00a01.249,00", "€\u00a01.511,29"}},
		{fmt.Sprintf("/invoices/%d", dr.Invoice.ID), am.Token, 200, []string{"add-line", "issue", "/contracts/77", "€\u00a01.249,00", "a draft has no number"}},
		{fmt.Sprintf("/invoices/%d", doc.Invoice.ID), am.Token, 200, []string{num, "credit-form", "/api/v1/invoices/"}},
		{fmt.Sprintf("/invoices/%d/preview.pdf", dr.Invoice.ID), am.Token, 200, []string{"%PDF"}},
		{"/invoice-runs", am.Token, 200, []string{"dry-run"}},
		{"/invoice-runs?until=2026-01-31", am.Token, 200, []string{"Dry run until"}},
		// the portal speaks the customer's language (English here) and shows no drafts
		{"/portal/invoices", contact.Token, 200, []string{num, "Outstanding", "€181.49"}},
		{fmt.Sprintf("/portal/invoices/%d", doc.Invoice.ID), contact.Token, 200, []string{"Docking station", "Download PDF", "29 January 2026",
			"Total excl. VAT", "€149.99", "VAT 21\u00a0% on €149.99", "€31.50"}}, // the totals as the PDF states them, in the customer's format
		{fmt.Sprintf("/portal/invoices/%d", dr.Invoice.ID), contact.Token, 404, nil},
		{fmt.Sprintf("/portal/invoices/%d", doc.Invoice.ID), otherContact.Token, 404, nil},
		{fmt.Sprintf("/api/v1/invoices/%d/pdf", doc.Invoice.ID), otherContact.Token, 404, nil},
		{"/invoices", contact.Token, 403, nil},
	}
	for _, p := range pages {
		r := s.app.Do(t, "GET", p.path, p.token, nil)
		if r.Status != p.status {
			t.Errorf("%s: status %d, want %d", p.path, r.Status, p.status)
			continue
		}
		for _, w := range p.want {
			if !strings.Contains(string(r.Body), w) {
				t.Errorf("%s lacks %q", p.path, w)
			}
		}
	}
	var l struct{ Items []invoices.InvoiceSummary }
	s.app.Do(t, "GET", "/api/v1/invoices", contact.Token, nil).Expect(t, 200).JSON(t, &l)
	for _, i := range l.Items {
		if i.Status == "draft" {
			t.Errorf("a customer sees draft %d", i.ID)
		}
	}
}
