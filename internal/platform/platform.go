// Package platform is what the foundation hands every domain module: the database,
// the clock, the calendars, the web engine, configuration and logging, and the small
// interfaces through which a module plugs its API routes, pages, jobs and demo data
// into the one binary (cmd/backoffice wires them; domains never import each other).
package platform

import (
	"context"
	"io/fs"
	"log/slog"

	"github.com/gofiber/fiber/v2"
	"github.com/riverqueue/river"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/calendars"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/events"
	"backoffice/internal/web"
)

// Deps are the shared services.
type Deps struct {
	DB        *bun.DB
	Clock     clock.Clock
	Calendars *calendars.Registry
	Web       *web.Engine
	Config    *config.Config
	Log       *slog.Logger
	// Events delivers published events to the modules' subscriptions (platform.Subscriber).
	Events *events.Bus
	// Rates are the standard rates for domains that bill by the hour without an
	// agreed rate (a ticket not covered, T-4; storage of refused goods, HW-2). The orders
	// domain keeps them; cmd/backoffice wires it in. Nil until wired: read it when used.
	Rates RateBook
	// Home collects the modules' home cards (HomeCards) for the home page of each role.
	Home *HomeBoard
	// CustomerTabs are the domains' tabs of the customer page (CustomerTabber), collected
	// by cmd/backoffice once every module is built; accounts reads them per request.
	CustomerTabs []CustomerTab
	// AuditNamers name audited records on the audit log page (AuditNamer), collected
	// by the server like CustomerTabs.
	AuditNamers []AuditNamer
}

// StandardRate is one entry of the standard price list.
type StandardRate struct {
	SKU         string
	Description string
	Unit        string
	UnitPrice   decimal.Decimal
	VATRate     string // billing.VAT21 …
}

// RateBook looks up a standard rate by SKU; found is false for an unknown SKU.
type RateBook interface {
	StandardRate(ctx context.Context, db bun.IDB, sku string) (rate StandardRate, found bool, err error)
}

// Module is a domain plugged into the server.
type Module interface {
	// Name is the module's short name ("orders"); its templates are "name/page".
	Name() string
	// Routes registers JSON API routes under /api/v1. The principal is resolved
	// (auth.From), but each route states its own auth.Require.
	Routes(api *apidoc.Router)
	// Pages registers UI routes (admin UI and portal) on the root router.
	Pages(ui fiber.Router)
}

// Templated modules ship page templates and navigation links.
type Templated interface {
	Templates() fs.FS // *.html at its root, parsed as "Name()/file"
	Nav() []web.NavItem
}

// Jobs modules run River workers and periodic jobs.
type Jobs interface {
	Workers(w *river.Workers)
	PeriodicJobs() []*river.PeriodicJob
}

// Subscriber modules react to events other domains publish (events.Publish). Each
// handler must be idempotent: an event is delivered at least once, in order per entity.
type Subscriber interface {
	Subscriptions() []events.Subscription
}

// Demo is what the foundation's demo seed created, for modules to build on.
type Demo struct {
	AdminID          int64
	AccountManagerID int64
	TechnicianIDs    []int64
	CustomerIDs      []int64 // demo companies
	ContactIDs       []int64 // one customer user per demo company, same order
}

// DemoSeeder modules add demo data in the seed transaction.
type DemoSeeder interface {
	SeedDemo(ctx context.Context, tx bun.Tx, demo *Demo) error
}

// RegisterSubscriptions gives the event bus every module's subscriptions and stores them,
// so that Publish fans events out to them. Safe to call more than once (the server at
// start, the demo seed before it publishes).
func RegisterSubscriptions(ctx context.Context, bus *events.Bus, modules []Module) error {
	for _, m := range modules {
		if sub, ok := m.(Subscriber); ok {
			for _, sc := range sub.Subscriptions() {
				bus.Subscribe(sc)
			}
		}
	}
	return bus.Register(ctx)
}
