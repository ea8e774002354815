package db

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// fastMap is a type map as the direct scan's connections have it.
func fastMap() *pgtype.Map {
	m := pgtype.NewMap()
	fastTypes(m)
	return m
}

// scanAs scans src into a T through m.
func scanAs[T any](m *pgtype.Map, oid uint32, format int16, src []byte) (any, error) {
	return scanWith[T](m, oid, format, src)
}

func scanWith[T any](m *pgtype.Map, oid uint32, format int16, src []byte) (T, error) {
	var v T
	err := m.PlanScan(oid, format, &v).Scan(src, &v)
	return v, err
}

// same: both fail, or both give the same value (a failed scan hands the statement to bun,
// whatever it left in the field).
func same(got, want any, gerr, werr error) bool {
	return (gerr != nil && werr != nil) || (gerr == nil && werr == nil && reflect.DeepEqual(got, want))
}

// The fast plans give the value (and the error) pgx's own plans give: numerics as
// PostgreSQL prints them, into decimal.Decimal and *decimal.Decimal, and bigints into *int64.
func TestFastScanPlansMatchPgx(t *testing.T) {
	fast, plain := fastMap(), pgtype.NewMap()
	texts := []string{"0", "-0", "0.00", "-0.00", "1", "12.50", "-12.50", "0.05", "1234567.89", "999999999999999999",
		"-999999999999999999", "9999999999999999999", "123456789012345678.9", "0.000000000000000001",
		"1.0000000000000000001", "NaN", "Infinity", "-Infinity", "", "-", ".", "1.2.3", "1e5", "+1", " 1"}
	r := rand.New(rand.NewPCG(14, 14))
	for range 2000 {
		n := r.Int64N(1 << 62)
		if r.IntN(2) == 0 {
			n = -n
		}
		texts = append(texts, decimal.New(n, -r.Int32N(20)).String(), fmt.Sprintf("%d.%0*d", r.Int64N(100000), 1+r.IntN(6), r.Int64N(1000)))
	}
	srcs := [][]byte{nil}
	for _, s := range texts {
		srcs = append(srcs, []byte(s))
	}
	for _, src := range srcs {
		want, werr := scanWith[decimal.Decimal](plain, pgtype.NumericOID, pgtype.TextFormatCode, src)
		got, gerr := scanWith[decimal.Decimal](fast, pgtype.NumericOID, pgtype.TextFormatCode, src)
		if !same(got, want, gerr, werr) {
			t.Fatalf("numeric %q into decimal.Decimal: %#v, %v; pgx gives %#v, %v", src, got, gerr, want, werr)
		}
		wantp, werr := scanWith[*decimal.Decimal](plain, pgtype.NumericOID, pgtype.TextFormatCode, src)
		gotp, gerr := scanWith[*decimal.Decimal](fast, pgtype.NumericOID, pgtype.TextFormatCode, src)
		if !same(gotp, wantp, gerr, werr) {
			t.Fatalf("numeric %q into *decimal.Decimal: %#v, %v; pgx gives %#v, %v", src, gotp, gerr, wantp, werr)
		}
	}
	ints := [][]byte{nil, make([]byte, 4), make([]byte, 9)}
	for _, n := range []int64{0, 1, -1, 1 << 40, -1 << 63, 1<<63 - 1} {
		ints = append(ints, binary.BigEndian.AppendUint64(nil, uint64(n)))
	}
	for _, src := range ints {
		want, werr := scanWith[*int64](plain, pgtype.Int8OID, pgtype.BinaryFormatCode, src)
		got, gerr := scanWith[*int64](fast, pgtype.Int8OID, pgtype.BinaryFormatCode, src)
		if !same(got, want, gerr, werr) {
			t.Fatalf("int8 %x into *int64: %v, %v; pgx gives %v, %v", src, got, gerr, want, werr)
		}
	}
	// optional fields of every kind the plans cover, NULL, values and malformed ones
	i4 := func(n int32) []byte { return binary.BigEndian.AppendUint32(nil, uint32(n)) }
	i8 := func(n int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(n)) }
	f8 := func(f float64) []byte { return binary.BigEndian.AppendUint64(nil, math.Float64bits(f)) }
	cases := []struct {
		oid    uint32
		format int16
		srcs   [][]byte
		scan   func(m *pgtype.Map, oid uint32, format int16, src []byte) (any, error)
	}{
		{pgtype.TextOID, pgtype.BinaryFormatCode, [][]byte{nil, {}, []byte("kapot scherm"), []byte("é\x00")}, scanAs[*string]},
		{pgtype.VarcharOID, pgtype.TextFormatCode, [][]byte{nil, []byte("RMA")}, scanAs[*string]},
		{pgtype.Int8OID, pgtype.BinaryFormatCode, [][]byte{nil, i8(0), i8(-1 << 63), i8(42), make([]byte, 4)}, scanAs[*int64]},
		{pgtype.Int4OID, pgtype.BinaryFormatCode, [][]byte{nil, i4(7), i4(-7), make([]byte, 2)}, scanAs[*int32]},
		{pgtype.Int4OID, pgtype.BinaryFormatCode, [][]byte{nil, i4(7), make([]byte, 8)}, scanAs[*int]},
		{pgtype.Int8OID, pgtype.BinaryFormatCode, [][]byte{nil, i8(1 << 40)}, scanAs[*int]},
		{pgtype.BoolOID, pgtype.BinaryFormatCode, [][]byte{nil, {0}, {1}, {1, 1}}, scanAs[*bool]},
		{pgtype.Float8OID, pgtype.BinaryFormatCode, [][]byte{nil, f8(1.5), f8(math.Inf(-1)), {1}}, scanAs[*float64]},
		{pgtype.TimestamptzOID, pgtype.BinaryFormatCode, [][]byte{nil, i8(0), i8(851_472_000_000_000), i8(math.MaxInt64), i8(math.MinInt64),
			i8(-1 << 62), {1, 2}}, scanAs[*time.Time]},
		{pgtype.TimestampOID, pgtype.BinaryFormatCode, [][]byte{nil, i8(851_472_000_123_456)}, scanAs[*time.Time]},
		{pgtype.DateOID, pgtype.BinaryFormatCode, [][]byte{nil, i4(9_862), i4(math.MaxInt32)}, scanAs[*time.Time]},
	}
	for _, c := range cases {
		for _, src := range c.srcs {
			want, werr := c.scan(plain, c.oid, c.format, src)
			got, gerr := c.scan(fast, c.oid, c.format, src)
			if !same(got, want, gerr, werr) {
				t.Fatalf("oid %d %x into %T: %v, %v; pgx gives %v, %v", c.oid, src, want, got, gerr, want, werr)
			}
		}
	}
	// the codecs still decode everything else as pgx does
	if v, err := scanWith[int64](fast, pgtype.Int8OID, pgtype.BinaryFormatCode, i8(1)); err != nil || v != 1 {
		t.Fatalf("int8 into int64: %v, %v", v, err)
	}
	if v, err := scanWith[pgtype.Numeric](fast, pgtype.NumericOID, pgtype.TextFormatCode, []byte("12.50")); err != nil || !v.Valid {
		t.Fatalf("numeric into pgtype.Numeric: %v, %v", v, err)
	}
}

func BenchmarkScanNumericText(b *testing.B) {
	for _, m := range []struct {
		name string
		m    *pgtype.Map
	}{{"pgx", pgtype.NewMap()}, {"fast", fastMap()}} {
		b.Run(m.name, func(b *testing.B) {
			var d decimal.Decimal
			plan := m.m.PlanScan(pgtype.NumericOID, pgtype.TextFormatCode, &d)
			src := []byte("1234.50")
			b.ReportAllocs()
			for b.Loop() {
				if err := plan.Scan(src, &d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
