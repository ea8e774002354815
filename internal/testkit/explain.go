package testkit

import (
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// ShadowTable creates, inside tx, a temporary table that shadows public.table for the
// rest of the transaction (temporary tables come first in the search path): same
// columns and defaults, and every index of the real table that is not backing a
// constraint with other work to do (exclusion constraints). No foreign keys, triggers or
// checks, so an EXPLAIN test can bulk-load 100,000+ rows with generate_series in well
// under a second, and the planner still chooses among the migration's own indexes.
func ShadowTable(t testing.TB, tx bun.Tx, table string) {
	t.Helper()
	ctx := context.Background()
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE "+table+" (LIKE public."+table+" INCLUDING DEFAULTS) ON COMMIT DROP"); err != nil {
		t.Fatal(err)
	}
	var defs []string
	err := tx.NewRaw(`SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.contype = 'x'
		WHERE n.nspname = 'public' AND c.relname = ? AND k.oid IS NULL`, table).Scan(ctx, &defs)
	if err != nil {
		t.Fatal(err)
	}
	on := regexp.MustCompile(` ON (ONLY )?public\.` + regexp.QuoteMeta(table) + ` `)
	name := regexp.MustCompile(`^CREATE (UNIQUE )?INDEX \S+ `)
	for _, d := range defs {
		d = on.ReplaceAllString(d, " ON pg_temp."+table+" ")
		d = name.ReplaceAllString(d, "CREATE ${1}INDEX ")
		if _, err := tx.ExecContext(ctx, d); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
	}
}

// Plan returns the EXPLAIN of query (bun's rendered SQL) in tx, after ANALYZE of tables.
func Plan(t testing.TB, tx bun.Tx, query string, analyze ...string) string {
	t.Helper()
	ctx := context.Background()
	for _, a := range analyze {
		if _, err := tx.ExecContext(ctx, "ANALYZE "+a); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	if err := tx.NewRaw("EXPLAIN "+query).Scan(ctx, &lines); err != nil {
		t.Fatalf("EXPLAIN %s: %v", query, err)
	}
	return strings.Join(lines, "\n")
}

// GenericPlan returns the EXPLAIN of query — a statement with placeholders as the
// prepared read path sends it (db.Placeholders) — planned as PostgreSQL's generic plan,
// the one a prepared statement may settle on after five executions whatever its
// arguments: it must stay an index range scan too.
func GenericPlan(t testing.TB, tx bun.Tx, query string, args []any) string {
	t.Helper()
	ctx := context.Background()
	if _, err := tx.ExecContext(ctx, "SET LOCAL plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	defer tx.ExecContext(ctx, "SET LOCAL plan_cache_mode = auto") //nolint:errcheck
	if _, err := tx.ExecContext(ctx, "PREPARE testkit_generic AS "+query); err != nil {
		t.Fatalf("PREPARE %s: %v", query, err)
	}
	defer tx.ExecContext(ctx, "DEALLOCATE testkit_generic") //nolint:errcheck
	marks, values := make([]string, len(args)), make([]any, len(args))
	for i, a := range args {
		marks[i], values[i] = "?", a
		if reflect.ValueOf(a).Kind() == reflect.Slice {
			values[i] = pgdialect.Array(a)
		}
	}
	exec := "EXPLAIN EXECUTE testkit_generic"
	if len(args) > 0 {
		exec += " (" + strings.Join(marks, ", ") + ")"
	}
	var lines []string
	if err := tx.NewRaw(exec, values...).Scan(ctx, &lines); err != nil {
		t.Fatalf("EXPLAIN EXECUTE %s: %v", query, err)
	}
	return strings.Join(lines, "\n")
}

// ExpectGenericNoWorse fails when the generic plan of a prepared statement filters the
// rows of table after its index and the plan for the statement's values does not: a
// generic plan guesses average values, and would read a rare status through the sort
// index and filter it, row after row, until the page is full. (Another index that serves
// the condition, e.g. (customer_id, id) for a large customer, is fine.)
func ExpectGenericNoWorse(t testing.TB, custom, generic, table string) {
	t.Helper()
	filtered := regexp.MustCompile(`using \S+ on ` + table + `\b[^\n]*\n(\s+Index Cond:[^\n]*\n)?\s+Filter:`)
	if filtered.MatchString(generic) && !filtered.MatchString(custom) {
		t.Errorf("the generic plan filters the rows of %s after its index, the plan for the values does not:\n%s\nfor the values:\n%s", table, generic, custom)
	}
}

// ExpectIndexPlan fails unless plan reads table through an index (an index or
// index-only scan, a range scan when the query has a condition) and neither scans the
// whole table nor sorts: the page is limit + 1 index entries, whatever the table's size.
func ExpectIndexPlan(t testing.TB, plan, table string) {
	t.Helper()
	switch {
	case regexp.MustCompile(`Seq Scan on ` + table + `\b`).MatchString(plan):
		t.Errorf("the plan scans all of %s:\n%s", table, plan)
	case strings.Contains(plan, "Sort"):
		t.Errorf("the plan sorts:\n%s", plan)
	case !regexp.MustCompile(`Index (Only )?Scan( Backward)? using \S+ on ` + table + `\b`).MatchString(plan):
		t.Errorf("the plan reads %s without an index:\n%s", table, plan)
	}
}

// Captured collects the SQL a CaptureTx ran, in order.
type Captured struct{ Queries []string }

// BeforeQuery implements bun.QueryHook.
func (c *Captured) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	c.Queries = append(c.Queries, e.Query)
	return ctx
}

// AfterQuery implements bun.QueryHook.
func (c *Captured) AfterQuery(context.Context, *bun.QueryEvent) {}

// Last returns the last captured statement that starts with prefix (e.g. "SELECT").
func (c *Captured) Last(t testing.TB, prefix string) string {
	t.Helper()
	for i := len(c.Queries) - 1; i >= 0; i-- {
		if strings.HasPrefix(c.Queries[i], prefix) {
			return c.Queries[i]
		}
	}
	t.Fatalf("no %s statement captured among %d", prefix, len(c.Queries))
	return ""
}

// CaptureTx is Tx on a bun handle of its own that records every statement, so an
// EXPLAIN test can run a store function as it is and explain the SQL it sent.
func CaptureTx(t testing.TB) (bun.Tx, *Captured) {
	t.Helper()
	shared := DB(t).Bun
	b := bun.NewDB(shared.DB, shared.Dialect())
	c := &Captured{}
	b.AddQueryHook(c)
	tx, err := b.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	return tx, c
}

// ExpectSearchPlan fails unless plan finds the rows of a text search (ILIKE) on table
// through an index (the pg_trgm GIN index: a bitmap index scan whose condition is the
// ILIKE) and never scans the whole table: a search costs the matches, not the table.
func ExpectSearchPlan(t testing.TB, plan, table string) {
	t.Helper()
	switch {
	case regexp.MustCompile(`Seq Scan on ` + table + `\b`).MatchString(plan):
		t.Errorf("the search scans all of %s:\n%s", table, plan)
	case !regexp.MustCompile(`Bitmap Heap Scan on ` + table + `\b`).MatchString(plan):
		t.Errorf("the search does not read %s through a bitmap of index matches:\n%s", table, plan)
	case !regexp.MustCompile(`Bitmap Index Scan on \S+[^\n]*\n\s+Index Cond: [^\n]*~~`).MatchString(plan):
		t.Errorf("the search text is not an index condition:\n%s", plan)
	}
}
