package secondment

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// fixture is one customer with a contact, a placement of a technician there, and the
// other people the tests act as.
type fixture struct {
	app          *testkit.App
	am, admin    testkit.As
	tech, tech2  testkit.As
	contact      testkit.As
	otherContact testkit.As
	customerID   int64
	otherCustID  int64
	placementID  int64
}

// marchNow is the pinned test instant: Friday 20 March 2026, 12:00 Amsterdam.
var marchNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.FixedZone("CET", 3600))

func modules(d *platform.Deps) []platform.Module {
	return []platform.Module{New(d)}
}

// setup assembles the real server with the module, pinned at now, and a placement of
// tech with the customer from 1 January 2026 at 100.00 an hour, km rate 0.23.
func setup(t *testing.T, now time.Time) *fixture {
	t.Helper()
	f := &fixture{app: testkit.NewApp(t, now, modules)}
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	other := testkit.Customer(t, testkit.CustomerOpts{})
	f.customerID, f.otherCustID = cust.ID, other.ID
	f.am = testkit.Login(t, auth.AccountManager, nil)
	f.admin = testkit.Login(t, auth.Admin, nil)
	f.tech = testkit.Login(t, auth.Technician, nil)
	f.tech2 = testkit.Login(t, auth.Technician, nil)
	f.contact = testkit.Login(t, auth.Customer, &cust.ID)
	f.otherContact = testkit.Login(t, auth.Customer, &other.ID)
	f.placementID = f.newPlacement(t, map[string]any{})
	return f
}

// newPlacement creates a placement of f.tech with f's customer; over overrides fields.
func (f *fixture) newPlacement(t *testing.T, over map[string]any) int64 {
	t.Helper()
	body := map[string]any{"customer_id": f.customerID, "technician_id": f.tech.User.ID, "role": "Systeembeheerder",
		"hourly_rate": "100.00", "km_rate": "0.23", "start_date": "2026-01-01"}
	for k, v := range over {
		body[k] = v
	}
	var out PlacementOut
	f.app.Do(t, http.MethodPost, "/api/v1/placements", f.am.Token, body).Expect(t, http.StatusCreated).JSON(t, &out)
	return out.ID
}

// at is an RFC 3339 Amsterdam wall-clock instant for request bodies.
func at(y int, m time.Month, d, h, min int) string {
	return ams(y, m, d, h, min).Format(time.RFC3339)
}

// log posts an hour entry as who on placement id.
func (f *fixture) log(t *testing.T, who testkit.As, id int64, start, end, desc string) *testkit.Response {
	t.Helper()
	return f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/hours", id), who.Token,
		map[string]any{"started_at": start, "ended_at": end, "description": desc})
}

// countEntries counts the stored entries of a placement.
func (f *fixture) countEntries(t *testing.T, placementID int64) int {
	t.Helper()
	n, err := testkit.DB(t).Bun.NewSelect().Table("hour_entries").Where("placement_id = ?", placementID).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
