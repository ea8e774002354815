package orders

import (
	"slices"
	"strings"
	"testing"

	"backoffice/internal/civil"
)

func TestNewChangeRequest(t *testing.T) {
	t.Parallel()
	standard := map[string]StandardRate{
		"ENG-HOUR": {SKU: "ENG-HOUR", Description: "Engineer hour (standard rate)", Unit: "hour", UnitPrice: dec("125.00"), VATRate: dec("21")},
		"CABLE-5M": {SKU: "CABLE-5M", Description: "Patch cable 5 m", Unit: "pcs", UnitPrice: dec("7.95"), VATRate: dec("21"), Kind: KindHardware},
	}
	agreedHour := line(KindService, "8", "95.00", "21", func(l *Line) { l.SKU = "ENG-HOUR" }) // agreed 95 instead of 125
	now := ams(2026, 5, 4, 10, 0)
	tests := []struct {
		name       string
		fixed      bool
		necessary  bool
		reqs       []ChangeLineRequest
		status     ChangeStatus
		sources    []PriceSource
		net        string
		orderAfter string
		fields     []string
		mention    string
	}{
		{
			name: "Q-5_agreed_rate_before_standard_rate", reqs: []ChangeLineRequest{{SKU: "ENG-HOUR", Quantity: dec("4")}},
			status: ChangeAwaitingApproval, sources: []PriceSource{PriceAgreedRate}, net: "380.00", orderAfter: "1140.00", mention: "after your approval",
		},
		{
			name: "Q-5_standard_rate_when_not_agreed", reqs: []ChangeLineRequest{{SKU: "CABLE-5M", Quantity: dec("10"), Description: "Cables for the new desks"}},
			status: ChangeAwaitingApproval, sources: []PriceSource{PriceStandardRate}, net: "79.50", orderAfter: "839.50",
		},
		{
			name: "Q-5_necessary_work_needs_no_approval", necessary: true, reqs: []ChangeLineRequest{{SKU: "ENG-HOUR", Quantity: dec("1.5")}},
			status: ChangeApproved, sources: []PriceSource{PriceAgreedRate}, net: "142.50", orderAfter: "902.50", mention: "reasonably necessary",
		},
		{
			name: "Q-5_fixed_price_shows_consequence_and_needs_approval", fixed: true, necessary: true,
			reqs:   []ChangeLineRequest{{SKU: "ENG-HOUR", Quantity: dec("2")}, {SKU: "CABLE-5M", Quantity: dec("1")}},
			status: ChangeAwaitingApproval, sources: []PriceSource{PriceAgreedRate, PriceStandardRate}, net: "197.95", orderAfter: "957.95",
			mention: "fixed price of €\u00a0760,00",
		},
		{
			name:   "Q-5_unknown_sku_and_bad_quantity_all_reported",
			reqs:   []ChangeLineRequest{{SKU: "NOPE", Quantity: dec("1")}, {SKU: "", Quantity: dec("0")}, {SKU: "ENG-HOUR", Quantity: dec("0.0001")}},
			fields: []string{"lines[0].sku", "lines[1].sku", "lines[1].quantity", "lines[2].quantity"},
		},
		{name: "Q-5_no_lines", reqs: nil, fields: []string{"lines"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := order(civil.D(2026, 6, 1), false, agreedHour)
			o.FixedPrice = tt.fixed
			cr, err := NewChangeRequest(o, "Extra desks on the 2nd floor", tt.necessary, tt.reqs, standard, now)
			if tt.fields != nil {
				if got := fieldsOf(t, err); !slices.Equal(got, sorted(tt.fields)) {
					t.Fatalf("fields = %v, want %v", got, tt.fields)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var sources []PriceSource
			for _, l := range cr.Lines {
				sources = append(sources, l.Source)
			}
			if cr.Status != tt.status || !slices.Equal(sources, tt.sources) {
				t.Fatalf("status %s sources %v, want %s %v", cr.Status, sources, tt.status, tt.sources)
			}
			if !cr.Totals.Net.Equal(dec(tt.net)) || !cr.OrderNetAfter.Equal(dec(tt.orderAfter)) {
				t.Fatalf("net %s order after %s, want %s %s", cr.Totals.Net, cr.OrderNetAfter, tt.net, tt.orderAfter)
			}
			if cr.WorkMayStart() != (tt.status == ChangeApproved) {
				t.Fatalf("WorkMayStart = %v for %s", cr.WorkMayStart(), cr.Status)
			}
			if !strings.Contains(cr.Consequence, tt.mention) {
				t.Fatalf("consequence %q does not mention %q", cr.Consequence, tt.mention)
			}
		})
	}
}

func TestChangeRequestDecide(t *testing.T) {
	t.Parallel()
	o := order(civil.D(2026, 6, 1), false, line(KindService, "1", "95.00", "21", func(l *Line) { l.SKU = "ENG-HOUR" }))
	newCR := func() *ChangeRequest {
		cr, err := NewChangeRequest(o, "more work", false, []ChangeLineRequest{{SKU: "ENG-HOUR", Quantity: dec("1")}}, nil, ams(2026, 5, 4, 9, 0))
		if err != nil {
			t.Fatal(err)
		}
		return cr
	}
	t.Run("Q-5_customer_approves_then_work_may_start", func(t *testing.T) {
		t.Parallel()
		cr := newCR()
		if cr.WorkMayStart() {
			t.Fatal("work may not start before approval")
		}
		if err := cr.Decide(true, "Anna de Vries", ams(2026, 5, 5, 9, 0)); err != nil {
			t.Fatal(err)
		}
		if !cr.WorkMayStart() || cr.DecidedBy != "Anna de Vries" {
			t.Fatalf("after approval: %s %q", cr.Status, cr.DecidedBy)
		}
		wantRule(t, cr.Decide(false, "Anna", ams(2026, 5, 5, 10, 0)), ErrChangeRequestNotOpen)
	})
	t.Run("Q-5_customer_rejects", func(t *testing.T) {
		t.Parallel()
		cr := newCR()
		if err := cr.Decide(false, "Anna", ams(2026, 5, 5, 9, 0)); err != nil || cr.Status != ChangeRejected || cr.WorkMayStart() {
			t.Fatalf("reject: %v %s", err, cr.Status)
		}
	})
	t.Run("Q-5_decision_names_the_customer", func(t *testing.T) {
		t.Parallel()
		if got := fieldsOf(t, newCR().Decide(true, "", ams(2026, 5, 5, 9, 0))); got[0] != "decided_by" {
			t.Fatalf("fields %v", got)
		}
	})
}
