package accounts_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

func cookieOf(res *http.Response, name string) string {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func TestUISessionAndCSRF(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	a.Clock.Reset()
	u := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	send := func(method, path, cookie string, form url.Values) *http.Response {
		t.Helper()
		req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		res, err := a.Server.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := send("GET", "/login", "", nil)
	pre := cookieOf(res, auth.PreCSRFCookie)
	if res.StatusCode != 200 || pre == "" {
		t.Fatalf("login page %d, csrf cookie %q", res.StatusCode, pre)
	}
	form := url.Values{"email": {u.Email}, "password": {testkit.Password}}
	if res := send("POST", "/login", auth.PreCSRFCookie+"="+pre, form); res.StatusCode != 403 {
		t.Fatalf("login without the form token answered %d", res.StatusCode)
	}
	form.Set("_csrf", pre)
	res = send("POST", "/login", auth.PreCSRFCookie+"="+pre, form)
	sess := cookieOf(res, auth.SessionCookie)
	if res.StatusCode != http.StatusSeeOther || sess == "" {
		t.Fatalf("login %d session %q", res.StatusCode, sess)
	}
	cookie := auth.SessionCookie + "=" + sess
	if res := send("GET", "/customers", cookie, nil); res.StatusCode != 200 {
		t.Fatalf("customers page %d", res.StatusCode)
	}
	name := testkit.Unique("CSRF Test ")
	if res := send("POST", "/customers", cookie, url.Values{"name": {name}, "country": {"NL"}}); res.StatusCode != 403 {
		t.Fatalf("POST without CSRF token answered %d", res.StatusCode)
	}
	// The API with the session cookie needs the header too.
	req := httptest.NewRequest("POST", "/api/v1/customers", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Cookie", cookie)
	if res, _ := a.Server.App.Test(req, -1); res.StatusCode != 403 {
		t.Fatalf("API POST with session but no CSRF header answered %d", res.StatusCode)
	}
	// Read the session's CSRF token from a page and post with it.
	page := send("GET", "/customers/new", cookie, nil)
	buf := new(strings.Builder)
	_, _ = io.Copy(buf, page.Body)
	i := strings.Index(buf.String(), `name="_csrf" value="`)
	if i < 0 {
		t.Fatal("form lacks the CSRF field")
	}
	tok := buf.String()[i+len(`name="_csrf" value="`):]
	tok = tok[:strings.Index(tok, `"`)]
	res = send("POST", "/customers", cookie, url.Values{"name": {name}, "country": {"NL"}, "_csrf": {tok}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/customers/") {
		t.Fatalf("create with token answered %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// Logout ends the session server-side.
	send("POST", "/logout", cookie, url.Values{"_csrf": {tok}})
	if res := send("GET", "/customers", cookie, nil); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("after logout: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}
