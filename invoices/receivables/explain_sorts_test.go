package receivables

import (
	"context"
	"testing"

	"backoffice/internal/testkit"
)

// TestExplainPaymentSorts proves every sort the payment page offers is an index scan at
// 100,000 payments, both ways, on the first page and after its cursor (issue 13).
func TestExplainPaymentSorts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "payments")
	if _, err := tx.ExecContext(ctx, `INSERT INTO payments (customer_id, kind, amount, received_on, created_at)
		SELECT 1 + g % 200, 'payment', 10 + g % 997, date '2020-01-01' + g / 50, now()
		FROM generate_series(1, 100000) g;
		ANALYZE payments`); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"asc", "desc"} {
		for _, col := range paymentList.Sorts {
			t.Run(col.Key+"_"+dir, func(t *testing.T) {
				lq, err := paymentList.ParseQuery("sort=" + col.Key + "&dir=" + dir + "&limit=50")
				if err != nil {
					t.Fatal(err)
				}
				sqls.Queries = nil
				rows, err := pagePayments(ctx, tx, lq)
				if err != nil {
					t.Fatal(err)
				}
				testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "payments")
				_, next := paymentList.Trim(rows, lq)
				after, err := paymentList.ParseQuery("sort=" + col.Key + "&dir=" + dir + "&limit=50&after=" + next)
				if err != nil {
					t.Fatal(err)
				}
				sqls.Queries = nil
				if _, err := pagePayments(ctx, tx, after); err != nil {
					t.Fatal(err)
				}
				testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "payments")
			})
		}
	}
}
