package secondment

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Band names the overtime band a minute of work falls in (SEC-3).
type Band string

// The bands of SEC-3. Base is every minute that no rule of the band table covers.
const (
	BandBase          Band = "base"
	BandEvening       Band = "evening"
	BandNight         Band = "night"
	BandNonWorkingDay Band = "non_working_day"
)

// Bands lists every band in the order statements show them.
var Bands = []Band{BandBase, BandEvening, BandNight, BandNonWorkingDay}

// Valid reports whether b is one of the known bands.
func (b Band) Valid() bool {
	switch b {
	case BandBase, BandEvening, BandNight, BandNonWorkingDay:
		return true
	}
	return false
}

// DayKind says on which days a band rule applies: working days or non-working days
// (weekends and the calendar's public holidays, CAL-1).
type DayKind string

// The day kinds a band rule can apply to.
const (
	WorkingDays    DayKind = "working"
	NonWorkingDays DayKind = "non_working"
)

// MinutesPerDay is the length of a wall-clock day; 24:00 is written as 1440.
const MinutesPerDay = 24 * 60

// BandRule puts the wall-clock minutes [From, To) of every day of kind Days into Band,
// with a surcharge in percent of the hourly rate. To may be 24:00 (1440).
type BandRule struct {
	Band             Band            `json:"band"`
	Days             DayKind         `json:"days"`
	From             ClockTime       `json:"from"`
	To               ClockTime       `json:"to"`
	SurchargePercent decimal.Decimal `json:"surcharge_percent"`
}

// span is one compiled piece of a day: minutes [from, to) priced at band/pct.
type span struct {
	from, to int
	band     Band
	pct      decimal.Decimal
}

// BandTable is the overtime band table of a placement. It is data stored on the
// placement, so a contract with other hours or surcharges needs no code change. Build one
// with NewBandTable; the zero value has no rules (every minute at base rate).
type BandTable struct {
	rules      []BandRule
	working    []span
	nonWorking []span
	encoded    []byte // MarshalJSON's answer, when the table came from scanBands
}

// DefaultBandRules is the SEC-3 table of Cloudwise art. 20.7: working days 18:00–24:00
// +50%, working days 00:00–07:30 +100%, non-working days all day +100%. 07:30–08:30 and
// 17:00–18:00 fall outside Werktijden but carry no surcharge, so they are base minutes.
func DefaultBandRules() []BandRule {
	return []BandRule{
		{Band: BandNight, Days: WorkingDays, From: 0, To: 7*60 + 30, SurchargePercent: decimal.NewFromInt(100)},
		{Band: BandEvening, Days: WorkingDays, From: 18 * 60, To: MinutesPerDay, SurchargePercent: decimal.NewFromInt(50)},
		{Band: BandNonWorkingDay, Days: NonWorkingDays, From: 0, To: MinutesPerDay, SurchargePercent: decimal.NewFromInt(100)},
	}
}

// DefaultBands is the compiled SEC-3 default table.
func DefaultBands() BandTable {
	t, err := NewBandTable(DefaultBandRules())
	if err != nil {
		panic("secondment: default band table invalid: " + err.Error())
	}
	return t
}

// MaxSurchargePercent bounds a surcharge so a typo (5000 for 50.00) is caught.
var MaxSurchargePercent = decimal.NewFromInt(500)

