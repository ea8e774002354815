package db_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/db"
)

// directRow has a field of every kind the direct scan takes, NULLs included.
type directRow struct {
	ID      int64            `bun:"id"`
	N       int              `bun:"n"`
	Day     civil.Date       `bun:"day"`
	NoDay   *civil.Date      `bun:"no_day"`
	At      time.Time        `bun:"at"`
	Local   time.Time        `bun:"local"`
	On      time.Time        `bun:"on_day"`
	Closed  *time.Time       `bun:"closed"`
	Amount  decimal.Decimal  `bun:"amount"`
	Maybe   *decimal.Decimal `bun:"maybe"`
	Name    string           `bun:"name"`
	Note    *string          `bun:"note"`
	Code    string           `bun:"code"`
	Ref     string           `bun:"ref"`
	Kind    directKind       `bun:"kind"`
	Flag    bool             `bun:"flag"`
	Rate    float64          `bun:"rate"`
	Doc     []directDoc      `bun:"doc,type:jsonb"`
	NoDoc   []directDoc      `bun:"no_doc,type:jsonb"`
	Sup     directDoc        `bun:"sup,type:jsonb"`
	Meta    map[string]int   `bun:"meta,type:jsonb"`
	Skipped string           `bun:"-"`
}

// directDoc is a JSON document in a jsonb column (an invoice's VAT per rate, its supplier).
type directDoc struct {
	Rate string          `json:"rate"`
	Base decimal.Decimal `json:"base"`
}

type directKind string

// directEmpty is a model whose text column is NULL in a non-pointer field: bun scans the
// zero value, pgx refuses, so the statement goes back to bun.
type directEmpty struct {
	ID   int64  `bun:"id"`
	Name string `bun:"name"`
}

const directSQL = `SELECT g::bigint AS id, g::int AS n, date '2026-01-01' + g AS day,
	CASE WHEN g % 2 = 0 THEN date '2026-03-01' + g END AS no_day,
	timestamptz '2026-01-01 08:00Z' + g * interval '7 minutes' AS at,
	timestamp '2026-01-01 08:00' + g * interval '1 hour' AS local, (date '2026-02-01' + g)::date AS on_day,
	CASE WHEN g % 3 = 0 THEN timestamptz '2026-05-01 10:00Z' END AS closed,
	(g * 1.25)::numeric(12,2) AS amount, CASE WHEN g % 2 = 1 THEN (g * 0.5)::numeric END AS maybe,
	'name ' || g AS name, CASE WHEN g % 4 = 0 THEN 'note ' || g END AS note,
	('C' || g)::varchar(10) AS code, md5(g::text)::uuid::text AS ref, (CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END) AS kind,
	g % 2 = 0 AS flag, g / 3.0::float8 AS rate,
	jsonb_build_array(jsonb_build_object('rate', '21', 'base', (g * 1.25)::numeric(12,2)), jsonb_build_object('rate', '9', 'base', g)) AS doc,
	CASE WHEN g % 3 = 0 THEN '[]'::jsonb WHEN g % 3 = 1 THEN jsonb_build_array(jsonb_build_object('rate', 'exempt')) END AS no_doc,
	jsonb_build_object('rate', 'S', 'base', g * 0.1) AS sup, jsonb_build_object('n', g, 'm', g * 2) AS meta
	FROM generate_series(1, ?) g WHERE g > ? ORDER BY g`

