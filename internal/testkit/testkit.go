// Package testkit gives tests the real thing: a throwaway PostgreSQL cluster per test
// binary (fsync off) with a migrated database, transactions rolled back at cleanup,
// the real server assembled with the foundation and the module under test, API
// helpers, factories, and a real headless Chromium. A missing dependency fails the
// test run; nothing is skipped.
package testkit

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/pgcluster"
)

var (
	shared  *db.DB
	cluster *pgcluster.Cluster
	dbURL   string
	once    sync.Once
)

// Main is the TestMain of every package that uses the database: it starts a private
// cluster, creates and migrates a database, runs the tests and stops the cluster.
//
//	func TestMain(m *testing.M) { testkit.Main(m) }
func Main(m *testing.M) {
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testkit: PostgreSQL is required for these tests and could not be started:", err)
		os.Exit(2)
	}
	code = m.Run()
	teardown()
	os.Exit(code)
}

var tmpRoot string

func setup() (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "bo-test-")
	if err != nil {
		return 0, err
	}
	tmpRoot = dir
	cl, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Ephemeral: true})
	if err != nil {
		return 0, err
	}
	cluster = cl
	if err := cl.CreateDatabase(ctx, "test", ""); err != nil {
		return 0, err
	}
	dbURL = cl.URL("test")
	d, err := db.Open(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	if _, err := d.MigrateUp(ctx); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	d.Bun.AddQueryHook(counter)
	db.SetPreparedHook(counter.record)
	shared = d
	return 0, nil
}

func teardown() {
	if shared != nil {
		shared.Close()
	}
	if cluster != nil {
		if err := cluster.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if tmpRoot != "" {
		_ = os.RemoveAll(tmpRoot)
	}
}

// DB returns the package's migrated database (committed data is shared by the
// package's tests, so tests create their own rows with unique names).
func DB(t testing.TB) *db.DB {
	t.Helper()
	if shared == nil {
		t.Fatal("testkit: no database; the package needs func TestMain(m *testing.M) { testkit.Main(m) }")
	}
	return shared
}

// URL is the connection string of the package's database.
func URL(t testing.TB) string { DB(t); return dbURL }

// Tx returns a transaction that is rolled back when the test ends.
func Tx(t testing.TB) bun.Tx {
	t.Helper()
	tx, err := DB(t).Bun.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	return tx
}

// Cluster exposes the running cluster (to create extra databases).
func Cluster(t testing.TB) *pgcluster.Cluster { DB(t); return cluster }
