package secondment

import (
	"embed"
	"io/fs"

	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templates embed.FS

// Module plugs secondment into the server: its API, pages and navigation.
type Module struct {
	svc *Service
	web *web.Engine
}

// New builds the module from the shared dependencies (the lead wires secondment.New(d)).
func New(d *platform.Deps) *Module {
	m := NewModule(d.DB, d.Clock, d.Web)
	m.svc.company = pdfdoc.CompanyFrom(d.Config)
	return m
}

// NewModule builds the module over a database, clock and web engine.
func NewModule(db *bun.DB, clk clock.Clock, eng *web.Engine) *Module {
	return &Module{svc: NewService(db, clk), web: eng}
}

// Service exposes the use cases (for tests and other wiring).
func (m *Module) Service() *Service { return m.svc }

// Name of the module; its templates are "secondment/<page>".
func (m *Module) Name() string { return "secondment" }

// Routes registers the JSON API.
func (m *Module) Routes(r *apidoc.Router) { (&API{svc: m.svc}).Routes(r) }

// Templates of the module.
func (m *Module) Templates() fs.FS {
	s, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err)
	}
	return s
}

// Nav links of the module.
func (m *Module) Nav() []web.NavItem {
	return []web.NavItem{
		{Label: "My hours", Href: "/secondment/my-hours", Roles: []auth.Role{auth.Technician}, Order: 10, Group: "My work"},
		{Label: "Placements", Href: "/secondment/placements", Roles: []auth.Role{auth.Admin, auth.AccountManager}, Order: 40, Group: "Secondment"},
		{Label: "Hour approvals", Href: "/secondment/approvals", Roles: []auth.Role{auth.Admin, auth.AccountManager}, Order: 41, Group: "Secondment"},
		{Label: "Approve hours", Href: "/secondment/approvals", Roles: []auth.Role{auth.Customer}, Order: 40, Group: "Portal"},
		{Label: "Seconded technicians", Href: "/secondment/placements", Roles: []auth.Role{auth.Customer}, Order: 41, Group: "Portal"},
		{Label: "Statements", Href: "/secondment/statements", Roles: []auth.Role{auth.Admin, auth.AccountManager}, Order: 42, Group: "Secondment"},
	}
}
