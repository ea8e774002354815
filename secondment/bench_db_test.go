package secondment

import (
	"backoffice/internal/civil"
	"context"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/calendar"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// BenchmarkStatementFromDB10000 reads and totals a real month of 10,000 approved entries
// from PostgreSQL through the service, as GET …/statements/{month} does.
func BenchmarkStatementFromDB10000(b *testing.B) {
	ctx := context.Background()
	bun := testkit.DB(b).Bun
	cust := testkit.Customer(b, testkit.CustomerOpts{})
	tech := testkit.User(b, testkit.UserOpts{Role: auth.Technician})
	svc := NewService(bun, clock.Fixed(ams(2026, 4, 2, 9, 0)))
	p, err := svc.CreatePlacement(ctx, PlacementInput{CustomerID: cust.ID, TechnicianID: tech.ID, Role: "bench",
		HourlyRate: dec("95.50"), StartDate: date("2026-01-01")})
	if err != nil {
		b.Fatal(err)
	}
	cal, _ := calendar.Builtin(calendar.IDWerktijden)
	loc := cal.Location()
	entries := make([]HourEntry, 0, 10000)
	first := ams(2026, 3, 1, 0, 0)
	for i := range 10000 {
		s := first.Add(time.Duration(i*4) * time.Minute)
		e := s.Add(3 * time.Minute)
		pr, err := Price(s, e, p.HourlyRate, p.Bands, cal, loc)
		if err != nil {
			b.Fatal(err)
		}
		entries = append(entries, HourEntry{PlacementID: p.ID, TechnicianID: tech.ID, StartedAt: s, EndedAt: e,
			Month: monthDate(s, loc), Description: "bench", Status: StatusApproved, HourlyRate: p.HourlyRate,
			Minutes: pr.Minutes, Amount: pr.Amount, Segments: pr.Segments, DecidedAt: &s, CreatedAt: s, UpdatedAt: s})
	}
	for i := 0; i < len(entries); i += 1000 {
		batch := entries[i:min(i+1000, len(entries))]
		if _, err := bun.NewInsert().Model(&batch).Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
	actx := auth.With(ctx, &auth.Principal{UserID: 1, Role: auth.AccountManager})
	b.ResetTimer()
	for b.Loop() {
		v, err := svc.Statement(actx, p.ID, civil.Month{Year: 2026, Month: time.March})
		if err != nil {
			b.Fatal(err)
		}
		if len(v.Statement.Entries) != 10000 {
			b.Fatalf("entries %d", len(v.Statement.Entries))
		}
	}
}
