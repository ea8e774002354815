package accounts_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/outbox"
	"backoffice/internal/testkit"
)

// anonPost posts a form before login (with the pre-login CSRF cookie), in a language.
func anonPost(t *testing.T, a *testkit.App, path string, form url.Values, lang string) (*http.Response, string) {
	t.Helper()
	res, err := a.Server.App.Test(httptest.NewRequest("GET", "/login", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	pre := cookieOf(res, auth.PreCSRFCookie)
	form.Set("_csrf", pre)
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", auth.PreCSRFCookie+"="+pre)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	return send(t, a, req)
}

func anonGet(t *testing.T, a *testkit.App, path, lang string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	return send(t, a, req)
}

func send(t *testing.T, a *testkit.App, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// resetMails are the reset mails queued to an address, oldest first.
func resetMails(t *testing.T, a *testkit.App, to string) []outbox.Message {
	t.Helper()
	var ms []outbox.Message
	if err := a.Deps.DB.NewSelect().Model(&ms).Where("kind = ? AND to_address = ?", accounts.MailPasswordReset, to).Order("id").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ms
}

var resetLink = regexp.MustCompile(`http\S*/password/reset\?token=([A-Za-z0-9_-]+)`)

// askLink asks for a reset link through the form and returns the token the mail carries.
func askLink(t *testing.T, a *testkit.App, email string) string {
	t.Helper()
	before := len(resetMails(t, a, email))
	res, body := anonPost(t, a, "/password/forgot", url.Values{"email": {email}}, "en")
	if res.StatusCode != 200 || !strings.Contains(body, `id="forgot-sent"`) {
		t.Fatalf("forgot: %d %s", res.StatusCode, body)
	}
	ms := resetMails(t, a, email)
	if len(ms) != before+1 {
		t.Fatalf("want one more reset mail to %s, have %d (before %d)", email, len(ms), before)
	}
	m := resetLink.FindStringSubmatch(ms[len(ms)-1].Body)
	if m == nil {
		t.Fatalf("no reset link in the mail:\n%s", ms[len(ms)-1].Body)
	}
	return m[1]
}

func TestPasswordResetWorksOnceAndLogsOut(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.Technician, Name: "Sanne Reset"})
	oldToken := testkit.Token(t, u)
	a.Do(t, "GET", "/api/v1/auth/me", oldToken, nil).Expect(t, 200)

	tok := askLink(t, a, u.Email)
	m := resetMails(t, a, u.Email)[0]
	if !strings.Contains(m.Body, "Dear Sanne Reset,") || !strings.Contains(m.Subject, "Set a new password") || !strings.Contains(m.Body, "11:00") {
		t.Errorf("staff mail in StaffLang (en), greeting by name, valid until 11:00: %q\n%s", m.Subject, m.Body)
	}
	res, body := anonGet(t, a, "/password/reset?token="+tok, "en")
	if res.StatusCode != 200 || !strings.Contains(body, `id="reset-form"`) {
		t.Fatalf("reset page: %d %s", res.StatusCode, body)
	}
	// A weak password and a mismatch re-render the form; the link stays usable.
	res, body = anonPost(t, a, "/password/reset", url.Values{"token": {tok}, "password": {"short"}, "password_confirm": {"short"}}, "en")
	if res.StatusCode != 422 || !strings.Contains(body, "at least 12 characters") || !strings.Contains(body, `id="reset-form"`) {
		t.Fatalf("weak password: %d %s", res.StatusCode, body)
	}
	res, body = anonPost(t, a, "/password/reset", url.Values{"token": {tok}, "password": {"a new long passphrase"}, "password_confirm": {"another passphrase"}}, "en")
	if res.StatusCode != 422 || !strings.Contains(body, "does not match") {
		t.Fatalf("mismatch: %d %s", res.StatusCode, body)
	}
	second := askLink(t, a, u.Email) // a second open link: the reset uses it up too

	res, _ = anonPost(t, a, "/password/reset", url.Values{"token": {tok}, "password": {"a new long passphrase"}, "password_confirm": {"a new long passphrase"}}, "en")
	if res.StatusCode != 303 || res.Header.Get("Location") != "/login" {
		t.Fatalf("reset: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	a.Do(t, "GET", "/api/v1/auth/me", oldToken, nil).Expect(t, 401) // every token and session ended, the cache forgot it
	ctx := context.Background()
	if _, err := auth.Authenticate(ctx, a.Deps.DB, u.Email, testkit.Password, t0); err == nil {
		t.Error("the old password still works")
	}
	if _, err := auth.Authenticate(ctx, a.Deps.DB, u.Email, "a new long passphrase", t0); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
	for _, used := range []string{tok, second} {
		res, body = anonPost(t, a, "/password/reset", url.Values{"token": {used}, "password": {"yet another passphrase"}, "password_confirm": {"yet another passphrase"}}, "en")
		if res.StatusCode != 410 || !strings.Contains(body, "has already been used") || strings.Contains(body, `id="reset-form"`) {
			t.Errorf("used link: %d %s", res.StatusCode, body)
		}
	}
	res, body = anonGet(t, a, "/password/reset?token=not-a-token", "nl")
	if res.StatusCode != 400 || !strings.Contains(body, "is niet geldig") {
		t.Errorf("unknown link (nl): %d %s", res.StatusCode, body)
	}
}

func TestPasswordResetExpiresAfterAnHour(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	tok := askLink(t, a, u.Email)
	a.Clock.Set(t0.Add(59 * time.Minute))
	if res, _ := anonGet(t, a, "/password/reset?token="+tok, "en"); res.StatusCode != 200 {
		t.Fatalf("after 59 min: %d", res.StatusCode)
	}
	a.Clock.Set(t0.Add(time.Hour))
	res, body := anonGet(t, a, "/password/reset?token="+tok, "en")
	if res.StatusCode != 410 || !strings.Contains(body, "has expired") {
		t.Errorf("after an hour: %d %s", res.StatusCode, body)
	}
	res, body = anonPost(t, a, "/password/reset", url.Values{"token": {tok}, "password": {"a new long passphrase"}, "password_confirm": {"a new long passphrase"}}, "nl")
	if res.StatusCode != 410 || !strings.Contains(body, "is verlopen") {
		t.Errorf("post after an hour (nl): %d %s", res.StatusCode, body)
	}
	if _, err := auth.Authenticate(context.Background(), a.Deps.DB, u.Email, testkit.Password, t0); err != nil {
		t.Errorf("an expired link changed the password: %v", err)
	}
}

// An unknown or deactivated address gets the same page, status and (at least) the same
// time as a real one, and nothing is sent.
func TestPasswordResetDoesNotTellWhoExists(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	gone := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
	if _, err := accounts.UpdateUser(context.Background(), a.Deps.DB, gone.ID, accounts.UserPatch{Active: new(bool)}, t0); err != nil {
		t.Fatal(err)
	}
	answer := func(email string) (int, string, time.Duration) {
		start := time.Now()
		res, body := anonPost(t, a, "/password/forgot", url.Values{"email": {email}}, "en")
		i := strings.Index(body, `id="forgot-sent"`)
		if i < 0 {
			t.Fatalf("%s: no answer: %s", email, body)
		}
		j := strings.Index(body, "</main>")
		return res.StatusCode, body[i:j], time.Since(start) // the script's nonce differs per page
	}
	status, known, took := answer(u.Email)
	if took < accounts.ResetFloor {
		t.Errorf("known address answered in %v, before the floor %v", took, accounts.ResetFloor)
	}
	for _, other := range []string{"nobody-" + testkit.Unique("x") + "@test.example", gone.Email} {
		s, b, took := answer(other)
		if s != status || b != known {
			t.Errorf("%s: %d %q, a real account: %d %q", other, s, b, status, known)
		}
		if took < accounts.ResetFloor {
			t.Errorf("%s answered in %v, before the floor", other, took)
		}
		if n := len(resetMails(t, a, other)); n != 0 {
			t.Errorf("%s: %d mails sent", other, n)
		}
	}
}

// A customer contact reads the mail in the company's language, the page in the browser's.
func TestPasswordResetInTheReadersLanguage(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	for _, tc := range []struct{ lang, subject, greeting string }{
		{"nl", "Nieuw wachtwoord instellen", "Beste Eva Visser,"},
		{"en", "Set a new password", "Dear Eva Visser,"},
	} {
		cu := testkit.Customer(t, testkit.CustomerOpts{Language: tc.lang})
		u := testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &cu.ID, Name: "Eva Visser"})
		tok := askLink(t, a, u.Email)
		m := resetMails(t, a, u.Email)[0]
		if !strings.HasPrefix(m.Subject, tc.subject) || !strings.HasPrefix(m.Body, tc.greeting) || !strings.Contains(m.Body, "/password/reset?token="+tok) {
			t.Errorf("%s: %q\n%s", tc.lang, m.Subject, m.Body)
		}
	}
	for _, tc := range []struct{ header, want, not string }{
		{"nl-NL,nl;q=0.9,en;q=0.8", "Wachtwoord vergeten?", "Forgot password?"},
		{"en-GB,en;q=0.9", "Forgot password?", "Wachtwoord vergeten?"},
		{"de-DE", "Wachtwoord vergeten?", "Forgot password?"},
		{"de;q=1,en;q=0.5,nl;q=0.4", "Forgot password?", "Wachtwoord vergeten?"},
	} {
		_, body := anonGet(t, a, "/login", tc.header)
		if !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) || strings.Contains(body, "accounts.ui.") {
			t.Errorf("Accept-Language %q: want %q in the login page", tc.header, tc.want)
		}
	}
}

