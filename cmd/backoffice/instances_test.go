package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"backoffice/internal/db"
	"backoffice/internal/testkit"
)

// asBinaryEnv makes the test binary behave as `backoffice` with the arguments in it, so
// the two-instance test runs real `serve` processes without building a second binary.
const asBinaryEnv = "BACKOFFICE_TEST_RUN_AS_BINARY"

func runAsBinary() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, strings.Fields(os.Getenv(asBinaryEnv)), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "backoffice:", err)
		return 1
	}
	return 0
}

type instance struct {
	base string
	cmd  *exec.Cmd
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startInstance(t *testing.T, dbURL string, extraEnv ...string) *instance {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), asBinaryEnv+"=serve --migrate", "DATABASE_URL="+dbURL, "BACKOFFICE_ADDR="+addr,
		"BACKOFFICE_ENV=test", "BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL=ops@instances.example", "BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD=tulpen fiets grachten",
		"BACKOFFICE_LOG_LEVEL=warn")
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	in := &instance{base: "http://" + addr, cmd: cmd}
	deadline := time.Now().Add(90 * time.Second) // start-up wait, not an assertion on speed
	for {
		res, err := http.Get(in.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return in
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance on %s never became ready: %v", addr, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func hcall(t *testing.T, c *http.Client, method, u, token string, body any, hdr ...string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd = strings.NewReader(b.Encode())
	default:
		j, _ := json.Marshal(b)
		rd = strings.NewReader(string(j))
	}
	req, _ := http.NewRequest(method, u, rd)
	if _, isForm := body.(url.Values); isForm {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	b, _ := io.ReadAll(res.Body)
	_ = json.Unmarshal(b, &m)
	return res.StatusCode, m
}

// TestTwoInstancesOnOneDatabase runs two real `serve` processes on one DATABASE_URL (issue 9,
// several instances): a session made on one works on the other, the login throttle counts
// across both, 50 concurrent quote creations spread over both get gapless numbers, River
// elects one leader for periodic jobs, and after kill -9 of one the other goes on with
// nothing lost.
func TestTwoInstancesOnOneDatabase(t *testing.T) {
	cl := testkit.Cluster(t)
	ctx := context.Background()
	dbName := fmt.Sprintf("instances_%d", time.Now().UnixNano())
	if err := cl.CreateDatabase(ctx, dbName, ""); err != nil {
		t.Fatal(err)
	}
	dbURL := cl.URL(dbName)
	a := startInstance(t, dbURL, "BACKOFFICE_TRUSTED_PROXIES=127.0.0.1")
	b := startInstance(t, dbURL, "BACKOFFICE_TRUSTED_PROXIES=127.0.0.1")
	database, err := db.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close()
	plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	t.Run("session_from_one_works_on_the_other", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: plain.CheckRedirect}
		res, err := c.Get(a.base + "/login")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		au, _ := url.Parse(a.base)
		var pre string
		for _, ck := range jar.Cookies(au) {
			if ck.Name == "bo_csrf" {
				pre = ck.Value
			}
		}
		status, _ := hcall(t, c, "POST", a.base+"/login", "", url.Values{"email": {"ops@instances.example"}, "password": {"tulpen fiets grachten"}, "_csrf": {pre}})
		if status != http.StatusSeeOther {
			t.Fatalf("login on A: %d", status)
		}
		var session string
		for _, ck := range jar.Cookies(au) {
			if ck.Name == "bo_session" {
				session = ck.Value
			}
		}
		req, _ := http.NewRequest("GET", b.base+"/customers", nil)
		req.AddCookie(&http.Cookie{Name: "bo_session", Value: session})
		r2, err := plain.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r2.Body.Close()
		if r2.StatusCode != 200 {
			t.Fatalf("A's session on B: %d", r2.StatusCode)
		}
	})

	t.Run("login_throttle_counts_across_both", func(t *testing.T) {
		statuses := []int{}
		for i := 0; i < 8; i++ {
			base := a.base
			if i%2 == 1 {
				base = b.base
			}
			s, _ := hcall(t, plain, "POST", base+"/api/v1/auth/login", "", map[string]any{"email": "ops@instances.example", "password": "wrong-password-wrong"},
				"X-Forwarded-For", "203.0.113.5")
			statuses = append(statuses, s)
		}
		// failures 1..6 count on either instance; the 7th try (on A) and 8th (on B) wait
		if statuses[6] != 429 || statuses[7] != 429 {
			t.Fatalf("throttle did not count across instances: %v", statuses)
		}
	})

	var token string
	var customerID float64
	t.Run("fifty_concurrent_quotes_gapless", func(t *testing.T) {
		// From another address the owner is not held up by the failures above.
		s, m := hcall(t, plain, "POST", b.base+"/api/v1/auth/login", "", map[string]any{"email": "ops@instances.example", "password": "tulpen fiets grachten"},
			"X-Forwarded-For", "192.0.2.50")
		if s != 200 {
			t.Fatalf("login: %d %v", s, m)
		}
		token = m["token"].(string)
		s, m = hcall(t, plain, "POST", a.base+"/api/v1/customers", token, map[string]any{"name": "Instances B.V.", "billing_email": "billing@instances.example"})
		if s != 201 {
			t.Fatalf("customer: %d %v", s, m)
		}
		customerID = m["id"].(float64)
		quote := map[string]any{"customer_id": customerID, "title": "Concurrency", "start_date": "2027-06-15",
			"lines": []map[string]any{{"kind": "service", "description": "Installation", "quantity": "4", "unit": "hour", "unit_price": "95.00", "vat_rate": "21", "sku": "ENG-HOUR"}}}
		var mu sync.Mutex
		var numbers []string
		var wg sync.WaitGroup
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				base := a.base
				if i%2 == 1 {
					base = b.base
				}
				s, m := hcall(t, plain, "POST", base+"/api/v1/quotes", token, quote)
				if s != 201 {
					t.Errorf("quote %d: %d %v", i, s, m)
					return
				}
				mu.Lock()
				numbers = append(numbers, m["number"].(string))
				mu.Unlock()
			}(i)
		}
		wg.Wait()
		sort.Strings(numbers)
		re := regexp.MustCompile(`^Q(\d{4})-(\d{4})$`)
		for i, n := range numbers {
			mm := re.FindStringSubmatch(n)
			if mm == nil || mm[2] != fmt.Sprintf("%04d", i+1) {
				t.Fatalf("numbers not gapless at %d: %v", i, numbers)
			}
		}
	})

	t.Run("one_river_leader_for_periodic_jobs", func(t *testing.T) {
		// River elects one leader per database; only the leader enqueues periodic jobs.
		deadline := time.Now().Add(60 * time.Second)
		for {
			var n int
			err := database.Bun.NewRaw("SELECT count(*) FROM river_leader").Scan(ctx, &n)
			if err == nil && n == 1 {
				return
			} else if time.Now().After(deadline) {
				t.Fatalf("river_leader rows: %d (%v)", n, err)
			}
			time.Sleep(500 * time.Millisecond)
		}
	})

	t.Run("kill_9_one_the_other_goes_on", func(t *testing.T) {
		if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_, _ = a.cmd.Process.Wait()
		s, m := hcall(t, plain, "GET", b.base+"/api/v1/quotes?limit=200", token, nil)
		if s != 200 {
			t.Fatalf("B after A died: %d %v", s, m)
		}
		if items, _ := m["items"].([]any); len(items) != 50 {
			t.Fatalf("quotes after kill -9: %d, want 50", len(items))
		}
		quote := map[string]any{"customer_id": customerID, "title": "After the crash", "start_date": "2027-06-15",
			"lines": []map[string]any{{"kind": "service", "description": "Installation", "quantity": "1", "unit": "hour", "unit_price": "95.00", "vat_rate": "21", "sku": "ENG-HOUR"}}}
		s, m = hcall(t, plain, "POST", b.base+"/api/v1/quotes", token, quote)
		if s != 201 || !strings.HasSuffix(m["number"].(string), "-0051") {
			t.Fatalf("B creates the next quote: %d %v", s, m)
		}
	})
}
