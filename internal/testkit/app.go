package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"backoffice/internal/accounts"
	"backoffice/internal/app"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/platform"
	"backoffice/internal/server"
)

// App is the real server for a test: foundation modules plus the module(s) under test,
// a pinned-able test clock, and helpers to call the API as a given user.
type App struct {
	Server *server.Server
	Deps   *platform.Deps
	Clock  *clock.Settable
	t      testing.TB
}

// ModulesFunc builds the modules under test from the shared deps.
type ModulesFunc func(d *platform.Deps) []platform.Module

// NewApp assembles the server over the package database. The clock starts pinned at
// now (pass the zero time to run on the real clock).
func NewApp(t testing.TB, now time.Time, mods ModulesFunc) *App {
	t.Helper()
	d := DB(t)
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	cfg.TestClock = true
	clk := clock.NewSettable(clock.Real{})
	if !now.IsZero() {
		clk.Set(now)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(&testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	deps, err := app.Deps(cfg, d, clk, log)
	if err != nil {
		t.Fatal(err)
	}
	modules := app.Foundation(deps, clk)
	if mods != nil {
		modules = append(modules, mods(deps)...)
	}
	srv, err := server.New(deps, d, modules, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &App{Server: srv, Deps: deps, Clock: clk, t: t}
}

type testWriter struct{ t testing.TB }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

var seq atomic.Int64

// Unique returns a short string unique within the test binary (for e-mails, names).
func Unique(prefix string) string {
	return fmt.Sprintf("%s%d%d", prefix, time.Now().UnixNano()%1_000_000, seq.Add(1))
}

// Password is the password factories give every user.
const Password = "correct-horse-battery"

// UserOpts shape a factory user.
type UserOpts struct {
	Role       auth.Role
	CustomerID *int64
	Name       string
}

// User creates a user (committed) and returns it.
func User(t testing.TB, opts UserOpts) *auth.User {
	t.Helper()
	if opts.Role == "" {
		opts.Role = auth.AccountManager
	}
	name := opts.Name
	if name == "" {
		name = "Test " + string(opts.Role)
	}
	u, err := accounts.CreateUser(context.Background(), DB(t).Bun, accounts.UserInput{Email: Unique(string(opts.Role)) + "@test.example",
		Name: name, Role: string(opts.Role), CustomerID: opts.CustomerID, Password: Password}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// CustomerOpts shape a factory customer.
type CustomerOpts struct {
	Name     string
	Language string // nl (default) or en
}

// Customer creates a customer company (committed).
func Customer(t testing.TB, opts CustomerOpts) *accounts.Customer {
	t.Helper()
	name := opts.Name
	if name == "" {
		name = Unique("Customer ")
	}
	email := Unique("billing") + "@test.example"
	c, err := accounts.CreateCustomer(context.Background(), DB(t).Bun, accounts.CustomerInput{Name: &name, BillingEmail: &email, Language: nonEmpty(opts.Language)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Token issues an API token for u.
func Token(t testing.TB, u *auth.User) string {
	t.Helper()
	tok, err := auth.IssueToken(context.Background(), DB(t).Bun, u.ID, time.Now().Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// As is a user with a token, for API calls.
type As struct {
	User  *auth.User
	Token string
}

// Login creates a user with role (for role customer, of customerID) and a token.
func Login(t testing.TB, role auth.Role, customerID *int64) As {
	u := User(t, UserOpts{Role: role, CustomerID: customerID})
	return As{User: u, Token: Token(t, u)}
}

// Response is an API answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v (fails the test on error).
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Map decodes the body as an object.
func (r *Response) Map(t testing.TB) map[string]any {
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Code is the problem code of an error answer.
func (r *Response) Code(t testing.TB) string {
	m := r.Map(t)
	s, _ := m["code"].(string)
	return s
}

// FieldErrors lists the fields named by a 422 problem.
func (r *Response) FieldErrors(t testing.TB) []string {
	var p struct {
		Errors []struct{ Field string } `json:"errors"`
	}
	r.JSON(t, &p)
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

// Do sends a request through the real router. body may be nil, a string (sent raw)
// or a value (sent as JSON).
func (a *App) Do(t testing.TB, method, path, token string, body any) *Response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// Expect fails the test unless the response has the status.
func (r *Response) Expect(t testing.TB, status int) *Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	return r
}

// Listen serves the app on a free loopback port until the test ends and returns its
// base URL (for browser tests).
func (a *App) Listen(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = a.Server.App.Listener(ln) }()
	t.Cleanup(func() { _ = a.Server.App.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
