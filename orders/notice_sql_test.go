package orders

import (
	"context"
	"strconv"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/testkit"
)

// TestNoticeDeadlineSQLMatchesTheRule: Q-8 in SQL (contract_next_notice_deadline, 0620,
// which the contracts list filters on and the home counts) gives the notice deadline the
// contract page shows (Contract.TermsOn) for month ends, leap days, day and month notice
// periods and short renewal terms, on every fifth day over seven years.
func TestNoticeDeadlineSQLMatchesTheRule(t *testing.T) {
	t.Parallel()
	tx := testkit.Tx(t)
	terms := []ContractTerms{
		{InitialTermMonths: 12, RenewalTermMonths: 12, NoticeMonths: 1},
		{InitialTermMonths: 48, RenewalTermMonths: 12, NoticeMonths: 3},
		{InitialTermMonths: 1, RenewalTermMonths: 1, NoticeDays: 10},
		{InitialTermMonths: 36, RenewalTermMonths: 24, NoticeMonths: 2},
		{InitialTermMonths: 3, RenewalTermMonths: 1, NoticeMonths: 2}, // notice longer than a renewal
	}
	starts := []civil.Date{civil.D(2024, time.January, 31), civil.D(2024, time.February, 29), civil.D(2023, time.March, 15), civil.D(2022, time.December, 31), civil.D(2025, time.August, 30)}
	var (
		st, days                 []civil.Date
		ini, ren, nMonths, nDays []int
		want                     []civil.Date
	)
	for _, tm := range terms {
		for _, s := range starts {
			c := &Contract{StartDate: s, Terms: tm}
			for d := s.AddDays(-40); d.Before(s.AddMonths(84)); d = d.AddDays(5) {
				st, days, want = append(st, s), append(days, d), append(want, c.TermsOn(d).NoticeDeadline)
				ini, ren, nMonths, nDays = append(ini, tm.InitialTermMonths), append(ren, tm.RenewalTermMonths), append(nMonths, tm.NoticeMonths), append(nDays, tm.NoticeDays)
			}
		}
	}
	var got []string
	err := tx.NewRaw(`SELECT contract_next_notice_deadline(s, i, r, nm, nd, d)::text FROM unnest(?::date[], ?::int[], ?::int[], ?::int[], ?::int[], ?::date[])
		WITH ORDINALITY AS x(s, i, r, nm, nd, d, n) ORDER BY n`,
		dates(st), ints(ini), ints(ren), ints(nMonths), ints(nDays), dates(days)).Scan(context.Background(), &got)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d answers for %d cases", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if got[i] != want[i].String() {
			if bad++; bad <= 10 {
				t.Errorf("Q-8 start %s, %d+%d months, notice %dm/%dd, on %s: SQL %s, rule %s", st[i], ini[i], ren[i], nMonths[i], nDays[i], days[i], got[i], want[i])
			}
		}
	}
	t.Logf("%d cases compared, %d differ", len(want), bad)
}

func dates(ds []civil.Date) string {
	b := []byte("{")
	for i, d := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, d.String()...)
	}
	return string(append(b, '}'))
}

func ints(ns []int) string {
	b := []byte("{")
	for i, n := range ns {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(append(b, '}'))
}
