package receivables

import (
	"os"
	"strings"
	"testing"
)

func readExample(t *testing.T, repl ...string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/camt053_example.xml")
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(repl...).Replace(string(b))
}

func TestParseCAMT053(t *testing.T) {
	src := readExample(t, "{{INVOICE_A}}", "2026-00011", "{{INVOICE_B}}", "RF18539007547034", "{{INVOICE_C}}", "2026-00012")
	cs, err := ParseCAMT053(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	// 3 single credits + a batch of 2; the debit is skipped
	want := []struct{ ref, amount, booked, rem, rf, debtor string }{
		{"ABN20260313-000001", "1210", "2026-03-13", "Factuur 2026-00011 dank u wel", "", "Bakkerij De Korenschoof B.V."},
		{"ABN20260313-000002", "500", "2026-03-13", "RF18539007547034", "RF18539007547034", "Tandartspraktijk Noord"},
		{"ABN20260313-000003", "99.95", "2026-03-13", "contributie maart", "", "J. Jansen"},
		{"ABN20260313-000005-01", "200", "2026-03-13", "2026-00012", "", "Bakkerij De Korenschoof B.V."},
		{"ABN20260313-000005-02", "100", "2026-03-13", "zonder kenmerk", "", "Onbekend"},
	}
	if len(cs) != len(want) {
		t.Fatalf("got %d credits: %+v", len(cs), cs)
	}
	for i, w := range want {
		c := cs[i]
		if c.Ref != w.ref || !c.Amount.Equal(dec(w.amount)) || c.BookedOn.String() != w.booked || c.Remittance != w.rem ||
			c.CreditorRf != w.rf || c.Debtor != w.debtor || c.Account != "NL91ABNA0417164300" || c.Currency != "EUR" {
			t.Errorf("credit %d: %+v, want %+v", i, c, w)
		}
	}
	if cs[0].DebtorIBAN != "NL02RABO0123456789" {
		t.Errorf("debtor IBAN %q", cs[0].DebtorIBAN)
	}
	again, _ := ParseCAMT053(strings.NewReader(src))
	for i := range again {
		if again[i].Ref != cs[i].Ref {
			t.Fatal("references differ between two reads of the same file")
		}
	}
	if _, err := ParseCAMT053(strings.NewReader("<html>no</html>")); err == nil {
		t.Fatal("an HTML page parsed as a statement")
	}
}
