package tickets

import (
	"context"
	"sync"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

var apiLoadOnce sync.Once

// BenchmarkListTicketsAPI measures GET /api/v1/tickets?limit=50 through the real router
// (auth, page query, stored SLA, JSON) at 20,000 stored tickets: the hot path issue 14
// moved off the event log.
func BenchmarkListTicketsAPI(b *testing.B) {
	ctx := context.Background()
	now := at("2026-07-01 10:00")
	a := testkit.NewApp(b, now, func(d *platform.Deps) []platform.Module { return []platform.Module{New(d)} })
	apiLoadOnce.Do(func() {
		cust := testkit.Customer(b, testkit.CustomerOpts{})
		if err := seedLoad(ctx, testkit.DB(b).Bun, cust.ID, 20_000, now, "APIBENCH-"); err != nil {
			b.Fatal(err)
		}
		if _, err := RecomputeStored(ctx, testkit.DB(b).Bun, now, 5000); err != nil {
			b.Fatal(err)
		}
		if _, err := testkit.DB(b).Bun.ExecContext(ctx, "ANALYZE tickets"); err != nil {
			b.Fatal(err)
		}
	})
	staff := testkit.Login(b, auth.Technician, nil)
	b.ReportAllocs()
	for b.Loop() {
		a.Do(b, "GET", "/api/v1/tickets?limit=50", staff.Token, nil).Expect(b, 200)
	}
}
