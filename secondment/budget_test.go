package secondment

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// logHoursBudget is the number of statements logging an hour entry may send: login
// lookup (none when cached), BEGIN, the placement (FOR SHARE) with the technician's lock
// (one statement), the entry with its audit entry (one statement), COMMIT. It sent 8
// before ISSUE 8 and 7 before issue 14's second round: the lock and the audit entry were
// statements of their own.
const (
	logHoursBudget     = 5
	logHoursBudgetWarm = 4
)

func TestQueryBudgetLogHours(t *testing.T) {
	f := setup(t, marchNow)
	n := testkit.CountQueries(t)
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 8, 0), at(2026, 3, 9, 12, 0), "Migration").Expect(t, 201)
	n.Within(logHoursBudget, "log hours")
	n = testkit.CountQueries(t)
	var out struct {
		ID int64 `json:"id"`
	}
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 13, 0), at(2026, 3, 9, 14, 0), "Backups").Expect(t, 201).JSON(t, &out)
	n.Within(logHoursBudgetWarm, "log more hours")
	// the audit entry names the new entry and records it, id included (DATA-1)
	var rows int
	err := testkit.DB(t).Bun.NewRaw(`SELECT count(*) FROM audit_log WHERE entity = 'hour_entry' AND entity_id = ?::text AND action = 'log'
		AND (changes->>'ID')::bigint = ? AND changes->>'Description' = 'Backups' AND (changes->>'Minutes')::int = 60`, out.ID, out.ID).Scan(context.Background(), &rows)
	if err != nil || rows != 1 {
		t.Errorf("audit entries of hour entry %d = %d (%v), want 1", out.ID, rows, err)
	}
}

// TestPlacementHoursPageBudget: a page of a placement's hours is one statement for staff
// (its entries prove the placement visible; issue 14); an empty page still asks, so a
// contact of another customer and a technician not on the placement get 404.
func TestPlacementHoursPageBudget(t *testing.T) {
	f := setup(t, marchNow)
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 8, 0), at(2026, 3, 9, 12, 0), "Migration").Expect(t, 201)
	path := fmt.Sprintf("/api/v1/placements/%d/hours?limit=50", f.placementID)
	f.app.Do(t, http.MethodGet, path, f.am.Token, nil).Expect(t, 200) // the login is cached after this
	n := testkit.CountQueries(t)
	var page httpx.List[EntryOut]
	f.app.Do(t, http.MethodGet, path, f.am.Token, nil).Expect(t, 200).JSON(t, &page)
	n.Within(1, "a page of a placement's hours")
	if len(page.Items) != 1 {
		t.Fatalf("%d entries", len(page.Items))
	}
	f.app.Do(t, http.MethodGet, path, f.otherContact.Token, nil).Expect(t, 404)
	f.app.Do(t, http.MethodGet, path, f.tech2.Token, nil).Expect(t, 404)
	f.app.Do(t, http.MethodGet, path, f.contact.Token, nil).Expect(t, 200)
	f.app.Do(t, http.MethodGet, "/api/v1/placements/999999/hours", f.am.Token, nil).Expect(t, 404)
}