func TestPasswordResetAPI(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	r := a.Do(t, "POST", "/api/v1/auth/password/forgot", "", map[string]any{"email": u.Email}).Expect(t, 202)
	var out accounts.ForgotOut
	r.JSON(t, &out)
	if !strings.Contains(out.Message, "If an account exists") {
		t.Errorf("message %q", out.Message)
	}
	a.Do(t, "POST", "/api/v1/auth/password/forgot", "", map[string]any{"email": "nobody@test.example"}).Expect(t, 202)
	m := resetLink.FindStringSubmatch(resetMails(t, a, u.Email)[0].Body)
	a.Do(t, "POST", "/api/v1/auth/password/reset", "", map[string]any{"token": m[1], "password": "short"}).Expect(t, 422)
	a.Do(t, "POST", "/api/v1/auth/password/reset", "", map[string]any{"token": m[1], "password": "a new long passphrase"}).Expect(t, 204)
	if c := a.Do(t, "POST", "/api/v1/auth/password/reset", "", map[string]any{"token": m[1], "password": "a new long passphrase"}).Expect(t, 410).Code(t); c != "reset_link_used" {
		t.Errorf("code %q", c)
	}
	if c := a.Do(t, "POST", "/api/v1/auth/password/reset", "", map[string]any{"token": "nope", "password": "a new long passphrase"}).Expect(t, 400).Code(t); c != "reset_link_invalid" {
		t.Errorf("code %q", c)
	}
	a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": u.Email, "password": "a new long passphrase"}).Expect(t, 200)
}

