package tickets

import "testing"

// BenchmarkSLACompute measures the SLA clock for a ticket with a realistic log: two
// pauses (one across Koningsdag), a resolution and a reopen.
func BenchmarkSLACompute(b *testing.B) {
	f := facts(b, standard(), P3, "2026-04-23 09:00",
		change("2026-04-23 10:00", StatusOpen),
		change("2026-04-24 12:00", StatusWaitingOnCustomer), change("2026-04-28 10:00", StatusOpen),
		change("2026-04-29 11:00", StatusResolved), change("2026-04-30 09:00", StatusOpen),
		change("2026-05-01 09:00", StatusWaitingOnCustomer), change("2026-05-06 09:00", StatusOpen))
	f.FirstResponseAt = at("2026-04-23 10:00")
	now := at("2026-05-06 12:00")
	b.ReportAllocs()
	for b.Loop() {
		_ = Compute(f, now)
	}
}

// BenchmarkSLAComputeLongPause measures a ticket that waited on the customer for a year:
// the calendar walk is per day, so cost grows with the span, not with minutes.
func BenchmarkSLAComputeLongPause(b *testing.B) {
	f := facts(b, standard(), P4, "2026-01-05 09:00",
		change("2026-01-05 10:00", StatusWaitingOnCustomer), change("2027-01-04 10:00", StatusOpen))
	now := at("2027-01-04 12:00")
	b.ReportAllocs()
	for b.Loop() {
		_ = Compute(f, now)
	}
}
