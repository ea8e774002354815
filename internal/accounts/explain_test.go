package accounts_test

import (
	"context"
	"testing"

	"backoffice/internal/accounts"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/testkit"
)

// TestExplainAuditAndOutboxLists proves the audit log and outbox lists are index range
// scans newest first at 200,000 audit entries and 100,000 messages (issue 14): all,
// after a cursor, by entity (a common one: a quarter of the log), by entity and id,
// since a date, and the outbox by status. Quote 41 has 25,000 entries, so its page must
// be read in index order (a record with a few entries may rightly be sorted).
func TestExplainAuditAndOutboxLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "audit_log")
	testkit.ShadowTable(t, tx, "outbox")
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, entity, entity_id, action, changes)
		SELECT timestamptz '2025-01-01 00:00Z' + g * interval '1 minute', (ARRAY['ticket','quote','invoice','placement'])[1 + g % 4],
		       CASE WHEN g % 8 = 1 THEN '41' ELSE (g % 5000)::text END, 'update', '{}'
		FROM generate_series(1, 200000) g;
		INSERT INTO outbox (kind, to_address, subject, body, not_before, status, created_at)
		SELECT 'mail', 'a@b.test', 'Onderwerp', 'Tekst', now(), CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'sent' END, now()
		FROM generate_series(1, 100000) g;
		ANALYZE audit_log; ANALYZE outbox`); err != nil {
		t.Fatal(err)
	}
	after := *httpx.EncodeCursor(map[string]int64{"i": 150000})
	for name, c := range map[string]struct {
		f     accounts.AuditFilter
		after string
	}{
		"GET_/audit":                  {accounts.AuditFilter{}, ""},
		"GET_/audit_after":            {accounts.AuditFilter{}, after},
		"GET_/audit?entity":           {accounts.AuditFilter{Entity: "quote"}, after},
		"GET_/audit?entity&entity_id": {accounts.AuditFilter{Entity: "quote", EntityID: "41"}, ""},
		"GET_/audit?from":             {accounts.AuditFilter{From: civil.Date{Year: 2025, Month: 3, Day: 1}}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			if _, err := accounts.ListAuditFiltered(ctx, tx, c.f, httpx.Page{Limit: 50, After: c.after}); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "audit_log")
		})
	}
	for name, status := range map[string]string{"GET_/outbox": "", "GET_/outbox?status=pending": "pending"} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			if _, err := accounts.ListOutbox(ctx, tx, status, httpx.Page{Limit: 50}); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "outbox")
		})
	}
}
