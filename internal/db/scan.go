package db

import (
	"context"
	"database/sql"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// The direct scan of the prepared read path (issue 14). Through database/sql every value
// of a page was decoded into a driver.Value, converted by database/sql and handed to
// bun's per-column scanner, which looked its field up by name on every row: 30–39 % of
// the server's CPU on the cheap lists (`loadtest -profile`, bun.(*DB).ScanRows). A
// direct scan reads the rows with pgx's own API straight into the model's fields: a
// plan per (model type, statement) maps each column once to its field's offset.
//
// It takes only what it does exactly as bun would: a model struct (or a slice of them)
// whose every column is a plain field (no relation columns, no embedded pointers) of a
// type pgx decodes to the same value bun gets through database/sql — strings from text,
// varchar, enums and uuids, integers, booleans, floats, times from timestamps and dates,
// any sql.Scanner (decimal.Decimal, civil.Date: pgx hands it the very driver value
// database/sql would), and pointers to these. Anything else, and any statement whose
// scan failed once (a NULL in a field that is not a pointer, which bun would scan as the
// zero value), runs through bun as before; the failed read is simply repeated there.

// directDest is a destination the direct scan can fill: a struct or a slice of structs
// (or of pointers to structs).
type directDest struct {
	slice      reflect.Value // the slice, when dest is *[]T or *[]*T
	one        reflect.Value // the struct, when dest is *T
	elem       reflect.Type  // the struct type
	sliceOfPtr bool
}

func newDirectDest(dest []any) (directDest, bool) {
	if len(dest) != 1 {
		return directDest{}, false
	}
	v := reflect.ValueOf(dest[0])
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return directDest{}, false
	}
	v = v.Elem()
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType || v.Addr().Type().Implements(scannerType) {
			return directDest{}, false // one value, not a model
		}
		return directDest{one: v, elem: v.Type()}, true
	case reflect.Slice:
		et := v.Type().Elem()
		ptr := et.Kind() == reflect.Pointer
		if ptr {
			et = et.Elem()
		}
		if et.Kind() != reflect.Struct {
			return directDest{}, false
		}
		return directDest{slice: v, elem: et, sliceOfPtr: ptr}, true
	}
	return directDest{}, false
}

// scanPlan is where each column of one statement goes in one model type.
type scanPlan struct {
	offsets []uintptr
	ptrs    []unsafe.Pointer // the type word of a *T interface value per column (T its field's type)
}

// eface is the layout of an interface value: its type word and its data word.
type eface struct {
	typ, data unsafe.Pointer
}

// typeWord is the type word of interface values holding a pointer to a t.
func typeWord(t reflect.Type) unsafe.Pointer {
	v := reflect.New(t).Interface()
	return (*eface)(unsafe.Pointer(&v)).typ
}

// pointerTo is the interface value of type *T (its type word w) pointing at p: what
// reflect.NewAt(T, p).Interface() returns, without looking *T up in reflect's cache on
// every column of every row (reflect.PointerTo: 7 % of a cheap list's CPU, issue 14).
func pointerTo(w, p unsafe.Pointer) any {
	var a any
	e := (*eface)(unsafe.Pointer(&a))
	e.typ, e.data = w, p
	return a
}

type planKey struct {
	t     reflect.Type
	query string
}

// plans caches a *scanPlan per planKey, or nil for a statement bun must scan. A few
// filters stay inlined in the text (a title, say), so the texts are not a closed set:
// past maxPlans entries the cache starts again (planning is one pass over the columns).
var (
	plans    sync.Map
	nplans   atomic.Int64
	maxPlans = int64(4096)
)

func storePlan(k planKey, p *scanPlan) {
	if _, loaded := plans.Swap(k, p); loaded {
		return
	}
	if nplans.Add(1) > maxPlans {
		plans.Clear()
		nplans.Store(0)
	}
}

