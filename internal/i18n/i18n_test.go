package i18n

import (
	"testing"
	"testing/fstest"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

func TestFormats(t *testing.T) {
	for in, want := range map[string]string{"1249": "1.249,00", "0.5": "0,50", "-1234567.891": "-1.234.567,89", "12": "12,00"} {
		if got := Amount(decimal.RequireFromString(in)); got != want {
			t.Errorf("Amount(%s) = %s, want %s", in, got, want)
		}
	}
	for lang, want := range map[string]string{NL: "€\u00a01.249,00", EN: "€1,249.00"} {
		if got := Money(lang, decimal.RequireFromString("1249")); got != want {
			t.Errorf("Money(%s) = %s, want %s", lang, got, want)
		}
	}
	if got := Money(EN, decimal.RequireFromString("-1234567.5")); got != "-€1,234,567.50" {
		t.Errorf("Money en negative = %s", got)
	}
	if got := QuantityIn(EN, decimal.RequireFromString("1.5")) + QuantityIn(NL, decimal.RequireFromString("1.5")); got != "1.51,5" {
		t.Errorf("QuantityIn = %s", got)
	}
	if got := Date(NL, civil.D(2026, 12, 1)); got != "1 december 2026" {
		t.Errorf("Date nl = %q", got)
	}
	if got := Date(EN, civil.D(2026, 12, 1)); got != "1 December 2026" {
		t.Errorf("Date en = %q", got)
	}
}

func TestRegisterAndMissing(t *testing.T) {
	fs := fstest.MapFS{
		"t.nl.json": {Data: []byte(`{"test.hello": "Hallo {{.Name}}", "test.only_nl": "x"}`)},
		"t.en.json": {Data: []byte(`{"test.hello": "Hello {{.Name}}"}`)},
	}
	if err := Register(fs); err != nil {
		t.Fatal(err)
	}
	if got := For(EN).T("test.hello", map[string]any{"Name": "Ann"}); got != "Hello Ann" {
		t.Errorf("en = %q", got)
	}
	if got := For("xx").T("test.hello", map[string]any{"Name": "Ann"}); got != "Hallo Ann" {
		t.Errorf("default nl = %q", got)
	}
	found := false
	for _, m := range Missing() {
		found = found || m == "en: test.only_nl"
	}
	if !found {
		t.Errorf("Missing() = %v, want en: test.only_nl", Missing())
	}
}

func TestGreeting(t *testing.T) {
	for _, c := range []struct{ lang, name, want string }{
		{NL, "Jan de Vries", "Beste Jan de Vries,"}, {EN, "Jan de Vries", "Dear Jan de Vries,"},
		{NL, "", "Geachte relatie,"}, {EN, " ", "Dear Acme team,"},
	} {
		if got := Greeting(c.lang, c.name, "Acme"); got != c.want {
			t.Errorf("Greeting(%s, %q) = %q, want %q", c.lang, c.name, got, c.want)
		}
	}
	if got := Signed(EN, "Cloudwise"); got != "Kind regards,\nCloudwise" {
		t.Errorf("Signed = %q", got)
	}
}
