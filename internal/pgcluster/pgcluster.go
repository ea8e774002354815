// Package pgcluster starts and reuses a private PostgreSQL cluster from the machine's
// server binaries, so `make run` and `make test` need no database set up by hand.
// When the process runs as root (CI, containers) the cluster runs as the `postgres`
// OS user through runuser, because initdb refuses root.
package pgcluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNoBinaries is returned when no PostgreSQL server binaries can be found.
var ErrNoBinaries = errors.New("pgcluster: no PostgreSQL server binaries (initdb, pg_ctl) found on PATH or in /usr/lib/postgresql/*/bin; install them with: apt-get update && apt-get install -y postgresql")

// Options shape a cluster.
type Options struct {
	Dir       string // data directory root; the cluster lives in Dir/pg
	Ephemeral bool   // fsync off and friends: for throwaway test clusters
	Port      int    // 0 picks a free port
}

// Cluster is a running private cluster.
type Cluster struct {
	Dir     string
	Port    int
	Socket  string
	bin     string
	runAs   string
	started bool // whether this process started it (and so should stop it)
}

type state struct {
	Port   int    `json:"port"`
	Socket string `json:"socket"`
}

// FindBinaries returns the directory holding initdb and pg_ctl, newest version first.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if fileExists(filepath.Join(filepath.Dir(p), "initdb")) && fileExists(filepath.Join(filepath.Dir(p), "postgres")) {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if versionOf(d) < 15 {
			continue
		}
		if fileExists(filepath.Join(d, "initdb")) && fileExists(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// Start initialises the cluster on first use and starts it, or reuses one that is
// already running in the same directory (a running `serve` shares with `migrate`).
func Start(ctx context.Context, opt Options) (*Cluster, error) {
	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	root, err := filepath.Abs(opt.Dir)
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: filepath.Join(root, "pg"), Socket: filepath.Join(root, "sock"), bin: bin}
	if os.Geteuid() == 0 {
		c.runAs = "postgres"
		if _, err := user.Lookup("postgres"); err != nil {
			return nil, fmt.Errorf("pgcluster: running as root needs the postgres OS user (it comes with apt-get install postgresql): %w", err)
		}
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	for _, d := range []string{c.Dir, c.Socket} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
		if err := c.own(d); err != nil {
			return nil, err
		}
	}
	if !fileExists(filepath.Join(c.Dir, "PG_VERSION")) {
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
	}
	if st, ok := c.running(ctx, root); ok {
		c.Port = st.Port
		return c, nil
	}
	c.Port = opt.Port
	if c.Port == 0 {
		if c.Port, err = freePort(); err != nil {
			return nil, err
		}
	}
	args := []string{"-D", c.Dir, "-w", "-t", "60", "-l", filepath.Join(c.Dir, "server.log"), "start", "-o",
		fmt.Sprintf("-p %d -k %s -c listen_addresses='' -c max_connections=200", c.Port, c.Socket)}
	if opt.Ephemeral {
		args[len(args)-1] += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB"
	}
	if out, err := c.cmd(ctx, "pg_ctl", args...).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.Dir, "server.log"))
		return nil, fmt.Errorf("pgcluster: pg_ctl start: %v: %s\n%s", err, out, tail(log, 2000))
	}
	c.started = true
	b, _ := json.Marshal(state{Port: c.Port, Socket: c.Socket})
	if err := os.WriteFile(filepath.Join(root, "cluster.json"), b, 0o644); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Cluster) running(ctx context.Context, root string) (state, bool) {
	var st state
	b, err := os.ReadFile(filepath.Join(root, "cluster.json"))
	if err != nil || json.Unmarshal(b, &st) != nil || st.Port == 0 {
		return st, false
	}
	if err := c.cmd(ctx, "pg_ctl", "-D", c.Dir, "status").Run(); err != nil {
		return st, false
	}
	return st, fileExists(filepath.Join(c.Socket, fmt.Sprintf(".s.PGSQL.%d", st.Port)))
}

func (c *Cluster) initdb(ctx context.Context) error {
	out, err := c.cmd(ctx, "initdb", "-D", c.Dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgcluster: initdb: %v: %s", err, out)
	}
	return nil
}

// Stop stops the cluster if this process started it.
func (c *Cluster) Stop() error {
	if !c.started {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := c.cmd(ctx, "pg_ctl", "-D", c.Dir, "-m", "fast", "-w", "stop").CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgcluster: pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

// URL is a connection string for database name db over the cluster's socket.
func (c *Cluster) URL(db string) string {
	q := url.Values{"host": {c.Socket}, "port": {strconv.Itoa(c.Port)}, "sslmode": {"disable"}}
	return "postgres://postgres@/" + db + "?" + q.Encode()
}

func (c *Cluster) cmd(ctx context.Context, name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.runAs != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = "/"
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	return cmd
}

func (c *Cluster) own(dir string) error {
	if c.runAs == "" {
		return nil
	}
	u, err := user.Lookup(c.runAs)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return err
	}
	// The postgres user must be able to reach the directory through its parents.
	for p := filepath.Dir(dir); p != "/" && p != "."; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(p, fi.Mode().Perm()|0o011); err != nil {
				return err
			}
		}
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(bytes.TrimSpace(b))
}

// CreateDatabase creates db (optionally as a copy of template); an existing one is kept.
func (c *Cluster) CreateDatabase(ctx context.Context, db, template string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(ctx)
	sql := "CREATE DATABASE " + pgx.Identifier{db}.Sanitize()
	if template != "" {
		sql += " TEMPLATE " + pgx.Identifier{template}.Sanitize()
	}
	_, err = conn.Exec(ctx, sql)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P04" { // duplicate_database
		return nil
	}
	if err != nil {
		return fmt.Errorf("pgcluster: create database %s: %w", db, err)
	}
	return nil
}

// DropDatabase drops db if it exists.
func (c *Cluster) DropDatabase(ctx context.Context, db string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{db}.Sanitize()+" WITH (FORCE)")
	return err
}
