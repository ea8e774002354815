package hardware

import (
	"embed"
	"io/fs"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Module plugs hardware into the server.
type Module struct {
	Service *Service
	d       *platform.Deps
}

// New builds the module from the shared services.
func New(d *platform.Deps) *Module {
	registerErase()
	return &Module{d: d, Service: &Service{DB: d.DB, Clock: d.Clock, Calendars: d.Calendars, StorageRate: DefaultStorageRate,
		Rates: func() platform.RateBook { return d.Rates }}}
}

// Name of the module; its templates are "hardware/…".
func (m *Module) Name() string { return "hardware" }

// Templates are the admin and portal pages.
func (m *Module) Templates() fs.FS {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		panic(err)
	}
	return sub
}

// Nav links the hardware pages.
func (m *Module) Nav() []web.NavItem {
	staffRoles := []auth.Role{auth.Admin, auth.AccountManager, auth.Technician}
	return []web.NavItem{
		{Label: "Deliveries", Href: "/hardware/deliveries", Order: 40, Group: "Sales", Roles: staffRoles},
		{Label: "Hardware items", Href: "/hardware/items", Order: 41, Group: "Sales", Roles: staffRoles},
		{Label: "Products", Href: "/hardware/products", Order: 42, Group: "Sales", Roles: staffRoles},
		{Label: "Defects & RMAs", Href: "/hardware/defects", Order: 43, Group: "Service", Roles: staffRoles},
		{Label: "Repossession", Href: "/hardware/repossession", Order: 44, Group: "Customers", Roles: []auth.Role{auth.Admin, auth.AccountManager}},
		{Label: "My hardware", Href: "/portal/hardware", Order: 20, Group: "Portal", Roles: []auth.Role{auth.Customer}},
	}
}
