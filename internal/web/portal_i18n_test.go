package web

import (
	"os"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
)

// TestPortalLayoutInBothLanguages: the layout's portal texts exist in Dutch and English.
func TestPortalLayoutInBothLanguages(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Fatalf("keys missing in a language: %v", m)
	}
	m, err := i18n.MissingInTemplates(os.DirFS("templates"), "*.html")
	if err != nil || len(m) > 0 {
		t.Fatalf("%v %v", m, err)
	}
}

func TestPortalNavInTheCustomersLanguage(t *testing.T) {
	e := &Engine{}
	e.AddNav(NavItem{Label: "Quotes", Href: "/portal/quotes", Group: "Portal", Roles: []auth.Role{auth.Customer}},
		NavItem{Label: "Quotes", Href: "/quotes", Group: "Sales", Roles: []auth.Role{auth.Admin}})
	for lang, want := range map[string]string{"nl": "Offertes", "en": "Quotes", "": "Offertes"} {
		g := e.navFor(&auth.Principal{Role: auth.Customer, Lang: lang}, "/portal")
		if len(g) != 1 || g[0].Items[0].Label != want {
			t.Errorf("%q: %+v, want %s", lang, g, want)
		}
	}
	if g := e.navFor(&auth.Principal{Role: auth.Admin}, "/"); len(g) != 1 || g[0].Items[0].Label != "Quotes" {
		t.Errorf("staff nav %+v", g)
	}
}
