package invoices_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/billing"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

// TestPDFs renders the invoice and credit note PDFs in Dutch and English; with
// INVOICES_PDF_DIR set it writes them there to be looked at (pdftoppm -png -r 80).
func TestPDFs(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	out := os.Getenv("INVOICES_PDF_DIR")
	write := func(name string, b []byte, want ...string) {
		if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 2000 {
			t.Errorf("%s: not a PDF (%d bytes)", name, len(b))
		}
		if out != "" {
			_ = os.WriteFile(filepath.Join(out, name+".pdf"), b, 0o644)
		}
		txt := testkit.PDFText(t, name, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s lacks %q:\n%s", name, w, txt)
			}
		}
		for _, bad := range []string{"pdf.", "pdfdoc.", "invoice."} {
			if strings.Contains(txt, bad) {
				t.Errorf("%s prints a message id (%q)", name, bad)
			}
		}
	}
	mk := func(o custOpts, charges ...chargeOpts) *invoices.Document {
		c := customer(t, o)
		for _, ch := range charges {
			charge(t, c.ID, ch)
		}
		dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		note := "Project Werkplek 2026"
		po := "PO-2026-118"
		if _, err := s.svc.UpdateDraft(ctx, dr.Invoice.ID, invoices.DraftPatch{Note: &note, PurchaseOrder: &po}); err != nil {
			t.Fatal(err)
		}
		doc, err := s.svc.Issue(ctx, dr.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	period := &[2]civilDate{jan15Date().AddDays(17), jan15Date().AddDays(44)}
	nl := mk(custOpts{},
		chargeOpts{Description: "Managed werkplek (12 gebruikers), februari", Qty: "12", Unit: "month", Price: "45.50", Period: period, Domain: "orders", Kind: "contract_period", AgreementKind: "contract"},
		chargeOpts{Description: "Laptop Lenovo ThinkPad T14", LineKind: billing.Goods, Qty: "2", Price: "1249.00"},
		chargeOpts{Description: "Detachering januari: 152 uur", Qty: "152", Unit: "hour", Price: "85.00", Domain: "secondment", Kind: "statement", AgreementKind: "placement"},
		chargeOpts{Description: "Handboek beheer", LineKind: billing.Goods, VAT: "9", Price: "39.95"})
	b, err := invoices.PDF(nl, jan15)
	if err != nil {
		t.Fatal(err)
	}
	write("invoice-nl", b, "Factuur", "Factuurnummer", "15 januari 2026", "Vervaldatum 29 januari 2026", "€ 1.249,00", "€ 19.359,99",
		"Btw 21 % over € 15.964,00", "KvK 12345678", "BTW NL123456789B01", "IBAN NL91ABNA0417164300", "Betaling", "pagina 1")
	en := mk(custOpts{Country: "BE", VATID: "BE0123456749", Language: "en"}, chargeOpts{Description: "Consultancy network redesign", Qty: "8", Unit: "hour", Price: "95.00"})
	b, _ = invoices.PDF(en, jan15)
	write("invoice-en-reverse-charge", b, "Invoice", "Invoice number", "Due date 29 January 2026", "€760.00", "Belgium",
		"VAT reverse charged", "CoC 12345678", "VAT NL123456789B01", "Payment", "page 1")
	de := mk(custOpts{Country: "DE", VATID: "DE123456789"}, chargeOpts{Description: "Firewall appliance", LineKind: billing.Goods, Price: "2150.00", Billable: jan15Date().AddDays(-3)})
	b, _ = invoices.PDF(de, jan15)
	write("invoice-de-intra-eu", b)
	cn, err := s.svc.Credit(ctx, nl.Invoice.ID, invoices.CreditIn{Reason: "Eén laptop retour ontvangen", Lines: []invoices.CreditLineIn{{LineID: nl.Lines[1].ID, Quantity: d("1")}}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = invoices.CreditPDF(cn, jan15)
	cnEN, err := s.svc.Credit(ctx, en.Invoice.ID, invoices.CreditIn{Reason: "Two hours not worked", Lines: []invoices.CreditLineIn{{LineID: en.Lines[0].ID, Quantity: d("2")}}})
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := invoices.CreditPDF(cnEN, jan15)
	write("credit-note-en", b2, "Credit note", "Corrects invoice", "Reason: Two hours not worked", "Total credited", "€190.00", "set off against invoice")
	write("credit-note-nl", b, "Creditfactuur", "Corrigeert factuur", "Reden: Eén laptop retour ontvangen", "Totaal gecrediteerd", "€ 1.511,29", "verrekend")

	// After the credit note the invoice says why it asks for less than its total.
	again, err := s.svc.Get(ctx, nl.Invoice.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = invoices.PDF(again, jan15)
	write("invoice-nl-credited", b, "Totaal factuur € 19.359,99", "Gecrediteerd € -1.511,29", "Nog te betalen € 17.848,70", "Graag € 17.848,70")
}

// TestDraftPDF: a draft's preview says it is a draft in the reader's language and has no
// payment reference or code to pay it with (issue 13).
func TestDraftPDF(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	for lang, want := range map[string][]string{"nl": {"Factuurnummer Concept", "onder vermelding van het factuurnummer"},
		"en": {"Invoice number Draft", "quoting the invoice number"}} {
		c := customer(t, custOpts{Language: lang})
		charge(t, c.ID, chargeOpts{Description: "Consultancy", Qty: "2", Unit: "hour", Price: "95.00"})
		dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := s.svc.Get(ctx, dr.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		today := jan15Date()
		doc.Invoice.IssueDate, doc.Invoice.DueDate = &today, &today
		b, err := invoices.PDF(doc, jan15)
		if err != nil {
			t.Fatal(err)
		}
		txt := testkit.PDFText(t, "invoice-draft-"+lang, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: draft lacks %q:\n%s", lang, w, txt)
			}
		}
		if strings.Contains(txt, "CONCEPT") || strings.Contains(txt, "Scan") || bytes.Contains(b, []byte("/Subtype /Image")) {
			t.Errorf("%s: a draft has a payment reference or QR code:\n%s", lang, txt)
		}
	}
}

func TestEPCPayload(t *testing.T) {
	got := invoices.EPCPayload("Backoffice IT B.V.", "NL91ABNA0417164300", "ABNANL2A", d("1511.29"), "2026-00001")
	want := "BCD\n002\n1\nSCT\nABNANL2A\nBackoffice IT B.V.\nNL91ABNA0417164300\nEUR1511.29\n\n\n2026-00001"
	if got != want {
		t.Errorf("payload %q", got)
	}
}

// TestMessagesComplete: every customer-facing message exists in Dutch and English.
func TestMessagesComplete(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("messages missing: %s", strings.Join(m, ", "))
	}
}

// TestMessageKeysUsedExist: every message id the code names (literally, or built from a
// status, VAT category or portal label) exists in Dutch and English.
func TestMessageKeysUsedExist(t *testing.T) {
	re := regexp.MustCompile(`\.T\("([A-Za-z0-9_.]+)"`)
	files, _ := filepath.Glob("*.go")
	ids := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if !strings.HasSuffix(m[1], ".") { // a prefix: the full ids are listed below
				ids[m[1]] = true
			}
		}
	}
	for _, st := range []string{"draft", "issued", "overdue", "paid", "credited"} {
		ids["status."+st] = true
	}
	for _, c := range []string{"E", "AE", "K", "G", "O"} {
		ids["pdf.vat_cat."+c] = true
		ids["invoice.vat_note."+c] = true
		ids["invoice.vat_note."+c+".reason"] = true
	}
	for _, k := range []string{"portal.invoices", "portal.none", "portal.download_pdf"} {
		ids[k] = true
	}
	if len(ids) < 30 {
		t.Fatalf("found only %d ids", len(ids))
	}
	for id := range ids {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, id) {
				t.Errorf("%s: %s missing", lang, id)
			}
		}
	}
}
