package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	vegeta "github.com/tsenart/vegeta/v12/lib"
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

// cpuClock reads a process's CPU time so far (the server's, or the load command's own).
type cpuClock func() time.Duration

// attack drives e with clients concurrent workers for du in rounds and summarises the
// results; after each round but the last it calls between (a list's ceiling round), which
// counts in neither the rate nor the CPU figures. server and self, when set, give the
// server's and the generator's CPU per request over the rounds.
func attack(base string, e endpoint, clients int, du time.Duration, rounds int, between func(), server, self cpuClock) result {
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
	// the two cores with the server, pay for its own copies. The 30 s timeout is the
	// connection's read and write deadlines (net/http's client timeout ran a timer and a
	// cancellation per request: 8 % of the generator's CPU).
	client := &http.Client{Transport: newFastTransport(base, clients)}
	var m vegeta.Metrics // the latencies of all rounds
	r := result{Name: e.Name}
	rounds = max(rounds, 1)
	var elapsed, serverCPU, selfCPU time.Duration
	for k := range rounds {
		d := du / time.Duration(rounds)
		if k == rounds-1 {
			d = du - d*time.Duration(rounds-1)
		}
		// the garbage of what ran before (a ceiling round boxes every value of every row it
		// reads) is collected before the round, not by the generator during it: with the
		// defect list's ceiling between its rounds the generator's CPU per page went 43 →
		// 71–78 µs, taken from the server under test
		runtime.GC()
		var c0, s0 time.Duration
		if server != nil {
			c0 = server()
		}
		if self != nil {
			s0 = self()
		}
		// an attacker stops for good at the end of its attack: one per round, over the
		// same connections
		atk := vegeta.NewAttacker(vegeta.Client(client), vegeta.Workers(uint64(clients)), vegeta.MaxWorkers(uint64(clients)),
			vegeta.Redirects(vegeta.NoFollow), vegeta.MaxBody(1024))
		t0 := time.Now()
		for res := range atk.Attack(targeter, vegeta.Rate{Freq: 0}, d, e.Name) {
			m.Add(res)
			if res.Code < 200 || res.Code >= 300 {
				r.Errors++
				if r.FirstError == "" {
					r.FirstError = fmt.Sprintf("%d %s %.200s", res.Code, res.Error, res.Body)
				}
			}
		}
		elapsed += time.Since(t0)
		if server != nil {
			serverCPU += server() - c0
		}
		if self != nil {
			selfCPU += self() - s0
		}
		if k < rounds-1 && between != nil {
			between()
		}
	}
	m.Close()
	r.Requests, r.P50, r.P99 = m.Requests, m.Latencies.P50, m.Latencies.P99
	if elapsed > 0 {
		r.Rate = float64(r.Requests) / elapsed.Seconds()
	}
	if r.Requests > 0 {
		r.ServerCPU = serverCPU / time.Duration(r.Requests)
		r.DriverCPU = selfCPU / time.Duration(r.Requests)
	}
	return r
}

// fastTransport carries vegeta's requests over fasthttp's client (the server's own HTTP
// library): one keep-alive connection per worker, the request written and the answer read
// on the worker's goroutine into pooled buffers. net/http's transport hands every request
// to a write goroutine and every answer back from a read goroutine, and parks and wakes
// all three: with it the load generator spent 55–60 µs of the two shared cores on a
// 7 KB list page (27 µs on /healthz), as much as half the server's own cost, and every
// microsecond it takes is one the server under test does not get ("driver CPU/req").
//
// An answer's first KiB is buffered, the rest streamed from the connection's read buffer
// as vegeta reads it to the end (and thrown away): a whole body in fasthttp's calibrated
// buffer pool grew anew for every page larger than the pages before it (a 25 KB defect
// page after 7 KB payment pages: 71–78 µs of the generator a page against 43 alone).
type fastTransport struct {
	hc *fasthttp.HostClient
}

func newFastTransport(base string, clients int) *fastTransport {
	return &fastTransport{hc: &fasthttp.HostClient{Addr: strings.TrimPrefix(base, "http://"), MaxConns: clients,
		ReadBufferSize: 64 << 10, WriteBufferSize: 8 << 10, MaxIdleConnDuration: time.Minute, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		MaxConnWaitTimeout: 30 * time.Second, NoDefaultUserAgentHeader: true, DisablePathNormalizing: true,
		MaxResponseBodySize: 1 << 10, StreamResponseBody: true}}
}

// RoundTrip sends r and returns the answer; its body must be closed, which reads what is
// left of it and gives the connection back.
func (t *fastTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	req.Header.SetMethod(r.Method)
	req.SetRequestURI(r.URL.RequestURI())
	req.Header.SetHost(r.URL.Host)
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if r.Body != nil {
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			fasthttp.ReleaseResponse(resp)
			return nil, err
		}
		req.SetBodyRaw(body)
	}
	if err := t.hc.Do(req, resp); err != nil {
		fasthttp.ReleaseResponse(resp)
		return nil, err
	}
	code := resp.StatusCode()
	return &http.Response{StatusCode: code, Status: strconv.Itoa(code) + " " + fasthttp.StatusMessage(code),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, Body: &fastBody{resp: resp, r: resp.BodyStream()},
		ContentLength: int64(resp.Header.ContentLength()), Request: r}, nil
}

// fastBody reads an answer's body from its stream and releases the answer when closed.
// It stops at the stream's end itself: a chunked stream read past its last chunk waits
// for another one from the connection.
type fastBody struct {
	resp   *fasthttp.Response
	r      io.Reader // nil once read to its end
	broken bool      // a read failed: the connection is closed, not reused
}

func (b *fastBody) Read(p []byte) (int, error) {
	if b.r == nil {
		return 0, io.EOF
	}
	n, err := b.r.Read(p)
	if err != nil {
		b.r, b.broken = nil, err != io.EOF
	}
	return n, err
}

func (b *fastBody) Close() error {
	if b.resp == nil {
		return nil
	}
	var err error
	if b.r != nil {
		_, err = io.Copy(io.Discard, b) // the connection carries the next answer
	}
	if b.broken {
		b.resp.SetConnectionClose()
	}
	fasthttp.ReleaseResponse(b.resp)
	b.resp, b.r = nil, nil
	return err
}

// ceilingRounds adds up a list's ceiling over its rounds.
type ceilingRounds struct {
	runs    int64
	elapsed time.Duration
	err     string // the first error
}

// run runs one round of c for du.
func (cr *ceilingRounds) run(ctx context.Context, pool *pgxpool.Pool, c *ceiling, clients int, du time.Duration) {
	n, elapsed, err := runCeiling(ctx, pool, c, clients, du)
	if err != nil && cr.err == "" {
		cr.err = err.Error()
	}
	cr.runs, cr.elapsed = cr.runs+n, cr.elapsed+elapsed
}

// rate is the ceiling's queries per second over all its rounds.
func (cr *ceilingRounds) rate() float64 {
	if cr.elapsed <= 0 {
		return 0
	}
	return float64(cr.runs) / cr.elapsed.Seconds()
}

// runCeiling runs c with clients goroutines for du straight through pgx (statements
// prepared and cached by pgx, every row read) and returns how many times it ran and in
// how long.
func runCeiling(ctx context.Context, pool *pgxpool.Pool, c *ceiling, clients int, du time.Duration) (int64, time.Duration, error) {
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
	return n.Load(), time.Since(start), first
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
