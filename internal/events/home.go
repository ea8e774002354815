package events

import (
	"context"
	"strings"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// HomeCards: for an admin, the events no subscriber could take (platform.HomeCards).
func (m *Module) HomeCards(ctx context.Context) ([]web.HomeCard, error) {
	p := auth.FromContext(ctx)
	if p == nil || p.Role != auth.Admin {
		return nil, nil
	}
	const limit = 50
	n, err := CountUndeliverable(ctx, m.DB, limit)
	if err != nil {
		return nil, err
	}
	lang := web.UILang(p)
	return []web.HomeCard{web.HomeCard{ID: "events-undeliverable", Title: web.T(lang, "events.ui.home.undeliverable"), Href: "/events/undeliverable", Order: 910, Section: "Admin",
		Note: web.T(lang, "events.ui.home.undeliverable_note")}.Counted(n, limit, web.ToneBad)}, nil
}

// KindLabel is the event's kind in words for the admin page: "credit_note.issued" →
// "Credit note issued".
func (u UndeliverableOut) KindLabel() string {
	return web.Title(strings.ReplaceAll(u.Kind, ".", " "))
}
