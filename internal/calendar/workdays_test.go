package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name string
		cal  string
		from string
		n    int
		want string
	}{
		{"CAL-1 zero returns the date itself", IDKantooruren, "2025-06-11", 0, "2025-06-11"},
		{"CAL-1 zero on a saturday returns saturday", IDKantooruren, "2025-06-07", 0, "2025-06-07"},
		{"CAL-1 one from wednesday", IDKantooruren, "2025-06-11", 1, "2025-06-12"},
		{"CAL-1 friday plus one is monday", IDKantooruren, "2025-06-13", 1, "2025-06-16"},
		{"CAL-1 saturday plus one is monday", IDKantooruren, "2025-06-14", 1, "2025-06-16"},
		{"CAL-1 ten working days", IDKantooruren, "2025-06-02", 10, "2025-06-17"},
		{"CAL-1 across easter 2025", IDKantooruren, "2025-04-17", 1, "2025-04-22"},
		{"CAL-1 across easter 2025 without good friday rule", "gf-on", "2025-04-17", 1, "2025-04-18"},
		{"CAL-1 across koningsdag 2026", IDWerktijden, "2026-04-24", 1, "2026-04-28"},
		{"CAL-1 across bevrijdingsdag 2026 default", IDKantooruren, "2026-05-04", 1, "2026-05-06"},
		{"CAL-1 across bevrijdingsdag 2026 lustrum", IDKantoorurenLustrum, "2026-05-04", 1, "2026-05-05"},
		{"CAL-1 across christmas 2025", IDKantooruren, "2025-12-24", 1, "2025-12-29"},
		{"CAL-1 to new year's eve 2025", IDKantooruren, "2025-12-24", 3, "2025-12-31"},
		{"CAL-1 across year end 2025", IDKantooruren, "2025-12-24", 4, "2026-01-02"},
		{"CAL-1 back across year end 2026", IDKantooruren, "2026-01-02", -1, "2025-12-31"},
		{"CAL-1 back across christmas 2025", IDKantooruren, "2025-12-29", -1, "2025-12-24"},
		{"CAL-1 back across easter 2025", IDKantooruren, "2025-04-22", -1, "2025-04-17"},
		{"CAL-1 back from sunday", IDKantooruren, "2025-06-15", -1, "2025-06-13"},
		{"CAL-1 back ten working days", IDKantooruren, "2025-06-17", -10, "2025-06-02"},
		{"CAL-1 a working year 2026", IDKantooruren, "2025-12-31", 253, "2026-12-31"}, // 261 weekdays - 8 holidays,
		{"CAL-1 leap day 2028", IDKantooruren, "2028-02-28", 1, "2028-02-29"},
	}
	gfOn := mustNew(t, weekdaysDef("gf-on", "Europe/Amsterdam",
		HolidayRules{Dutch: true, LiberationDay: LiberationYearly}, Slot{510, 1020}))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := gfOn
			if tt.cal != "gf-on" {
				c = builtin(t, tt.cal)
			}
			from := date(tt.from)
			if got := c.AddWorkingDays(from, tt.n); got != date(tt.want) {
				t.Errorf("%s AddWorkingDays(%s, %d) = %s, want %s", tt.cal, from, tt.n, got, tt.want)
			}
			if got, want := c.AddWorkingDays(from, tt.n), naiveAddWorkingDays(c, from, tt.n); got != want {
				t.Errorf("reference disagrees: %s vs %s", got, want)
			}
			if got := c.WorkingDaysBetween(from, date(tt.want)); tt.n != 0 && got != tt.n {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", from, tt.want, got, tt.n)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := builtin(t, IDKantooruren)
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"CAL-1 same day is zero", "2025-06-11", "2025-06-11", 0},
		{"CAL-1 counts (from, to]", "2025-06-09", "2025-06-13", 4},
		{"CAL-1 whole week friday to friday", "2025-06-06", "2025-06-13", 4}, // 9 June is Tweede Pinksterdag
		{"CAL-1 weekend only", "2025-06-13", "2025-06-15", 0},
		{"CAL-1 christmas week 2025", "2025-12-19", "2026-01-02", 7},
		{"CAL-1 negative counts [to, from)", "2025-06-13", "2025-06-09", -3},
		{"CAL-1 negative from saturday", "2025-06-14", "2025-06-13", -1},
		{"CAL-1 year 2025", "2024-12-31", "2025-12-31", 253}, // 261 weekdays - 8 (Koningsdag is a Saturday),
		{"CAL-1 year 2026", "2025-12-31", "2026-12-31", 253}, // 261 weekdays - 8 (26 Dec is a Saturday),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingDaysBetween(date(tt.from), date(tt.to)); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestWorkingDaysProperty checks AddWorkingDays and WorkingDaysBetween against