// NewBandTable validates rules and compiles them into per-day-kind spans that cover the
// whole day; minutes no rule covers are base at 0%. Every rule problem is reported.
func NewBandTable(rules []BandRule) (BandTable, error) {
	var errs fields
	for i, r := range rules {
		f := func(name string) string { return fmt.Sprintf("bands[%d].%s", i, name) }
		if !r.Band.Valid() || r.Band == BandBase {
			errs.Add(f("band"), "must be one of evening, night, non_working_day (base is every minute no rule covers)")
		}
		if r.Days != WorkingDays && r.Days != NonWorkingDays {
			errs.Add(f("days"), "must be working or non_working")
		}
		if r.From < 0 || r.From >= MinutesPerDay {
			errs.Add(f("from"), "must be a time from 00:00 to 23:59")
		}
		if r.To <= r.From || r.To > MinutesPerDay {
			errs.Add(f("to"), "must be after from and at most 24:00")
		}
		if r.SurchargePercent.IsNegative() || r.SurchargePercent.GreaterThan(MaxSurchargePercent) {
			errs.Add(f("surcharge_percent"), "must be between 0 and 500")
		} else if !r.SurchargePercent.Equal(r.SurchargePercent.Round(2)) {
			errs.Add(f("surcharge_percent"), "must have at most 2 decimals")
		}
	}
	if len(errs) > 0 {
		return BandTable{}, errs.Err()
	}
	for i := range rules {
		for j := i + 1; j < len(rules); j++ {
			a, b := rules[i], rules[j]
			if a.Days == b.Days && a.From < b.To && b.From < a.To {
				errs.Add(fmt.Sprintf("bands[%d]", j), fmt.Sprintf("overlaps band %d on %s days", i+1, a.Days.words()))
			}
		}
	}
	if len(errs) > 0 {
		return BandTable{}, errs.Err()
	}
	t := BandTable{rules: append([]BandRule(nil), rules...)}
	t.working = compile(rules, WorkingDays)
	t.nonWorking = compile(rules, NonWorkingDays)
	return t, nil
}

// compile turns the rules of one day kind into sorted spans covering [0, 1440), filling
// gaps with base and merging neighbours of the same band and surcharge.
func compile(rules []BandRule, kind DayKind) []span {
	var own []span
	for _, r := range rules {
		if r.Days == kind {
			own = append(own, span{from: int(r.From), to: int(r.To), band: r.Band, pct: r.SurchargePercent})
		}
	}
	sort.Slice(own, func(i, j int) bool { return own[i].from < own[j].from })
	var out []span
	add := func(s span) {
		if n := len(out); n > 0 && out[n-1].band == s.band && out[n-1].pct.Equal(s.pct) && out[n-1].to == s.from {
			out[n-1].to = s.to
			return
		}
		out = append(out, s)
	}
	at := 0
	for _, s := range own {
		if s.from > at {
			add(span{from: at, to: s.from, band: BandBase, pct: decimal.Zero})
		}
		add(s)
		at = s.to
	}
	if at < MinutesPerDay {
		add(span{from: at, to: MinutesPerDay, band: BandBase, pct: decimal.Zero})
	}
	return out
}

// Rules returns a copy of the table's rules.
func (t BandTable) Rules() []BandRule { return append([]BandRule(nil), t.rules...) }

// spans returns the compiled day for a working or non-working day.
func (t BandTable) spans(working bool) []span {
	if t.working == nil {
		// The zero table: every minute at base rate.
		return []span{{from: 0, to: MinutesPerDay, band: BandBase, pct: decimal.Zero}}
	}
	if working {
		return t.working
	}
	return t.nonWorking
}

// MarshalJSON writes the rules as a JSON array.
func (t BandTable) MarshalJSON() ([]byte, error) {
	if t.encoded != nil {
		return t.encoded, nil
	}
	rules := t.rules
	if rules == nil {
		rules = []BandRule{}
	}
	return json.Marshal(rules)
}

// UnmarshalJSON reads and validates a rule array.
func (t *BandTable) UnmarshalJSON(b []byte) error {
	var rules []BandRule
	if err := json.Unmarshal(b, &rules); err != nil {
		return fmt.Errorf("secondment: bands must be an array of {band, days, from, to, surcharge_percent}: %w", err)
	}
	nt, err := NewBandTable(rules)
	if err != nil {
		return err
	}
	*t = nt
	return nil
}

// Value stores the table in a jsonb column.
func (t BandTable) Value() (driver.Value, error) {
	b, err := t.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads the table from a jsonb column (through the cache of scanned tables).
func (t *BandTable) Scan(src any) error {
	var err error
	switch v := src.(type) {
	case []byte:
		*t, err = scanBands(v)
		return err
	case string:
		*t, err = scanBands([]byte(v))
		return err
	case nil:
		*t = BandTable{}
		return nil
	}
	return fmt.Errorf("secondment: cannot scan %T into BandTable", src)
}

// words is the day kind in a sentence: "working", "non-working".
func (k DayKind) words() string {
	if k == NonWorkingDays {
		return "non-working"
	}
	return string(k)
}
