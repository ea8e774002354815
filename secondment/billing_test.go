package secondment

import (
	"context"
	"testing"

	"backoffice/internal/billing"
	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

// checkStatementCharges checks the charges of the final March statement of TestStatement:
// base 90 min = 150.00, evening 120 min = 300.00, night 30 min = 100.00, non-working day
// 120 min = 400.00 (at 100/h, +50 %, +100 %, +100 %), and travel 100 km = 23.00.
func checkStatementCharges(t *testing.T, placementID int64) {
	t.Helper()
	ctx := context.Background()
	cs, err := billing.List(ctx, testkit.DB(t).Bun, billing.Filter{Agreement: &billing.Agreement{Kind: "placement", ID: placementID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 5 {
		t.Fatalf("%d charges, want 4 bands + 1 expense: %+v", len(cs), cs)
	}
	sum := cs[0].Net()
	for _, c := range cs[1:] {
		sum = sum.Add(c.Net())
	}
	if sum.StringFixed(2) != "973.00" {
		t.Fatalf("charges add up to %s, want the statement's 973.00", sum.StringFixed(2))
	}
	for _, c := range cs {
		if c.BillableOn.String() != "2026-04-01" || c.PeriodStart == nil || c.Status != billing.Open || c.SourceDomain != "secondment" {
			t.Fatalf("charge %+v", c)
		}
	}
	if cs[0].Quantity.String() != "1.5" || cs[0].UnitPrice.StringFixed(2) != "100.00" || cs[0].Unit != "hour" {
		t.Fatalf("base band charge %+v", cs[0])
	}
	if cs[4].SourceKind != "expense" || cs[4].UnitPrice.StringFixed(2) != "23.00" {
		t.Fatalf("expense charge %+v", cs[4])
	}
	var n int
	if err := testkit.DB(t).Bun.NewRaw("SELECT count(*) FROM events WHERE kind = ? AND entity_id = ?", events.StatementFinalised, cs[0].SourceID).Scan(ctx, &n); err != nil || n != 1 {
		t.Fatalf("statement.finalised events %d (%v)", n, err)
	}
}