// Asking is throttled like a login: the same address asking for the same account
// again and again waits.
func TestPasswordResetIsThrottled(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	email := testkit.Unique("flood") + "@test.example"
	for i := 1; i <= 6; i++ {
		a.Do(t, "POST", "/api/v1/auth/password/forgot", "", map[string]any{"email": email}).Expect(t, 202)
	}
	r := a.Do(t, "POST", "/api/v1/auth/password/forgot", "", map[string]any{"email": email}).Expect(t, 429)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	res, body := anonPost(t, a, "/password/forgot", url.Values{"email": {email}}, "nl")
	if res.StatusCode != 429 || !strings.Contains(body, "Te veel aanvragen") {
		t.Errorf("form: %d %s", res.StatusCode, body)
	}
}

// Field errors and problem titles are in the reader's language; the code stays: a
// Dutch browser reads the reset form's rule in Dutch, the API answers English unless
// Accept-Language asks for Dutch.
func TestFieldMessagesInTheReadersLanguage(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	tok := askLink(t, a, u.Email)
	res, body := anonPost(t, a, "/password/reset", url.Values{"token": {tok}, "password": {"kort"}, "password_confirm": {"kort"}}, "nl")
	if res.StatusCode != 422 || !strings.Contains(body, "Verbeter dit:") || !strings.Contains(body, "moet minstens 12 tekens lang zijn") || !strings.Contains(body, "Wachtwoord") {
		t.Errorf("nl form: %d %s", res.StatusCode, body)
	}
	api := func(lang string) map[string]any {
		req := httptest.NewRequest("POST", "/api/v1/auth/password/reset", strings.NewReader(`{"token":"`+tok+`","password":"kort"}`))
		req.Header.Set("Content-Type", "application/json")
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		res, b := send(t, a, req)
		if res.StatusCode != 422 {
			t.Fatalf("%s: %d %s", lang, res.StatusCode, b)
		}
		r := testkit.Response{Status: res.StatusCode, Body: []byte(b)}
		return r.Map(t)
	}
	nl, en := api("nl-NL,nl;q=0.9"), api("")
	msg := func(m map[string]any) string { return m["errors"].([]any)[0].(map[string]any)["message"].(string) }
	if nl["code"] != en["code"] || nl["code"] != "validation_failed" {
		t.Errorf("codes %v %v", nl["code"], en["code"])
	}
	if msg(nl) != "moet minstens 12 tekens lang zijn" || nl["title"] != "Controleer het formulier" {
		t.Errorf("nl: %v", nl)
	}
	if msg(en) != "must have at least 12 characters" || en["title"] != "Please check the form" {
		t.Errorf("en: %v", en)
	}
}
