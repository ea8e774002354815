package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/testkit"
)

type preparedRow struct {
	ID     int64           `bun:"id"`
	Day    civil.Date      `bun:"day"`
	At     time.Time       `bun:"at"`
	Amount decimal.Decimal `bun:"amount"`
	Name   string          `bun:"name"`
}

func preparedTable(t testing.TB) *db.DB {
	t.Helper()
	d := testkit.DB(t)
	if _, err := d.Pool.Exec(context.Background(), `CREATE TABLE IF NOT EXISTS prepared_path_rows AS
		SELECT g::bigint AS id, date '2026-01-01' + g % 40 AS day, timestamptz '2026-01-01 08:00Z' + g * interval '7 minutes' AS at,
		       (g * 1.25)::numeric(14,2) AS amount, 'Klant ' || g AS name
		FROM generate_series(1, 500) g`); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPreparedListStatementIsCounted: a list query on the prepared read path is one
// statement with placeholders, sent over DB.Pool, and testkit.CountQueries counts it, so
// the query budgets of the lists stay meaningful.
func TestPreparedListStatementIsCounted(t *testing.T) {
	d := preparedTable(t)
	ctx := context.Background()
	p := db.NewParams(d.Bun)
	if !p.Prepared() {
		t.Fatal("the root handle of Open is not on the prepared path")
	}
	var rows []preparedRow
	q := d.Bun.NewSelect().TableExpr("prepared_path_rows").ColumnExpr("*").
		Where("name <> ?", p.Arg("Klant 3")).Where("id = ANY(?)", p.Array([]int64{1, 2, 3, 4})).OrderExpr("id").Limit(51)
	n := testkit.CountQueries(t)
	if err := p.Scan(ctx, q, &rows); err != nil {
		t.Fatal(err)
	}
	if got := n.Within(1, "a prepared list page"); got != 1 {
		t.Fatalf("%d statements counted, want 1", got)
	}
	if s := n.Statements()[0]; !strings.Contains(s, "$1") || !strings.Contains(s, "ANY($2)") || strings.Contains(s, "Klant 3") {
		t.Fatalf("the statement is not parameterised: %s", s)
	}
	if len(rows) != 3 || rows[0].ID != 1 || rows[2].ID != 4 {
		t.Fatalf("rows %+v", rows)
	}
}

// TestPreparedPathMatchesBun: a date, a timestamp, a number, a text and a keyset cursor
// bound as placeholders select the same rows as bun with the values inlined (a
// transaction takes bun's path), and one row that is not there is sql.ErrNoRows on both.
func TestPreparedPathMatchesBun(t *testing.T) {
	d := preparedTable(t)
	ctx := context.Background()
	tx, err := d.Bun.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if db.NewParams(tx).Prepared() {
		t.Fatal("a transaction must take bun's path")
	}
	page := func(prepared bool, day civil.Date, at time.Time, amount decimal.Decimal, afterK string, afterID int64) []preparedRow {
		p := db.NewParams(tx)
		q := tx.NewSelect()
		if prepared {
			p = db.NewParams(d.Bun)
			q = d.Bun.NewSelect()
		}
		q = q.TableExpr("prepared_path_rows").ColumnExpr("*").
			Where("day >= ?", p.Arg(day)).Where("at < ?", p.Arg(at)).Where("amount > ?", p.Arg(amount)).
			Where("name LIKE ?", p.Arg("Klant %")).
			Where("(day, id) < (?, ?)", p.Arg(afterK), p.Arg(afterID)).OrderExpr("day DESC, id DESC").Limit(20)
		var rows []preparedRow
		if err := p.Scan(ctx, q, &rows); err != nil {
			t.Fatal(err)
		}
		return rows
	}
	day := civil.Date{Year: 2026, Month: 1, Day: 5}
	at := time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	amount := decimal.RequireFromString("12.50")
	for _, after := range []struct {
		k  string
		id int64
	}{{"2026-02-01", 1 << 40}, {"2026-01-20", 300}, {"2026-01-10", 50}} {
		a, b := page(true, day, at, amount, after.k, after.id), page(false, day, at, amount, after.k, after.id)
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("after %v: prepared %d rows, bun %d", after, len(a), len(b))
		}
		for i := range a {
			if a[i].ID != b[i].ID || a[i].Day != b[i].Day || !a[i].At.Equal(b[i].At) || !a[i].Amount.Equal(b[i].Amount) || a[i].Name != b[i].Name {
				t.Fatalf("after %v row %d: prepared %+v, bun %+v", after, i, a[i], b[i])
			}
		}
	}
	for _, prepared := range []bool{true, false} {
		get := func(id int64) (preparedRow, error) {
			p, q := db.NewParams(tx), tx.NewSelect()
			if prepared {
				p, q = db.NewParams(d.Bun), d.Bun.NewSelect()
			}
			var r preparedRow
			err := p.Scan(ctx, q.TableExpr("prepared_path_rows").ColumnExpr("*").Where("id = ?", p.Arg(id)), &r)
			return r, err
		}
		if _, err := get(99999); !db.IsNoRows(err) {
			t.Fatalf("prepared=%v: a missing row gave %v, want sql.ErrNoRows", prepared, err)
		}
		if one, err := get(7); err != nil || one.ID != 7 || one.Name != "Klant 7" {
			t.Fatalf("prepared=%v: one row %+v, %v", prepared, one, err)
		}
	}
}

// BenchmarkPreparedPath compares the two read paths on the same query (issue 14): bun
// with every value inlined in the simple protocol (parsed and planned on every call)
// against the prepared path (placeholders, a statement prepared once per connection),
// for a 51-row page after a keyset cursor and for a get by changing id.
func BenchmarkPreparedPath(b *testing.B) {
	d := preparedTable(b)
	ctx := context.Background()
	page := func(p *db.Params, i int) error {
		var rows []preparedRow
		q := d.Bun.NewSelect().TableExpr("prepared_path_rows").ColumnExpr("*").
			Where("(day, id) < (?, ?)", p.Arg(civil.Date{Year: 2026, Month: 2, Day: 9}), p.Arg(int64(500-i%400))).
			Where("amount > ?", p.Arg(decimal.NewFromInt(1))).OrderExpr("day DESC, id DESC").Limit(51)
		return p.Scan(ctx, q, &rows)
	}
	get := func(p *db.Params, i int) error {
		var r preparedRow
		return p.Scan(ctx, d.Bun.NewSelect().TableExpr("prepared_path_rows").ColumnExpr("*").Where("id = ?", p.Arg(int64(1+i%500))), &r)
	}
	for _, path := range []struct {
		name   string
		params func() *db.Params
	}{{"bun_inlined", func() *db.Params { return nil }}, {"prepared", func() *db.Params { return db.NewParams(d.Bun) }}} {
		for _, c := range []struct {
			name string
			run  func(*db.Params, int) error
		}{{"page_of_51", page}, {"get_by_id", get}} {
			b.Run(path.name+"/"+c.name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					i++
					if err := c.run(path.params(), i); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
