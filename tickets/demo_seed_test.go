package tickets

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"backoffice/internal/app"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/db"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// TestDemoSeedOnAFreshDatabase runs the binary's demo seed (foundation + tickets) on a
// fresh, migrated database, as `make run` does, and reads the demo tickets back.
func TestDemoSeedOnAFreshDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	name := testkit.Unique("demo")
	cl := testkit.Cluster(t)
	if err := cl.CreateDatabase(ctx, name, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cl.DropDatabase(context.Background(), name) })
	d, err := db.Open(ctx, cl.URL(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	if _, err := d.MigrateUp(ctx); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewSettable(clock.Real{})
	clk.Set(at("2026-05-13 11:00"))
	deps, err := app.Deps(cfg, d, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	mod := New(deps)
	seeded, err := app.SeedDemo(ctx, deps, append(app.Foundation(deps, clk), platform.Module(mod)))
	if err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	var n int
	if err := d.Bun.NewRaw("SELECT count(*) FROM tickets").Scan(ctx, &n); err != nil || n != 8 {
		t.Fatalf("demo tickets = %d (%v)", n, err)
	}
	dash, err := mod.Service().Dashboard(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(dash.DataBreaches) != 1 || len(dash.Availability) != 2 {
		t.Errorf("demo dashboard: %d breaches, %d services", len(dash.DataBreaches), len(dash.Availability))
	}
	resolved := 0
	for _, m := range dash.Compliance {
		resolved += m.Resolved
	}
	if resolved != 3 {
		t.Errorf("compliance chart counts %d resolved demo tickets, want 3", resolved)
	}
}
