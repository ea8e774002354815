package secondment

import (
	"backoffice/internal/civil"
	"testing"
	"time"
)

// BenchmarkPriceEntry prices the Friday-night entry of SEC-3 (two segments); the target
// is microseconds per entry.
func BenchmarkPriceEntry(b *testing.B) {
	cal := werktijden(b)
	bands, rate, loc := DefaultBands(), dec("95.50"), cal.Location()
	start, end := ams(2026, 1, 9, 22, 0), ams(2026, 1, 10, 2, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Price(start, end, rate, bands, cal, loc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPriceEntry24h prices the longest entry allowed, crossing midnight (four segments).
func BenchmarkPriceEntry24h(b *testing.B) {
	cal := werktijden(b)
	bands, rate, loc := DefaultBands(), dec("95.50"), cal.Location()
	start, end := ams(2026, 1, 13, 12, 0), ams(2026, 1, 14, 12, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Price(start, end, rate, bands, cal, loc); err != nil {
			b.Fatal(err)
		}
	}
}

// monthOfEntries is 10,000 entries spread over March 2026 (which has the spring DST
// night), of varying length and time of day, every fifth one still submitted.
func monthOfEntries(b *testing.B) []StatementEntry {
	cal := werktijden(b)
	out := make([]StatementEntry, 0, 10000)
	first := ams(2026, 3, 1, 0, 0)
	for i := range 10000 {
		start := first.Add(time.Duration(i*4) * time.Minute) // 4 min apart: 1 to 28 March
		end := start.Add(time.Duration(30+i%600) * time.Minute)
		status := StatusApproved
		if i%5 == 0 {
			status = StatusSubmitted
		}
		p, err := Price(start, end, dec("95.50"), DefaultBands(), cal, cal.Location())
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, StatementEntry{ID: int64(i), Status: status, StartedAt: start, EndedAt: end,
			Minutes: p.Minutes, Amount: p.Amount, Segments: p.Segments})
	}
	return out
}

// BenchmarkStatement10000 totals a month of 10,000 already priced entries (what the
// statement endpoint does after loading them); the target is well under a second.
func BenchmarkStatement10000(b *testing.B) {
	entries := monthOfEntries(b)
	loc := werktijden(b).Location()
	m := civil.Month{Year: 2026, Month: time.March}
	b.ReportAllocs()
	for b.Loop() {
		st := BuildStatement(m, entries, nil, loc)
		if st.OpenCount != 2000 {
			b.Fatalf("open = %d", st.OpenCount)
		}
	}
}

// BenchmarkPriceAndStatement10000 prices 10,000 entries from scratch and totals them: the
// worst case, as if every entry of the month were re-priced for the statement.
func BenchmarkPriceAndStatement10000(b *testing.B) {
	cal := werktijden(b)
	loc := cal.Location()
	raw := monthOfEntries(b)
	bands, rate := DefaultBands(), dec("95.50")
	m := civil.Month{Year: 2026, Month: time.March}
	b.ReportAllocs()
	for b.Loop() {
		entries := make([]StatementEntry, len(raw))
		for i, e := range raw {
			p, err := Price(e.StartedAt, e.EndedAt, rate, bands, cal, loc)
			if err != nil {
				b.Fatal(err)
			}
			entries[i] = StatementEntry{ID: e.ID, Status: e.Status, StartedAt: e.StartedAt, EndedAt: e.EndedAt,
				Minutes: p.Minutes, Amount: p.Amount, Segments: p.Segments}
		}
		BuildStatement(m, entries, nil, loc)
	}
}
