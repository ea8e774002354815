package accounts_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// uiLogin posts the login form (with the pre-login CSRF cookie) from the given client address.
func uiLogin(t *testing.T, a *testkit.App, email, password, next, forwardedFor string) *http.Response {
	t.Helper()
	res, err := a.Server.App.Test(httptest.NewRequest("GET", "/login", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	pre := cookieOf(res, auth.PreCSRFCookie)
	form := url.Values{"email": {email}, "password": {password}, "_csrf": {pre}}
	if next != "" {
		form.Set("next", next)
	}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", auth.PreCSRFCookie+"="+pre)
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	res, err = a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestLoginNextIsACleanSamePath reproduces issue 9 #1: response splitting, session
// fixation through an injected Set-Cookie, and an open redirect through "/\t/evil".
func TestLoginNextIsACleanSamePath(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	a.Clock.Reset()
	u := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	attacks := []string{
		"/\r\nX-Injected: 1",
		"/\r\nSet-Cookie: bo_session=attacker; Path=/\r\n\r\n",
		"/%0D%0ASet-Cookie:%20bo_session=attacker",
		"/\t/evil.example/",
		"//evil.example/",
		"/\\evil.example",
		"https://evil.example/",
		"/%2F%2Fevil.example",
		"/%5Cevil.example",
		"javascript:alert(1)",
	}
	for _, next := range attacks {
		res := uiLogin(t, a, u.Email, testkit.Password, next, "")
		switch {
		case res.StatusCode == 422 && strings.ContainsAny(next, "\r\n\t"):
			// control characters in a form field are refused outright (the form guard)
		case res.StatusCode != http.StatusSeeOther:
			t.Fatalf("next %q: status %d", next, res.StatusCode)
		}
		if loc := res.Header.Get("Location"); res.StatusCode == http.StatusSeeOther && loc != "/" {
			t.Errorf("next %q: Location %q, want /", next, loc)
		}
		if res.Header.Get("X-Injected") != "" {
			t.Errorf("next %q injected a header", next)
		}
		for _, c := range res.Cookies() {
			if c.Name == auth.SessionCookie && c.Value == "attacker" {
				t.Errorf("next %q fixed the session cookie", next)
			}
		}
	}
	res := uiLogin(t, a, u.Email, testkit.Password, "/customers?q=acme&page=2", "")
	if loc := res.Header.Get("Location"); loc != "/customers?q=acme&page=2" {
		t.Fatalf("a clean next was not kept: %q", loc)
	}
	// The login page does not echo a poisoned next into its form.
	page, err := a.Server.App.Test(httptest.NewRequest("GET", "/login?next=/%0D%0ASet-Cookie:%20bo_session=x;%20Path=/%0D%0A%0D%0A", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	if strings.Contains(string(body), "Set-Cookie") {
		t.Fatal("the login form carries the injected next")
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/quotes/12": "/quotes/12", "/a?b=c": "/a?b=c", "": "/", "quotes": "/", "/\t/x": "/", "/ x": "/", "/é": "/",
		"//x": "/", "/\\x": "/", "/%0a": "/", "/%2f/x": "/", "http://x/": "/", "/a\x7f": "/",
	} {
		if got := httpx.SafeNext(in, "/"); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoginThrottle reproduces issue 9 #6: colleagues behind one address were refused
// from the eleventh successful login, and a stranger's ten wrong passwords blocked the
// owner's correct login from everywhere. Now only failures count, per account and
// address with growing delays, per account (any address) only after more, and the
// address behind a trusted proxy comes from X-Forwarded-For.
func TestLoginThrottle(t *testing.T) {
	t.Setenv("BACKOFFICE_TRUSTED_PROXIES", "0.0.0.0/32") // fiber's in-memory test connection
	a := testkit.NewApp(t, t0, nil)
	a.Clock.Reset()
	t.Run("twelve_colleagues_behind_one_nat", func(t *testing.T) {
		for i := 0; i < 12; i++ {
			u := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
			if res := uiLogin(t, a, u.Email, testkit.Password, "", "198.51.100.7"); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("colleague %d: %d", i+1, res.StatusCode)
			}
			body := `{"email":"` + u.Email + `","password":"` + testkit.Password + `"}`
			req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", "198.51.100.7")
			if res, _ := a.Server.App.Test(req, -1); res.StatusCode != 200 {
				t.Fatalf("colleague %d API login: %d", i+1, res.StatusCode)
			}
		}
	})
	t.Run("stranger_cannot_lock_out_the_owner", func(t *testing.T) {
		victim := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
		statuses := []int{}
		for i := 0; i < 10; i++ {
			statuses = append(statuses, uiLogin(t, a, victim.Email, "wrong-password-123", "", "203.0.113.66").StatusCode)
		}
		for i, s := range statuses[:5] {
			if s != http.StatusUnauthorized {
				t.Fatalf("failure %d answered %d (statuses %v)", i+1, s, statuses)
			}
		}
		if statuses[9] != http.StatusTooManyRequests {
			t.Fatalf("the attacker's address is not slowed down: %v", statuses)
		}
		// Even the right password waits from the attacker's address …
		res := uiLogin(t, a, victim.Email, testkit.Password, "", "203.0.113.66")
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("throttled address: %d retry-after %q", res.StatusCode, res.Header.Get("Retry-After"))
		}
		// … but the owner logs in from her own address.
		if res := uiLogin(t, a, victim.Email, testkit.Password, "", "192.0.2.10"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the owner was locked out: %d", res.StatusCode)
		}
	})
	t.Run("forwarded_for_only_from_trusted_proxies", func(t *testing.T) {
		// The right-most untrusted hop counts: a client cannot choose its address by
		// prepending to X-Forwarded-For.
		victim := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
		for i := 0; i < 7; i++ {
			uiLogin(t, a, victim.Email, "wrong-password-123", "", "10.9.9."+string(rune('1'+i))+", 203.0.113.99")
		}
		if res := uiLogin(t, a, victim.Email, testkit.Password, "", "192.0.2.1, 203.0.113.99"); res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a spoofed left-most X-Forwarded-For escaped the throttle: %d", res.StatusCode)
		}
	})
	t.Run("counters_live_in_postgresql", func(t *testing.T) {
		n, err := a.Deps.DB.NewSelect().Table("login_throttle").Where("key LIKE 'pair:%'").Count(t.Context())
		if err != nil || n == 0 {
			t.Fatalf("no throttle rows in PostgreSQL: %d %v", n, err)
		}
	})
}
