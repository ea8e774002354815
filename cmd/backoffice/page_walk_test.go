package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/server"
)

// demoServer is the whole binary's server over a fresh database holding the demo data
// (`serve --demo`), for tests that walk its pages as the demo users.
func demoServer(t *testing.T, name string) *server.Server {
	t.Helper()
	srv, _ := demoServerAt(t, name, clock.NewSettable(clock.Real{}))
	return srv
}

// pageLink is one link or form action found on a page.
type pageLink struct {
	method, target string
	form           url.Values // a form's hidden fields (what it posts without typing)
}

// pageLinks lists the same-site links and form actions of an HTML page, relative to its
// path, and the page's visible text (not scripts, styles, preformatted or typed text).
func pageLinks(page string, body []byte) ([]pageLink, string) {
	base, _ := url.Parse(page)
	var out []pageLink
	var form *pageLink
	var text strings.Builder
	hidden := 0
	z := html.NewTokenizer(bytes.NewReader(body))
	resolve := func(ref string) string {
		u, err := url.Parse(ref)
		if err != nil {
			return ""
		}
		u = base.ResolveReference(u)
		if u.Host != "" || !strings.HasPrefix(u.Path, "/") {
			return ""
		}
		u.Fragment = ""
		return u.RequestURI()
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out, text.String()
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "style", "pre", "code", "textarea", "option":
			if tt == html.StartTagToken {
				hidden++
			} else if tt == html.EndTagToken {
				hidden--
			}
		}
		if tt == html.TextToken && hidden == 0 {
			text.WriteString(tok.Data + " ")
		}
		attr := func(k string) (string, bool) {
			for _, a := range tok.Attr {
				if a.Key == k {
					return a.Val, true
				}
			}
			return "", false
		}
		switch {
		case tt == html.EndTagToken && tok.Data == "form" && form != nil:
			out = append(out, *form)
			form = nil
		case tok.Data == "a" && tt != html.EndTagToken:
			if h, ok := attr("href"); ok && !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "mailto:") {
				if r := resolve(h); r != "" {
					out = append(out, pageLink{method: "GET", target: r})
				}
			}
		case tok.Data == "form" && tt == html.StartTagToken:
			action, _ := attr("action")
			method, _ := attr("method")
			form = &pageLink{method: strings.ToUpper(method), target: resolve(action), form: url.Values{}}
			if form.method == "" {
				form.method = "GET"
			}
			if action == "" {
				form.target = resolve(page)
			}
		case tok.Data == "input" && form != nil:
			if typ, _ := attr("type"); typ == "hidden" {
				n, _ := attr("name")
				v, _ := attr("value")
				form.form.Add(n, v)
			}
		case tok.Data == "button" && form != nil && tt != html.EndTagToken:
			if fa, ok := attr("formaction"); ok {
				out = append(out, pageLink{method: "POST", target: resolve(fa), form: url.Values{}})
			}
		}
	}
}

var digits = regexp.MustCompile(`\d+`)

