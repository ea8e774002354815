package testkit

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
)

// CheckRowJSON checks a list row that writes its own JSON (httpx.RowJSON): pages of T
// with random values in every field — found by reflection, so a field added to T and
// not to its AppendJSON fails here — must come out byte for byte as encoding/json
// writes them, HTML characters, line separators, invalid UTF-8, NULLs, zero dates, time
// zones and nanoseconds included.
func CheckRowJSON[T any](t *testing.T) {
	t.Helper()
	r := rand.New(rand.NewPCG(14, 14))
	for round := range 300 {
		l := httpx.List[T]{Items: make([]T, r.IntN(4))}
		if round == 0 {
			l.Items = nil
		}
		for i := range l.Items {
			fillRandom(r, reflect.ValueOf(&l.Items[i]).Elem(), 0)
		}
		if round%2 == 0 {
			next := "eyJpZCI6MTJ9"
			l.Next = &next
		}
		want, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := l.AppendJSON(nil)
		if !ok {
			t.Fatalf("%T does not write itself (no AppendJSON on its pointer)", l.Items)
		}
		if string(got) != string(want) {
			t.Fatalf("the rows wrote\n%s\nencoding/json writes\n%s", got, want)
		}
	}
}

var awkward = []string{"", "Kapot scherm", "<script>&amp;</script>", "regel\nregel\t\"quote\" \\", "\u2028\u2029", "\xff\xfe ongeldig",
	"ë é € 😀", "\x00\x01\x1f"}

var (
	timeType    = reflect.TypeFor[time.Time]()
	amountType  = reflect.TypeFor[money.Amount]()
	decimalType = reflect.TypeFor[decimal.Decimal]()
	dateType    = reflect.TypeFor[civil.Date]()
)

// fillRandom sets v (settable) to a random value of its type.
func fillRandom(r *rand.Rand, v reflect.Value, depth int) {
	switch v.Type() {
	case timeType:
		zones := []*time.Location{time.UTC, clock.Amsterdam, time.FixedZone("", -5*3600)}
		tm := time.Date(1990+r.IntN(50), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), 0, zones[r.IntN(3)])
		if r.IntN(2) == 0 {
			tm = tm.Add(time.Duration(r.IntN(1e9)))
		}
		v.Set(reflect.ValueOf(tm))
		return
	case amountType:
		v.Set(reflect.ValueOf(money.Amount{Decimal: decimal.New(r.Int64N(2e9)-1e9, -r.Int32N(4))}))
		return
	case decimalType:
		v.Set(reflect.ValueOf(decimal.New(r.Int64N(2e9)-1e9, -r.Int32N(4))))
		return
	case dateType:
		if r.IntN(5) > 0 {
			v.Set(reflect.ValueOf(civil.Date{Year: 2000 + r.IntN(40), Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		s := awkward[r.IntN(len(awkward))]
		if r.IntN(3) == 0 {
			s += awkward[r.IntN(len(awkward))]
		}
		v.SetString(s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(r.Int64N(1<<31) - 1<<30)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(r.Uint64N(1 << 31))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(r.NormFloat64() * 1000)
	case reflect.Pointer:
		if r.IntN(3) > 0 {
			p := reflect.New(v.Type().Elem())
			fillRandom(r, p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Slice:
		switch n := r.IntN(4); {
		case n == 0:
		case n == 1 || depth > 2:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				fillRandom(r, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillRandom(r, v.Field(i), depth+1)
			}
		}
	}
}
