// Command backoffice is the whole product in one binary: the HTTP server with the JSON
// API, admin UI and customer portal (serve), schema migrations (migrate), user
// administration (user add) and demo data (seed --demo).
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"backoffice/internal/accounts"
	"backoffice/internal/app"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/db"
	"backoffice/internal/pgcluster"
	"backoffice/internal/platform"
	"backoffice/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "backoffice:", err)
		os.Exit(1)
	}
}

const usage = `usage: backoffice <command>

commands:
  serve [--migrate] [--demo] [--pprof 127.0.0.1:PORT]
                               run the server (--migrate applies pending migrations first,
                               --demo loads demo data when the database has no users,
                               --pprof serves Go profiles on a loopback address)
  migrate up|down|status       manage the schema
  user add --email E --name N --role R [--customer-id ID] --password-stdin
  seed --demo                  load demo data into an empty database
  config                       print the configuration (secrets masked)
  loadtest [-small] [flags]    seed a throwaway cluster, load every list/get/create endpoint, print the table

environment:
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		for _, v := range config.Vars {
			fmt.Fprintf(stdout, "  %-38s %s\n", v[0], v[1])
		}
		return nil
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, args[1:], stdout)
	case "migrate":
		return migrate(ctx, cfg, args[1:], stdout)
	case "user":
		return userCmd(ctx, cfg, args[1:], stdin, stdout)
	case "seed":
		return seed(ctx, cfg, args[1:], stdout)
	case "config":
		fmt.Fprintln(stdout, cfg)
		return nil
	case "loadtest":
		return loadtest(ctx, args[1:], stdout)
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

func logger(cfg *config.Config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.LogLevel))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl}))
}

// open connects to DATABASE_URL or to the private cluster (started or reused).
func open(ctx context.Context, cfg *config.Config, stdout io.Writer) (*db.DB, func(), error) {
	url := cfg.DatabaseURL
	stopCluster := func() {}
	if url == "" {
		cl, err := pgcluster.Start(ctx, pgcluster.Options{Dir: cfg.DataDir})
		if err != nil {
			return nil, nil, err
		}
		if err := cl.CreateDatabase(ctx, "backoffice", ""); err != nil {
			_ = cl.Stop()
			return nil, nil, err
		}
		url = cl.URL("backoffice")
		fmt.Fprintf(stdout, "PostgreSQL: private cluster in %s (port %d)\n", cl.Dir, cl.Port)
		stopCluster = func() {
			if err := cl.Stop(); err != nil {
				fmt.Fprintln(os.Stderr, err)
			}
		}
	}
	database, err := db.Open(ctx, url)
	if err != nil {
		stopCluster()
		return nil, nil, err
	}
	return database, func() { database.Close(); stopCluster() }, nil
}

func migrate(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: backoffice migrate up|down|status")
	}
	database, closeDB, err := open(ctx, cfg, stdout)
	if err != nil {
		return err
	}
	defer closeDB()
	switch args[0] {
	case "up":
		names, err := database.MigrateUp(ctx)
		if err != nil {
			return err
		}
		if len(names) == 0 {
			fmt.Fprintln(stdout, "schema is current")
		}
		for _, n := range names {
			fmt.Fprintln(stdout, "applied", n)
		}
	case "down":
		names, err := database.MigrateDown(ctx)
		if err != nil {
			return err
		}
		for _, n := range names {
			fmt.Fprintln(stdout, "rolled back", n)
		}
	case "status":
		applied, pending, err := database.Status(ctx)
		if err != nil {
			return err
		}
		for _, n := range applied {
			fmt.Fprintln(stdout, "applied ", n)
		}
		for _, n := range pending {
			fmt.Fprintln(stdout, "pending ", n)
		}
	default:
		return errors.New("usage: backoffice migrate up|down|status")
	}
	return nil
}

// testClockOf finds the settable test clock the accounts module serves, if enabled.
func testClockOf(modules []platform.Module) *clock.Settable {
	for _, m := range modules {
		if a, ok := m.(*accounts.Module); ok {
			return a.TestClock
		}
	}
	return nil
}

func clocks(cfg *config.Config) (clock.Clock, *clock.Settable) {
	if cfg.TestClock {
		s := clock.NewSettable(clock.Real{})
		return s, s
	}
	return clock.Real{}, nil
}

func assemble(cfg *config.Config, database *db.DB, log *slog.Logger) (*platform.Deps, []platform.Module, error) {
	clk, settable := clocks(cfg)
	deps, err := app.Deps(cfg, database, clk, log)
	if err != nil {
		return nil, nil, err
	}
	return deps, Modules(deps, settable), nil
}

func serve(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	doMigrate := fs.Bool("migrate", false, "apply pending migrations first")
	demo := fs.Bool("demo", false, "load demo data when the database has no users")
	pprofAddr := fs.String("pprof", "", "serve Go profiles (net/http/pprof) on this loopback address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pprofAddr != "" {
		if err := servePprof(*pprofAddr); err != nil {
			return err
		}
	}
	log := logger(cfg, os.Stderr)
	fmt.Fprintln(stdout, "config:", cfg)
	gcPercent, memLimit := server.TuneGC()
	log.Info("gc", "gogc", gcPercent, "memory_limit_mb", memLimit>>20)
	if cfg.DatabaseURL == "" {
		release, err := lockDataDir(cfg.DataDir)
		if err != nil {
			return err
		}
		defer release()
	}
	database, closeDB, err := open(ctx, cfg, stdout)
	if err != nil {
		return err
	}
	defer closeDB()
	if *doMigrate {
		names, err := database.MigrateUp(ctx)
		if err != nil {
			return err
		}
		for _, n := range names {
			fmt.Fprintln(stdout, "applied migration", n)
		}
	}
	if err := database.CheckCurrent(ctx); err != nil {
		return err
	}
	deps, modules, err := assemble(cfg, database, log)
	if err != nil {
		return err
	}
	if created, err := accounts.EnsureBootstrapAdmin(ctx, deps.DB, cfg.BootstrapAdminEmail, cfg.BootstrapAdminPassword, deps.Clock.Now()); err != nil {
		return err
	} else if created {
		fmt.Fprintln(stdout, "created bootstrap admin", cfg.BootstrapAdminEmail)
	}
	srv, err := server.New(deps, database, modules, server.Options{Jobs: true})
	if err != nil {
		return err
	}
	// After server.New: the subscriptions are registered, so the events the demo
	// publishes reach their subscribers.
	if *demo {
		seeded, err := app.SeedDemo(ctx, deps, modules)
		if err != nil {
			return err
		}
		if seeded {
			fmt.Fprintln(stdout, "loaded demo data")
		}
		printLogins(stdout)
	}
	if settable := testClockOf(modules); settable != nil {
		// Several instances on one database share the test clock (issue 9).
		if err := accounts.LoadTestClock(ctx, deps.DB, settable); err != nil {
			return err
		}
		go accounts.FollowTestClock(ctx, deps.DB, settable, time.Second, log)
	}
	if err := srv.Start(ctx); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.App.Listen(cfg.Addr) }()
	fmt.Fprintf(stdout, "Backoffice is listening on http://%s\n", cfg.Addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "shutting down…")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func printLogins(w io.Writer) {
	fmt.Fprintf(w, "demo logins (password %q):\n", app.DemoPassword)
	for _, l := range app.DemoLogins {
		fmt.Fprintf(w, "  %-40s %s\n", l[0], l[1])
	}
}

func seed(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "--demo" {
		return errors.New("usage: backoffice seed --demo")
	}
	database, closeDB, err := open(ctx, cfg, stdout)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := database.CheckCurrent(ctx); err != nil {
		return err
	}
	deps, modules, err := assemble(cfg, database, logger(cfg, io.Discard))
	if err != nil {
		return err
	}
	seeded, err := app.SeedDemo(ctx, deps, modules)
	if err != nil {
		return err
	}
	if !seeded {
		return errors.New("the database already has users; demo data is only loaded into an empty database")
	}
	fmt.Fprintln(stdout, "loaded demo data")
	printLogins(stdout)
	return nil
}

func userCmd(ctx context.Context, cfg *config.Config, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: backoffice user add --email E --name N --role R [--customer-id ID] --password-stdin")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	email := fs.String("email", "", "e-mail address")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "admin, account_manager, technician or customer")
	customerID := fs.Int64("customer-id", 0, "customer company (role customer)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if !*pwStdin {
		return errors.New("user add: pass the password on standard input with --password-stdin")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	in := accounts.UserInput{Email: *email, Name: *name, Role: *role, Password: strings.TrimRight(line, "\r\n")}
	if *customerID != 0 {
		in.CustomerID = customerID
	}
	database, closeDB, err := open(ctx, cfg, stdout)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := database.CheckCurrent(ctx); err != nil {
		return err
	}
	if err := validateUser(&in); err != nil {
		return err
	}
	u, err := accounts.CreateUser(ctx, database.Bun, in, clock.Real{}.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %d %s (%s)\n", u.ID, u.Email, u.Role)
	return nil
}
