package secondment

import (
	"testing"

	"backoffice/internal/testkit"
)

// logHoursBudget is the number of statements logging an hour entry may send: login
// lookup (2), BEGIN, the placement (FOR SHARE), the technician's lock, the entry insert,
// the audit entry, COMMIT. It sent 8 before ISSUE 8 too: nothing was read again.
const logHoursBudget = 8

func TestQueryBudgetLogHours(t *testing.T) {
	f := setup(t, marchNow)
	n := testkit.CountQueries(t)
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 8, 0), at(2026, 3, 9, 12, 0), "Migration").Expect(t, 201)
	n.Within(logHoursBudget, "log hours")
}
