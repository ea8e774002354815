package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// Test-only calendars.
var (
	// night is open 00:00-07:30 on working days in Amsterdam, so its slots
	// start right after the DST nights.
	nightDef = weekdaysDef("test-night", "Europe/Amsterdam", dutchRules, Slot{0, 450})
	// split has a lunch break.
	splitDef = weekdaysDef("test-split", "Europe/Amsterdam", dutchRules, Slot{540, 720}, Slot{780, 1020})
	// cairo switches DST on weekdays (Friday 00:00 -> 01:00 in April, Thursday
	// 24:00 -> 23:00 in October), the only way to put a DST jump inside a
	// working-day slot: in Amsterdam the clocks change on Sundays.
	cairoDef = func() Definition {
		d := weekdaysDef("test-cairo", "Africa/Cairo", HolidayRules{}, Slot{0, 450})
		d.Hours["thursday"] = []Slot{{0, 1440}}
		return d
	}()
)

func cairo(t testing.TB, y int, m time.Month, d, h, min int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Africa/Cairo")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// testCal returns a built-in or test-only calendar by id.
func testCal(t testing.TB, id string) *Calendar {
	t.Helper()
	for _, def := range []Definition{nightDef, splitDef, cairoDef} {
		if def.ID == id {
			return mustNew(t, def)
		}
	}
	return builtin(t, id)
}

func TestSlotInstantsAcrossDST(t *testing.T) {
	c := mustNew(t, nightDef)
	tests := []struct {
		name string
		date string
		want time.Duration
	}{
		{"CAL-2 slot 00:00-07:30 on spring forward day is 6.5h", "2025-03-30", 6*time.Hour + 30*time.Minute},
		{"CAL-2 slot 00:00-07:30 on fall back day is 8.5h", "2025-10-26", 8*time.Hour + 30*time.Minute},
		{"CAL-2 slot 00:00-07:30 on ordinary day is 7.5h", "2025-03-31", 7*time.Hour + 30*time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := date(tt.date)
			if got := c.instant(d, 450).Sub(c.instant(d, 0)); got != tt.want {
				t.Errorf("slot length on %s = %s, want %s", d, got, tt.want)
			}
		})
	}
}