// TestDirectScanMatchesBun: the direct scan fills a page, a get and a slice of pointers
// exactly as bun does through database/sql (NULLs, dates, times, numerics, enums-as-text),
// and a statement it cannot scan exactly (a NULL in a plain string) reads through bun.
func TestDirectScanMatchesBun(t *testing.T) {
	d := preparedTable(t)
	ctx := context.Background()
	scan := func(p *db.Params, dest any, sqlText string, args ...any) {
		t.Helper()
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = p.Arg(a)
		}
		if err := p.Scan(ctx, d.Bun.NewSelect().TableExpr("("+sqlText+") AS x", vals...).ColumnExpr("*"), dest); err != nil {
			t.Fatal(err)
		}
	}
	var viaBun, direct []directRow
	scan(nil, &viaBun, directSQL, 40, 0)
	scan(db.NewParams(d.Bun), &direct, directSQL, 40, 0)
	if len(direct) != 40 || !reflect.DeepEqual(viaBun, direct) {
		t.Fatalf("direct scan differs from bun:\n bun    %+v\n direct %+v", viaBun[:2], direct[:min(2, len(direct))])
	}
	if taken, refused := db.DirectPlans(reflect.TypeFor[directRow]()); taken != 1 || refused != 0 {
		t.Fatalf("direct plans of directRow: %d taken, %d refused; want the page taken", taken, refused)
	}
	var ptrs []*directRow
	scan(db.NewParams(d.Bun), &ptrs, directSQL, 40, 30)
	if len(ptrs) != 10 || !reflect.DeepEqual(*ptrs[0], viaBun[30]) {
		t.Fatalf("slice of pointers: %d rows, first %+v", len(ptrs), ptrs[0])
	}
	var one directRow
	scan(db.NewParams(d.Bun), &one, directSQL, 40, 11)
	if !reflect.DeepEqual(one, viaBun[11]) {
		t.Fatalf("get: %+v, want %+v", one, viaBun[11])
	}
	var none []directRow
	scan(db.NewParams(d.Bun), &none, directSQL, 40, 40)
	if none != nil {
		t.Fatalf("an empty page is %#v, want nil as bun leaves it", none)
	}

	const nullName = `SELECT g::bigint AS id, CASE WHEN g > 2 THEN 'n' || g END AS name FROM generate_series(1, ?) g WHERE g > ? ORDER BY g`
	var emptyBun, emptyDirect []directEmpty
	scan(nil, &emptyBun, nullName, 5, 0)
	scan(db.NewParams(d.Bun), &emptyDirect, nullName, 5, 0)
	if !reflect.DeepEqual(emptyBun, emptyDirect) || emptyDirect[0].Name != "" {
		t.Fatalf("NULL into a plain string: bun %+v, prepared %+v", emptyBun, emptyDirect)
	}
	if taken, refused := db.DirectPlans(reflect.TypeFor[directEmpty]()); taken != 0 || refused != 1 {
		t.Fatalf("direct plans of directEmpty: %d taken, %d refused; want it left to bun", taken, refused)
	}

	// a NULL document in a struct field (an outer join): pgx refuses, bun gives the zero struct
	const nullDoc = `SELECT g::bigint AS id, CASE WHEN g > 2 THEN jsonb_build_object('rate', 'S') END AS sup FROM generate_series(1, ?) g WHERE g > ? ORDER BY g`
	var docBun, docDirect []directSup
	scan(nil, &docBun, nullDoc, 4, 0)
	scan(db.NewParams(d.Bun), &docDirect, nullDoc, 4, 0)
	if !reflect.DeepEqual(docBun, docDirect) || len(docDirect) != 4 || docDirect[0].Sup.Rate != "" || docDirect[3].Sup.Rate != "S" {
		t.Fatalf("NULL into a struct document: bun %+v, prepared %+v", docBun, docDirect)
	}
}

type directSup struct {
	ID  int64     `bun:"id"`
	Sup directDoc `bun:"sup,type:jsonb"`
}

// TestDirectPlansAreBounded: statements whose texts inline a value (a title filter) do not
// grow the plan cache without end; past the bound it starts again and still scans.
type boundedRow struct {
	ID   int64  `bun:"id"`
	Name string `bun:"name"`
}

func TestDirectPlansAreBounded(t *testing.T) {
	d := preparedTable(t)
	defer db.SetMaxPlans(db.SetMaxPlans(3))
	for i := range 10 {
		var rows []boundedRow
		q := d.Bun.NewSelect().TableExpr("(SELECT g::bigint AS id, 'n' || g AS name FROM generate_series(1, ?) g) AS x", i+1).ColumnExpr("*")
		p := db.NewParams(d.Bun)
		if err := p.Scan(context.Background(), q.Where("id > ?", p.Arg(int64(0))), &rows); err != nil || len(rows) != i+1 {
			t.Fatalf("statement %d: %d rows, %v", i, len(rows), err)
		}
		if taken, _ := db.DirectPlans(reflect.TypeFor[boundedRow]()); taken > 3 {
			t.Fatalf("after %d statements the cache holds %d plans, bound 3", i+1, taken)
		}
	}
}
