package secondment

import (
	"backoffice/internal/civil"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// priced builds a statement entry by pricing it with the default bands.
func priced(t testing.TB, id int64, status EntryStatus, start, end time.Time, rate string) StatementEntry {
	t.Helper()
	cal := werktijden(t)
	p, err := Price(start, end, dec(rate), DefaultBands(), cal, cal.Location())
	if err != nil {
		t.Fatal(err)
	}
	return StatementEntry{ID: id, Status: status, StartedAt: start, EndedAt: end, Minutes: p.Minutes, Amount: p.Amount, Segments: p.Segments}
}

func TestBuildStatement(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	m := civil.Month{Year: 2026, Month: time.January}
	entries := []StatementEntry{
		// Friday night into Saturday: 120 evening (300.00) + 120 non-working (400.00).
		priced(t, 1, StatusApproved, ams(2026, 1, 9, 22, 0), ams(2026, 1, 10, 2, 0), "100"),
		// Office hours: 480 base (800.00).
		priced(t, 2, StatusApproved, ams(2026, 1, 12, 8, 30), ams(2026, 1, 12, 16, 30), "100"),
		// Starts on 31 January 23:00 (Saturday), ends in February: counts in January by start.
		priced(t, 3, StatusApproved, ams(2026, 1, 31, 23, 0), ams(2026, 2, 1, 1, 0), "100"),
		// Awaiting approval: only counted as open.
		priced(t, 4, StatusSubmitted, ams(2026, 1, 13, 9, 0), ams(2026, 1, 13, 10, 0), "100"),
		// Rejected and withdrawn count nowhere.
		priced(t, 5, StatusRejected, ams(2026, 1, 14, 9, 0), ams(2026, 1, 14, 10, 0), "100"),
		priced(t, 6, StatusWithdrawn, ams(2026, 1, 15, 9, 0), ams(2026, 1, 15, 10, 0), "100"),
		// 31 December 23:30 into 1 January: belongs to December.
		priced(t, 7, StatusApproved, ams(2025, 12, 31, 23, 30), ams(2026, 1, 1, 0, 30), "100"),
		// 1 February 00:00 Amsterdam is still 31 January 23:00 UTC: February.
		priced(t, 8, StatusApproved, ams(2026, 2, 1, 0, 0), ams(2026, 2, 1, 1, 0), "100"),
		// A submitted entry of another month is not this month's warning.
		priced(t, 9, StatusSubmitted, ams(2026, 2, 2, 9, 0), ams(2026, 2, 2, 10, 0), "100"),
	}
	expenses := []StatementExpense{
		{ID: 1, Date: date("2026-01-09"), Kind: ExpenseTravel, Amount: dec("28.41")},
		{ID: 2, Date: date("2026-01-31"), Kind: ExpenseLodging, Amount: dec("89.95")},
		{ID: 3, Date: date("2026-02-01"), Kind: ExpenseOther, Amount: dec("10.00")},
	}
	st := BuildStatement(m, entries, expenses, loc)
	if st.Status != StatementOpen {
		t.Errorf("status = %s", st.Status)
	}
	var ids []int64
	for _, e := range st.Entries {
		ids = append(ids, e.ID)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[1] != 2 || ids[2] != 3 {
		t.Fatalf("SEC-4 entries of January by start = %v, want [1 2 3]", ids)
	}
	if st.OpenCount != 1 {
		t.Errorf("SEC-4 open count = %d, want 1", st.OpenCount)
	}
	wantBands := map[Band][2]string{
		BandBase:          {"480", "800.00"},
		BandEvening:       {"120", "300.00"},
		BandNight:         {"0", "0.00"},
		BandNonWorkingDay: {"240", "800.00"}, // 120 on 10 Jan + 60 on 31 Jan + 60 on 1 Feb
	}
	if len(st.Bands) != 4 {
		t.Fatalf("bands = %+v", st.Bands)
	}
	for i, b := range st.Bands {
		if b.Band != Bands[i] {
			t.Errorf("band %d = %s, want %s", i, b.Band, Bands[i])
		}
		w := wantBands[b.Band]
		if got := decimal.NewFromInt(int64(b.Minutes)).String(); got != w[0] || b.Amount.StringFixed(2) != w[1] {
			t.Errorf("SEC-4 band %s = %s min %s, want %s min %s", b.Band, got, b.Amount.StringFixed(2), w[0], w[1])
		}
	}
	if st.Minutes != 840 || st.HoursAmount.StringFixed(2) != "1900.00" {
		t.Errorf("SEC-4 hours = %d min %s, want 840 min 1900.00", st.Minutes, st.HoursAmount.StringFixed(2))
	}
	if len(st.Expenses) != 2 || st.ExpensesAmount.StringFixed(2) != "118.36" {
		t.Errorf("SEC-4 expenses = %d %s, want 2 118.36", len(st.Expenses), st.ExpensesAmount.StringFixed(2))
	}
	if st.Total.StringFixed(2) != "2018.36" {
		t.Errorf("SEC-4 total = %s, want 2018.36", st.Total.StringFixed(2))
	}
}

func TestBuildStatementEmptyMonth(t *testing.T) {
	t.Parallel()
	st := BuildStatement(civil.Month{Year: 2026, Month: time.March}, nil, nil, werktijden(t).Location())
	if len(st.Bands) != 4 || st.Minutes != 0 || !st.Total.IsZero() || st.Entries == nil || st.Expenses == nil {
		t.Fatalf("SEC-4 empty statement = %+v", st)
	}
}

func TestCheckClose(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	m := civil.Month{Year: 2026, Month: time.March}
	tests := []struct {
		name   string
		now    time.Time
		open   int
		status StatementStatus
		want   error
	}{
		{"SEC-4_month_not_over", ams(2026, 3, 31, 23, 59), 0, StatementOpen, ErrMonthNotOver},
		{"SEC-4_closable_at_midnight_amsterdam", ams(2026, 4, 1, 0, 0), 0, StatementOpen, nil},
		{"SEC-4_open_hours_block_closing", ams(2026, 4, 2, 9, 0), 2, StatementOpen, ErrOpenHours},
		{"SEC-4_final_is_final", ams(2026, 4, 2, 9, 0), 0, StatementFinal, ErrStatementFinal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := CheckClose(m, tc.now, loc, tc.open, tc.status)
			if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestMonth(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	m, err := civil.ParseMonth("2026-10")
	if err != nil || m.String() != "2026-10" || m.Last() != date("2026-10-31") || m.Next() != (civil.Month{Year: 2026, Month: time.November}) {
		t.Fatalf("SEC-4 month = %v %v", m, err)
	}
	from, to := m.Bounds(loc)
	if !from.Equal(utc(2026, 9, 30, 22, 0)) || !to.Equal(utc(2026, 10, 31, 23, 0)) {
		t.Fatalf("SEC-4 October bounds = %s – %s", from.UTC(), to.UTC())
	}
	if (civil.Month{Year: 2026, Month: time.December}).Next() != (civil.Month{Year: 2027, Month: time.January}) {
		t.Fatal("SEC-4 December.Next")
	}
	for _, bad := range []string{"2026-13", "2026-1", "26-01", "", "2026-01-01"} {
		if _, err := civil.ParseMonth(bad); err == nil {
			t.Errorf("civil.ParseMonth(%q) accepted", bad)
		}
	}
	if civil.MonthOf(utc(2026, 1, 31, 23, 30), loc) != (civil.Month{Year: 2026, Month: time.February}) {
		t.Error("SEC-4 civil.MonthOf uses Amsterdam time")
	}
}