func TestIsOpenAndNextOpening(t *testing.T) {
	tests := []struct {
		name string
		cal  string
		at   time.Time
		open bool
		next time.Time
	}{
		{"CAL-2 before opening", IDKantooruren, ams(2025, 6, 16, 8, 29), false, ams(2025, 6, 16, 8, 30)},
		{"CAL-2 at opening", IDKantooruren, ams(2025, 6, 16, 8, 30), true, ams(2025, 6, 16, 8, 30)},
		{"CAL-2 last minute kantooruren", IDKantooruren, ams(2025, 6, 16, 17, 29), true, ams(2025, 6, 16, 17, 29)},
		{"CAL-2 closing is exclusive", IDKantooruren, ams(2025, 6, 16, 17, 30), false, ams(2025, 6, 17, 8, 30)},
		{"CAL-2 werktijden closes 17:00", IDWerktijden, ams(2025, 6, 16, 17, 0), false, ams(2025, 6, 17, 8, 30)},
		{"CAL-2 friday evening to monday", IDKantooruren, ams(2025, 6, 13, 18, 0), false, ams(2025, 6, 16, 8, 30)},
		{"CAL-2 saturday to monday", IDKantooruren, ams(2025, 6, 14, 11, 0), false, ams(2025, 6, 16, 8, 30)},
		{"CAL-1 easter 2025 closed until tuesday", IDKantooruren, ams(2025, 4, 17, 18, 0), false, ams(2025, 4, 22, 8, 30)},
		{"CAL-1 koningsdag 2026 closed", IDKantooruren, ams(2026, 4, 27, 10, 0), false, ams(2026, 4, 28, 8, 30)},
		{"CAL-1 christmas 2025 closed until 29 december", IDKantooruren, ams(2025, 12, 24, 18, 0), false, ams(2025, 12, 29, 8, 30)},
		{"CAL-1 new year's eve to 2 january", IDKantooruren, ams(2025, 12, 31, 18, 0), false, ams(2026, 1, 2, 8, 30)},
		{"CAL-2 cliendo friday 16:00 to monday 10:00", IDCliendoSupport, ams(2025, 6, 13, 16, 0), false, ams(2025, 6, 16, 10, 0)},
		{"CAL-2 cliendo thursday 18:59 open", IDCliendoSupport, ams(2025, 6, 12, 18, 59), true, ams(2025, 6, 12, 18, 59)},
		{"CAL-2 lunch break", "test-split", ams(2025, 6, 16, 12, 30), false, ams(2025, 6, 16, 13, 0)},
		{"CAL-2 end of morning slot", "test-split", ams(2025, 6, 16, 12, 0), false, ams(2025, 6, 16, 13, 0)},
		{"CAL-2 dst spring weekend to monday cest", IDKantooruren, ams(2025, 3, 28, 18, 0), false, time.Date(2025, 3, 31, 6, 30, 0, 0, time.UTC)},
		{"CAL-2 dst fall weekend to monday cet", IDKantooruren, ams(2025, 10, 24, 18, 0), false, time.Date(2025, 10, 27, 7, 30, 0, 0, time.UTC)},
		{"CAL-2 dst night calendar monday 00:00 cest", "test-night", ams(2025, 3, 30, 3, 0), false, time.Date(2025, 3, 30, 22, 0, 0, 0, time.UTC)},
		{"CAL-2 utc input is read in amsterdam", IDKantooruren, time.Date(2025, 6, 16, 6, 30, 0, 0, time.UTC), true, ams(2025, 6, 16, 8, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCal(t, tt.cal)
			if got := c.IsOpen(tt.at); got != tt.open {
				t.Errorf("IsOpen(%s) = %v, want %v", tt.at, got, tt.open)
			}
			got := c.NextOpening(tt.at)
			if !got.Equal(tt.next) {
				t.Errorf("NextOpening(%s) = %s, want %s", tt.at, got, tt.next)
			}
			if !c.IsOpen(got) {
				t.Errorf("not open at NextOpening %s", got)
			}
			if b := c.BusinessBetween(tt.at, got); b != 0 {
				t.Errorf("BusinessBetween(t, NextOpening) = %s, want 0", b)
			}
		})
	}
}

type addCase struct {
	name string
	cal  string
	from time.Time
	d    time.Duration
	want time.Time
}

