// Package db opens the one pgx pool the process shares: bun reads and writes through
// pgx's database/sql adapter, River runs its jobs on the same pool, and migrations
// (ours through bun/migrate, River's through rivermigrate) bring the schema up to date.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/migrate"

	"backoffice/migrations"
)

// DB bundles the pools and the bun handle.
type DB struct {
	Pool *pgxpool.Pool // River and raw pgx work: pgx's statement cache serves their fixed, parameterised SQL
	Bun  *bun.DB
	// bunPool is the pool under Bun. bun writes every value into the SQL text, so nearly
	// every statement is new to pgx's statement cache: the default mode would prepare
	// each one (an extra round trip) and then evict it. With no parameters left to bind,
	// the simple protocol sends one message and gets one answer (issue 14; measured in
	// BenchmarkBunExecMode: a get by id about 4× faster than the statement cache, a
	// 51-row page no slower).
	bunPool *pgxpool.Pool
	// prepared is database/sql over Pool: the prepared read path (prepared.go) sends
	// list queries with placeholders through it, so pgx prepares each shape once per
	// connection.
	prepared *sql.DB
}

// BunExecMode is how bun's statements are sent (see DB.bunPool).
const BunExecMode = pgx.QueryExecModeSimpleProtocol

// Open connects to url and checks the connection.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("db: DATABASE_URL: %w", err)
	}
	if cfg.MaxConns < 10 {
		cfg.MaxConns = 20
	}
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	bcfg := cfg.Copy()
	cfg.AfterConnect = registerFastCodecs // the direct scan's pool (codecs.go)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("db: ping: %w", err)
	}
	bcfg.ConnConfig.DefaultQueryExecMode = BunExecMode
	bunPool, err := pgxpool.NewWithConfig(ctx, bcfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("db: open: %w", err)
	}
	sqldb := stdlib.OpenDBFromPool(bunPool)
	d := &DB{Pool: pool, Bun: bun.NewDB(sqldb, pgdialect.New()), bunPool: bunPool, prepared: stdlib.OpenDBFromPool(pool)}
	prepared.Store(d.Bun, preparedHandle{sqldb: d.prepared, pool: pool})
	return d, nil
}

// Close releases the pools.
func (d *DB) Close() {
	prepared.Delete(d.Bun)
	_ = d.prepared.Close()
	_ = d.Bun.Close()
	d.bunPool.Close()
	d.Pool.Close()
}

func (d *DB) migrator() *migrate.Migrator {
	return migrate.NewMigrator(d.Bun, migrations.All, migrate.WithMarkAppliedOnSuccess(true))
}

func (d *DB) riverMigrator() (*rivermigrate.Migrator[pgx.Tx], error) {
	return rivermigrate.New(riverpgxv5.New(d.Pool), nil)
}

// MigrateUp applies River's and then our pending migrations, under an advisory lock so
// two processes starting at once do not race.
func (d *DB) MigrateUp(ctx context.Context) ([]string, error) {
	conn, err := d.Pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(727001)"); err != nil {
		return nil, err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(727001)") //nolint:errcheck
	rm, err := d.riverMigrator()
	if err != nil {
		return nil, err
	}
	if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("db: river migrations: %w", err)
	}
	m := d.migrator()
	if err := m.Init(ctx); err != nil {
		return nil, err
	}
	g, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: migrate: %w", err)
	}
	var names []string
	for _, mg := range g.Migrations {
		names = append(names, mg.Name+"_"+mg.Comment)
	}
	return names, nil
}

// MigrateDown rolls back the last group of our migrations (River's tables stay).
func (d *DB) MigrateDown(ctx context.Context) ([]string, error) {
	m := d.migrator()
	if err := m.Init(ctx); err != nil {
		return nil, err
	}
	g, err := m.Rollback(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, mg := range g.Migrations {
		names = append(names, mg.Name+"_"+mg.Comment)
	}
	return names, nil
}

// Status lists every migration with whether it is applied.
func (d *DB) Status(ctx context.Context) (applied, pending []string, err error) {
	m := d.migrator()
	if err := m.Init(ctx); err != nil {
		return nil, nil, err
	}
	ms, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, mg := range ms {
		if mg.IsApplied() {
			applied = append(applied, mg.Name+"_"+mg.Comment)
		} else {
			pending = append(pending, mg.Name+"_"+mg.Comment)
		}
	}
	return applied, pending, nil
}

// ErrSchemaBehind is returned by CheckCurrent when migrations are pending.
var ErrSchemaBehind = errors.New("db: schema is behind; run `backoffice migrate up`")

// CheckCurrent fails when any migration is pending (the server refuses to start then,
// and /readyz answers 503).
func (d *DB) CheckCurrent(ctx context.Context) error {
	_, pending, err := d.Status(ctx)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return fmt.Errorf("%w: pending %s", ErrSchemaBehind, strings.Join(pending, ", "))
	}
	return nil
}

// Code returns the PostgreSQL SQLSTATE of err, or "".
func Code(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	return ""
}

// Constraint returns the violated constraint's name, or "".
func Constraint(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.ConstraintName
	}
	return ""
}

// IsNoRows reports sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// SQLSTATE codes the stores translate.
const (
	UniqueViolation      = "23505"
	ForeignKeyViolation  = "23503"
	CheckViolation       = "23514"
	ExclusionViolation   = "23P01"
	SerializationFailure = "40001"
)

// InTx runs fn in a transaction and rolls back on error or panic.
func InTx(ctx context.Context, b bun.IDB, fn func(ctx context.Context, tx bun.Tx) error) error {
	return b.RunInTx(ctx, nil, fn)
}
