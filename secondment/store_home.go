package secondment

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
)

// countSubmitted counts entries waiting for approval that pr may see (a technician their
// own, a customer its company's), up to limit+1: the approvals list's predicate on index
// hour_entries_status_list_idx (0320).
func countSubmitted(ctx context.Context, idb bun.IDB, pr *auth.Principal, limit int) (int64, error) {
	q := idb.NewSelect().TableExpr("hour_entries AS hour_entry").ColumnExpr("1").
		Where("hour_entry.status = ?", StatusSubmitted)
	if pr.Is(auth.Customer) {
		q = q.Join("JOIN placements AS p ON p.id = hour_entry.placement_id")
		q = auth.Scope(q, pr, "p.customer_id")
	}
	if pr.Is(auth.Technician) {
		q = q.Where("hour_entry.technician_id = ?", pr.UserID)
	}
	var n int64
	err := idb.NewSelect().TableExpr("(?) AS capped", q.Limit(int64(limit+1))).ColumnExpr("count(*)").Scan(ctx, &n)
	return n, err
}
