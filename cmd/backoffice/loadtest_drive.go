package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// endpoint is one request shape the load command drives.
type endpoint struct {
	Name    string
	Method  string
	Path    func(i uint64) string // i counts the requests of this endpoint
	Body    func(i uint64) []byte
	Token   func(i uint64) string
	Ceiling *ceiling // the list's own SQL, run straight through pgx
}

// ceiling is a list's main SQL with its arguments; Then are further statements the
// list runs per request (whatever their count, not per row).
type ceiling struct {
	SQL  string
	Args []any
	Then []ceiling
}

// run executes c and its Then statements once, reading every row.
func (c *ceiling) run(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, c.SQL, c.Args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if _, err = rows.Values(); err != nil {
			break
		}
	}
	rows.Close()
	if err == nil {
		err = rows.Err()
	}
	for i := 0; err == nil && i < len(c.Then); i++ {
		err = c.Then[i].run(ctx, pool)
	}
	return err
}

// result is one row of the table.
type result struct {
	Name          string
	Rate          float64
	P50, P99      time.Duration
	Requests      uint64
	ServerCPU     time.Duration // the server's CPU time per request
	DriverCPU     time.Duration // the load generator's own CPU time per request
	Errors        uint64
	FirstError    string
	CeilingRate   float64
	HasCeiling    bool
	CeilingErrors string
}

// attack drives e with clients concurrent workers for du and summarises the results.
func attack(base string, e endpoint, clients int, du time.Duration) result {
	var n atomic.Uint64
	targeter := func(t *vegeta.Target) error {
		i := n.Add(1) - 1
		t.Method, t.URL = e.Method, base+e.Path(i)
		t.Header = http.Header{"Authorization": {"Bearer " + e.Token(i)}, "Accept": {"application/json"}}
		if e.Body != nil {
			t.Body = e.Body(i)
			t.Header.Set("Content-Type", "application/json")
		}
		return nil
	}
	// every answer is read to its end, but only its first KiB is kept (the first error's
	// text): collecting each 30 KB list page would make the load generator, which shares
	// the two cores with the server, pay for its own copies. Its connections read 64 KB at
	// a time: with net/http's 4 KB a 30 KB page took eight reads, and the generator spent
	// 80 µs of the shared cores a page, as much as the server ("driver CPU/req").
	client := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext,
		ReadBufferSize: 64 << 10, WriteBufferSize: 8 << 10, DisableCompression: true, MaxConnsPerHost: clients}}
	atk := vegeta.NewAttacker(vegeta.Client(client), vegeta.Workers(uint64(clients)), vegeta.MaxWorkers(uint64(clients)),
		vegeta.Connections(clients), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second), vegeta.Redirects(vegeta.NoFollow),
		vegeta.MaxBody(1024))
	var m vegeta.Metrics
	r := result{Name: e.Name}
	for res := range atk.Attack(targeter, vegeta.Rate{Freq: 0}, du, e.Name) {
		m.Add(res)
		if res.Code < 200 || res.Code >= 300 {
			r.Errors++
			if r.FirstError == "" {
				r.FirstError = fmt.Sprintf("%d %s %.200s", res.Code, res.Error, res.Body)
			}
		}
	}
	m.Close()
	r.Requests, r.P50, r.P99 = m.Requests, m.Latencies.P50, m.Latencies.P99
	if m.Duration > 0 {
		r.Rate = float64(m.Requests) / (m.Duration + m.Wait).Seconds()
	}
	return r
}

// runCeiling runs c with clients goroutines for du straight through pgx (statements
// prepared and cached by pgx, every row read) and returns queries per second.
func runCeiling(ctx context.Context, pool *pgxpool.Pool, c *ceiling, clients int, du time.Duration) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, du)
	defer cancel()
	var n atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if err := c.run(ctx, pool); err != nil {
					if ctx.Err() == nil {
						once.Do(func() { first = err })
					}
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return float64(n.Load()) / time.Since(start).Seconds(), first
}

// call makes one request (setup steps) and decodes the JSON answer into out.
func call(ctx context.Context, base, method, path, token string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 500))
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(res.Body).Decode(out)
}

// decodeCursor reads a list's opaque after cursor (base64url JSON).
func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
