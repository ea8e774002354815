package invoices

import (
	"context"
	"fmt"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
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
	lang := web.UILang(p) // the customer's language (issue 13: the portal speaks it, cards included)
	tt := func(id string, kv ...any) string { return web.T(lang, "invoices.ui.home."+id, kv...) }
	c := web.HomeCard{ID: "invoices-due", Title: tt("due"), Href: "/portal/invoices?status=due", Count: n, Order: 40, Section: "Invoices",
		Tone: web.ToneOK, Note: tt("due_note")}
	if n > 0 {
		c.Amount, c.Tone = tt("open", "Amount", i18n.Money(lang, total)), web.ToneWarn
	}
	for _, r := range rows {
		d := web.HomeDetail{Label: r.Number + " · " + i18n.Money(lang, r.Open), Href: fmt.Sprintf("/portal/invoices/%d", r.ID),
			Note: tt("due_on", "Date", i18n.Date(lang, r.DueDate))}
		if r.DueDate.Before(today) {
			d.Note, d.Tone, c.Tone = tt("overdue_since", "Date", i18n.Date(lang, r.DueDate.AddDays(1))), web.ToneBad, web.ToneBad
		}
		c.Detail = append(c.Detail, d)
	}
	return []web.HomeCard{c}, nil
}
