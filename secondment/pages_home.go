package secondment

import (
	"context"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/web"
)

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
	lang := web.UILang(p)
	waiting := web.HomeCard{ID: "hours-to-approve", Title: web.T(lang, "secondment.ui.home.to_approve"), Href: "/secondment/approvals", Order: 60, Section: "Secondment",
		Note: web.T(lang, "secondment.ui.home.to_approve_note")}.Counted(h.Submitted, HomeCap, web.ToneWarn)
	if p.Role == auth.Customer {
		waiting.Order, waiting.Note = 30, web.T(lang, "secondment.ui.home.to_approve_customer")
	}
	if p.Role != auth.Technician {
		return []web.HomeCard{waiting}, nil
	}
	waiting.ID, waiting.Title, waiting.Href, waiting.Order = "hours-waiting", web.T(lang, "secondment.ui.home.waiting"), "/secondment/my-hours?status=submitted", 20
	waiting.Note = web.T(lang, "secondment.ui.home.waiting_note")
	week := web.HomeCard{ID: "week-hours", Title: web.T(lang, "secondment.ui.home.week"), Href: "/secondment/my-hours?week=" + h.Week.String(), Order: 10,
		Section: "Secondment", Count: int64(h.WeekMinutes), Text: web.Minutes(h.WeekMinutes),
		Note: web.T(lang, "secondment.ui.home.week_note", "Date", i18n.Date(lang, h.Week))}
	if h.WeekMinutes == 0 {
		week.Text, week.Note = web.Minutes(0), web.T(lang, "secondment.ui.home.week_empty")
	}
	for _, b := range h.Bands {
		week.Detail = append(week.Detail, web.HomeDetail{Label: web.T(lang, "secondment.ui.home.band."+string(b.Band)) + " · " + web.Percent(b.Percent), Note: web.Minutes(b.Minutes)})
	}
	return []web.HomeCard{week, waiting}, nil
}
