package accounts_test

import (
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
)

// TestListSearchPlaceholders (issue 13): /customers and /users each say what their search
// looks in (name, KvK number, city; name, e-mail), not the quote list's "Number, title,
// customer…"; both languages have the words.
func TestListSearchPlaceholders(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	for path, want := range map[string]string{"/customers": `placeholder="Name, KvK number, city…"`, "/users": `placeholder="Name, e-mail…"`} {
		status, body := page(t, a, admin, path)
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("%s (%d) lacks %s", path, status, want)
		}
		if strings.Contains(body, "Number, title, customer") {
			t.Errorf("%s shows another list's search placeholder", path)
		}
	}
	for key, nl := range map[string]string{"accounts.ui.customers.search_placeholder": "Naam, KvK-nummer, plaats…", "accounts.ui.users.search_placeholder": "Naam, e-mailadres…"} {
		if got := i18n.For(i18n.NL).T(key); got != nl {
			t.Errorf("nl %s = %q, want %q", key, got, nl)
		}
	}
}
