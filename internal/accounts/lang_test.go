package accounts_test

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestPrincipalCarriesCustomerLanguage: a customer user's principal carries its company's
// language (what pages pass to {{t $.Lang …}}); staff have none (Dutch by default).
func TestPrincipalCarriesCustomerLanguage(t *testing.T) {
	en := testkit.Customer(t, testkit.CustomerOpts{Language: "en"})
	nl := testkit.Customer(t, testkit.CustomerOpts{})
	for _, c := range []struct {
		role auth.Role
		cid  *int64
		want string
	}{{auth.Customer, &en.ID, "en"}, {auth.Customer, &nl.ID, "nl"}, {auth.AccountManager, nil, ""}} {
		as := testkit.Login(t, c.role, c.cid)
		p, err := auth.ByToken(context.Background(), testkit.DB(t).Bun, as.Token, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if p.Lang != c.want {
			t.Errorf("%s: Lang = %q, want %q", c.role, p.Lang, c.want)
		}
	}
}
