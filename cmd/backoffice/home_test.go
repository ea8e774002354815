package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/app"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/db"
	"backoffice/internal/server"
	"backoffice/internal/testkit"
)

// homeDemo is the server over a fresh database holding every module's demo data, seeded
// on a pinned clock (Wednesday 2 December 2026, 10:00 in Amsterdam) so counts are exact.
type homeDemo struct {
	srv    *server.Server
	tokens map[string]string // demo e-mail → bearer token
}

// demoServerAt migrates a fresh database, seeds every module's demo data on clk and builds
// the server over it (the tenancy walk and the homes use it).
func demoServerAt(t *testing.T, prefix string, clk *clock.Settable) (*server.Server, *db.DB) {
	t.Helper()
	ctx := context.Background()
	cl := testkit.Cluster(t)
	name := fmt.Sprintf("%s_%d", prefix, time.Now().UnixNano())
	if err := cl.CreateDatabase(ctx, name, ""); err != nil {
		t.Fatal(err)
	}
	database, err := db.Open(ctx, cl.URL(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { database.Close() })
	if _, err := database.MigrateUp(ctx); err != nil {
		t.Fatal(err)
	}
	testkit.CountOn(database.Bun)
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	deps, err := app.Deps(cfg, database, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	modules := Modules(deps, clk)
	if ok, err := app.SeedDemo(ctx, deps, modules); err != nil || !ok {
		t.Fatalf("demo: %v %v", ok, err)
	}
	srv, err := server.New(deps, database, modules, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return srv, database
}

func newHomeDemo(t *testing.T) *homeDemo {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewSettable(clock.Real{})
	clk.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, clock.Amsterdam))
	srv, database := demoServerAt(t, "home", clk)
	h := &homeDemo{srv: srv, tokens: map[string]string{}}
	for _, login := range app.DemoLogins {
		var id int64
		if err := database.Bun.NewRaw("SELECT id FROM users WHERE email = ?", login[0]).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		tok, err := auth.IssueToken(ctx, database.Bun, id, clk.Now().Add(-time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		h.tokens[login[0]] = tok
	}
	return h
}

func (h *homeDemo) get(t *testing.T, who, path string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+h.tokens[who])
	res, err := h.srv.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var (
	cardRe = regexp.MustCompile(`<section class="home-card[^"]*" id="card-([a-z-]+)" data-count="(\d+)">\s*<h2>[^<]*</h2>\s*(?:<a class="figure[^"]*" href="([^"]+)")?`)
	rowRe  = regexp.MustCompile(`<(?:tr|article|details)[^>]* data-(?:quote|order|contract|ticket|entry|invoice|message|delivery)="\d+"`)
)

// TestHomePerRole: every role's home shows its cards with the counts of the demo data, and
// every card links to a list the role may open that shows exactly the rows counted
// (issue 13 "A home per role").
func TestHomePerRole(t *testing.T) {
	h := newHomeDemo(t)
	cases := []struct {
		who, path string
		cards     map[string]int
		absent    []string
	}{
		{"am@demo.backoffice.test", "/", map[string]int{"quotes-expiring": 1, "notice-deadlines": 1, "orders-waiting": 1, "tickets-at-risk": 2, "hours-to-approve": 4},
			[]string{"outbox-failed", "events-undeliverable", "week-hours", "invoices-due"}},
		{"admin@demo.backoffice.test", "/", map[string]int{"quotes-expiring": 1, "notice-deadlines": 1, "orders-waiting": 1, "tickets-at-risk": 2, "hours-to-approve": 4,
			"outbox-failed": 1, "events-undeliverable": 1}, []string{"week-hours"}},
		// SEC-3: Monday 06:00–12:00 and 17:00–20:00 are 9 hours in three bands
		{"tech@demo.backoffice.test", "/", map[string]int{"week-hours": 540, "hours-waiting": 4, "assigned-tickets": 1},
			[]string{"quotes-expiring", "hours-to-approve", "tickets-at-risk", "pipeline"}},
		{"contact@acme.demo.backoffice.test", "/portal", map[string]int{"open-tickets": 3, "quotes-to-decide": 1, "hours-to-approve": 4, "invoices-due": 3},
			[]string{"quotes-expiring", "tickets-at-risk", "outbox-failed"}},
	}
	for _, c := range cases {
		t.Run(strings.SplitN(c.who, "@", 2)[0], func(t *testing.T) {
			status, body := h.get(t, c.who, c.path)
			if status != 200 {
				t.Fatalf("%s: %d", c.path, status)
			}
			// issue 13 "A home per role": every card reads in words ("Notice deadlines within
			// 90 days"), never a message's missing value
			if strings.Contains(body, "no value&gt;") || strings.Contains(body, "<no value>") {
				t.Errorf("%s shows a message without its value", c.path)
			}
			got := map[string]string{}
			for _, m := range cardRe.FindAllStringSubmatch(body, -1) {
				got[m[1]] = m[2]
				want, ok := c.cards[m[1]]
				if !ok {
					t.Errorf("unexpected card %s", m[1])
					continue
				}
				if m[2] != fmt.Sprint(want) {
					t.Errorf("card %s counts %s, want %d", m[1], m[2], want)
				}
				href := strings.ReplaceAll(m[3], "&amp;", "&")
				if href == "" {
					t.Errorf("card %s has no link", m[1])
					continue
				}
				ls, list := h.get(t, c.who, href)
				if ls != 200 {
					t.Errorf("card %s links to %s, which answers %d to this role", m[1], href, ls)
					continue
				}
				if m[1] == "week-hours" {
					if !strings.Contains(body, "9 hours") || !strings.Contains(body, "Night · 200\u00a0%") || !strings.Contains(body, "Evening · 150\u00a0%") {
						t.Errorf("the week card lacks its bands")
					}
					continue
				}
				if n := len(rowRe.FindAllString(list, -1)); n != want {
					t.Errorf("card %s counts %d, its list %s shows %d rows", m[1], want, href, n)
				}
			}
			for id := range c.cards {
				if _, ok := got[id]; !ok {
					t.Errorf("card %s missing", id)
				}
			}
			for _, id := range c.absent {
				if strings.Contains(body, `id="card-`+id+`"`) {
					t.Errorf("card %s shown to %s", id, c.who)
				}
			}
		})
	}
	// issue 13 "Portal": a customer reads every card of the portal home in the company's
	// language (Acme: Dutch), the invoices card included, with Dutch money and dates.
	t.Run("portal_cards_in_dutch", func(t *testing.T) {
		_, body := h.get(t, "contact@acme.demo.backoffice.test", "/portal")
		for _, want := range []string{"Openstaande facturen", "Verstuurd en nog niet betaald.", " open</div>"} {
			if !strings.Contains(body, want) {
				t.Errorf("portal home lacks %q", want)
			}
		}
		for _, english := range []string{"Invoices due", "Issued and not yet paid", "overdue since", ">due "} {
			if strings.Contains(body, english) {
				t.Errorf("portal home shows English %q", english)
			}
		}
	})
	t.Run("pipeline_chart", func(t *testing.T) {
		_, body := h.get(t, "am@demo.backoffice.test", "/")
		for _, want := range []string{`id="pipeline-chart"`, `<title>Nov 2026, sent: 4</title>`, `<title>Nov 2026, accepted: 1</title>`,
			`<title>Jun 2026, expired: 1</title>`, `<title>Jan 2026, accepted: 1</title>`, `role="img"`} {
			if !strings.Contains(body, want) {
				t.Errorf("pipeline chart lacks %q", want)
			}
		}
	})
}

// TestHomeQueryBudget: a home is a bounded number of queries, whatever the data: one per
// card plus the session (the admin's, with the most cards, included).
func TestHomeQueryBudget(t *testing.T) {
	h := newHomeDemo(t)
	for who, budget := range map[string]int{"admin@demo.backoffice.test": 9, "am@demo.backoffice.test": 7,
		"tech@demo.backoffice.test": 5, "contact@acme.demo.backoffice.test": 6} {
		n := testkit.CountQueries(t)
		path := "/"
		if strings.HasPrefix(who, "contact") {
			path = "/portal"
		}
		if status, _ := h.get(t, who, path); status != 200 {
			t.Fatalf("%s: %d", who, status)
		}
		n.Within(budget, "the home of "+who)
	}
}
