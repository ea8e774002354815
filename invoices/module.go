package invoices

import (
	"embed"
	"io/fs"
	"strconv"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

// Module plugs invoices, credit notes and invoice runs into the server.
type Module struct {
	svc *Service
	d   *platform.Deps
}

// New builds the module from the shared services: company details and number formats
// come from the configuration.
func New(d *platform.Deps) *Module {
	m := &Module{svc: NewService(d.DB, d.Clock, d.Config), d: d}
	m.registerExport()
	return m
}

// Service exposes the use cases (tests, receivables wiring).
func (m *Module) Service() *Service { return m.svc }

// Name of the module; its templates are "invoices/…".
func (m *Module) Name() string { return "invoices" }

// Templates are the admin and portal pages.
func (m *Module) Templates() fs.FS {
	sub, err := fs.Sub(templatesFS, "templates")
	if err != nil {
		panic(err)
	}
	return sub
}

// Nav links: invoices and runs for billing staff, invoices in the portal.
func (m *Module) Nav() []web.NavItem {
	staff := []auth.Role{auth.Admin, auth.AccountManager}
	return []web.NavItem{
		{Label: "Invoices", Href: "/invoices", Order: 40, Group: "Sales", Roles: staff},
		{Label: "Invoice runs", Href: "/invoice-runs", Order: 41, Group: "Sales", Roles: staff},
		{Label: "Invoices", Href: "/portal/invoices", Order: 30, Group: "Portal", Roles: []auth.Role{auth.Customer}},
	}
}

func parseID(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, strconv.ErrSyntax
	}
	return n, nil
}