func addCases(t testing.TB) []addCase {
	h := time.Hour
	return []addCase{
		{"CAL-2 zero returns t unchanged on saturday", IDKantooruren, ams(2025, 6, 14, 12, 0), 0, ams(2025, 6, 14, 12, 0)},
		{"CAL-2 within one day", IDKantooruren, ams(2025, 6, 16, 9, 0), 2 * h, ams(2025, 6, 16, 11, 0)},
		{"CAL-2 ends exactly at closing", IDKantooruren, ams(2025, 6, 16, 8, 30), 9 * h, ams(2025, 6, 16, 17, 30)},
		{"CAL-2 starts before opening", IDKantooruren, ams(2025, 6, 16, 7, 0), h, ams(2025, 6, 16, 9, 30)},
		{"CAL-2 across weekend", IDKantooruren, ams(2025, 6, 13, 16, 0), 2 * h, ams(2025, 6, 16, 9, 0)},
		{"CAL-2 40h kantooruren week", IDKantooruren, ams(2025, 6, 16, 8, 30), 40 * h, ams(2025, 6, 20, 12, 30)},
		{"CAL-1 across koningsdag 2026", IDWerktijden, ams(2026, 4, 24, 16, 0), 2 * h, ams(2026, 4, 28, 9, 30)},
		{"CAL-1 across good friday and easter monday 2025", IDWerktijden, ams(2025, 4, 17, 16, 0), 2 * h, ams(2025, 4, 22, 9, 30)},
		{"CAL-1 across christmas 2025", IDKantooruren, ams(2025, 12, 24, 17, 0), h, ams(2025, 12, 29, 9, 0)},
		{"CAL-1 across year end 2025", IDKantooruren, ams(2025, 12, 31, 17, 0), h, ams(2026, 1, 2, 9, 0)},
		{"CAL-2 cliendo 48h across tweede pinksterdag", IDCliendoSupport, ams(2025, 6, 2, 10, 0), 48 * h, ams(2025, 6, 10, 16, 0)},
		{"CAL-2 cliendo 48h from friday afternoon", IDCliendoSupport, ams(2025, 9, 5, 15, 0), 48 * h, ams(2025, 9, 15, 15, 0)},
		{"CAL-2 lunch break skipped", "test-split", ams(2025, 6, 16, 11, 0), 2 * h, ams(2025, 6, 16, 14, 0)},
		{"CAL-2 ends at lunch", "test-split", ams(2025, 6, 16, 11, 0), h, ams(2025, 6, 16, 12, 0)},
		{"CAL-2 dst spring weekend kantooruren", IDKantooruren, ams(2025, 3, 28, 17, 0), h, time.Date(2025, 3, 31, 7, 0, 0, 0, time.UTC)},
		{"CAL-2 dst fall weekend kantooruren", IDKantooruren, ams(2025, 10, 24, 17, 0), h, time.Date(2025, 10, 27, 8, 0, 0, 0, time.UTC)},
		{"CAL-2 dst spring night slot", "test-night", ams(2025, 3, 28, 7, 0), h, time.Date(2025, 3, 30, 22, 30, 0, 0, time.UTC)},
		{"CAL-2 dst fall night slot", "test-night", ams(2025, 10, 24, 7, 0), h, time.Date(2025, 10, 26, 23, 30, 0, 0, time.UTC)},
		{"CAL-2 dst spring whole monday night slot", "test-night", ams(2025, 3, 29, 23, 0), 7*h + 30*time.Minute, ams(2025, 3, 31, 7, 30)},
		{"CAL-2 dst cairo spring forward friday slot is 6.5h", "test-cairo", cairo(t, 2025, 4, 25, 0, 0), 6*h + 30*time.Minute, cairo(t, 2025, 4, 25, 7, 30)},
		{"CAL-2 dst cairo fall back thursday has 25h", "test-cairo", cairo(t, 2025, 10, 30, 0, 0), 24*h + 30*time.Minute, time.Date(2025, 10, 30, 21, 30, 0, 0, time.UTC)},
		{"CAL-2 dst cairo fall back into friday", "test-cairo", cairo(t, 2025, 10, 30, 12, 0), 20*h + 30*time.Minute, cairo(t, 2025, 10, 31, 7, 30)},
	}
}

func TestAddBusiness(t *testing.T) {
	for _, tt := range addCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			c := testCal(t, tt.cal)
			got := c.AddBusiness(tt.from, tt.d)
			if !got.Equal(tt.want) {
				t.Errorf("%s AddBusiness(%s, %s) = %s, want %s", tt.cal, tt.from, tt.d, got, tt.want)
			}
			if tt.d > 0 && got.Location() != c.Location() {
				t.Errorf("result in %s, want %s", got.Location(), c.Location())
			}
		})
	}
	t.Run("CAL-2 negative duration returns t", func(t *testing.T) {
		from := ams(2025, 6, 16, 9, 0)
		if got := builtin(t, IDKantooruren).AddBusiness(from, -time.Hour); !got.Equal(from) {
			t.Errorf("AddBusiness(-1h) = %s", got)
		}
	})
}