// rawCode is what an internal code looks like in a page's text: snake_case
// ("resolution_breach", "ended_at"), SCREAMING_CASE ("RESPONSE_DUE") or an ISO-8601
// duration ("PT1H"), where people should read words.
var rawCode = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b|\bPT\d+[HMS]\b`)

// skipInWalk are links the walk must not follow: they end its login, or are files.
func skipInWalk(target string) bool {
	p, _, _ := strings.Cut(target, "?")
	for _, s := range []string{"/logout", "/static/", "/api/"} {
		if strings.HasPrefix(p, s) {
			return true
		}
	}
	return false
}

// TestNavLabelsAreMessages: every navigation label and group of the binary is a message
// in English and Dutch (issue 13: staff labels through internal/i18n).
func TestNavLabelsAreMessages(t *testing.T) {
	a := fullApp(t)
	if m := a.Deps.Web.MissingNavKeys(); len(m) > 0 {
		t.Fatalf("navigation labels without a message (internal/web/messages/staff.*.json):\n%s", strings.Join(m, "\n"))
	}
	if m := i18n.Missing(); len(m) > 0 {
		t.Fatalf("message keys missing in a language:\n%s", strings.Join(m, "\n"))
	}
}

// walkVisit is one request of a site walk: a link or form, and the page it was found on.
type walkVisit struct {
	link pageLink
	from string
}

// walkSite is the page discovery of the walks: as the token's user it follows every
// same-site link (and, with forms, submits every form with only its hidden fields) on
// every page it can reach from the home page, each route shape (ids replaced) a few
// times, not every record. seen is called with every response; it returns the GET
// pages that answered 200 with HTML, in the order they were reached.
func walkSite(t *testing.T, srv *server.Server, token string, forms bool, seen func(v walkVisit, status int, body []byte)) []string {
	t.Helper()
	do := func(method, target string, form url.Values) (int, []byte, string) {
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req := httptest.NewRequest(method, target, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.Header.Set("Accept", "text/html")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := srv.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b, res.Header.Get("Location")
	}
	queue := []walkVisit{{pageLink{method: "GET", target: "/"}, "login"}}
	done := map[string]bool{}
	shapes := map[string]int{}
	var pages []string
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v.link.target == "" || skipInWalk(v.link.target) || (!forms && v.link.method != "GET") {
			continue
		}
		key := v.link.method + " " + v.link.target
		if done[key] {
			continue
		}
		done[key] = true
		path, _, _ := strings.Cut(v.link.target, "?")
		shape := v.link.method + " " + digits.ReplaceAllString(path, "N")
		limit := 3
		if v.link.method != "GET" {
			limit = 1
		}
		if shapes[shape] >= limit {
			continue
		}
		shapes[shape]++
		var form url.Values
		if v.link.method != "GET" {
			form = v.link.form
		}
		status, body, location := do(v.link.method, v.link.target, form)
		if status == http.StatusUnauthorized {
			t.Fatalf("%s %s (on %s) answers 401: the walk lost its login", v.link.method, v.link.target, v.from)
		}
		seen(v, status, body)
		where := fmt.Sprintf("%s %s (on %s)", v.link.method, v.link.target, v.from)
		if location != "" && status/100 == 3 {
			queue = append(queue, walkVisit{pageLink{method: "GET", target: location}, where})
		}
		if v.link.method != "GET" || status != 200 || !bytes.Contains(body, []byte("<html")) {
			continue
		}
		pages = append(pages, v.link.target)
		links, _ := pageLinks(v.link.target, body)
		for _, l := range links {
			queue = append(queue, walkVisit{l, v.link.target})
		}
	}
	return pages
}

// walkRoles are the demo users the walks log in as: one per role.
var walkRoles = []string{"admin@demo.backoffice.test", "am@demo.backoffice.test", "tech@demo.backoffice.test", "contact@acme.demo.backoffice.test"}

// TestPageRoleWalk is issue 13's guard for role-aware pages: logged in as each demo user,
// it walks the site (walkSite, forms included) and fails when a link or form answers 403
// (a link or button that role cannot use: navigation and action buttons must follow the
// same rules as the routes), 404 for a link (a broken link), or 5xx, or when a page shows
// an internal code (rawCode) where a label belongs.
func TestPageRoleWalk(t *testing.T) {
	srv := demoServer(t, "pagewalk")
	for _, email := range walkRoles {
		t.Run(strings.Split(email, "@")[0], func(t *testing.T) {
			token := demoToken(t, srv, email)
			requests := 0
			pages := walkSite(t, srv, token, true, func(v walkVisit, status int, body []byte) {
				requests++
				where := fmt.Sprintf("%s %s (on %s)", v.link.method, v.link.target, v.from)
				switch {
				case status == http.StatusForbidden:
					t.Errorf("%s answers 403 for %s: the page shows what this role cannot use", where, email)
				case status >= 500:
					t.Errorf("%s answers %d: %.300s", where, status, body)
				case status == http.StatusNotFound && v.link.method == "GET":
					t.Errorf("%s answers 404: a broken link", where)
				}
				if os.Getenv("BACKOFFICE_WALK_LOG") != "" {
					t.Logf("%d %s", status, where)
				}
				if v.link.method == "GET" && status == 200 && bytes.Contains(body, []byte("<html")) {
					_, text := pageLinks(v.link.target, body)
					if codes := rawCode.FindAllString(text, 5); len(codes) > 0 {
						t.Errorf("%s shows internal codes %q: a label belongs there", v.link.target, codes)
					}
					if bytes.Contains(body, []byte("no value&gt;")) || bytes.Contains(body, []byte("<no value>")) {
						t.Errorf("%s shows a message without its value (\"<no value>\")", v.link.target)
					}
				}
			})
			if len(pages) < 10 {
				t.Errorf("%s reached only %d pages", email, len(pages))
			}
			t.Logf("%s: %d pages, %d requests", email, len(pages), requests)
		})
	}
}
