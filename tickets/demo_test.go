package tickets

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"backoffice/internal/billing"

	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-05-13 11:00")) // a Wednesday
	b.mod.Service().Rates = func() platform.RateBook {
		return priceList{NotCoveredSKU: {SKU: NotCoveredSKU, Unit: "hour", UnitPrice: decimal.RequireFromString("115.00"), VATRate: billing.VAT21}}
	}
	tx := testkit.Tx(t)
	demo := &platform.Demo{
		TechnicianIDs: []int64{b.tech.User.ID},
		CustomerIDs:   []int64{b.customerID, b.otherID},
		ContactIDs:    []int64{b.contact.User.ID, b.other.User.ID},
	}
	if err := b.mod.SeedDemo(context.Background(), tx, demo); err != nil {
		t.Fatal(err)
	}
	var rows []*Ticket
	if err := ticketQuery(tx, &rows).Where("ticket.customer_id IN (?, ?)", b.customerID, b.otherID).OrderExpr("ticket.id").
		Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	byStatus := map[Status]int{}
	var breach *Ticket
	for _, r := range rows {
		byStatus[r.Status]++
		if r.Category == DataBreach {
			breach = r
		}
	}
	if len(rows) != 8 || byStatus[StatusWaitingOnCustomer] != 1 || byStatus[StatusResolved] != 4 || byStatus[StatusOpen] != 1 || byStatus[StatusNew] != 2 {
		t.Errorf("demo tickets by status = %v (%d)", byStatus, len(rows))
	}
	// T-4: the not-covered ticket's 75 minutes are billed at 115.00 an hour = 143.75.
	var billed string
	if err := tx.NewRaw(`SELECT coalesce(sum(round(quantity * unit_price, 2)), 0)::text FROM charges c JOIN tickets t ON t.id = c.agreement_id
		WHERE c.agreement_kind = 'ticket' AND t.customer_id = ?`, b.customerID).Scan(context.Background(), &billed); err != nil || billed != "143.75" {
		t.Errorf("T-4 demo charge %s (%v), want 143.75", billed, err)
	}
	if breach == nil || breach.ControllerNoticeDueAt == nil || breach.AssigneeID == nil || *breach.AssigneeID != b.tech.User.ID {
		t.Fatalf("demo data breach = %+v", breach)
	}
	var portal int
	if err := tx.NewRaw("SELECT count(*) FROM outages WHERE service = 'portal' AND customer_id = ?", b.otherID).Scan(context.Background(), &portal); err != nil || portal != 1 {
		t.Errorf("customer-specific demo outage = %d (%v)", portal, err)
	}
	var outages int
	if err := tx.NewRaw("SELECT count(*) FROM outages WHERE created_by = ?", b.tech.User.ID).Scan(context.Background(), &outages); err != nil || outages != 3 {
		t.Errorf("demo outages = %d (%v)", outages, err)
	}
}
