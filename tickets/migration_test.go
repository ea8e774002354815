package tickets

import (
	"context"
	"os"
	"testing"

	"backoffice/internal/testkit"
)

// TestMigrationDownUp runs the down migration and the up migration again inside a
// transaction that is rolled back: the down file removes everything the up file made,
// and the up file applies cleanly after it. Not parallel: DROP TABLE locks the tables.
func TestMigrationDownUp(t *testing.T) {
	ctx := context.Background()
	up, err := os.ReadFile("../migrations/0200_tickets.tx.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	down, err := os.ReadFile("../migrations/0200_tickets.tx.down.sql")
	if err != nil {
		t.Fatal(err)
	}
	// 0210 moved the policy assignment out of customers; it is undone first and redone last.
	up2, err := os.ReadFile("../migrations/0210_customer_sla_policies.tx.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	down2, err := os.ReadFile("../migrations/0210_customer_sla_policies.tx.down.sql")
	if err != nil {
		t.Fatal(err)
	}
	tx := testkit.Tx(t)
	if _, err := tx.ExecContext(ctx, string(down2)); err != nil {
		t.Fatalf("down 0210: %v", err)
	}
	if _, err := tx.ExecContext(ctx, string(down)); err != nil {
		t.Fatalf("down: %v", err)
	}
	var left int
	if err := tx.NewRaw(`SELECT count(*) FROM information_schema.tables WHERE table_name IN
		('sla_policies', 'sla_targets', 'tickets', 'ticket_events', 'ticket_comments', 'outages')`).Scan(ctx, &left); err != nil || left != 0 {
		t.Fatalf("tables left after down: %d (%v)", left, err)
	}
	if err := tx.NewRaw(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'sla_policy_id'`).
		Scan(ctx, &left); err != nil || left != 0 {
		t.Fatalf("customers.sla_policy_id left after down: %d (%v)", left, err)
	}
	if _, err := tx.ExecContext(ctx, string(up)); err != nil {
		t.Fatalf("up after down: %v", err)
	}
	if _, err := tx.ExecContext(ctx, string(up2)); err != nil {
		t.Fatalf("up 0210 after down: %v", err)
	}
	var policies int
	if err := tx.NewRaw("SELECT count(*) FROM sla_policies WHERE is_default AND calendar_id = 'nl-kantooruren'").Scan(ctx, &policies); err != nil || policies != 1 {
		t.Fatalf("default policy after up: %d (%v)", policies, err)
	}
}
