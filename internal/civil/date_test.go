package civil

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

func TestDate(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	cases := []struct {
		name string
		got  Date
		want string
	}{
		{"add_months_clamps_31_jan", MustParse("2026-01-31").AddMonths(1), "2026-02-28"},
		{"add_months_leap_year", MustParse("2028-01-31").AddMonths(1), "2028-02-29"},
		{"add_48_months", MustParse("2026-03-15").AddMonths(48), "2030-03-15"},
		{"last_of_month", MustParse("2026-02-10").LastOfMonth(), "2026-02-28"},
		{"add_days_across_year_end", MustParse("2026-12-30").AddDays(3), "2027-01-02"},
		{"add_days_across_dst", MustParse("2026-03-28").AddDays(2), "2026-03-30"},
		{"instant_late_evening_utc_is_next_day_in_amsterdam", In(time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC), ams), "2026-07-01"},
	}
	for _, c := range cases {
		if c.got.String() != c.want {
			t.Errorf("%s: got %s want %s", c.name, c.got, c.want)
		}
	}
	if MustParse("2026-03-30").DaysSince(MustParse("2026-03-28")) != 2 {
		t.Error("DaysSince across DST")
	}
	var d Date
	if err := json.Unmarshal([]byte(`"2026-13-01"`), &d); err == nil {
		t.Error("month 13 accepted")
	}
	b, _ := json.Marshal(struct{ D Date }{MustParse("2026-05-05")})
	if string(b) != `{"D":"2026-05-05"}` {
		t.Error(string(b))
	}
	if !MustParse("2026-05-04").Before(MustParse("2026-05-05")) || MustParse("2026-05-05").Weekday() != time.Tuesday {
		t.Error("compare/weekday")
	}
}

// TestDateStringMatchesSprintf: the hand-written YYYY-MM-DD is what fmt wrote, for small
// and four-digit years and every month and day, and JSON quotes the same text.
func TestDateStringMatchesSprintf(t *testing.T) {
	for _, y := range []int{1, 9, 10, 99, 100, 999, 1000, 2026, 9999} {
		for m := time.January; m <= time.December; m++ {
			for _, day := range []int{1, 9, 10, 28, 31} {
				d := Date{y, m, day}
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, day)
				if d.String() != want {
					t.Fatalf("%v: String() = %q, want %q", d, d.String(), want)
				}
				if b, _ := d.MarshalJSON(); string(b) != `"`+want+`"` {
					t.Fatalf("%v: MarshalJSON = %s", want, b)
				}
			}
		}
	}
	if (Date{}).String() != "" || (Date{Year: 12026, Month: 1, Day: 1}).String() != "12026-01-01" {
		t.Error("the zero date or a five-digit year")
	}
}

func BenchmarkDateMarshalJSON(b *testing.B) {
	d := MustParse("2026-12-02")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = d.MarshalJSON()
	}
}

// valueOnly is a date pgx can only encode through its driver.Valuer (text, parsed again).
type valueOnly struct{ d Date }

func (v valueOnly) Value() (driver.Value, error) { return v.d.Value() }

// A date parameter reaches PostgreSQL as the same binary date as its text did, and the
// zero date as NULL.
func TestDateValueEncodesAsItsText(t *testing.T) {
	m := pgtype.NewMap()
	for _, d := range []Date{{Year: 2026, Month: 6, Day: 1}, {Year: 1999, Month: 12, Day: 31}, {Year: 2028, Month: 2, Day: 29}, {Year: 1, Month: 1, Day: 1}, {}} {
		got, err := m.Encode(pgtype.DateOID, pgtype.BinaryFormatCode, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := m.Encode(pgtype.DateOID, pgtype.BinaryFormatCode, valueOnly{d}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) || (got == nil) != d.IsZero() {
			t.Fatalf("%v: %x, its text %x", d, got, want)
		}
	}
}
