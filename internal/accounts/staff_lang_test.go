package accounts_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
)

// page GETs a UI page with a session of u.
func page(t *testing.T, a *testkit.App, u *auth.User, path string) (int, string) {
	t.Helper()
	tok, _, err := auth.CreateSession(context.Background(), a.Deps.DB, u.ID, "test", "127.0.0.1", a.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Cookie", auth.SessionCookie+"="+tok)
	res, body := send(t, a, req)
	return res.StatusCode, body
}

// TestStaffLanguageSetting: BACKOFFICE_STAFF_LANGUAGE=nl makes the staff pages Dutch
// (web.StaffLang); unset they are English.
func TestStaffLanguageSetting(t *testing.T) {
	t.Cleanup(func() { web.StaffLang = i18n.EN })
	for _, tc := range []struct {
		env       string
		want, not []string
	}{
		{"nl", []string{`<html lang="nl">`, "Klanten", "Uitloggen", "Gebruikers"}, []string{">Log out<", ">Users<"}},
		{"", []string{`<html lang="en">`, "Customers", "Log out", "Users"}, []string{"Uitloggen"}},
	} {
		t.Setenv("BACKOFFICE_STAFF_LANGUAGE", tc.env)
		a := testkit.NewApp(t, t0, nil)
		admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
		status, body := page(t, a, admin, "/users")
		if status != 200 {
			t.Fatalf("%q: /users %d", tc.env, status)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("BACKOFFICE_STAFF_LANGUAGE=%q: the users page lacks %q", tc.env, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(body, n) {
				t.Errorf("BACKOFFICE_STAFF_LANGUAGE=%q: the users page has %q", tc.env, n)
			}
		}
	}
}
