package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/pgcluster"
)

// loadOptions are the flags of `backoffice loadtest`.
type loadOptions struct {
	v              volumes
	clients        int
	duration       time.Duration
	ceilingFor     time.Duration
	rounds         int
	addr           string
	only           *regexp.Regexp
	keepServerLogs bool
	profileDir     string // a CPU profile of the server per endpoint, when set
}

func parseLoadFlags(args []string) (*loadOptions, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	o := &loadOptions{}
	small := fs.Bool("small", false, "quick run: 5,000 tickets, 5,000 quotes, 20,000 hour entries over 25 placements, 3 s per endpoint")
	fs.IntVar(&o.v.Tickets, "tickets", 100000, "tickets to seed (about 6 events each)")
	fs.IntVar(&o.v.Quotes, "quotes", 100000, "quotes to seed (3 lines each)")
	fs.IntVar(&o.v.Orders, "orders", 10000, "orders (and contracts) to seed")
	fs.IntVar(&o.v.Placements, "placements", 250, "placements to seed (one technician each)")
	fs.IntVar(&o.v.Hours, "hours", 1000000, "hour entries to seed over the placements")
	fs.IntVar(&o.v.Customers, "customers", 200, "customers to seed")
	fs.IntVar(&o.v.Audit, "audit", 200000, "audit entries to seed")
	fs.IntVar(&o.v.Invoices, "invoices", 100000, "issued invoices to seed (60 % paid)")
	fs.IntVar(&o.v.Items, "items", 100000, "delivered hardware items to seed (two per delivery)")
	fs.IntVar(&o.clients, "clients", 8, "concurrent clients")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "time per endpoint")
	fs.DurationVar(&o.ceilingFor, "ceiling-duration", 10*time.Second, "time per list's raw SQL ceiling")
	fs.IntVar(&o.rounds, "rounds", 4, "rounds a list and its ceiling take in turn (each round a share of -duration and -ceiling-duration)")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:18093", "loopback address for the server under test")
	only := fs.String("only", "", "regular expression: drive only the endpoints whose name matches")
	fs.BoolVar(&o.keepServerLogs, "server-logs", false, "print the server's log at the end")
	fs.StringVar(&o.profileDir, "profile", "", "write the server's and the load command's own CPU profiles while driving each endpoint into this directory (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if *small {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		def := func(name string, p *int, v int) {
			if !set[name] {
				*p = v
			}
		}
		def("tickets", &o.v.Tickets, 5000)
		def("quotes", &o.v.Quotes, 5000)
		def("orders", &o.v.Orders, 1000)
		def("placements", &o.v.Placements, 25)
		def("hours", &o.v.Hours, 20000)
		def("customers", &o.v.Customers, 50)
		def("audit", &o.v.Audit, 10000)
		def("invoices", &o.v.Invoices, 5000)
		def("items", &o.v.Items, 5000)
		if !set["duration"] {
			o.duration = 3 * time.Second
		}
		if !set["ceiling-duration"] {
			o.ceilingFor = 2 * time.Second
		}
	}
	if !strings.HasPrefix(o.addr, "127.0.0.1:") && !strings.HasPrefix(o.addr, "[::1]:") {
		return nil, errors.New("loadtest: -addr must be a loopback address")
	}
	if o.rounds < 1 || o.rounds > 20 || o.duration < time.Second || o.ceilingFor < time.Second || o.clients < 1 || o.clients > 256 {
		return nil, errors.New("loadtest: need 1 ≤ rounds ≤ 20, 1 ≤ clients ≤ 256, -duration and -ceiling-duration ≥ 1s")
	}
	if o.v.Placements < o.clients || o.v.Hours/o.v.Placements < 160 || o.v.Orders > o.v.Quotes || o.v.Customers < 1 || o.v.Tickets < 1200 ||
		o.v.Invoices < 1 || o.v.Items < 2 || o.v.Orders < 1 {
		return nil, errors.New("loadtest: need placements ≥ clients, ≥ 160 hour entries per placement, 1 ≤ orders ≤ quotes, tickets ≥ 1200, invoices ≥ 1, items ≥ 2")
	}
	var err error
	if *only != "" {
		if o.only, err = regexp.Compile(*only); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// loadtest seeds a throwaway private cluster, starts the real server on loopback, drives
// every list, get and create endpoint with vegeta, runs each list's SQL straight through
// pgx for the ceiling, prints one table and removes everything it made.
func loadtest(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parseLoadFlags(args)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "backoffice-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	start := time.Now()
	cl, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Ephemeral: true})
	if err != nil {
		return err
	}
	defer cl.Stop() //nolint:errcheck
	if err := cl.CreateDatabase(ctx, "load", ""); err != nil {
		return err
	}
	url := cl.URL("load")
	database, err := db.Open(ctx, url)
	if err != nil {
		return err
	}
	defer database.Close()
	if _, err := database.MigrateUp(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeding %+v\n", o.v)
	now := time.Now().UTC().Truncate(time.Minute)
	s, err := seedBulk(ctx, database, o.v, now, stdout)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	pprofAddr := ""
	if o.profileDir != "" {
		if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
			return err
		}
		if pprofAddr, err = freePort(); err != nil {
			return err
		}
	}
	srv, ready, err := startServer(ctx, dir, url, o.addr, pprofAddr)
	if err != nil {
		return err
	}
	defer srv.stop(stdout, o.keepServerLogs)
	base := "http://" + o.addr + "/api/v1"
	admin, err := auth.IssueToken(ctx, database.Bun, s.AdminID, now)
	if err != nil {
		return err
	}
	techs := make([]string, o.clients)
	for i := range techs {
		if techs[i], err = auth.IssueToken(ctx, database.Bun, s.Technicians[i], now); err != nil {
			return err
		}
	}
	if err := seedOrders(ctx, database, base, admin, o.v, s, now, stdout); err != nil {
		return fmt.Errorf("seed orders: %w", err)
	}
	if err := seedLists(ctx, database, o.v, now, stdout); err != nil {
		return fmt.Errorf("seed lists: %w", err)
	}
	if _, err := database.Pool.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		return err
	}
	eps, err := allEndpoints(ctx, database.Pool, base, admin, techs, o.v, s, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded and started in %.0fs; serve ready in %.2fs; driving %d clients, %s per endpoint\n",
		time.Since(start).Seconds(), ready.Seconds(), o.clients, o.duration)
	var results []result
	for _, e := range eps {
		if o.only != nil && !o.only.MatchString(e.Name) {
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// A list and its ceiling take turns, in rounds, so that a slow spell of the
		// shared VM weighs on both sides of the ratio alike (run after run on the same
		// code the cheap lists' ratios swung 10–20 points when each side ran once).
		// A profiled run drives each endpoint in one piece (the profile covers it).
		rounds, between := 1, func() {}
		var cr ceilingRounds
		if e.Ceiling != nil {
			if o.profileDir == "" {
				rounds = o.rounds
			}
			between = func() { cr.run(ctx, database.Pool, e.Ceiling, o.clients, o.ceilingFor/time.Duration(rounds)) }
		}
		prof := startProfile(pprofAddr, o.profileDir, e.Name, o.duration)
		var serverCPU cpuClock
		if srv.cpu() >= 0 {
			serverCPU = srv.cpu
		}
		r := attack("http://"+o.addr, e, o.clients, o.duration, rounds, between, serverCPU, selfCPU)
		if err := prof(); err != nil {
			fmt.Fprintf(stdout, "  profile of %s: %v\n", e.Name, err)
		}
		if e.Ceiling != nil {
			between() // the last round of the ceiling
			r.HasCeiling, r.CeilingRate, r.CeilingErrors = true, cr.rate(), cr.err
		}
		fmt.Fprintf(stdout, "  %-44s %8.1f req/s\n", r.Name, r.Rate)
		results = append(results, r)
	}
	rss, peak := srv.rss()
	printTable(stdout, results, o, rss, peak, ready)
	return nil
}

