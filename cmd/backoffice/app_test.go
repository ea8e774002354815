package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"backoffice/internal/apidoc"
	"backoffice/internal/app"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) {
	if os.Getenv(asBinaryEnv) != "" { // a child process of TestTwoInstancesOnOneDatabase
		os.Exit(runAsBinary())
	}
	testkit.Main(m)
}

// fullApp is the server with every module of the binary.
func fullApp(t *testing.T) *testkit.App {
	return testkit.NewApp(t, time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam), func(d *platform.Deps) []platform.Module {
		// testkit adds the foundation modules itself (with its test clock).
		return Modules(d, nil)[len(app.Foundation(d, nil)):]
	})
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	a := fullApp(t)
	var routes []string
	for _, r := range a.Server.App.GetRoutes(true) {
		if strings.HasPrefix(r.Path, "/api/v1/") && r.Method != http.MethodHead {
			routes = append(routes, r.Method+" "+apidoc.OpenAPIPath(r.Path))
		}
	}
	sort.Strings(routes)
	routes = slices.Compact(routes)
	documented := a.Server.Doc.Routes()
	if strings.Join(routes, "\n") != strings.Join(documented, "\n") {
		for _, r := range routes {
			if !slices.Contains(documented, r) {
				t.Errorf("route not in /api/openapi.json: %s", r)
			}
		}
		for _, d := range documented {
			if !slices.Contains(routes, d) {
				t.Errorf("documented but not routed: %s", d)
			}
		}
	}
	res := a.Do(t, "GET", "/api/openapi.json", "", nil).Expect(t, 200)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(res.Body)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Fatalf("openapi.json is invalid: %v", err)
	}
	for _, r := range documented {
		method, path, _ := strings.Cut(r, " ")
		if doc.Paths.Find(path) == nil || doc.Paths.Find(path).GetOperation(method) == nil {
			t.Errorf("served document lacks %s", r)
		}
	}
}

func TestProbesAndLimits(t *testing.T) {
	// /metrics answers only a configured token or address (issue 9 #9).
	t.Setenv("BACKOFFICE_METRICS_TOKEN", "probe-metrics-token-0123456789")
	a := fullApp(t)
	a.Do(t, "GET", "/healthz", "", nil).Expect(t, 200)
	if r := a.Do(t, "GET", "/readyz", "", nil).Expect(t, 200); !strings.Contains(string(r.Body), "ready") {
		t.Fatal(string(r.Body))
	}
	a.Do(t, "GET", "/api/v1/customers", "", nil).Expect(t, 401)
	a.Do(t, "GET", "/metrics", "", nil).Expect(t, 401)
	m := a.Do(t, "GET", "/metrics", "probe-metrics-token-0123456789", nil).Expect(t, 200)
	if !strings.Contains(string(m.Body), "backoffice_http_requests_total") {
		t.Fatal("metrics lack the request counter")
	}
	am := testkit.Login(t, auth.AccountManager, nil)
	// 413: announce a body over the limit; the server answers before reading it.
	base := a.Listen(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", am.Token, 3<<20)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("oversized body: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if c := a.Do(t, "GET", "/api/v1/nothing-here", am.Token, nil).Expect(t, 404).Code(t); c != "not_found" {
		t.Fatal(c)
	}
}

func TestTestClock(t *testing.T) {
	a := fullApp(t)
	admin := testkit.Login(t, auth.Admin, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	a.Do(t, "PUT", "/api/v1/test/clock", am.Token, map[string]any{"now": "2026-12-01T00:00:00Z"}).Expect(t, 403)
	a.Do(t, "PUT", "/api/v1/test/clock", admin.Token, map[string]any{"now": "2026-12-01T00:00:00Z"}).Expect(t, 200)
	if got := a.Clock.Now(); !got.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("clock %s", got)
	}
	a.Do(t, "DELETE", "/api/v1/test/clock", admin.Token, nil).Expect(t, 200)
	if time.Since(a.Clock.Now()) > time.Minute {
		t.Fatal("clock not released")
	}
}