// scanDirect runs query on pool and scans its rows into d. handled is false when the
// statement must go through bun instead (nothing was written to d then, or what was is
// overwritten by bun's scan).
func scanDirect(ctx context.Context, root *bun.DB, pool *pgxpool.Pool, query string, args []any, d directDest) (handled bool, err error) {
	key := planKey{d.elem, query}
	cached, known := plans.Load(key)
	if known && cached.(*scanPlan) == nil {
		return false, nil
	}
	rows, err := pool.Query(ctx, query, append([]any{resultFormats}, args...)...)
	if err != nil {
		return true, err
	}
	defer rows.Close()
	var plan *scanPlan
	if known {
		plan = cached.(*scanPlan)
	} else {
		plan = planFor(root, d.elem, rows)
		storePlan(key, plan)
		if plan == nil {
			return false, nil
		}
	}
	targets := make([]any, len(plan.offsets))
	fill := func(base unsafe.Pointer) error {
		for i, off := range plan.offsets {
			targets[i] = pointerTo(plan.ptrs[i], unsafe.Add(base, off))
		}
		return rows.Scan(targets...)
	}
	n := 0
	if d.slice.IsValid() && d.slice.Len() > 0 {
		d.slice.SetLen(0)
	}
	for rows.Next() {
		var base unsafe.Pointer
		if d.slice.IsValid() {
			base = nextElem(d)
		} else {
			base = d.one.Addr().UnsafePointer()
		}
		if err := fill(base); err != nil {
			rows.Close()
			storePlan(key, nil) // bun scans this statement from now on
			if d.slice.IsValid() {
				d.slice.SetLen(0)
			}
			return false, nil
		}
		n++
		if !d.slice.IsValid() {
			break
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return true, err
	}
	if n == 0 && !d.slice.IsValid() {
		return true, sql.ErrNoRows
	}
	return true, nil
}

// nextElem appends a zero element to d's slice and returns the address of its struct.
func nextElem(d directDest) unsafe.Pointer {
	s := d.slice
	if n := s.Len(); n < s.Cap() {
		s.SetLen(n + 1)
	} else {
		// grown by doubling from 64 (a page and its look-ahead row) with one copy, where
		// reflect.Append built a zero element and re-checked the type on every row
		g := reflect.MakeSlice(s.Type(), n+1, max(64, 2*n))
		reflect.Copy(g, s)
		s.Set(g)
	}
	e := s.Index(s.Len() - 1)
	if d.sliceOfPtr {
		e.Set(reflect.New(d.elem))
		return e.UnsafePointer()
	}
	e.SetZero()
	return e.Addr().UnsafePointer()
}

// planFor maps the statement's columns to t's fields, or returns nil when one of them
// is not a plain field the direct scan decodes exactly as bun does.
func planFor(root *bun.DB, t reflect.Type, rows pgx.Rows) *scanPlan {
	table := root.Table(t)
	if table == nil {
		return nil
	}
	types := rows.Conn().TypeMap()
	fds := rows.FieldDescriptions()
	p := &scanPlan{offsets: make([]uintptr, len(fds)), ptrs: make([]unsafe.Pointer, len(fds))}
	for i, fd := range fds {
		f := table.LookupField(fd.Name)
		if f == nil {
			return nil
		}
		off, ok := offsetOf(t, f)
		if !ok || f.Tag.HasOption("msgpack") || f.Tag.HasOption("json_use_number") || !decodesAsBun(f.StructField.Type, fd.DataTypeOID, types) {
			return nil
		}
		p.offsets[i], p.ptrs[i] = off, typeWord(f.StructField.Type)
	}
	return p
}

// offsetOf is the field's offset in t, when no pointer lies on its way.
func offsetOf(t reflect.Type, f *schema.Field) (uintptr, bool) {
	var off uintptr
	for n, i := range f.Index {
		if t.Kind() != reflect.Struct {
			return 0, false
		}
		sf := t.Field(i)
		off += sf.Offset
		t = sf.Type
		if n < len(f.Index)-1 && t.Kind() == reflect.Pointer {
			return 0, false
		}
	}
	return off, true
}

// resultFormats asks PostgreSQL for the binary form of the types pgx decodes straight
// into fields, and for numerics as text: the decimal.Decimal fields scan that text (as
// bun's inlined path does), where the binary form would be decoded into a big.Int and
// printed again for them (half the allocations of a page of amounts). A type not listed
// comes as text, which pgx scans as well (enums need it).
var resultFormats = func() pgx.QueryResultFormatsByOID {
	f := pgx.QueryResultFormatsByOID{pgtype.NumericOID: pgx.TextFormatCode}
	for _, oid := range []uint32{pgtype.BoolOID, pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID, pgtype.Float4OID,
		pgtype.Float8OID, pgtype.TextOID, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID, pgtype.UUIDOID,
		pgtype.DateOID, pgtype.TimestampOID, pgtype.TimestamptzOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.ByteaOID} {
		f[oid] = pgx.BinaryFormatCode
	}
	return f
}()

var (
	scannerType = reflect.TypeFor[sql.Scanner]()
	timeType    = reflect.TypeFor[time.Time]()
)

// decodesAsBun tells whether pgx scanning a column of type oid into a field of type ft
// gives the value bun gives it from database/sql's driver value.
func decodesAsBun(ft reflect.Type, oid uint32, types *pgtype.Map) bool {
	if ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	if reflect.PointerTo(ft).Implements(scannerType) {
		return true // pgx passes the codec's database/sql value, as stdlib does
	}
	if ft == timeType {
		return oid == pgtype.TimestamptzOID || oid == pgtype.TimestampOID || oid == pgtype.DateOID
	}
	if oid == pgtype.JSONBOID || oid == pgtype.JSONOID {
		// pgx unmarshals the document with encoding/json into the zeroed field, as bun does
		// (bunjson's default); raw bytes (json.RawMessage) and interfaces stay with bun. A NULL
		// into a struct makes pgx refuse, and the statement goes back to bun.
		switch ft.Kind() {
		case reflect.Slice:
			return ft.Elem().Kind() != reflect.Uint8
		case reflect.Map, reflect.Struct:
			return true
		}
		return false
	}
	switch ft.Kind() {
	case reflect.String:
		switch oid {
		case pgtype.TextOID, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID, pgtype.UUIDOID:
			return true
		}
		_, known := types.TypeForOID(oid)
		return !known // an enum: sent as text
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16:
		return oid == pgtype.Int2OID || oid == pgtype.Int4OID || oid == pgtype.Int8OID
	case reflect.Bool:
		return oid == pgtype.BoolOID
	case reflect.Float64, reflect.Float32:
		return oid == pgtype.Float4OID || oid == pgtype.Float8OID
	}
	return false
}
