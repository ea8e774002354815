package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/valyala/fasthttp"
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

// attack drives e with clients concurrent workers for du, each with one request in flight
// on its own keep-alive connection, and summarises the results. The driver is fasthttp's
// client: every answer is read to its end into a buffer the worker reuses, so the load
// generator, which shares the two cores with the server and PostgreSQL, spends 10–20 µs
// of them a request, where vegeta (net/http, a Result per request) spent 40 µs on
// GET /healthz and 80 µs on a 30 KB list page ("driver CPU/req" in the table).
func attack(addr string, e endpoint, clients int, du time.Duration) result {
	hc := &fasthttp.HostClient{Addr: addr, MaxConns: clients, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, NoDefaultUserAgentHeader: true, MaxIdemponentCallAttempts: 1,
		ReadBufferSize: 64 << 10} // a list page in one read
	var n atomic.Uint64
	var mu sync.Mutex
	var wg sync.WaitGroup
	r := result{Name: e.Name}
	var all []time.Duration
	start := time.Now()
	deadline := start.Add(du)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			lat := make([]time.Duration, 0, 1<<14)
			var errs uint64
			var first string
			for time.Now().Before(deadline) {
				i := n.Add(1) - 1
				req.Reset()
				req.Header.SetMethod(e.Method)
				req.SetRequestURI("http://" + addr + e.Path(i))
				req.Header.Set("Authorization", "Bearer "+e.Token(i))
				req.Header.Set("Accept", "application/json")
				if e.Body != nil {
					req.SetBody(e.Body(i))
					req.Header.SetContentType("application/json")
				}
				t0 := time.Now()
				err := hc.Do(req, resp)
				lat = append(lat, time.Since(t0))
				if code := resp.StatusCode(); err != nil || code < 200 || code >= 300 {
					errs++
					if first == "" {
						first = fmt.Sprintf("%d %v %.200s", code, err, resp.Body())
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			all = append(all, lat...)
			r.Errors += errs
			if r.FirstError == "" {
				r.FirstError = first
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	r.Requests = uint64(len(all))
	if len(all) > 0 {
		slices.Sort(all)
		r.P50, r.P99 = quantile(all, 0.50), quantile(all, 0.99)
		r.Rate = float64(len(all)) / elapsed.Seconds()
	}
	return r
}

// quantile is the nearest-rank q-quantile of the sorted latencies.
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
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
