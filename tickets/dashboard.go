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
	var rows []struct {
		Month    string `bun:"month"`
		Resolved int    `bun:"resolved"`
		Met      int    `bun:"met"`
	}
	err := s.DB.NewRaw(`SELECT to_char(resolved_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
			count(*) AS resolved,
			count(*) FILTER (WHERE NOT response_breached AND NOT resolution_breached) AS met
		FROM tickets WHERE resolved_at >= ? GROUP BY 1 ORDER BY 1`, first).Scan(ctx, &rows)
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
	if err := ticketQuery(s.DB, &d.DataBreaches).
		Where("ticket.category = 'data_breach' AND ticket.status <> 'closed'").
		OrderExpr("ticket.controller_notice_due_at, ticket.id").Limit(50).Scan(ctx); err != nil {
		return nil, err
	}
	var counts []struct {
		Status Status `bun:"status"`
		N      int    `bun:"n"`
	}
	if err := s.DB.NewRaw("SELECT status, count(*) AS n FROM tickets GROUP BY status").Scan(ctx, &counts); err != nil {
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
