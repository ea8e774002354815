package tickets

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestMigrationDownUp runs the down migration and the up migration again inside a
// transaction that is rolled back: the down file removes everything the up file made,
// and the up file applies cleanly after it. Not parallel: DROP TABLE locks the tables.
func TestMigrationDownUp(t *testing.T) {
	ctx := context.Background()
	// Every tickets migration (02xx): downs newest first, then ups oldest first.
	ups, err := filepath.Glob("../migrations/02*.tx.up.sql")
	if err != nil || len(ups) == 0 {
		t.Fatalf("no tickets migrations: %v", err)
	}
	sort.Strings(ups)
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tx := testkit.Tx(t)
	for i := len(ups) - 1; i >= 0; i-- {
		down := strings.Replace(ups[i], ".tx.up.sql", ".tx.down.sql", 1)
		if _, err := tx.ExecContext(ctx, read(down)); err != nil {
			t.Fatalf("down %s: %v", down, err)
		}
	}
	var left int
	if err := tx.NewRaw(`SELECT count(*) FROM information_schema.tables WHERE table_name IN
		('sla_policies', 'sla_targets', 'tickets', 'ticket_events', 'ticket_comments', 'outages', 'ticket_time_entries', 'customer_sla_policies')`).Scan(ctx, &left); err != nil || left != 0 {
		t.Fatalf("tables left after down: %d (%v)", left, err)
	}
	if err := tx.NewRaw(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'sla_policy_id'`).
		Scan(ctx, &left); err != nil || left != 0 {
		t.Fatalf("customers.sla_policy_id left after down: %d (%v)", left, err)
	}
	for _, up := range ups {
		if _, err := tx.ExecContext(ctx, read(up)); err != nil {
			t.Fatalf("up %s after down: %v", up, err)
		}
	}
	var policies int
	if err := tx.NewRaw("SELECT count(*) FROM sla_policies WHERE is_default AND calendar_id = 'nl-kantooruren'").Scan(ctx, &policies); err != nil || policies != 1 {
		t.Fatalf("default policy after up: %d (%v)", policies, err)
	}
}
