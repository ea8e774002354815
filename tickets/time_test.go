package tickets

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/billing"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// priceList stands in for the orders domain's standard rates (platform.RateBook).
type priceList map[string]platform.StandardRate

func (p priceList) StandardRate(_ context.Context, _ bun.IDB, sku string) (platform.StandardRate, bool, error) {
	r, ok := p[sku]
	return r, ok, nil
}

func TestTimeLogAndNotCoveredBilling(t *testing.T) {
	b := setup(t, at("2026-03-02 10:00"))
	b.mod.Service().Rates = func() platform.RateBook {
		return priceList{NotCoveredSKU: {SKU: NotCoveredSKU, Unit: "hour", UnitPrice: decimal.RequireFromString("115.00"), VATRate: billing.VAT21}}
	}
	ctx := context.Background()
	charges := func(t *testing.T, id int64) []billing.Charge {
		cs, err := billing.List(ctx, testkit.DB(t).Bun, billing.Filter{Agreement: &billing.Agreement{Kind: "ticket", ID: id}})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	id := b.file(t, nil)
	path := fmt.Sprintf("/api/v1/tickets/%d", id)

	t.Run("422_every_field_error", func(t *testing.T) {
		r := b.do(t, b.tech, "POST", path+"/time", map[string]any{"minutes": 0, "note": " ", "worked_on": "2027-01-01"}).Expect(t, 422)
		if got := r.FieldErrors(t); len(got) != 3 {
			t.Fatalf("fields %v", got)
		}
	})
	t.Run("403_customer_and_404_unknown", func(t *testing.T) {
		b.do(t, b.contact, "POST", path+"/time", map[string]any{"minutes": 30, "note": "x"}).Expect(t, 403)
		b.do(t, b.tech, "POST", "/api/v1/tickets/999999999/time", map[string]any{"minutes": 30, "note": "x"}).Expect(t, 404)
	})
	var e1, e2 TimeOut
	b.do(t, b.tech, "POST", path+"/time", map[string]any{"minutes": 90, "note": "Restored the mailbox from backup"}).Expect(t, 201).JSON(t, &e1)
	b.do(t, b.tech, "POST", path+"/time", map[string]any{"minutes": 20, "note": "Explained the retention settings"}).Expect(t, 201).JSON(t, &e2)
	var list []TimeOut
	b.do(t, b.manager, "GET", path+"/time", nil).Expect(t, 200).JSON(t, &list)
	if len(list) != 2 || list[0].Minutes != 90 || list[0].TechnicianName == "" || list[0].WorkedOn.String() != "2026-03-02" {
		t.Fatalf("time %+v", list)
	}

	t.Run("T-4_resolved_fix_bills_nothing", func(t *testing.T) {
		other := b.file(t, nil)
		b.do(t, b.tech, "POST", fmt.Sprintf("/api/v1/tickets/%d/time", other), map[string]any{"minutes": 30, "note": "Fixed"}).Expect(t, 201)
		b.do(t, b.tech, "POST", fmt.Sprintf("/api/v1/tickets/%d/status", other), map[string]any{"status": "resolved", "resolution": "fix"}).Expect(t, 200)
		if cs := charges(t, other); len(cs) != 0 {
			t.Fatalf("charges %+v", cs)
		}
		if n := count(t, "SELECT count(*) FROM events WHERE kind = 'ticket.resolved' AND entity_id = ?", other); n != 1 {
			t.Fatalf("ticket.resolved events %d", n)
		}
	})

	b.do(t, b.tech, "POST", path+"/status", map[string]any{"status": "resolved", "resolution": "not_covered"}).Expect(t, 200)
	cs := charges(t, id)
	// 90 min at 115.00 = 1.5 h × 115.00 = 172.50; 20 min = 38.33 as one lump (1/3 h has no exact price).
	if len(cs) != 2 || cs[0].Quantity.String() != "1.5" || cs[0].UnitPrice.StringFixed(2) != "115.00" || cs[0].Net().StringFixed(2) != "172.50" ||
		cs[1].Net().StringFixed(2) != "38.33" || cs[0].BillableOn.String() != "2026-03-02" || cs[0].Status != billing.Open {
		t.Fatalf("T-4 charges %+v", cs)
	}
	// the invoice line in the customer's language (Dutch) with the date in words (issue 13)
	if d := cs[0].Description; !strings.Contains(d, "(niet gedekt): Restored the mailbox from backup — 2 maart 2026, 90 min") {
		t.Errorf("T-4 charge reads %q", d)
	}
	t.Run("T-4_reopen_cancels_unbilled_and_resolving_again_bills_once", func(t *testing.T) {
		b.do(t, b.contact, "POST", path+"/status", map[string]any{"status": "open"}).Expect(t, 200)
		for _, c := range charges(t, id) {
			if c.Status != billing.Cancelled {
				t.Fatalf("after reopen %+v", c)
			}
		}
		b.do(t, b.tech, "POST", path+"/status", map[string]any{"status": "resolved", "resolution": "not_covered"}).Expect(t, 200)
		open := 0
		for _, c := range charges(t, id) {
			if c.Status == billing.Open {
				open++
			}
		}
		if open != 2 {
			t.Fatalf("open charges %d, want 2", open)
		}
	})
	t.Run("409_closed_ticket_takes_no_time", func(t *testing.T) {
		b.do(t, b.contact, "POST", path+"/status", map[string]any{"status": "closed"}).Expect(t, 200)
		if c := b.do(t, b.tech, "POST", path+"/time", map[string]any{"minutes": 5, "note": "late"}).Expect(t, 409).Code(t); c != "ticket_closed" {
			t.Fatalf("code %s", c)
		}
	})
}