// a naive day walk and each other on random dates (fixed seed).
func TestWorkingDaysProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	start := date("2020-01-01")
	for _, c := range Builtins() {
		t.Run("CAL-1 random "+c.ID(), func(t *testing.T) {
			for range 500 {
				d := start.AddDays(r.IntN(365 * 15))
				n := r.IntN(601) - 300
				got := c.AddWorkingDays(d, n)
				if want := naiveAddWorkingDays(c, d, n); got != want {
					t.Fatalf("AddWorkingDays(%s, %d) = %s, reference %s", d, n, got, want)
				}
				if back := c.WorkingDaysBetween(d, got); back != n {
					t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", d, got, back, n)
				}
				e := d.AddDays(r.IntN(200) - 100)
				naive := 0
				for x := d; x.Before(e); x = x.AddDays(1) {
					if c.IsWorkingDay(x.AddDays(1)) {
						naive++
					}
				}
				for x := e; x.Before(d); x = x.AddDays(1) {
					if c.IsWorkingDay(x) {
						naive--
					}
				}
				if got := c.WorkingDaysBetween(d, e); got != naive {
					t.Fatalf("WorkingDaysBetween(%s, %s) = %d, reference %d", d, e, got, naive)
				}
			}
		})
	}
}

func TestNoticeDeemedDelivered(t *testing.T) {
	c := builtin(t, IDKantooruren)
	tests := []struct {
		name    string
		arrived time.Time
		want    string
	}{
		{"CAL-3 friday 15:59 is friday", ams(2025, 6, 13, 15, 59), "2025-06-13"},
		{"CAL-3 friday 15:59:59.999 is friday", ams(2025, 6, 13, 15, 59).Add(59*time.Second + 999*time.Millisecond), "2025-06-13"},
		{"CAL-3 friday 16:00 is monday", ams(2025, 6, 13, 16, 0), "2025-06-16"},
		{"CAL-3 saturday is monday", ams(2025, 6, 14, 10, 0), "2025-06-16"},
		{"CAL-3 sunday night is monday", ams(2025, 6, 15, 23, 59), "2025-06-16"},
		{"CAL-3 monday 00:00 is monday", ams(2025, 6, 16, 0, 0), "2025-06-16"},
		{"CAL-3 thursday before easter after 16:00 is tuesday", ams(2025, 4, 17, 16, 30), "2025-04-22"},
		{"CAL-3 easter sunday before easter monday is tuesday", ams(2025, 4, 20, 10, 0), "2025-04-22"},
		{"CAL-3 easter monday morning is tuesday", ams(2025, 4, 21, 9, 0), "2025-04-22"},
		{"CAL-3 arrival on koningsdag 2026 is next day", ams(2026, 4, 27, 10, 0), "2026-04-28"},
		{"CAL-3 arrival on koningsdag 2025 saturday is monday", ams(2025, 4, 26, 10, 0), "2025-04-28"},
		{"CAL-3 new year's eve 16:00 is 2 january", ams(2025, 12, 31, 16, 0), "2026-01-02"},
		{"CAL-3 utc input summer 13:59 utc is 15:59 cest", time.Date(2025, 6, 13, 13, 59, 0, 0, time.UTC), "2025-06-13"},
		{"CAL-3 utc input summer 14:00 utc is 16:00 cest", time.Date(2025, 6, 13, 14, 0, 0, 0, time.UTC), "2025-06-16"},
		{"CAL-3 utc input winter 14:59 utc is 15:59 cet", time.Date(2025, 12, 12, 14, 59, 0, 0, time.UTC), "2025-12-12"},
		{"CAL-3 utc late evening is next local day", time.Date(2025, 6, 12, 22, 30, 0, 0, time.UTC), "2025-06-13"},
		{"CAL-3 dst friday before spring forward 15:30 cet", ams(2025, 3, 28, 15, 30), "2025-03-28"},
		{"CAL-3 dst spring forward sunday 03:30 is monday", ams(2025, 3, 30, 3, 30), "2025-03-31"},
		{"CAL-3 dst fall back sunday is monday", ams(2025, 10, 26, 2, 30), "2025-10-27"},
		{"CAL-3 dst monday after fall back 15:59 cet", ams(2025, 10, 27, 15, 59), "2025-10-27"},
		{"CAL-3 dst monday after fall back 15:00 utc is 16:00 cet", time.Date(2025, 10, 27, 15, 0, 0, 0, time.UTC), "2025-10-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.NoticeDeemedDelivered(tt.arrived); got != date(tt.want) {
				t.Errorf("NoticeDeemedDelivered(%s) = %s, want %s", tt.arrived, got, tt.want)
			}
		})
	}
}

func TestDateOf(t *testing.T) {
	c := builtin(t, IDWerktijden)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"CAL-2 utc evening before spring forward is next amsterdam day", time.Date(2025, 3, 29, 23, 30, 0, 0, time.UTC), "2025-03-30"},
		{"CAL-2 utc new year's eve 23:30 is new year", time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), "2026-01-01"},
		{"CAL-2 summer utc 22:00 is next amsterdam day", time.Date(2025, 7, 1, 22, 0, 0, 0, time.UTC), "2025-07-02"},
		{"CAL-2 summer utc 21:59 is same day", time.Date(2025, 7, 1, 21, 59, 0, 0, time.UTC), "2025-07-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.DateOf(tt.t); got != date(tt.want) {
				t.Errorf("DateOf(%s) = %s, want %s", tt.t, got, tt.want)
			}
		})
	}
}
