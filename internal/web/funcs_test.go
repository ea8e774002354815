package web

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
)

func TestMoney(t *testing.T) {
	for in, want := range map[string]string{"0": "€\u00a00,00", "1234.5": "€\u00a01.234,50", "-1234567.891": "€\u00a0-1.234.567,89", "999": "€\u00a0999,00"} {
		if got := Money(decimal.RequireFromString(in)); got != want {
			t.Errorf("Money(%s) = %q, want %q", in, got, want)
		}
	}
	if Title("waiting_on_customer") != "Waiting on customer" {
		t.Error(Title("waiting_on_customer"))
	}
}

func TestFieldLabelNamesNoCodes(t *testing.T) {
	for in, want := range map[string]string{
		"lines[2].unit_price": "Line 3 · Unit price", "ended_at": "End", "hours.saturday": "Hours · Saturday",
		"lines.0.quantity": "Line 1 · Quantity", "[1].period": "Row 2 · Period", "terms.notice_months": "Terms · Notice (months)",
	} {
		if got := FieldLabel(in); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPagerLinkIsNotDoubleEncoded: the pager's href is "?a=b&after=…", not "?a%3db…" (issue 13).
func TestPagerLinkIsNotDoubleEncoded(t *testing.T) {
	tpl := template.Must(template.New("p").Funcs(Funcs()).Parse(`<a href="{{pagerHref .}}">`))
	var b strings.Builder
	if err := tpl.Execute(&b, "entity=quote&after=MjAyNi0wMy0wMlQx%2BMDA6MDA%3D&q="); err != nil {
		t.Fatal(err)
	}
	if want := `<a href="?after=MjAyNi0wMy0wMlQx%2BMDA6MDA%3D&amp;entity=quote">`; b.String() != want {
		t.Fatalf("pager link %s, want %s", b.String(), want)
	}
	b.Reset()
	_ = tpl.Execute(&b, `javascript:alert(1)`)
	if strings.Contains(b.String(), "javascript") && !strings.Contains(b.String(), `href="?javascript`) {
		t.Fatalf("pager accepted a non-query: %s", b.String())
	}
}

func TestDurationReadsAsHours(t *testing.T) {
	for in, want := range map[string]string{"PT1H": "1 hour", "PT2H": "2 hours", "PT1H30M": "1 hour 30 min", "PT45M": "45 min", "PT24H": "24 hours", "soon": "soon"} {
		if got := Duration(in); got != want {
			t.Errorf("Duration(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTemplateFuncT: {{t $.Lang "id" "Name" .Name}} translates into the reader's language
// (Dutch by default) with placeholders, and tmoney/tdate format in that language.
func TestTemplateFuncT(t *testing.T) {
	if err := i18n.Register(fstest.MapFS{
		"webtest.nl.json": {Data: []byte(`{"webtest.hello": "Beste {{.Name}},"}`)},
		"webtest.en.json": {Data: []byte(`{"webtest.hello": "Dear {{.Name}},"}`)},
	}); err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("x").Funcs(Funcs()).Parse(`{{t .Lang "webtest.hello" "Name" .Name}} {{tmoney .Lang .Amount}} {{tdate .Lang .Date}}`))
	for lang, want := range map[string]string{"en": "Dear Jan de Vries, €1,249.00 1 December 2026", "nl": "Beste Jan de Vries, €\u00a01.249,00 1 december 2026", "": "Beste Jan de Vries, €\u00a01.249,00 1 december 2026"} {
		var b strings.Builder
		if err := tpl.Execute(&b, map[string]any{"Lang": lang, "Name": "Jan de Vries", "Amount": decimal.RequireFromString("1249"), "Date": civil.D(2026, 12, 1)}); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%q: %q, want %q", lang, b.String(), want)
		}
	}
}

// TestPagerHrefKeepsAnEmptyStatus — issue 13 "every pager's next link works": the ticket
// queue's "All" is status= (absent means "not resolved"), so the next page keeps it;
// other empty filters are dropped.
func TestPagerHrefKeepsAnEmptyStatus(t *testing.T) {
	if got := PagerHref("after=abc&status=&q=&priority="); got != template.URL("?after=abc&status=") {
		t.Errorf("PagerHref = %q", got)
	}
}
