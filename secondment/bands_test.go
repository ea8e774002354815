package secondment

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestNewBandTable(t *testing.T) {
	t.Parallel()
	night := BandRule{Band: BandNight, Days: WorkingDays, From: 0, To: 450, SurchargePercent: dec("100")}
	tests := []struct {
		name   string
		rules  []BandRule
		fields []string
	}{
		{"SEC-3_default_table_is_valid", DefaultBandRules(), nil},
		{"SEC-3_empty_table_is_all_base", nil, nil},
		{"SEC-3_base_cannot_be_a_rule", []BandRule{{Band: BandBase, Days: WorkingDays, From: 0, To: 60, SurchargePercent: dec("0")}}, []string{"bands[0].band"}},
		{"SEC-3_unknown_band_and_days", []BandRule{{Band: "weekend", Days: "sunday", From: 0, To: 60, SurchargePercent: dec("0")}}, []string{"bands[0].band", "bands[0].days"}},
		{"SEC-3_to_before_from", []BandRule{{Band: BandEvening, Days: WorkingDays, From: 1080, To: 1000, SurchargePercent: dec("50")}}, []string{"bands[0].to"}},
		{"SEC-3_to_after_24h", []BandRule{{Band: BandEvening, Days: WorkingDays, From: 1080, To: 1441, SurchargePercent: dec("50")}}, []string{"bands[0].to"}},
		{"SEC-3_negative_surcharge", []BandRule{{Band: BandEvening, Days: WorkingDays, From: 1080, To: 1440, SurchargePercent: dec("-1")}}, []string{"bands[0].surcharge_percent"}},
		{"SEC-3_surcharge_three_decimals", []BandRule{{Band: BandEvening, Days: WorkingDays, From: 1080, To: 1440, SurchargePercent: dec("50.125")}}, []string{"bands[0].surcharge_percent"}},
		{"SEC-3_surcharge_absurd", []BandRule{{Band: BandEvening, Days: WorkingDays, From: 1080, To: 1440, SurchargePercent: dec("5000")}}, []string{"bands[0].surcharge_percent"}},
		{"SEC-3_overlap_same_days", []BandRule{night, {Band: BandEvening, Days: WorkingDays, From: 400, To: 500, SurchargePercent: dec("50")}}, []string{"bands[1]"}},
		{"SEC-3_same_hours_other_days_do_not_overlap", []BandRule{night, {Band: BandNight, Days: NonWorkingDays, From: 0, To: 450, SurchargePercent: dec("150")}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewBandTable(tc.rules)
			got := fieldsOf(t, err)
			if len(got) != len(tc.fields) {
				t.Fatalf("fields = %v, want %v", got, tc.fields)
			}
			for _, f := range tc.fields {
				if _, ok := got[f]; !ok {
					t.Fatalf("fields = %v, want %v", got, tc.fields)
				}
			}
		})
	}
}

func TestBandTableCompile(t *testing.T) {
	t.Parallel()
	d := DefaultBands()
	want := []span{
		{0, 450, BandNight, dec("100")},
		{450, 1080, BandBase, dec("0")},
		{1080, 1440, BandEvening, dec("50")},
	}
	got := d.spans(true)
	if len(got) != len(want) {
		t.Fatalf("SEC-3 working day spans = %+v", got)
	}
	for i := range want {
		if got[i].from != want[i].from || got[i].to != want[i].to || got[i].band != want[i].band || !got[i].pct.Equal(want[i].pct) {
			t.Fatalf("SEC-3 working day span %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if nw := d.spans(false); len(nw) != 1 || nw[0].band != BandNonWorkingDay || nw[0].to != MinutesPerDay {
		t.Fatalf("SEC-3 non-working day spans = %+v", nw)
	}
	// Adjacent rules of the same band and surcharge merge into one span.
	m, err := NewBandTable([]BandRule{
		{Band: BandNight, Days: WorkingDays, From: 0, To: 300, SurchargePercent: dec("100")},
		{Band: BandNight, Days: WorkingDays, From: 300, To: 450, SurchargePercent: dec("100.00")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if s := m.spans(true); len(s) != 2 || s[0].to != 450 {
		t.Fatalf("SEC-3 merged spans = %+v", s)
	}
	var zero BandTable
	if s := zero.spans(false); len(s) != 1 || s[0].band != BandBase {
		t.Fatalf("SEC-3 zero table = %+v, want all base", s)
	}
}

func TestBandTableJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(DefaultBands())
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"band":"night","days":"working","from":"00:00","to":"07:30","surcharge_percent":"100"},` +
		`{"band":"evening","days":"working","from":"18:00","to":"24:00","surcharge_percent":"50"},` +
		`{"band":"non_working_day","days":"non_working","from":"00:00","to":"24:00","surcharge_percent":"100"}]`
	if string(b) != want {
		t.Fatalf("SEC-3 bands JSON =\n%s\nwant\n%s", b, want)
	}
	var back BandTable
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Rules()) != 3 || len(back.spans(true)) != 3 {
		t.Fatalf("SEC-3 round trip lost rules: %+v", back.Rules())
	}
	var bad BandTable
	err = json.Unmarshal([]byte(`[{"band":"evening","days":"working","from":"19:00","to":"18:00","surcharge_percent":"50"}]`), &bad)
	if fields := fieldsOf(t, err); fields["bands[0].to"] == "" {
		t.Fatalf("SEC-3 invalid JSON table accepted: %v", err)
	}
	if err := json.Unmarshal([]byte(`[{"band":"evening","days":"working","from":"25:00","to":"18:00"}]`), &bad); err == nil ||
		!strings.Contains(err.Error(), "25:00") {
		t.Fatalf("SEC-3 bad time accepted: %v", err)
	}
	var scanned BandTable
	if err := scanned.Scan(b); err != nil || len(scanned.Rules()) != 3 {
		t.Fatalf("SEC-3 scan: %v", err)
	}
}

func TestParseClockTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want ClockTime
		ok   bool
	}{{"00:00", 0, true}, {"07:30", 450, true}, {"24:00", 1440, true}, {"23:59", 1439, true},
		{"24:01", 0, false}, {"7:30", 0, false}, {"07:60", 0, false}, {"ab:cd", 0, false}, {"", 0, false}}
	for _, tc := range tests {
		got, err := ParseClockTime(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("SEC-3 ParseClockTime(%q) = %d, %v", tc.in, got, err)
		}
	}
}