// printTable writes the one table of the run (Markdown, for the README and issue notes).
func printTable(w io.Writer, rs []result, o *loadOptions, rss, peak string, ready time.Duration) {
	fmt.Fprintf(w, "\n%d tickets, %d quotes, %d orders, %d hour entries over %d placements, %d invoices, %d hardware items; %d clients, %s each; serve ready %.2fs; server RSS %s (peak %s)\n\n",
		o.v.Tickets, o.v.Quotes, o.v.Orders, o.v.Hours, o.v.Placements, o.v.Invoices, o.v.Items, o.clients, o.duration, ready.Seconds(), rss, peak)
	fmt.Fprintln(w, "| endpoint | req/s | p50 | p99 | errors | server CPU/req | driver CPU/req | raw SQL req/s | % of ceiling |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		ceil, pct := "", ""
		if r.HasCeiling && r.CeilingRate > 0 {
			ceil, pct = fmt.Sprintf("%.0f", r.CeilingRate), fmt.Sprintf("%.0f %%", 100*r.Rate/r.CeilingRate)
		}
		cpu, drv := "?", "?"
		if r.ServerCPU > 0 {
			cpu = fmt.Sprintf("%.0f µs", float64(r.ServerCPU)/float64(time.Microsecond))
		}
		if r.DriverCPU > 0 {
			drv = fmt.Sprintf("%.0f µs", float64(r.DriverCPU)/float64(time.Microsecond))
		}
		fmt.Fprintf(w, "| `%s` | %.1f | %s | %s | %d | %s | %s | %s | %s |\n", r.Name, r.Rate, ms(r.P50), ms(r.P99), r.Errors, cpu, drv, ceil, pct)
	}
	for _, r := range rs {
		if r.FirstError != "" {
			fmt.Fprintf(w, "first error of %s: %s\n", r.Name, r.FirstError)
		}
		if r.CeilingErrors != "" {
			fmt.Fprintf(w, "ceiling error of %s: %s\n", r.Name, r.CeilingErrors)
		}
	}
}

