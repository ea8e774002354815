package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The load command's driver counts what the server answered: every request it sends
// reaches the server with its method, path, token and body, every answer outside 2xx is
// an error with the first one's text, the latencies are ordered quantiles, and the rate
// counts only the time of its rounds.
func TestAttackCountsWhatTheServerAnswered(t *testing.T) {
	var served, bad atomic.Uint64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != "POST" || r.Header.Get("Authorization") != "Bearer tok" || string(body) != `{"n":1}` ||
			r.Header.Get("Content-Type") != "application/json" || !strings.HasPrefix(r.URL.Path, "/api/v1/things/") {
			bad.Add(1)
		}
		if served.Add(1)%10 == 0 {
			http.Error(w, "tenth refused", http.StatusConflict)
			return
		}
		_, _ = w.Write([]byte(strings.Repeat("x", 40<<10)))
	}))
	defer srv.Close()
	e := endpoint{Name: "POST /things", Method: "POST",
		Path:  func(i uint64) string { return "/api/v1/things/" + strings.Repeat("i", int(i%3)+1) },
		Body:  func(uint64) []byte { return []byte(`{"n":1}`) },
		Token: func(uint64) string { return "tok" }}
	// in three rounds, with a pause between them that counts in neither the rate nor the
	// requests (a list's ceiling runs there)
	var pauses int
	r := attack(srv.URL, e, 4, 300*time.Millisecond, 3, func() { pauses++; time.Sleep(200 * time.Millisecond) }, nil, nil)
	if pauses != 2 {
		t.Fatalf("%d pauses between 3 rounds", pauses)
	}
	if got := r.Rate * 0.3; got < 0.8*float64(r.Requests) || got > 1.25*float64(r.Requests) {
		t.Fatalf("rate %.0f/s over 0.3 s of rounds is %.0f requests, counted %d", r.Rate, got, r.Requests)
	}
	if bad.Load() != 0 {
		t.Fatalf("%d requests reached the server not as sent", bad.Load())
	}
	if r.Requests == 0 || r.Requests != served.Load() {
		t.Fatalf("counted %d requests, the server answered %d", r.Requests, served.Load())
	}
	if r.Errors != served.Load()/10 || !strings.Contains(r.FirstError, "409") || !strings.Contains(r.FirstError, "tenth refused") {
		t.Fatalf("errors %d of %d, first %q", r.Errors, r.Requests, r.FirstError)
	}
	if r.P50 <= 0 || r.P99 < r.P50 || r.Rate <= 0 {
		t.Fatalf("p50 %v p99 %v rate %v", r.P50, r.P99, r.Rate)
	}
}
