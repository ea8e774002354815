package main

import (
	"context"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestEveryTextColumnIsBounded: every text column of the product's tables has a length
// bound in the schema (issue 9 #11); a new column without one fails here.
func TestEveryTextColumnIsBounded(t *testing.T) {
	var unbounded []string
	err := testkit.DB(t).Bun.NewRaw(`SELECT cl.relname || '.' || a.attname
		FROM pg_attribute a
		JOIN pg_class cl ON cl.oid = a.attrelid AND cl.relkind = 'r'
		JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
		WHERE a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
		  AND cl.relname NOT LIKE 'river%' AND cl.relname NOT LIKE 'bun_%'
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = cl.oid AND k.contype = 'c'
		                  AND pg_get_constraintdef(k.oid) ~ ('length\((btrim\()?\(?"?' || a.attname || '\M'))
		ORDER BY 1`).Scan(context.Background(), &unbounded)
	if err != nil {
		t.Fatal(err)
	}
	if len(unbounded) > 0 {
		t.Fatalf("text columns without a length bound: %s", strings.Join(unbounded, ", "))
	}
	var n int
	if err := testkit.DB(t).Bun.NewRaw(`SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\_len' ESCAPE '\'`).Scan(context.Background(), &n); err != nil || n < 20 {
		t.Fatalf("bounds added by 0900: %d (%v)", n, err)
	}
}
