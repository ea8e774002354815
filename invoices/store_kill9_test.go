package invoices_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// TestKill9DuringRun starts the real binary on the test database, starts an invoice run
// through the API and kills the server with SIGKILL while the run's transaction is
// working. PostgreSQL rolls it back: no invoice, no charge change, no number consumed;
// the next run numbers from 1 without a gap (INV-1). Runs in 2021 (test clock).
func TestKill9DuringRun(t *testing.T) {
	s := newApp(t, time.Date(2021, 2, 1, 6, 0, 0, 0, clock.Amsterdam))
	db := s.svc.DB
	ctx := context.Background()
	bin := filepath.Join(t.TempDir(), "backoffice")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/backoffice").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	month := civil.D(2021, 1, 1)
	const n = 4000
	seedRunCharges(t, s, "kill9", n, month)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(bin, "serve")
	srv.Env = append(os.Environ(), "DATABASE_URL="+testkit.URL(t), "BACKOFFICE_ADDR="+addr, "BACKOFFICE_TEST_CLOCK=1", "BACKOFFICE_ENV=development",
		"BACKOFFICE_DATA_DIR="+t.TempDir())
	var logs bytes.Buffer
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Process.Kill(); _, _ = srv.Process.Wait() }()
	admin := testkit.Login(t, auth.Admin, nil)
	call := func(method, path, body string) (*http.Response, error) {
		req, _ := http.NewRequest(method, "http://"+addr+path, bytes.NewBufferString(body))
		req.Header.Set("Authorization", "Bearer "+admin.Token)
		req.Header.Set("Content-Type", "application/json")
		return http.DefaultClient.Do(req)
	}
	up := false
	for i := 0; i < 300 && !up; i++ {
		if r, err := call("GET", "/api/v1/invoices?limit=1", ""); err == nil && r.StatusCode == 200 {
			up = true
			r.Body.Close()
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !up {
		t.Fatalf("server did not start:\n%s", logs.String())
	}
	if r, err := call("PUT", "/api/v1/test/clock", `{"now": "2021-02-01T06:00:00+01:00"}`); err != nil || r.StatusCode != 200 {
		t.Fatalf("test clock: %v %v", r, err)
	}
	go func() { _, _ = call("POST", "/api/v1/invoice-runs", `{"until": "2021-01-31", "dry_run": false}`) }()
	lockHeld := `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
		AND objid = ((hashtext('invoices.run')::bigint) & 4294967295)::text::oid`
	held := func() int {
		var v int
		if err := db.NewRaw(lockHeld).Scan(ctx, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	deadline := time.Now().Add(60 * time.Second)
	for held() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if held() == 0 {
		t.Fatalf("the run never started:\n%s", logs.String())
	}
	time.Sleep(300 * time.Millisecond)
	if err := srv.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	_, _ = srv.Process.Wait()
	for held() > 0 && time.Now().Before(deadline.Add(30*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	assertInterruptedRunLeftNothing(t, s, "kill9", month, n, [2]string{"INV-1_kill_9_mid_run_leaves_nothing_and_consumes_no_number", "INV-1_next_run_after_kill_9_is_gapless_from_1"})
}
