package web

import (
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
)

// TestStaffMessages: every staff message key exists in English and Dutch, so a Dutch
// staff UI is a matter of StaffLang (issue 13).
func TestStaffMessages(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Fatalf("message keys missing in a language:\n%s", strings.Join(m, "\n"))
	}
	for _, key := range []string{"layout.log_out", "layout.next_page", "layout.please_correct", "error.status.404", "enum.waiting_on_customer", "field.ended_at", "nav.my_hours"} {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, key) {
				t.Errorf("%s: %s missing", lang, key)
			}
		}
	}
}

// The layout, code labels, field labels and error titles go through the messages.
func TestLabelsComeFromMessages(t *testing.T) {
	if Title("waiting_on_customer") != "Waiting on customer" || Title("non_working_day") != "Non-working day" {
		t.Errorf("code labels: %q %q", Title("waiting_on_customer"), Title("non_working_day"))
	}
	if FieldLabel("ended_at") != "End" || FieldLabel("closed_dates") != "Extra closed dates" {
		t.Errorf("field labels: %q %q", FieldLabel("ended_at"), FieldLabel("closed_dates"))
	}
	if ErrorTitle(404, "Not Found") != "Not found" || ErrorTitle(599, "Odd") != "Odd" {
		t.Error("error titles")
	}
	defer func(l string) { StaffLang = l }(StaffLang)
	StaffLang = i18n.NL
	if Title("waiting_on_customer") != "Wacht op klant" || FieldLabel("ended_at") != "Einde" || UI("layout.log_out") != "Uitloggen" {
		t.Errorf("Dutch staff UI: %q %q %q", Title("waiting_on_customer"), FieldLabel("ended_at"), UI("layout.log_out"))
	}
	if UILang(&auth.Principal{Role: auth.Customer, Lang: "en"}) != i18n.EN || UILang(&auth.Principal{Role: auth.Admin}) != i18n.NL {
		t.Error("UILang")
	}
}

// TestNavLabelsAreMessages: the navigation is translated per reader.
func TestNavLabelsAreMessages(t *testing.T) {
	e, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.AddNav(NavItem{Label: "My hours", Href: "/secondment/my-hours", Group: "My work"}, NavItem{Label: "No such label", Href: "/x", Group: "My work"})
	if got := e.MissingNavKeys(); strings.Join(got, ",") != "nl: nav.no_such_label,en: nav.no_such_label" && strings.Join(got, ",") != "en: nav.no_such_label,nl: nav.no_such_label" {
		t.Errorf("missing %v", got)
	}
	nav := e.navFor(&auth.Principal{Role: auth.Customer, Lang: "nl"}, "/")
	if len(nav) != 1 || nav[0].Name != "Mijn werk" || nav[0].Items[0].Label != "Mijn uren" {
		t.Errorf("Dutch nav %+v", nav)
	}
}
