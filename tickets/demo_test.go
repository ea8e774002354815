package tickets

import (
	"context"
	"testing"

	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-05-13 11:00")) // a Wednesday
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
	if len(rows) != 7 || byStatus[StatusWaitingOnCustomer] != 1 || byStatus[StatusResolved] != 3 || byStatus[StatusOpen] != 1 || byStatus[StatusNew] != 2 {
		t.Errorf("demo tickets by status = %v (%d)", byStatus, len(rows))
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
