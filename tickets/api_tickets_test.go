package tickets

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCreateTicket201(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-04-24 16:30"))
	t.Run("T-2_customer_files_for_own_company_clock_starts_at_receipt", func(t *testing.T) {
		var out TicketOut
		b.do(t, b.contact, "POST", "/api/v1/tickets", map[string]any{
			"subject": "Printer offline", "description": "Since this morning", "category": "incident", "priority": "P2",
		}).Expect(t, 201).JSON(t, &out)
		if out.ID == 0 || !strings.HasPrefix(out.Number, "T2026-") || out.Status != "new" || out.CustomerID != b.customerID {
			t.Fatalf("ticket = %+v", out)
		}
		// Fri 16:30 + 4 business hours on nl-kantooruren, Koningsdag Monday skipped (CAL-1).
		assertAt(t, "response_due_at", out.SLA.ResponseDueAt, "2026-04-28 11:30")
		assertAt(t, "resolution_due_at", out.SLA.ResolutionDueAt, "2026-04-29 14:30")
		if out.SLA.State != "running" || out.SLA.PolicyName != "Standaard" || out.SLA.ResponseTarget != "PT4H" || len(out.SLA.Explanation) < 5 {
			t.Errorf("sla = %+v", out.SLA)
		}
		if out.ControllerNoticeDueAt != nil {
			t.Error("an incident has no controller-notice deadline")
		}
		if n := count(t, "SELECT count(*) FROM outbox WHERE entity = 'ticket' AND entity_id = ? AND kind = 'ticket_new'", fmt.Sprint(out.ID)); n != 1 {
			t.Errorf("desk notifications = %d, want 1", n)
		}
		// the desk reads who filed it, the priority's meaning and the due times in words (issue 13)
		if m := deskMail(t, out.ID); !strings.Contains(m, "filed by "+b.contact.User.Name) || !strings.Contains(m, b.contact.User.Email) ||
			!strings.Contains(m, "Priority: P2 — high: a key service is down or badly degraded.") || !strings.Contains(m, "Response due 28 April 2026 at 11:30") {
			t.Errorf("desk mail:\n%s", m)
		}
		if n := count(t, "SELECT count(*) FROM audit_log WHERE entity = 'ticket' AND entity_id = ? AND action = 'create'", fmt.Sprint(out.ID)); n != 1 {
			t.Errorf("audit entries = %d", n)
		}
	})
	t.Run("T-2_staff_files_on_behalf_with_received_at", func(t *testing.T) {
		var out TicketOut
		b.do(t, b.tech, "POST", "/api/v1/tickets", map[string]any{
			"customer_id": b.customerID, "subject": "Called about VPN", "description": "VPN drops every hour",
			"category": "defect", "received_at": at("2026-04-24 09:00").Format(time.RFC3339),
		}).Expect(t, 201).JSON(t, &out)
		assertAt(t, "received_at", out.ReceivedAt, "2026-04-24 09:00")
		if out.Priority != "P3" {
			t.Errorf("default priority = %s, want P3", out.Priority)
		}
		assertAt(t, "response_due_at", out.SLA.ResponseDueAt, "2026-04-24 17:00") // 09:00 + 8h, before the call was entered
	})
	t.Run("T-6_data_breach_carries_the_72_hour_controller_notice", func(t *testing.T) {
		var out TicketOut
		b.do(t, b.tech, "POST", "/api/v1/tickets", map[string]any{
			"customer_id": b.customerID, "subject": "Mailbox exposed", "description": "A shared mailbox was readable by another tenant",
			"category": "data_breach", "received_at": at("2026-04-24 10:00").Format(time.RFC3339),
		}).Expect(t, 201).JSON(t, &out)
		if out.ControllerNoticeDueAt == nil {
			t.Fatal("no controller_notice_due_at")
		}
		assertAt(t, "controller_notice_due_at", *out.ControllerNoticeDueAt, "2026-04-27 10:00") // wall clock, over weekend and Koningsdag
		if out.Priority != "P1" {
			t.Errorf("priority = %s, want P1", out.Priority)
		}
		if n := count(t, "SELECT count(*) FROM outbox WHERE entity_id = ? AND kind = 'ticket_data_breach'", fmt.Sprint(out.ID)); n != 1 {
			t.Errorf("customer breach notices = %d, want 1 (one contact)", n)
		}
	})
}