func ms(d time.Duration) string {
	if d >= 100*time.Millisecond {
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// child is the `backoffice serve` child process under test.
type child struct {
	cmd *exec.Cmd
	log string
}

// startServer runs this binary's serve command against url on addr (with its profiles on
// pprofAddr, if set) and waits for /readyz; it returns the time from exec to ready.
func startServer(ctx context.Context, dir, url, addr, pprofAddr string) (*child, time.Duration, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, 0, err
	}
	logPath := filepath.Join(dir, "server.log")
	lf, err := os.Create(logPath)
	if err != nil {
		return nil, 0, err
	}
	cmd := exec.Command(self, "serve")
	if pprofAddr != "" {
		cmd.Args = append(cmd.Args, "-pprof", pprofAddr)
	}
	cmd.Env = append(os.Environ(), "DATABASE_URL="+url, "BACKOFFICE_ADDR="+addr, "BACKOFFICE_LOG_LEVEL=warn",
		"BACKOFFICE_ENV=development", "BACKOFFICE_DATA_DIR="+filepath.Join(dir, "data"), "BACKOFFICE_TEST_CLOCK=")
	cmd.Stdout, cmd.Stderr = lf, lf
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	s := &child{cmd: cmd, log: logPath}
	for time.Since(t0) < 60*time.Second {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, time.Since(t0), nil
			}
		}
		if ctx.Err() != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.stop(os.Stderr, true)
	return nil, 0, errors.New("loadtest: the server did not become ready within 60 s")
}

// rss reads the server's resident set size now and its peak, from /proc.
func (s *child) rss() (now, peak string) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return "?", "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && f[0] == "VmRSS:" {
			now = kbToMB(f[1])
		}
		if len(f) >= 2 && f[0] == "VmHWM:" {
			peak = kbToMB(f[1])
		}
	}
	return now, peak
}

// selfCPU is the CPU time the load command itself has used so far (user and system): the
// load generator's share of the two cores.
func selfCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// cpu is the CPU time the server has used so far (user and system, all its threads), from
// /proc/PID/stat in clock ticks of 1/100 s (USER_HZ, 100 on Linux); -1 when unreadable.
// Divided by the requests of a run it is the server's own cost per request, steadier from
// run to run than a rate on two cores shared with PostgreSQL and the load generator.
func (s *child) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	// the fields after the command name, which is in parentheses and may hold spaces
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func kbToMB(kb string) string {
	var n float64
	fmt.Sscan(kb, &n)
	return fmt.Sprintf("%.0f MB", n/1024)
}

func (s *child) stop(w io.Writer, showLog bool) {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	if showLog {
		if b, err := os.ReadFile(s.log); err == nil {
			fmt.Fprintf(w, "--- server log ---\n%s\n", b)
		}
	}
}
