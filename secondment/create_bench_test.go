package secondment

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// BenchmarkLogHoursAPI logs one-minute hour entries, one after the other, through the
// real router (placement, the technician's lock, overtime pricing, entry and audit entry
// in one transaction). Each op is one POST /api/v1/placements/{id}/hours.
func BenchmarkLogHoursAPI(b *testing.B) {
	a := testkit.NewApp(b, marchNow, modules)
	cust := testkit.Customer(b, testkit.CustomerOpts{})
	am := testkit.Login(b, auth.AccountManager, nil)
	tech := testkit.Login(b, auth.Technician, nil)
	var p PlacementOut
	a.Do(b, http.MethodPost, "/api/v1/placements", am.Token, map[string]any{"customer_id": cust.ID, "technician_id": tech.User.ID,
		"role": "Systeembeheerder", "hourly_rate": "100.00", "km_rate": "0.23", "start_date": "2026-01-01"}).Expect(b, http.StatusCreated).JSON(b, &p)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	url := fmt.Sprintf("/api/v1/placements/%d/hours", p.ID)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		st := from.Add(time.Duration(i) * time.Minute)
		i++
		a.Do(b, http.MethodPost, url, tech.Token, map[string]any{"started_at": st, "ended_at": st.Add(time.Minute), "description": "Storing verholpen"}).
			Expect(b, http.StatusCreated)
	}
}
