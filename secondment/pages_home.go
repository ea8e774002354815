package secondment

import (
	"context"
	"fmt"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// bandLabel names a band as the technician's pay slip does.
func bandLabel(b Band) string {
	switch b {
	case BandBase:
		return "Normal"
	case BandEvening:
		return "Evening"
	case BandNight:
		return "Night"
	case BandNonWorkingDay:
		return "Weekend and holidays"
	}
	return web.Title(string(b))
}

// HomeCards are the hour cards of the home (platform.HomeCards): a technician's week
// with its overtime bands and their entries waiting for approval; for approvers (admin,
// account manager, customer) the hours to approve.
func (m *Module) HomeCards(ctx context.Context) ([]web.HomeCard, error) {
	p := auth.FromContext(ctx)
	if p == nil {
		return nil, nil
	}
	h, err := m.svc.HomeHours(ctx)
	if err != nil {
		return nil, err
	}
	waiting := web.HomeCard{ID: "hours-to-approve", Title: "Hours to approve", Href: "/secondment/approvals", Order: 60, Section: "Secondment",
		Note: "Logged by technicians, waiting for a decision."}.Counted(h.Submitted, HomeCap, web.ToneWarn)
	if p.Role == auth.Customer {
		waiting.Order, waiting.Note = 30, "Your technicians' hours, waiting for your approval."
	}
	if p.Role != auth.Technician {
		return []web.HomeCard{waiting}, nil
	}
	waiting.ID, waiting.Title, waiting.Href, waiting.Order = "hours-waiting", "Hours waiting for approval", "/secondment/my-hours?status=submitted", 20
	waiting.Note = "Yours, not yet approved; you can still edit them."
	week := web.HomeCard{ID: "week-hours", Title: "Your hours this week", Href: "/secondment/my-hours?week=" + h.Week.String(), Order: 10,
		Section: "Secondment", Count: int64(h.WeekMinutes), Text: web.Minutes(h.WeekMinutes),
		Note: fmt.Sprintf("Week of %s: logged, approved or waiting.", web.Date(h.Week))}
	if h.WeekMinutes == 0 {
		week.Text, week.Note = "0 hours", "Nothing logged this week yet."
	}
	for _, b := range h.Bands {
		week.Detail = append(week.Detail, web.HomeDetail{Label: fmt.Sprintf("%s · %s %%", bandLabel(b.Band), b.Percent.String()), Note: web.Minutes(b.Minutes)})
	}
	return []web.HomeCard{week, waiting}, nil
}
