package invoices_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"backoffice/internal/billing"
	"backoffice/invoices"
)

// TestUBLValidates generates invoices and credit notes for every VAT treatment and
// validates them all in one call of ../shared/einvoice/validate (UBL 2.1 schema, EN 16931,
// Peppol BIS 3.0 with NL-R-*). It fails when Java or Saxon are missing.
func TestUBLValidates(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	dir := t.TempDir()
	var files []string
	issue := func(name string, o custOpts, charges ...chargeOpts) *invoices.Document {
		t.Helper()
		c := customer(t, o)
		for _, ch := range charges {
			charge(t, c.ID, ch)
		}
		draft, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := s.svc.Issue(ctx, draft.Invoice.ID)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := invoices.UBL(doc)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		return doc
	}
	credit := func(name string, doc *invoices.Document, in invoices.CreditIn) {
		t.Helper()
		cn, err := s.svc.Credit(ctx, doc.Invoice.ID, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := invoices.CreditUBL(cn)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	period := &[2]civilDate{jan15Date().AddDays(-14), jan15Date().AddDays(16)}
	issue("nl-21", custOpts{}, chargeOpts{Description: "Beheer werkplekken januari", Qty: "12", Price: "45.50", Period: period})
	issue("nl-9", custOpts{}, chargeOpts{Description: "Vakliteratuur", LineKind: billing.Goods, VAT: "9", Qty: "3", Price: "39.95"})
	mixed := issue("nl-mixed", custOpts{Language: "en"},
		chargeOpts{Description: "Laptop", LineKind: billing.Goods, Qty: "2", Price: "1249.00"},
		chargeOpts{Description: "Handleiding", LineKind: billing.Goods, VAT: "9", Qty: "1", Price: "25.00"},
		chargeOpts{Description: "Opleiding (vrijgesteld)", VAT: "exempt", Qty: "1", Price: "300.00"},
		chargeOpts{Description: "Korting", Qty: "-1", Price: "50.00"})
	issue("nl-0", custOpts{}, chargeOpts{Description: "Levering aan boord", LineKind: billing.Goods, VAT: "0", Price: "500.00"})
	be := issue("be-reverse-charge", custOpts{Country: "BE", VATID: "BE0123456749"},
		chargeOpts{Description: "Consultancy", Qty: "8", Unit: "hour", Price: "95.00"})
	issue("de-intra-eu-goods", custOpts{Country: "DE", VATID: "DE123456789"},
		chargeOpts{Description: "Firewall appliance", LineKind: billing.Goods, Qty: "1", Price: "2150.00"})
	issue("us-non-eu", custOpts{Country: "US"}, chargeOpts{Description: "Remote support", Qty: "4", Unit: "hour", Price: "120.00"})
	credit("nl-mixed-partial-credit", mixed, invoices.CreditIn{Reason: "Eén laptop retour", Lines: []invoices.CreditLineIn{{LineID: mixed.Lines[0].ID, Quantity: d("1")}}})
	credit("be-full-credit", be, invoices.CreditIn{Reason: "Verkeerd tarief"})
	// an invoice partly credited (or paid) since issue: what is left to pay is the total
	// less the amount settled (BR-CO-16, PrepaidAmount)
	after, err := s.svc.Get(ctx, mixed.Invoice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !after.Invoice.Credited.IsPositive() {
		t.Fatalf("the partial credit is not on the invoice: %+v", after.Invoice)
	}
	b, err := invoices.UBL(after)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "<cbc:PrepaidAmount") {
		t.Errorf("a partly credited invoice's UBL has no PrepaidAmount:\n%s", b)
	}
	f := filepath.Join(dir, "nl-mixed-after-credit.xml")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, f)

	for _, f := range files {
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), "e+") || strings.Contains(string(b), "E+") {
			t.Errorf("%s: float notation", f)
		}
	}
	t.Run("INV-1_every_UBL_document_is_valid_Peppol_BIS_3", func(t *testing.T) {
		out, err := exec.Command("../../shared/einvoice/validate", files...).CombinedOutput()
		t.Logf("validator:\n%s", out)
		if err != nil {
			t.Fatalf("validate: %v", err)
		}
		if n := strings.Count(string(out), ": valid"); n != len(files) {
			t.Errorf("%d of %d valid", n, len(files))
		}
	})
	if os.Getenv("INVOICES_UBL_DIR") != "" {
		for _, f := range files {
			b, _ := os.ReadFile(f)
			_ = os.WriteFile(filepath.Join(os.Getenv("INVOICES_UBL_DIR"), filepath.Base(f)), b, 0o644)
		}
	}
}