func TestBusinessBetween(t *testing.T) {
	h := time.Hour
	tests := []struct {
		name     string
		cal      string
		from, to time.Time
		want     time.Duration
	}{
		{"CAL-2 one full day", IDKantooruren, ams(2025, 6, 16, 0, 0), ams(2025, 6, 17, 0, 0), 9 * h},
		{"CAL-2 empty when to equals from", IDKantooruren, ams(2025, 6, 16, 9, 0), ams(2025, 6, 16, 9, 0), 0},
		{"CAL-2 zero when to before from", IDKantooruren, ams(2025, 6, 16, 12, 0), ams(2025, 6, 16, 9, 0), 0},
		{"CAL-2 across weekend", IDKantooruren, ams(2025, 6, 13, 9, 0), ams(2025, 6, 16, 9, 0), 9 * h},
		{"CAL-1 across easter 2025", IDKantooruren, ams(2025, 4, 17, 0, 0), ams(2025, 4, 23, 0, 0), 18 * h},
		{"CAL-1 koningsdag 2026 counts nothing", IDKantooruren, ams(2026, 4, 27, 0, 0), ams(2026, 4, 28, 0, 0), 0},
		{"CAL-2 june 2025 kantooruren", IDKantooruren, ams(2025, 6, 1, 0, 0), ams(2025, 7, 1, 0, 0), 20 * 9 * h},
		{"CAL-2 year 2025 kantooruren", IDKantooruren, ams(2025, 1, 1, 0, 0), ams(2026, 1, 1, 0, 0), 253 * 9 * h},
		{"CAL-2 cliendo week", IDCliendoSupport, ams(2025, 6, 16, 0, 0), ams(2025, 6, 23, 0, 0), 42 * h},
		{"CAL-2 dst spring weekend", IDKantooruren, ams(2025, 3, 28, 9, 0), ams(2025, 3, 31, 9, 0), 9 * h},
		{"CAL-2 dst fall weekend", IDKantooruren, ams(2025, 10, 24, 9, 0), ams(2025, 10, 27, 9, 0), 9 * h},
		{"CAL-2 dst spring night slot weekend", "test-night", ams(2025, 3, 28, 6, 0), ams(2025, 3, 31, 1, 0), 2*h + 30*time.Minute},
		{"CAL-2 dst cairo spring forward friday", "test-cairo", cairo(t, 2025, 4, 25, 0, 0), cairo(t, 2025, 4, 25, 12, 0), 6*h + 30*time.Minute},
		{"CAL-2 dst cairo fall back thursday", "test-cairo", cairo(t, 2025, 10, 30, 0, 0), cairo(t, 2025, 10, 31, 0, 0), 25 * h},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCal(t, tt.cal)
			if got := c.BusinessBetween(tt.from, tt.to); got != tt.want {
				t.Errorf("%s BusinessBetween(%s, %s) = %s, want %s", tt.cal, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestBusinessInverse(t *testing.T) {
	for _, tt := range addCases(t) {
		if tt.d <= 0 {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			c := testCal(t, tt.cal)
			end := c.AddBusiness(tt.from, tt.d)
			if got := c.BusinessBetween(tt.from, end); got != tt.d {
				t.Errorf("BusinessBetween(t, AddBusiness(t, %s)) = %s", tt.d, got)
			}
		})
	}
}

// TestBusinessInverseRandom: AddBusiness(t, d) is the first instant after which
// exactly d of business time lies in [t, result), on random inputs (fixed seed).
func TestBusinessInverseRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(20250426, 5))
	ids := []string{IDWerktijden, IDKantooruren, IDKantoorurenLustrum, IDCliendoSupport, "test-night", "test-split", "test-cairo"}
	base := ams(2024, 1, 1, 0, 0)
	for _, id := range ids {
		c := testCal(t, id)
		t.Run("CAL-2 random "+id, func(t *testing.T) {
			for range 300 {
				from := base.Add(time.Duration(r.Int64N(int64(4 * 365 * 24 * time.Hour))))
				d := time.Duration(1 + r.Int64N(int64(120*time.Hour)))
				end := c.AddBusiness(from, d)
				if got := c.BusinessBetween(from, end); got != d {
					t.Fatalf("BusinessBetween(%s, AddBusiness(+%s) = %s) = %s", from, d, end, got)
				}
				if got := c.BusinessBetween(from, end.Add(-time.Nanosecond)); got >= d {
					t.Fatalf("AddBusiness(%s, %s) = %s is not the first such instant", from, d, end)
				}
				if !c.IsOpen(end.Add(-time.Nanosecond)) {
					t.Fatalf("closed just before AddBusiness(%s, %s) = %s", from, d, end)
				}
			}
		})
	}
}
