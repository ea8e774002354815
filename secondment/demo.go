package secondment

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/platform"
)

// SeedDemo places the first demo technician with the first demo customer since the
// first day of last month, with a few entries: a Friday night into Saturday (approved),
// an evening and an office-hours entry awaiting approval, and a travel expense.
func (m *Module) SeedDemo(ctx context.Context, tx bun.Tx, demo *platform.Demo) error {
	if len(demo.TechnicianIDs) == 0 || len(demo.CustomerIDs) == 0 {
		return nil
	}
	cal, ok := calendar.Builtin(calendar.IDWerktijden)
	if !ok {
		return fmt.Errorf("secondment demo: calendar %s is not built in", calendar.IDWerktijden)
	}
	loc := cal.Location()
	now := m.svc.clock.Now()
	today := civil.In(now, loc)
	start := civil.Date{Year: today.Year, Month: today.Month, Day: 1}.AddMonths(-1)
	p := &Placement{CustomerID: demo.CustomerIDs[0], TechnicianID: demo.TechnicianIDs[0], Role: "Systeembeheerder",
		HourlyRate: decimal.RequireFromString("95.00"), KmRate: decimal.RequireFromString("0.23"), StartDate: start,
		CalendarID: calendar.IDWerktijden, Bands: DefaultBands(), NoticeMonths: DefaultNoticeMonths, CreatedAt: now, UpdatedAt: now}
	if err := insertPlacement(ctx, tx, p); err != nil {
		return fmt.Errorf("demo placement: %w", err)
	}
	// The last Friday before today that is at least two days ago.
	fri := today.AddDays(-2)
	for fri.Weekday() != 5 {
		fri = fri.AddDays(-1)
	}
	entries := []struct {
		day          civil.Date
		from, to     int
		desc         string
		status       EntryStatus
		approvedByAM bool
	}{
		{fri, 22 * 60, 26 * 60, "Storing opslag: back-ups teruggezet en gecontroleerd", StatusApproved, true},
		{fri.AddDays(-3), 17 * 60, 20 * 60, "Migratie firewall buiten kantoortijd", StatusSubmitted, false},
		{fri.AddDays(-2), 8*60 + 30, 17 * 60, "Uitrol nieuwe werkplekken", StatusSubmitted, false},
	}
	// This week's Monday, so the technician's home shows the week in its bands: an early
	// start (night band until 07:30) and an evening session (from 18:00), as far as they
	// are over by now.
	monday, _, _ := weekOf(today)
	if monday.After(fri) {
		entries = append(entries, []struct {
			day          civil.Date
			from, to     int
			desc         string
			status       EntryStatus
			approvedByAM bool
		}{
			{monday, 6 * 60, 12 * 60, "Servers gepatcht voor kantoortijd", StatusSubmitted, false},
			{monday, 17 * 60, 20 * 60, "Mailboxmigratie buiten kantoortijd", StatusSubmitted, false},
		}...)
	}
	for _, e := range entries {
		if e.day.Before(start) || wallInstant(e.day, e.to, loc).After(now) {
			continue
		}
		s, en := wallInstant(e.day, e.from, loc), wallInstant(e.day, e.to, loc)
		pr, err := Price(s, en, p.HourlyRate, p.Bands, cal, loc)
		if err != nil {
			return err
		}
		he := &HourEntry{PlacementID: p.ID, TechnicianID: p.TechnicianID, StartedAt: s.UTC(), EndedAt: en.UTC(),
			Month: monthDate(s, loc), Description: e.desc, Status: e.status, HourlyRate: p.HourlyRate,
			Minutes: pr.Minutes, Amount: pr.Amount, Segments: pr.Segments, CreatedAt: now, UpdatedAt: now}
		if e.approvedByAM {
			am := demo.AccountManagerID
			he.DecidedBy, he.DecidedAt = &am, &now
		}
		if err := insertEntry(ctx, tx, he); err != nil {
			return fmt.Errorf("demo hour entry: %w", err)
		}
	}
	km := decimal.RequireFromString("84.0")
	x := &Expense{PlacementID: p.ID, Date: fri, Kind: ExpenseTravel, KM: &km, Amount: km.Mul(p.KmRate).Round(2),
		Description: "Utrecht – klantlocatie en terug", CreatedAt: now}
	if !fri.Before(start) {
		if err := insertExpense(ctx, tx, x); err != nil {
			return fmt.Errorf("demo expense: %w", err)
		}
	}
	return nil
}
