package invoices

import (
	"context"
	"fmt"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// HomeCards: a customer's invoices due, with the amount still open (platform.HomeCards).
func (m *Module) HomeCards(ctx context.Context) ([]web.HomeCard, error) {
	p := auth.FromContext(ctx)
	if p == nil || p.Role != auth.Customer || p.CustomerID == nil {
		return nil, nil
	}
	rows, n, total, err := dueInvoices(ctx, m.svc.DB, *p.CustomerID, 3)
	if err != nil {
		return nil, err
	}
	today := m.svc.Today()
	c := web.HomeCard{ID: "invoices-due", Title: "Invoices due", Href: "/portal/invoices?status=due", Count: n, Order: 40, Section: "Invoices",
		Tone: web.ToneOK, Note: "Issued and not yet paid."}
	if n > 0 {
		c.Amount, c.Tone = web.Money(total)+" open", web.ToneWarn
	}
	for _, r := range rows {
		d := web.HomeDetail{Label: r.Number + " · " + web.Money(r.Open), Href: fmt.Sprintf("/portal/invoices/%d", r.ID), Note: "due " + web.Date(r.DueDate)}
		if r.DueDate.Before(today) {
			d.Note, d.Tone, c.Tone = "overdue since "+web.Date(r.DueDate.AddDays(1)), web.ToneBad, web.ToneBad
		}
		c.Detail = append(c.Detail, d)
	}
	return []web.HomeCard{c}, nil
}
