package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"backoffice/internal/db"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

type benchRow struct {
	bun.BaseModel `bun:"table:exec_mode_bench,alias:r"`
	ID            int64     `bun:"id,pk"`
	At            time.Time `bun:"at"`
	Due           time.Time `bun:"due"`
	Amount        string    `bun:"amount"`
	Name          string    `bun:"name"`
	State         string    `bun:"state"`
}

// BenchmarkBunExecMode compares pgx query modes under bun, which writes every value into
// the SQL text (issue 14): a get by changing id (new SQL text each time) and a 51-row
// page (the same text each time). db.BunExecMode is the mode Open uses.
func BenchmarkBunExecMode(b *testing.B) {
	ctx := context.Background()
	shared := testkit.DB(b)
	if _, err := shared.Pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS exec_mode_bench AS
		SELECT g AS id, now() - g * interval '1 minute' AS at, now() + g * interval '1 hour' AS due,
		       (g * 1.25)::numeric(14,2)::text AS amount, 'Klant ' || g AS name, 'running' AS state
		FROM generate_series(1, 5000) g;
		CREATE UNIQUE INDEX IF NOT EXISTS exec_mode_bench_id ON exec_mode_bench (id)`); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol} {
		cfg, err := pgxpool.ParseConfig(testkit.URL(b))
		if err != nil {
			b.Fatal(err)
		}
		cfg.ConnConfig.DefaultQueryExecMode = mode
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		bdb := bun.NewDB(stdlib.OpenDBFromPool(pool), pgdialect.New())
		name := map[pgx.QueryExecMode]string{pgx.QueryExecModeCacheStatement: "cache_statement", pgx.QueryExecModeExec: "exec", pgx.QueryExecModeSimpleProtocol: "simple_protocol"}[mode]
		if mode == db.BunExecMode {
			name += "_(used)"
		}
		b.Run(name+"/get_by_id", func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				var r benchRow
				if err := bdb.NewSelect().Model(&r).Where("id = ?", 1+i%5000).Scan(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/page_of_51", func(b *testing.B) {
			for b.Loop() {
				var rs []benchRow
				if err := bdb.NewSelect().Model(&rs).Order("id").Limit(51).Scan(ctx); err != nil || len(rs) != 51 {
					b.Fatal(err, fmt.Sprint(len(rs)))
				}
			}
		})
		_ = bdb.Close()
		pool.Close()
	}
}
