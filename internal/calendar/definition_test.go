package calendar

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"backoffice/internal/civil"
)

func TestParseSlot(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
		ok   bool
	}{
		{"CAL-2 midnight", "00:00", 0, true},
		{"CAL-2 half past eight", "08:30", 510, true},
		{"CAL-2 five pm", "17:00", 1020, true},
		{"CAL-2 last minute", "23:59", 1439, true},
		{"CAL-2 end of day 24:00", "24:00", 1440, true},
		{"CAL-2 rejects 24:01", "24:01", 0, false},
		{"CAL-2 rejects 25:00", "25:00", 0, false},
		{"CAL-2 rejects minute 60", "12:60", 0, false},
		{"CAL-2 rejects single digit hour", "8:30", 0, false},
		{"CAL-2 rejects seconds", "08:30:00", 0, false},
		{"CAL-2 rejects letters", "ab:cd", 0, false},
		{"CAL-2 rejects empty", "", 0, false},
		{"CAL-2 rejects dot", "08.30", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSlot(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParseSlot(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestSlotJSON(t *testing.T) {
	t.Run("CAL-2 marshal", func(t *testing.T) {
		b, err := json.Marshal(Slot{510, 1020})
		if err != nil || string(b) != `{"start":"08:30","end":"17:00"}` {
			t.Errorf("Marshal = %s, %v", b, err)
		}
		b, _ = json.Marshal(Slot{0, 1440})
		if string(b) != `{"start":"00:00","end":"24:00"}` {
			t.Errorf("Marshal = %s", b)
		}
	})
	t.Run("CAL-2 unmarshal", func(t *testing.T) {
		var s Slot
		if err := json.Unmarshal([]byte(`{"start":"10:00","end":"24:00"}`), &s); err != nil || s != (Slot{600, 1440}) {
			t.Errorf("Unmarshal = %v, %v", s, err)
		}
	})
	for _, bad := range []string{`{"start":"8:00","end":"17:00"}`, `{"start":"08:00"}`, `"08:00-17:00"`, `{"start":510,"end":1020}`} {
		t.Run("CAL-2 unmarshal rejects "+bad, func(t *testing.T) {
			var s Slot
			if err := json.Unmarshal([]byte(bad), &s); err == nil {
				t.Errorf("Unmarshal(%s) = %v, want error", bad, s)
			}
		})
	}
	t.Run("CAL-2 string", func(t *testing.T) {
		if got := (Slot{510, 1050}).String(); got != "08:30-17:30" {
			t.Errorf("String = %q", got)
		}
	})
}

func TestDefinitionJSON(t *testing.T) {
	const stored = `{
		"id": "klant-x",
		"name": "Klant X",
		"time_zone": "Europe/Amsterdam",
		"hours": {"monday": [{"start":"08:00","end":"12:00"},{"start":"13:00","end":"17:00"}], "friday": [{"start":"08:00","end":"12:00"}]},
		"holidays": {"dutch": true, "good_friday": false, "liberation_day": "lustrum"},
		"closed_dates": ["2025-12-24"]
	}`
	var def Definition
	if err := json.Unmarshal([]byte(stored), &def); err != nil {
		t.Fatal(err)
	}
	c := mustNew(t, def)
	t.Run("CAL-2 stored json builds a calendar", func(t *testing.T) {
		if c.ID() != "klant-x" || c.Name() != "Klant X" || c.Location().String() != "Europe/Amsterdam" || c.BuiltIn() {
			t.Errorf("accessors: %q %q %v %v", c.ID(), c.Name(), c.Location(), c.BuiltIn())
		}
		if !c.IsWorkingDay(date("2025-04-18")) || c.IsWorkingDay(date("2025-12-24")) || !c.IsWorkingDay(date("2026-05-05")) {
			t.Error("holiday rules from JSON not applied")
		}
		if !c.IsOpen(ams(2025, 6, 16, 8, 0)) || c.IsOpen(ams(2025, 6, 16, 12, 30)) || c.IsOpen(ams(2025, 6, 17, 9, 0)) {
			t.Error("hours from JSON not applied")
		}
	})
	t.Run("CAL-2 definition round trips", func(t *testing.T) {
		b, err := json.Marshal(c.Definition())
		if err != nil {
			t.Fatal(err)
		}
		var back Definition
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, def) {
			t.Errorf("round trip\n got %+v\nwant %+v", back, def)
		}
	})
	t.Run("CAL-2 definition is a deep copy", func(t *testing.T) {
		d := c.Definition()
		d.Hours["monday"][0].Start = 0
		d.ClosedDates[0] = date("2030-01-01")
		def.Hours["monday"][0].End = 1440
		if got := c.Definition(); got.Hours["monday"][0] != (Slot{480, 720}) || got.ClosedDates[0] != date("2025-12-24") {
			t.Errorf("calendar data changed through a copy: %+v", got)
		}
		if c.IsOpen(ams(2025, 6, 16, 12, 30)) {
			t.Error("calendar hours changed through the caller's definition")
		}
	})
}

func TestNewValidation(t *testing.T) {
	valid := weekdaysDef("ok", "Europe/Amsterdam", dutchRules, Slot{510, 1020})
	tests := []struct {
		name   string
		edit   func(d *Definition)
		fields []string
	}{
		{"CAL-2 valid definition", func(d *Definition) {}, nil},
		{"CAL-2 id required", func(d *Definition) { d.ID = "" }, []string{"id"}},
		{"CAL-2 id must be a slug", func(d *Definition) { d.ID = "Klant X" }, []string{"id"}},
		{"CAL-2 id no double hyphen", func(d *Definition) { d.ID = "a--b" }, []string{"id"}},
		{"CAL-2 time zone required", func(d *Definition) { d.TimeZone = "" }, []string{"time_zone"}},
		{"CAL-2 time zone must load", func(d *Definition) { d.TimeZone = "Europe/Nowhere" }, []string{"time_zone"}},
		{"CAL-2 time zone not Local", func(d *Definition) { d.TimeZone = "Local" }, []string{"time_zone"}},
		{"CAL-2 end before start", func(d *Definition) { d.Hours["monday"] = []Slot{{600, 540}} }, []string{"hours.monday[0].end"}},
		{"CAL-2 empty slot", func(d *Definition) { d.Hours["monday"] = []Slot{{600, 600}} }, []string{"hours.monday[0].end"}},
		{"CAL-2 end after 24:00", func(d *Definition) { d.Hours["tuesday"] = []Slot{{600, 1441}} }, []string{"hours.tuesday[0].end"}},
		{"CAL-2 negative start", func(d *Definition) { d.Hours["tuesday"] = []Slot{{-1, 600}} }, []string{"hours.tuesday[0].start"}},
		{"CAL-2 overlapping slots", func(d *Definition) { d.Hours["monday"] = []Slot{{540, 720}, {700, 800}} }, []string{"hours.monday[1]"}},
		{"CAL-2 unsorted slots", func(d *Definition) { d.Hours["monday"] = []Slot{{780, 1020}, {540, 720}} }, []string{"hours.monday[1]"}},
		{"CAL-2 touching slots allowed", func(d *Definition) { d.Hours["monday"] = []Slot{{540, 720}, {720, 1440}} }, nil},
		{"CAL-2 unknown day", func(d *Definition) { d.Hours["mon"] = []Slot{{540, 720}} }, []string{"hours.mon"}},
		{"CAL-1 weekend slots rejected", func(d *Definition) { d.Hours["sunday"] = []Slot{{0, 450}} }, []string{"hours.sunday"}},
		{"CAL-1 empty weekend list allowed", func(d *Definition) { d.Hours["saturday"] = []Slot{} }, nil},
		{"CAL-2 no opening hours at all", func(d *Definition) { d.Hours = nil }, []string{"hours"}},
		{"CAL-1 liberation day invalid", func(d *Definition) { d.Holidays.LiberationDay = "sometimes" }, []string{"holidays.liberation_day"}},
		{"CAL-1 liberation day required with dutch", func(d *Definition) { d.Holidays.LiberationDay = "" }, []string{"holidays.liberation_day"}},
		{"CAL-1 liberation day may be empty without dutch", func(d *Definition) { d.Holidays = HolidayRules{} }, nil},
		{"CAL-2 closed date zero", func(d *Definition) { d.ClosedDates = []civil.Date{date("2025-01-02"), {}} }, []string{"closed_dates[1]"}},
		{"CAL-2 closed date invalid", func(d *Definition) { d.ClosedDates = []civil.Date{{Year: 2025, Month: 2, Day: 30}} }, []string{"closed_dates[0]"}},
		{"CAL-2 every problem listed", func(d *Definition) {
			d.ID = ""
			d.TimeZone = "Mars/Base"
			d.Hours["monday"] = []Slot{{600, 540}, {500, 560}}
			d.Hours["funday"] = []Slot{{0, 60}}
			d.Hours["saturday"] = []Slot{{600, 700}}
			d.Holidays.LiberationDay = "often"
			d.ClosedDates = []civil.Date{{}}
		}, []string{"id", "time_zone", "hours.monday[0].end", "hours.monday[1]", "hours.saturday", "hours.funday", "holidays.liberation_day", "closed_dates[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := valid.clone()
			tt.edit(&def)
			c, err := New(def)
			if tt.fields == nil {
				if err != nil || c == nil {
					t.Fatalf("New = %v, %v; want a calendar", c, err)
				}
				return
			}
			var de *DefinitionError
			if !errors.As(err, &de) || c != nil {
				t.Fatalf("New = %v, %v; want *DefinitionError", c, err)
			}
			var got []string
			for _, f := range de.Fields {
				got = append(got, f.Field)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Field)
				}
			}
			if !reflect.DeepEqual(got, tt.fields) {
				t.Errorf("fields = %v, want %v", got, tt.fields)
			}
			if !strings.HasPrefix(err.Error(), "calendar: invalid definition: ") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestBuiltins(t *testing.T) {
	t.Run("CAL-2 four builtins in stable order", func(t *testing.T) {
		var ids []string
		for _, c := range Builtins() {
			ids = append(ids, c.ID())
			if !c.BuiltIn() || c.Location().String() != "Europe/Amsterdam" || c.Name() == "" {
				t.Errorf("%s: builtIn=%v loc=%v name=%q", c.ID(), c.BuiltIn(), c.Location(), c.Name())
			}
		}
		want := []string{"nl-werktijden", "nl-kantooruren", "nl-kantooruren-lustrum", "cliendo-support"}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("ids = %v, want %v", ids, want)
		}
	})
	t.Run("CAL-2 builtin lookup", func(t *testing.T) {
		if c, ok := Builtin("nl-kantooruren"); !ok || c != Builtins()[1] {
			t.Error("Builtin(nl-kantooruren) is not the shared calendar")
		}
		if _, ok := Builtin("nope"); ok {
			t.Error("Builtin(nope) found")
		}
	})
	t.Run("CAL-2 builtins slice is a copy", func(t *testing.T) {
		Builtins()[0] = nil
		if Builtins()[0] == nil {
			t.Error("Builtins exposes its slice")
		}
	})
	t.Run("CAL-2 rebuilt from definition is not builtin", func(t *testing.T) {
		c := mustNew(t, builtin(t, IDWerktijden).Definition())
		if c.BuiltIn() {
			t.Error("New returned a built-in calendar")
		}
	})
	hours := []struct {
		name string
		id   string
		day  string
		want []Slot
	}{
		{"CAL-2 werktijden monday", IDWerktijden, "monday", []Slot{{510, 1020}}},
		{"CAL-2 kantooruren friday", IDKantooruren, "friday", []Slot{{510, 1050}}},
		{"CAL-2 kantooruren lustrum wednesday", IDKantoorurenLustrum, "wednesday", []Slot{{510, 1050}}},
		{"CAL-2 cliendo thursday", IDCliendoSupport, "thursday", []Slot{{600, 1140}}},
		{"CAL-2 cliendo friday", IDCliendoSupport, "friday", []Slot{{600, 960}}},
		{"CAL-2 cliendo saturday closed", IDCliendoSupport, "saturday", nil},
	}
	for _, tt := range hours {
		t.Run(tt.name, func(t *testing.T) {
			if got := builtin(t, tt.id).Definition().Hours[tt.day]; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hours = %v, want %v", got, tt.want)
			}
		})
	}
	rules := []struct {
		id   string
		want HolidayRules
	}{
		{IDWerktijden, dutchRules},
		{IDKantooruren, dutchRules},
		{IDKantoorurenLustrum, HolidayRules{Dutch: true, GoodFriday: true, LiberationDay: LiberationLustrum}},
		{IDCliendoSupport, dutchRules},
	}
	for _, tt := range rules {
		t.Run("CAL-1 holiday rules "+tt.id, func(t *testing.T) {
			if got := builtin(t, tt.id).Definition().Holidays; got != tt.want {
				t.Errorf("rules = %+v, want %+v", got, tt.want)
			}
		})
	}
}
