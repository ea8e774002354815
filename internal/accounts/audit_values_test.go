package accounts_test

import (
	"context"
	"strings"
	"testing"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
)

// TestAuditChangesNameRecordsAndFormatNumbers (issue 13, DATA-1): a change that refers to
// a customer ("customer_id": 12) names the customer, not "Customer 12"; an amount reads
// as every staff page writes amounts (61.954,75, in the English staff UI too); the CSV
// export keeps the recorded values.
func TestAuditChangesNameRecordsAndFormatNumbers(t *testing.T) {
	t.Cleanup(func() { web.StaffLang = i18n.EN })
	for _, tc := range []struct{ env, amount string }{{"", "61.954,75"}, {"nl", "61.954,75"}} {
		t.Setenv("BACKOFFICE_STAFF_LANGUAGE", tc.env)
		a := testkit.NewApp(t, t0, nil)
		admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
		name := testkit.Unique("Audit Ref ")
		cu := testkit.Customer(t, testkit.CustomerOpts{Name: name})
		pay := testkit.Unique("")
		if err := audit.Record(context.Background(), a.Deps.DB, t0, "payment", 900000+cu.ID, "record",
			map[string]any{"customer_id": cu.ID, "amount": "61954.75", "gross": map[string]any{"from": 0, "to": 61954.75}, "reference": pay}); err != nil {
			t.Fatal(err)
		}
		status, body := page(t, a, admin, "/audit?entity=payment&entity_id="+itoa(900000+cu.ID))
		if status != 200 {
			t.Fatalf("audit page %d", status)
		}
		if !strings.Contains(body, `<span class="after">`+name+`</span>`) {
			t.Errorf("%q: the change does not name customer %s", tc.env, name)
		}
		if strings.Contains(body, `<span class="after">`+itoa(cu.ID)+`</span>`) {
			t.Errorf("%q: the change shows the customer's id", tc.env)
		}
		if n := strings.Count(body, `<span class="after">`+tc.amount+`</span>`); n != 2 {
			t.Errorf("%q: %d amounts read %s, want 2", tc.env, n, tc.amount)
		}
		if strings.Contains(body, "61954.75") {
			t.Errorf("%q: a raw decimal on the audit page", tc.env)
		}
		_, csv := page(t, a, admin, "/audit?entity=payment&entity_id="+itoa(900000+cu.ID)+"&format=csv")
		if !strings.Contains(csv, "61954.75") {
			t.Errorf("%q: the CSV export does not keep the recorded amount: %s", tc.env, csv)
		}
	}
}
