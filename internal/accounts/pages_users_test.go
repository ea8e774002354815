package accounts_test

import (
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
)

func postUI(t *testing.T, a *testkit.App, path, token string, form url.Values) (int, string) {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestUserPage: an admin edits a user's name, role and company and sets a password at
// /users/{id}; the list names companies instead of "#1"; other roles get 403.
func TestUserPage(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.Login(t, auth.Admin, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	tech := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
	path := fmt.Sprintf("/users/%d", tech.ID)

	r := a.Do(t, "GET", path, admin.Token, nil).Expect(t, 200)
	for _, w := range []string{`id="user-edit"`, `id="user-password"`, `id="deactivate"`, string(web.Email(tech.Email))} {
		if !strings.Contains(string(r.Body), w) {
			t.Errorf("user page lacks %q", w)
		}
	}
	a.Do(t, "GET", path, am.Token, nil).Expect(t, 403)

	st, body := postUI(t, a, path, admin.Token, url.Values{"name": {"Piet Klant"}, "role": {"customer"}, "customer_id": {""}})
	if st != 422 || !strings.Contains(body, "choose the company") || !strings.Contains(body, `value="Piet Klant"`) {
		t.Fatalf("customer role without a company: %d", st)
	}
	st, _ = postUI(t, a, path, admin.Token, url.Values{"name": {"Piet Klant"}, "role": {"customer"}, "customer_id": {fmt.Sprint(cust.ID)}})
	if st != 303 {
		t.Fatalf("save %d", st)
	}
	list := a.Do(t, "GET", "/users?role=customer", admin.Token, nil).Expect(t, 200)
	if !strings.Contains(string(list.Body), cust.Name) {
		t.Errorf("the user list does not name the company %q", cust.Name)
	}
	st, body = postUI(t, a, path+"/password", admin.Token, url.Values{"password": {"a-new-password-1"}, "password_again": {"another-one-123"}})
	if st != 422 || !strings.Contains(body, "does not match") {
		t.Fatalf("mismatched passwords %d", st)
	}
	if st, _ = postUI(t, a, path+"/password", admin.Token, url.Values{"password": {"a-new-password-1"}, "password_again": {"a-new-password-1"}}); st != 303 {
		t.Fatalf("set password %d", st)
	}
	if st, body = postUI(t, a, fmt.Sprintf("/users/%d", admin.User.ID), admin.Token, url.Values{"name": {"Me"}, "role": {"technician"}}); st != 422 || !strings.Contains(body, "your own role") {
		t.Fatalf("an admin changed their own role: %d", st)
	}
}

// TestUserResetLink: from /users/{id} an admin e-mails the user a single-use reset link
// (issue 13 "Users …: admins … reset a password from there"); the user's own page link
// works; a deactivated user gets none; other roles get 403.
func TestUserResetLink(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.Login(t, auth.Admin, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	tech := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
	path := fmt.Sprintf("/users/%d", tech.ID)
	if r := a.Do(t, "GET", path, admin.Token, nil).Expect(t, 200); !strings.Contains(string(r.Body), `action="`+path+`/reset-link"`) {
		t.Fatal("the user page offers no reset link")
	}
	if st, _ := postUI(t, a, path+"/reset-link", am.Token, nil); st != 403 {
		t.Fatalf("an account manager sent a reset link: %d", st)
	}
	if st, _ := postUI(t, a, path+"/reset-link", admin.Token, nil); st != 303 {
		t.Fatalf("send reset link: %d", st)
	}
	ms := resetMails(t, a, tech.Email)
	if len(ms) != 1 || resetLink.FindStringSubmatch(ms[0].Body) == nil {
		t.Fatalf("reset mails to %s: %d", tech.Email, len(ms))
	}
	postUI(t, a, path+"/active", admin.Token, url.Values{"active": {"false"}, "confirm": {"yes"}})
	if st, _ := postUI(t, a, path+"/reset-link", admin.Token, nil); st != 303 || len(resetMails(t, a, tech.Email)) != 1 {
		t.Fatalf("a deactivated user got a reset link: %d", st)
	}
	if r := a.Do(t, "GET", path, admin.Token, nil).Expect(t, 200); strings.Contains(string(r.Body), "/reset-link") {
		t.Error("a deactivated user's page offers a reset link")
	}
}
