package accounts_test

import (
	"context"
	"strings"
	"testing"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestUsersListToolsAndCSV: the users page searches, sorts by e-mail and keeps the role
// filter in its sort and CSV links; the CSV (through the same query) has only the
// filtered users.
func TestUsersListToolsAndCSV(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	tag := strings.ToLower(testkit.Unique("zz"))
	for _, n := range []string{"b", "a", "c"} {
		testkit.User(t, testkit.UserOpts{Role: auth.Technician, Name: tag + " Tech " + n})
	}
	testkit.User(t, testkit.UserOpts{Role: auth.AccountManager, Name: tag + " Manager"})
	status, body := page(t, a, admin, "/users?role=technician&q="+tag+"&sort=name&dir=desc")
	if status != 200 {
		t.Fatalf("users %d", status)
	}
	ic, ib, ia := strings.Index(body, tag+" Tech c"), strings.Index(body, tag+" Tech b"), strings.Index(body, tag+" Tech a")
	if ic < 0 || ib < ic || ia < ib || strings.Contains(body, tag+" Manager") {
		t.Errorf("want technicians c, b, a only (%d %d %d)", ic, ib, ia)
	}
	for _, want := range []string{`data-sort="email"`, "role=technician", "format=csv"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	_, csv := page(t, a, admin, "/users?role=technician&q="+tag+"&format=csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "Name,E-mail,Role") || strings.Contains(csv, "Manager") || !strings.Contains(csv, ",technician,") {
		t.Errorf("users.csv:\n%s", csv)
	}
}

// TestAuditCSV (DATA-1): the audit export keeps the page's filter and writes changes as
// "field: before → after", nested ones flattened.
func TestAuditCSV(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	entity := strings.ReplaceAll(testkit.Unique("csvtest"), "-", "_")
	for i := range 3 {
		ch := map[string]audit.Change{"terms": {From: map[string]any{"days": i}, To: map[string]any{"days": i + 1}}}
		if err := audit.Record(context.Background(), a.Deps.DB, t0, entity, i+1, "update", ch); err != nil {
			t.Fatal(err)
		}
	}
	_, body := page(t, a, admin, "/audit?entity="+entity)
	if !strings.Contains(body, "format=csv") || !strings.Contains(body, "entity="+entity) {
		t.Error("the audit page has no export link keeping the filter")
	}
	_, csv := page(t, a, admin, "/audit?entity="+entity+"&format=csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "When,Who,Entity,Record,Action,Changes") || !strings.Contains(lines[1], "Terms · Days: 2 → 3") || strings.Contains(csv, "{") {
		t.Errorf("audit.csv:\n%s", csv)
	}
}
