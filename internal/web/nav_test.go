package web

import (
	"testing"

	"backoffice/internal/auth"
)

func TestNavMatchesOneItem(t *testing.T) {
	cases := []struct {
		path, href string
		want       bool
	}{
		{"/portal", "/portal", true}, {"/portal/quotes/3", "/portal", true}, {"/portal/quotes/3", "/portal/quotes", true},
		{"/portalx", "/portal", false}, {"/quotes", "/", false}, {"/", "/", true},
	}
	for _, c := range cases {
		if got := navMatches(c.path, c.href); got != c.want {
			t.Errorf("navMatches(%q, %q) = %v", c.path, c.href, got)
		}
	}
}

func TestNavLightsOnlyTheClosestItem(t *testing.T) {
	e := &Engine{}
	e.AddNav(NavItem{Label: "Home", Href: "/portal", Group: "Portal"}, NavItem{Label: "Quotes", Href: "/portal/quotes", Group: "Portal"})
	groups := e.navFor(&auth.Principal{Role: auth.Customer, Lang: "en"}, "/portal/quotes/7")
	var lit []string
	for _, g := range groups {
		for _, it := range g.Items {
			if it.Active {
				lit = append(lit, it.Label)
			}
		}
	}
	if len(lit) != 1 || lit[0] != "Quotes" {
		t.Fatalf("active items %v, want only Quotes", lit)
	}
}
