package accounts_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"backoffice/internal/accounts"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestAuditLogNamesRecordsAndFlattensChanges (DATA-1): the audit log names a customer
// ("Customer Acme …", not "Customer 12") and a user, in the reader's language, and shows a
// nested change as one before → after row per changed leaf ("Address · City"), never JSON.
func TestAuditLogNamesRecordsAndFlattensChanges(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	name := testkit.Unique("Acme Audit ")
	cu := testkit.Customer(t, testkit.CustomerOpts{Name: name})
	ctx := context.Background()
	nested := map[string]audit.Change{"address": {
		From: map[string]any{"city": "Utrecht", "street": "Stationsplein 1", "geo": map[string]any{"lat": 52.09}},
		To:   map[string]any{"city": "Zwolle", "street": "Stationsplein 1", "geo": map[string]any{"lat": 52.51}}}}
	if err := audit.Record(ctx, a.Deps.DB, t0, "customer", cu.ID, "move", nested); err != nil {
		t.Fatal(err)
	}
	if err := audit.Record(ctx, a.Deps.DB, t0, "customer", cu.ID, "note", map[string]any{"contact": map[string]any{"name": "Eva", "phones": []string{"030-1", "06-2"}}}); err != nil {
		t.Fatal(err)
	}
	status, body := page(t, a, admin, "/audit?entity=customer&entity_id="+itoa(cu.ID))
	if status != 200 {
		t.Fatalf("audit page %d", status)
	}
	for _, want := range []string{"Customer " + name, "Address · City", "Utrecht", "Zwolle", "Address · Geo · Lat", "52,09", "52,51", "Contact · Name", "Contact · Phone 2", "06-2"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	if strings.Contains(body, "Address · Street") {
		t.Error("an unchanged nested field is listed as a change")
	}
	if strings.Contains(body, `{&#34;`) || strings.Contains(body, `{"`) || strings.Contains(body, "Customer "+itoa(cu.ID)+"<") {
		t.Error("raw JSON or a bare id on the audit page")
	}
	u := testkit.User(t, testkit.UserOpts{Role: auth.Technician, Name: "Sanne Audit"})
	if _, err := accounts.UpdateUser(ctx, a.Deps.DB, u.ID, accounts.UserPatch{Name: strPtr("Sanne Bakker-Audit")}, t0); err != nil {
		t.Fatal(err)
	}
	_, body = page(t, a, admin, "/audit?entity=user&entity_id="+itoa(u.ID))
	if !strings.Contains(body, "User Sanne Bakker-Audit") || !strings.Contains(body, "Sanne Audit") {
		t.Errorf("the user's entries are not named:\n%s", body)
	}
}

func strPtr(s string) *string { return &s }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
