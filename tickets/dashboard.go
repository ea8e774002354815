package tickets

import (
	"context"
	"time"

	"backoffice/internal/clock"
	"backoffice/internal/httpx"
)

// MonthCompliance is the SLA compliance of the tickets resolved in one month
// (Europe/Amsterdam): how many met both targets.
type MonthCompliance struct {
	Month    string `json:"month"` // "2026-04"
	Resolved int    `json:"resolved"`
	Met      int    `json:"met"`
	Percent  int    `json:"percent"` // met / resolved, rounded down; 100 when nothing was resolved
}

// Dashboard is the desk's overview.
type Dashboard struct {
	Compliance   []MonthCompliance
	AtRisk       []Item // running tickets due within four hours, or overdue
	DataBreaches []*Ticket
	Availability []AvailabilityReport // per service, the current quarter
	Counts       map[string]int
}

// RiskWindow is how far ahead the dashboard looks for breaches.
const RiskWindow = 4 * time.Hour

// Dashboard gathers the desk's overview at now: compliance of the last twelve months,
// breaches at risk, open data breaches with their T-6 deadline, availability per service.
func (s *Service) Dashboard(ctx context.Context) (*Dashboard, error) {
	now := s.Clock.Now()
	d := &Dashboard{Counts: map[string]int{}}
	loc := clock.Amsterdam
	l := now.In(loc)
	first := time.Date(l.Year(), l.Month()-11, 1, 0, 0, 0, 0, loc)
	rows, err := complianceByMonth(ctx, s.DB, first)
	if err != nil {
		return nil, err
	}
	byMonth := map[string][2]int{}
	for _, r := range rows {
		byMonth[r.Month] = [2]int{r.Resolved, r.Met}
	}
	for m := first; m.Before(now); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		v := byMonth[key]
		pct := 100
		if v[0] > 0 {
			pct = v[1] * 100 / v[0]
		}
		d.Compliance = append(d.Compliance, MonthCompliance{Month: key, Resolved: v[0], Met: v[1], Percent: pct})
	}
	risk, err := s.List(ctx, ListFilter{BreachWithin: RiskWindow, Sort: SortDue}, httpx.Page{Limit: 20})
	if err != nil {
		return nil, err
	}
	d.AtRisk = risk.Items
	if d.DataBreaches, err = openDataBreaches(ctx, s.DB, 50); err != nil {
		return nil, err
	}
	counts, err := countsByStatus(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		d.Counts[string(c.Status)] = c.N
	}
	services, err := s.Services(ctx)
	if err != nil {
		return nil, err
	}
	q := QuarterOf(now, loc)
	for _, svc := range services {
		r, err := s.Availability(ctx, svc, q, nil)
		if err != nil {
			return nil, err
		}
		d.Availability = append(d.Availability, r)
	}
	return d, nil
}
