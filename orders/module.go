package orders

import (
	"context"
	"embed"
	"io/fs"
	"regexp"

	"github.com/riverqueue/river"

	"backoffice/internal/auth"
	"backoffice/internal/calendar"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

var seriesCode = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// Module plugs quotes, orders, contracts and indexation into the server.
type Module struct {
	svc *Service
	web *web.Engine
}

// New builds the module from the shared services. The order rules run on the nl-werktijden
// calendar (Q-4 working days, CAL-3 notices); the company details on documents and the base
// of links in e-mails come from the configuration.
func New(d *platform.Deps) *Module {
	cal, err := d.Calendars.Get(context.Background(), calendar.IDWerktijden) // built in: no query
	if err != nil {
		panic("orders: the nl-werktijden calendar: " + err.Error())
	}
	baseURL := ""
	if d.Config != nil {
		baseURL = d.Config.PublicURL
	}
	s := NewService(d.DB, d.Clock, cal, baseURL)
	s.Company = CompanyFromConfig(d.Config)
	m := &Module{svc: s, web: d.Web}
	m.registerExport()
	return m
}

// Service exposes the use cases (for tests and other wiring).
func (m *Module) Service() *Service { return m.svc }

// Name of the module; its templates are "orders/…".
func (m *Module) Name() string { return "orders" }

// Templates are the admin and portal pages.
func (m *Module) Templates() fs.FS {
	sub, err := fs.Sub(templatesFS, "templates")
	if err != nil {
		panic(err)
	}
	return sub
}

// Nav links: quotes, orders, contracts and indexation for sales; quotes and contracts in
// the portal.
func (m *Module) Nav() []web.NavItem {
	s := []auth.Role{auth.Admin, auth.AccountManager}
	return []web.NavItem{
		{Label: "Quotes", Href: "/quotes", Order: 20, Group: "Sales", Roles: s},
		{Label: "Orders", Href: "/orders", Order: 21, Group: "Sales", Roles: append(s, auth.Technician)},
		{Label: "Contracts", Href: "/contracts", Order: 22, Group: "Sales", Roles: s},
		{Label: "Indexation", Href: "/indexation", Order: 23, Group: "Sales", Roles: s},
		{Label: "Standard rates", Href: "/standard-rates", Order: 24, Group: "Sales", Roles: s},
		{Label: "Quotes", Href: "/portal/quotes", Order: 20, Group: "Portal", Roles: []auth.Role{auth.Customer}},
		{Label: "Contracts", Href: "/portal/contracts", Order: 21, Group: "Portal", Roles: []auth.Role{auth.Customer}},
	}
}

// Workers registers the quote sweep worker.
func (m *Module) Workers(w *river.Workers) { Workers(w, m.svc) }

// PeriodicJobs runs the quote sweep (reminders 7 days before expiry, persisted expiry).
func (m *Module) PeriodicJobs() []*river.PeriodicJob { return PeriodicJobs() }
