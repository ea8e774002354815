package tickets

import (
	"context"
	"os"
	"testing"
	"time"

	"backoffice/internal/problem"
	"backoffice/internal/testkit"
)

// The customer's SLA policy lives in tickets' own table customer_sla_policies; the
// foundation table customers has no column of tickets any more, and 0210 carries an
// assignment made before it over.
func TestPolicyAssignmentInOwnTable(t *testing.T) {
	ctx := context.Background()
	tx := testkit.Tx(t)
	var cols int
	if err := tx.NewRaw(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'sla_policy_id'`).
		Scan(ctx, &cols); err != nil || cols != 0 {
		t.Fatalf("customers.sla_policy_id still there: %d (%v)", cols, err)
	}
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	var policy int64
	if err := tx.NewRaw(`SELECT id FROM sla_policies WHERE is_default`).Scan(ctx, &policy); err != nil {
		t.Fatal(err)
	}
	if err := assignPolicy(ctx, tx, cust.ID, policy, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got, err := policyIDForCustomer(ctx, tx, cust.ID); err != nil || got.PolicyID != policy || got.CustomerName != cust.Name {
		t.Fatalf("policy of the customer = %+v (%v), want %d", got, err, policy)
	}
	// 0210 down puts the assignment back on customers, up moves it into the table again.
	for _, f := range []string{"0210_customer_sla_policies.tx.down.sql", "0210_customer_sla_policies.tx.up.sql"} {
		if _, err := tx.ExecContext(ctx, string(mustRead(t, "../migrations/"+f))); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if got, err := policyIDForCustomer(ctx, tx, cust.ID); err != nil || got.PolicyID != policy || got.CustomerName != cust.Name {
		t.Fatalf("after 0210 down and up: policy %+v (%v), want %d", got, err, policy)
	}
	if err := assignPolicy(ctx, tx, 99999999, policy, time.Now()); problem.StatusOf(err) != 404 {
		t.Fatalf("assigning to no customer: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
