package main

import (
	"bytes"
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"backoffice/internal/testkit"
)

func TestRunCommands(t *testing.T) {
	t.Setenv("DATABASE_URL", testkit.URL(t))
	ctx := context.Background()
	run1 := func(t *testing.T, stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, args, strings.NewReader(stdin), &out)
		return out.String(), err
	}
	t.Run("migrate_status_all_applied", func(t *testing.T) {
		out, err := run1(t, "", "migrate", "status")
		if err != nil || !strings.Contains(out, "applied  0001_foundation") || strings.Contains(out, "pending") {
			t.Fatalf("%v\n%s", err, out)
		}
		out, err = run1(t, "", "migrate", "up")
		if err != nil || !strings.Contains(out, "schema is current") {
			t.Fatalf("%v\n%s", err, out)
		}
	})
	t.Run("user_add_password_from_stdin", func(t *testing.T) {
		email := testkit.Unique("ops") + "@example.nl"
		out, err := run1(t, "a-long-password-123\n", "user", "add", "--email", email, "--name", "Ops", "--role", "admin", "--password-stdin")
		if err != nil || !strings.Contains(out, "created user") {
			t.Fatalf("%v\n%s", err, out)
		}
		if _, err := run1(t, "a-long-password-123\n", "user", "add", "--email", email, "--name", "Ops", "--role", "admin", "--password-stdin"); err == nil {
			t.Fatal("second user with the same e-mail was accepted")
		}
		if _, err := run1(t, "short\n", "user", "add", "--email", "x"+email, "--name", "Ops", "--role", "wizard", "--password-stdin"); err == nil ||
			!strings.Contains(err.Error(), "role") || !strings.Contains(err.Error(), "password") {
			t.Fatalf("bad user: %v", err)
		}
	})
	t.Run("seed_refuses_non_empty_database", func(t *testing.T) {
		if _, err := run1(t, "", "seed", "--demo"); err == nil || !strings.Contains(err.Error(), "already has users") {
			t.Fatal(err)
		}
	})
	t.Run("config_masks_secrets", func(t *testing.T) {
		t.Setenv("BACKOFFICE_SMTP_HOST", "smtp.example")
		t.Setenv("BACKOFFICE_SMTP_PASSWORD", "hunter2")
		out, err := run1(t, "", "config")
		if err != nil || strings.Contains(out, "hunter2") {
			t.Fatalf("%v %s", err, out)
		}
	})
	t.Run("unknown_command", func(t *testing.T) {
		if _, err := run1(t, "", "frobnicate"); err == nil {
			t.Fatal("accepted")
		}
	})
}

func TestSeedDemoIntoEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	cl := testkit.Cluster(t)
	if err := cl.CreateDatabase(ctx, "seeddemo", ""); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DATABASE_URL", cl.URL("seeddemo"))
	var out bytes.Buffer
	if err := run(ctx, []string{"migrate", "up"}, strings.NewReader(""), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"seed", "--demo"}, strings.NewReader(""), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "admin@demo.backoffice.test") {
		t.Fatalf("logins not printed:\n%s", out.String())
	}
	if err := run(ctx, []string{"seed", "--demo"}, strings.NewReader(""), &out); err == nil {
		t.Fatal("second seed accepted")
	}
	// The demo shows every domain: charges, invoices whose numbers follow their issue dates
	// (INV-1), deliveries, payments and dunning stages.
	db, err := sql.Open("pgx", cl.URL("seeddemo"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var numbers []string
	rows, err := db.QueryContext(ctx, "SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY issue_date, number")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, n)
	}
	if rows.Err() != nil || len(numbers) < 5 || !slices.IsSorted(numbers) {
		t.Fatalf("INV-1 demo invoice numbers in issue-date order: %v (%v)", numbers, rows.Err())
	}
	for _, q := range []string{"SELECT count(*) FROM charges", "SELECT count(*) FROM hw_deliveries", "SELECT count(*) FROM hw_items", "SELECT count(*) FROM payments",
		"SELECT count(*) FROM events", "SELECT count(*) FROM event_deliveries", "SELECT count(DISTINCT stage) FROM dunning_steps"} {
		var n int
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil || n == 0 {
			t.Errorf("demo data: %s = %d (%v)", q, n, err)
		}
	}
}
