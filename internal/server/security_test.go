package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam)

func get(t *testing.T, a *testkit.App, path string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSecurityHeaders reproduces issue 9 #7: no CSP, framing allowed, no nosniff, no
// HSTS or Secure cookies behind an HTTPS proxy.
func TestSecurityHeaders(t *testing.T) {
	t.Setenv("BACKOFFICE_TRUSTED_PROXIES", "0.0.0.0/32")
	a := testkit.NewApp(t, t0, nil)
	res := get(t, a, "/login", nil)
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"frame-ancestors 'none'", "script-src 'self' 'nonce-", "object-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("page CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") && !strings.Contains(csp, "style-src-attr 'unsafe-inline'") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	nonce := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(csp)[1]
	body, _ := io.ReadAll(res.Body)
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(string(body), -1) {
		if !strings.Contains(m, `nonce="`+nonce+`"`) {
			t.Errorf("script tag without the response's nonce: %s", m)
		}
	}
	if regexp.MustCompile(`\son[a-z]+="`).Match(body) || strings.Contains(string(body), "javascript:") {
		t.Error("the page has an inline event handler or javascript: URL")
	}
	for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if res.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain http")
	}
	api := get(t, a, "/api/v1/auth/me", nil)
	if !strings.Contains(api.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("API CSP %q", api.Header.Get("Content-Security-Policy"))
	}
	// Behind a trusted TLS-terminating proxy: HSTS and Secure cookies.
	https := get(t, a, "/login", map[string]string{"X-Forwarded-Proto": "https"})
	if !strings.HasPrefix(https.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Error("no HSTS behind an https proxy")
	}
	for _, c := range https.Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s without Secure over https", c.Name)
		}
	}
}

func TestUntrustedProxyCannotClaimHTTPS(t *testing.T) {
	t.Setenv("BACKOFFICE_TRUSTED_PROXIES", "")
	a := testkit.NewApp(t, t0, nil)
	if get(t, a, "/login", map[string]string{"X-Forwarded-Proto": "https"}).Header.Get("Strict-Transport-Security") != "" {
		t.Fatal("an untrusted peer's X-Forwarded-Proto was believed")
	}
}

// TestFormControlCharacters reproduces issue 9 #3 for forms: a NUL in a form field reached
// PostgreSQL (500). The generic form guard answers 422 naming the field.
func TestFormControlCharacters(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	form := url.Values{"email": {u.Email}, "password": {"x\x00"}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 422 {
		t.Fatalf("NUL in a form answered %d", res.StatusCode)
	}
	r := a.Do(t, "POST", "/api/v1/customers", testkit.Token(t, u), `{"name":"a\u0000b"}`).Expect(t, 422)
	if f := r.FieldErrors(t); len(f) != 1 || f[0] != "name" {
		t.Fatalf("fields %v", f)
	}
}

// TestMetricsUnderMixedTraffic reproduces issue 9 #9: after POST/DELETE traffic /metrics
// answered 500 ("was collected before") with labels "POS", "GETT", "DEL" — label strings
// were views of fasthttp's reused request buffers. And /metrics was public.
func TestMetricsUnderMixedTraffic(t *testing.T) {
	t.Setenv("BACKOFFICE_METRICS_TOKEN", "metrics-token-for-the-test")
	a := testkit.NewApp(t, t0, nil)
	base := a.Listen(t)
	admin := testkit.Login(t, auth.Admin, nil)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	do := func(method, path, body string) {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+admin.Token)
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				do("POST", "/api/v1/customers", fmt.Sprintf(`{"name":"Metrics %d-%d"}`, w, i))
				do("DELETE", "/api/v1/test/clock", "")
				do("GET", "/api/v1/customers?limit=1", "")
				do("PATCH", "/api/v1/users/999999999", `{"name":"x"}`)
			}
		}(w)
	}
	wg.Wait()
	get := func(token string) (int, string) {
		req, _ := http.NewRequest("GET", base+"/metrics", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if s, _ := get(""); s != 401 {
		t.Fatalf("/metrics without the token: %d", s)
	}
	if s, _ := get("wrong-token-wrong-token"); s != 401 {
		t.Fatalf("/metrics with a wrong token: %d", s)
	}
	status, body := get("metrics-token-for-the-test")
	if status != 200 {
		t.Fatalf("/metrics answered %d: %.300s", status, body)
	}
	methods := map[string]bool{}
	for _, m := range regexp.MustCompile(`backoffice_http_requests_total\{[^}]*method="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		methods[m[1]] = true
	}
	for m := range methods {
		switch m {
		case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "OTHER":
		default:
			t.Errorf("corrupt method label %q", m)
		}
	}
	for _, m := range []string{"POST", "DELETE", "GET", "PATCH"} {
		if !methods[m] {
			t.Errorf("no %s in the metrics: %v", m, methods)
		}
	}
	if !strings.Contains(body, `route="/api/v1/customers"`) {
		t.Error("route label missing")
	}
}

func TestMetricsHiddenWithoutConfiguration(t *testing.T) {
	t.Setenv("BACKOFFICE_METRICS_TOKEN", "")
	t.Setenv("BACKOFFICE_METRICS_ALLOW", "")
	a := testkit.NewApp(t, t0, nil)
	if s := get(t, a, "/metrics", nil).StatusCode; s != 404 {
		t.Fatalf("/metrics without configuration: %d", s)
	}
	t.Setenv("BACKOFFICE_METRICS_ALLOW", "0.0.0.0/32")
	b := testkit.NewApp(t, t0, nil)
	if s := get(t, b, "/metrics", nil).StatusCode; s != 200 {
		t.Fatalf("/metrics from an allowed address: %d", s)
	}
}
