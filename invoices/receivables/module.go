package receivables

import (
	"bytes"
	"context"
	"embed"
	"io"
	"io/fs"
	"time"

	"github.com/riverqueue/river"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templates embed.FS

// Module is the receivables domain plugged into the server.
type Module struct {
	d   *platform.Deps
	svc *Service
}

// New builds the module.
func New(d *platform.Deps) *Module { return &Module{d: d, svc: NewService(d)} }

// Name of the module; templates are "receivables/<file>".
func (m *Module) Name() string { return "receivables" }

// Service exposes the use cases (tests, other wiring).
func (m *Module) Service() *Service { return m.svc }

// Templates of the pages.
func (m *Module) Templates() fs.FS { s, _ := fs.Sub(templates, "templates"); return s }

var staffRoles = []auth.Role{auth.Admin, auth.AccountManager}

// Nav links.
func (m *Module) Nav() []web.NavItem {
	return []web.NavItem{
		{Label: "Receivables", Href: "/receivables", Order: 60, Group: "Sales", Roles: staffRoles},
		{Label: "Payments", Href: "/receivables/payments", Order: 61, Group: "Sales", Roles: staffRoles},
		{Label: "Open balance", Href: "/portal/balance", Order: 30, Group: "Portal", Roles: []auth.Role{auth.Customer}},
	}
}

// DunningArgs is the periodic dunning job.
type DunningArgs struct{}

// Kind of the job.
func (DunningArgs) Kind() string { return "receivables_dunning" }

type dunningWorker struct {
	river.WorkerDefaults[DunningArgs]
	svc *Service
}

func (w *dunningWorker) Work(ctx context.Context, _ *river.Job[DunningArgs]) error {
	_, err := w.svc.RunDunning(ctx)
	return err
}

// Workers registers the job.
func (m *Module) Workers(w *river.Workers) { river.AddWorker(w, &dunningWorker{svc: m.svc}) }

// PeriodicJobs runs dunning every hour; a run that finds nothing due changes nothing.
func (m *Module) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return DunningArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
