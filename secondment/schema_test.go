package secondment

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"backoffice/internal/db"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// TestSchemaRefusesOverlap proves the invariant lives in the database itself: a raw
// insert that overlaps a live entry of the same technician is refused, a withdrawn
// one is not in the way, and a span over 24 hours breaks a CHECK.
func TestSchemaRefusesOverlap(t *testing.T) {
	f := setup(t, marchNow)
	tx := testkit.Tx(t)
	ctx := context.Background()
	insert := func(start, end time.Time, status EntryStatus) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO hour_entries (placement_id, technician_id, started_at, ended_at, month, description,
			status, hourly_rate, minutes, amount, segments, created_at, updated_at, decided_at, reject_reason)
			VALUES (?, ?, ?, ?, '2026-03-01', 'raw', ?, 100, 60, 100, '[]', now(), now(),
			CASE WHEN ? IN ('approved', 'rejected') THEN now() END, CASE WHEN ? = 'rejected' THEN 'r' END)`,
			f.placementID, f.tech.User.ID, start, end, status, status, status)
		return err
	}
	if err := insert(ams(2026, 3, 2, 9, 0), ams(2026, 3, 2, 10, 0), StatusWithdrawn); err != nil {
		t.Fatal(err)
	}
	if err := insert(ams(2026, 3, 2, 9, 0), ams(2026, 3, 2, 10, 0), StatusSubmitted); err != nil {
		t.Fatalf("a withdrawn entry must not block: %v", err)
	}
	_, _ = tx.ExecContext(ctx, "SAVEPOINT s")
	err := insert(ams(2026, 3, 2, 9, 30), ams(2026, 3, 2, 11, 0), StatusApproved)
	if db.Code(err) != db.ExclusionViolation || db.Constraint(err) != "hour_entries_no_overlap" {
		t.Fatalf("SEC-3 overlap reached the table: %v", err)
	}
	_, _ = tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT s")
	err = insert(ams(2026, 3, 3, 9, 0), ams(2026, 3, 4, 9, 1), StatusSubmitted)
	if db.Code(err) != db.CheckViolation {
		t.Fatalf("SEC-3 25-hour entry reached the table: %v", err)
	}
}

func TestOpenAPIDocumentsRoutes(t *testing.T) {
	f := setup(t, marchNow)
	res := f.app.Do(t, http.MethodGet, "/api/openapi.json", "", nil).Expect(t, 200)
	for _, p := range []string{"/api/v1/placements/{id}/hours", "/api/v1/overtime/preview", "/api/v1/hours/{id}/approve",
		"/api/v1/placements/{id}/statements/{month}", "/api/v1/statements", "/api/v1/placements/{id}/replacements"} {
		if !strings.Contains(string(res.Body), `"`+p+`"`) {
			t.Fatalf("openapi lacks %s", p)
		}
	}
}

func TestSeedDemo(t *testing.T) {
	f := setup(t, marchNow)
	tx := testkit.Tx(t)
	ctx := context.Background()
	m := New(&platform.Deps{DB: testkit.DB(t).Bun, Clock: f.app.Clock, Web: f.app.Deps.Web})
	demo := &platform.Demo{AccountManagerID: f.am.User.ID, TechnicianIDs: []int64{f.tech2.User.ID}, CustomerIDs: []int64{f.otherCustID}}
	if err := m.SeedDemo(ctx, tx, demo); err != nil {
		t.Fatal(err)
	}
	var n, approved int
	if err := tx.NewRaw(`SELECT count(*), count(*) FILTER (WHERE e.status = 'approved') FROM hour_entries e
		JOIN placements p ON p.id = e.placement_id WHERE p.technician_id = ?`, f.tech2.User.ID).Scan(ctx, &n, &approved); err != nil {
		t.Fatal(err)
	}
	// three entries before last Friday plus two on this week's Monday (issue 13: the
	// technician's home shows the week in its bands)
	if n != 5 || approved != 1 {
		t.Fatalf("demo entries %d approved %d: %v", n, approved, fmt.Sprint(demo))
	}
}
