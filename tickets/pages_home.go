package tickets

import (
	"context"
	"fmt"
	"strings"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// HomeCards are the ticket cards of the home (platform.HomeCards): tickets at risk for
// the desk's managers, a technician's assigned tickets with their countdowns, a customer's
// open tickets. Each links to the list filtered to exactly what was counted.
func (m *Module) HomeCards(ctx context.Context) ([]web.HomeCard, error) {
	p := auth.FromContext(ctx)
	if p == nil {
		return nil, nil
	}
	h, err := m.svc.HomeTickets(ctx)
	if err != nil {
		return nil, err
	}
	unresolved := make([]string, len(Unresolved))
	for i, s := range Unresolved {
		unresolved[i] = string(s)
	}
	status := strings.Join(unresolved, ",")
	lang := web.UILang(p)
	switch p.Role {
	case auth.Customer:
		c := web.HomeCard{ID: "open-tickets", Title: web.T(lang, "tickets.ui.home.open"), Href: "/portal/tickets?status=" + status, Order: 10, Section: "Service",
			Note: web.T(lang, "tickets.ui.home.open_note")}
		c.Count, c.More = web.Capped(h.Open, HomeCap)
		return []web.HomeCard{c}, nil
	case auth.Technician:
		c := web.HomeCard{ID: "assigned-tickets", Title: web.T(lang, "tickets.ui.home.assigned"), Href: fmt.Sprintf("/tickets?assignee_id=%d&sort=due", p.UserID),
			Order: 30, Section: "Service", Note: web.T(lang, "tickets.ui.home.assigned_note")}.Counted(h.Assigned, HomeCap, web.ToneOK)
		now := m.svc.Clock.Now()
		for _, it := range h.Next {
			r := rowOf(it)
			d := web.HomeDetail{Label: it.Ticket.Number + " " + it.Ticket.Subject, Href: fmt.Sprintf("/tickets/%d", it.Ticket.ID), Tone: toneOf(it.Risk)}
			if !r.Due.IsZero() {
				d.Due, d.Note = r.Due, web.T(lang, "tickets.ui.home.due_"+r.DueLabel, "In", web.Until(now, r.Due))
			} else {
				d.Note = web.Title(string(it.Risk))
			}
			if d.Tone == web.ToneBad || (d.Tone == web.ToneWarn && c.Tone == web.ToneOK) {
				c.Tone = d.Tone
			}
			c.Detail = append(c.Detail, d)
		}
		return []web.HomeCard{c}, nil
	}
	return []web.HomeCard{web.HomeCard{ID: "tickets-at-risk", Title: web.T(lang, "tickets.ui.home.at_risk"), Href: "/tickets?status=" + status + "&breach_within=PT4H&sort=due",
		Order: 50, Section: "Service", Note: web.T(lang, "tickets.ui.home.at_risk_note")}.Counted(h.AtRisk, HomeCap, web.ToneBad)}, nil
}

func toneOf(r Risk) web.Tone {
	switch r {
	case RiskBreached:
		return web.ToneBad
	case RiskAtRisk:
		return web.ToneWarn
	}
	return web.ToneOK
}