func TestCreateTicket4xx(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 10:00"))
	before := count(t, "SELECT count(*) FROM tickets WHERE customer_id IN (?, ?)", b.customerID, b.otherID)
	t.Run("T-1_every_bad_field_at_once", func(t *testing.T) {
		r := b.do(t, b.tech, "POST", "/api/v1/tickets", map[string]any{
			"customer_id": b.customerID, "subject": "  ", "description": "", "category": "bug", "priority": "P9",
			"received_at": at("2026-03-10 11:00").Format(time.RFC3339),
		}).Expect(t, 422)
		if r.Code(t) != "validation_failed" {
			t.Errorf("code = %s", r.Code(t))
		}
		fields := r.FieldErrors(t)
		for _, f := range []string{"subject", "description", "category", "priority", "received_at"} {
			if !slices.Contains(fields, f) {
				t.Errorf("no error for %s in %v", f, fields)
			}
		}
	})
	t.Run("T-2_customer_may_not_set_received_at", func(t *testing.T) {
		r := b.do(t, b.contact, "POST", "/api/v1/tickets", map[string]any{"subject": "x", "description": "y", "category": "question",
			"received_at": at("2026-03-09 10:00").Format(time.RFC3339)}).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"received_at"}) {
			t.Errorf("fields = %v", fs)
		}
	})
	t.Run("tenancy_customer_filing_for_another_company_is_refused", func(t *testing.T) {
		b.do(t, b.contact, "POST", "/api/v1/tickets", map[string]any{"customer_id": b.otherID, "subject": "x", "description": "y",
			"category": "question"}).Expect(t, 404)
	})
	t.Run("staff_must_name_the_customer", func(t *testing.T) {
		r := b.do(t, b.tech, "POST", "/api/v1/tickets", map[string]any{"subject": "x", "description": "y", "category": "question"}).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Contains(fs, "customer_id") {
			t.Errorf("fields = %v", fs)
		}
	})
	t.Run("unknown_customer_is_422", func(t *testing.T) {
		b.do(t, b.tech, "POST", "/api/v1/tickets", map[string]any{"customer_id": 999999999, "subject": "x", "description": "y",
			"category": "question"}).Expect(t, 422)
	})
	t.Run("malformed_and_unknown_fields_are_400", func(t *testing.T) {
		if c := b.do(t, b.contact, "POST", "/api/v1/tickets", `{"subject":`).Expect(t, 400).Code(t); c != "malformed_json" {
			t.Errorf("code = %s", c)
		}
		if c := b.do(t, b.contact, "POST", "/api/v1/tickets", map[string]any{"subject": "x", "sla": 1}).Expect(t, 400).Code(t); c != "unknown_field" {
			t.Errorf("code = %s", c)
		}
	})
	t.Run("anonymous_is_401", func(t *testing.T) {
		b.app.Do(t, "POST", "/api/v1/tickets", "", map[string]any{"subject": "x"}).Expect(t, 401)
	})
	if after := count(t, "SELECT count(*) FROM tickets WHERE customer_id IN (?, ?)", b.customerID, b.otherID); after != before {
		t.Errorf("tickets stored by refused requests: %d → %d", before, after)
	}
}

func TestGetTicket(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 09:00"))
	id := b.file(t, map[string]any{"priority": "P1"})
	t.Run("T-2_due_times_are_recomputed_on_read", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-10 10:01"))
		out := b.get(t, b.tech, id)
		if out.SLA.State != "breached" || !out.SLA.ResponseBreached || out.Risk != "breached" {
			t.Errorf("sla at 10:01 = %+v risk %s", out.SLA, out.Risk)
		}
		b.app.Clock.Set(at("2026-03-10 09:50"))
		out = b.get(t, b.tech, id)
		if out.SLA.State != "running" || out.Risk != "at_risk" {
			t.Errorf("sla at 09:50 = %s risk %s, want running at_risk", out.SLA.State, out.Risk)
		}
	})
	t.Run("tenancy_other_company_gets_404", func(t *testing.T) {
		if c := b.do(t, b.other, "GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil).Expect(t, 404).Code(t); c != "ticket_not_found" {
			t.Errorf("code = %s", c)
		}
	})
	t.Run("unknown_id_is_404", func(t *testing.T) {
		b.do(t, b.tech, "GET", "/api/v1/tickets/999999999", nil).Expect(t, 404)
		b.do(t, b.tech, "GET", "/api/v1/tickets/abc", nil).Expect(t, 404)
	})
}
