package tickets

import (
	"fmt"
	"slices"
	"testing"
)

func path(id int64, suffix string) string { return fmt.Sprintf("/api/v1/tickets/%d%s", id, suffix) }

func TestComments(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 09:00"))
	id := b.file(t, map[string]any{"priority": "P2"})

	t.Run("T-2_internal_note_is_not_a_response", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-10 09:10"))
		b.do(t, b.tech, "POST", path(id, "/comments"), map[string]any{"body": "Looks like the MX record", "public": false}).Expect(t, 201)
		out := b.get(t, b.tech, id)
		if out.SLA.FirstResponseAt != nil || out.Status != "new" {
			t.Errorf("after internal note: first_response %v status %s", out.SLA.FirstResponseAt, out.Status)
		}
		if got := b.get(t, b.contact, id); len(got.Comments) != 0 {
			t.Errorf("customer sees internal notes: %+v", got.Comments)
		}
	})
	t.Run("T-2_first_public_staff_comment_is_the_first_response", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-10 09:30"))
		b.do(t, b.tech, "POST", path(id, "/comments"), map[string]any{"body": "We are on it", "public": true}).Expect(t, 201)
		b.app.Clock.Set(at("2026-03-10 09:45"))
		b.do(t, b.manager, "POST", path(id, "/comments"), map[string]any{"body": "Update", "public": true}).Expect(t, 201)
		out := b.get(t, b.tech, id)
		if out.SLA.FirstResponseAt == nil {
			t.Fatal("no first response")
		}
		assertAt(t, "first_response_at", *out.SLA.FirstResponseAt, "2026-03-10 09:30")
		if out.Status != "open" || len(out.Comments) != 3 {
			t.Errorf("status %s, %d comments", out.Status, len(out.Comments))
		}
		if n := count(t, "SELECT count(*) FROM outbox WHERE entity_id = ? AND kind = 'ticket_comment'", fmt.Sprint(id)); n != 2 {
			t.Errorf("customer e-mails = %d, want 2 (one per public staff comment)", n)
		}
	})
	t.Run("T-2_customer_reply_ends_the_wait_and_the_pause", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-10 10:00"))
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "waiting_on_customer"}).Expect(t, 200)
		b.app.Clock.Set(at("2026-03-10 12:00"))
		b.do(t, b.contact, "POST", path(id, "/comments"), map[string]any{"body": "Here is the log"}).Expect(t, 201)
		out := b.get(t, b.tech, id)
		if out.Status != "open" || out.SLA.PausedSeconds != 7200 {
			t.Errorf("status %s paused %d, want open 7200", out.Status, out.SLA.PausedSeconds)
		}
		// 16h resolution: 1h before the pause, then 15h from 12:00 → Thu 12 Mar 09:00
		assertAt(t, "resolution_due_at", out.SLA.ResolutionDueAt, "2026-03-12 09:00")
	})
	t.Run("customer_comment_cannot_be_internal", func(t *testing.T) {
		r := b.do(t, b.contact, "POST", path(id, "/comments"), map[string]any{"body": "secret", "public": false}).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"public"}) {
			t.Errorf("fields %v", fs)
		}
	})
	t.Run("empty_body_is_422", func(t *testing.T) {
		b.do(t, b.tech, "POST", path(id, "/comments"), map[string]any{"body": "   "}).Expect(t, 422)
	})
	t.Run("tenancy_other_company_cannot_comment", func(t *testing.T) {
		b.do(t, b.other, "POST", path(id, "/comments"), map[string]any{"body": "hi"}).Expect(t, 404)
	})
	t.Run("comment_on_a_closed_ticket_is_409_and_not_stored", func(t *testing.T) {
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "fix"}).Expect(t, 200)
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "closed"}).Expect(t, 200)
		before := count(t, "SELECT count(*) FROM ticket_comments WHERE ticket_id = ?", id)
		if c := b.do(t, b.contact, "POST", path(id, "/comments"), map[string]any{"body": "one more thing"}).Expect(t, 409).Code(t); c != "ticket_closed" {
			t.Errorf("code = %s", c)
		}
		if after := count(t, "SELECT count(*) FROM ticket_comments WHERE ticket_id = ?", id); after != before {
			t.Errorf("comment stored on a closed ticket")
		}
	})
}

func TestStatus(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 09:00"))
	t.Run("T-4_status_jump_that_makes_no_sense_is_409", func(t *testing.T) {
		id := b.file(t, nil)
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "workaround"}).Expect(t, 200)
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "closed"}).Expect(t, 200)
		events := count(t, "SELECT count(*) FROM ticket_events WHERE ticket_id = ?", id)
		r := b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "waiting_on_customer"}).Expect(t, 409)
		if r.Code(t) != "invalid_status_transition" {
			t.Errorf("code = %s", r.Code(t))
		}
		if count(t, "SELECT count(*) FROM ticket_events WHERE ticket_id = ?", id) != events {
			t.Error("an event was stored for a refused transition")
		}
		if out := b.get(t, b.tech, id); out.Status != "closed" || *out.Resolution != "workaround" {
			t.Errorf("status %s resolution %v", out.Status, out.Resolution)
		}
	})
	t.Run("T-4_resolving_needs_a_resolution", func(t *testing.T) {
		id := b.file(t, nil)
		r := b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved"}).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"resolution"}) {
			t.Errorf("fields %v", fs)
		}
		r = b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "finished", "resolution": "magic"}).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"resolution", "status"}) {
			t.Errorf("fields %v", fs)
		}
		r = b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "open", "resolution": "fix"}).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"resolution"}) {
			t.Errorf("fields %v", fs)
		}
	})
	t.Run("T-4_not_covered_is_billable_and_mailed", func(t *testing.T) {
		id := b.file(t, nil)
		var out TicketOut
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "not_covered"}).Expect(t, 200).JSON(t, &out)
		if !out.Billable || out.Status != "resolved" || out.SLA.ResolvedAt == nil || out.SLA.State != "met" {
			t.Errorf("out = billable %v status %s resolved %v state %s", out.Billable, out.Status, out.SLA.ResolvedAt, out.SLA.State)
		}
		if n := count(t, "SELECT count(*) FROM outbox WHERE entity_id = ? AND kind = 'ticket_resolved' AND body LIKE '%per uur af tegen onze geldende tarieven%'", fmt.Sprint(id)); n != 1 {
			t.Errorf("resolution mails mentioning hourly billing = %d", n)
		}
		if n := count(t, "SELECT count(*) FROM tickets WHERE id = ? AND billable", id); n != 1 {
			t.Error("billable not stored")
		}
	})
	t.Run("T-2_reopen_resumes_the_resolution_clock", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-10 09:00"))
		id := b.file(t, map[string]any{"priority": "P1"})
		b.app.Clock.Set(at("2026-03-10 09:30"))
		b.do(t, b.tech, "POST", path(id, "/comments"), map[string]any{"body": "Restarting the service"}).Expect(t, 201)
		b.app.Clock.Set(at("2026-03-10 11:00"))
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "fix"}).Expect(t, 200)
		b.app.Clock.Set(at("2026-03-11 10:00"))
		// the customer reopens: only customers' allowed move besides closing
		var out TicketOut
		b.do(t, b.contact, "POST", path(id, "/status"), map[string]any{"status": "open"}).Expect(t, 200).JSON(t, &out)
		assertAt(t, "resolution_due_at", out.SLA.ResolutionDueAt, "2026-03-11 12:00")
		if out.SLA.ResolvedAt != nil || out.Resolution != nil || out.SLA.State != "running" {
			t.Errorf("after reopen: resolved_at %v resolution %v state %s", out.SLA.ResolvedAt, out.Resolution, out.SLA.State)
		}
		kinds := map[string]bool{}
		for _, s := range out.SLA.Explanation {
			kinds[s.Kind] = true
		}
		if !kinds[StepResolvedPeriod] {
			t.Errorf("explanation lacks the resolved period: %+v", out.SLA.Explanation)
		}
	})
	t.Run("customers_may_not_move_an_open_ticket", func(t *testing.T) {
		id := b.file(t, nil)
		b.do(t, b.contact, "POST", path(id, "/status"), map[string]any{"status": "resolved", "resolution": "fix"}).Expect(t, 403)
	})
	t.Run("same_status_again_is_409", func(t *testing.T) {
		id := b.file(t, nil)
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "open"}).Expect(t, 200)
		b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "open"}).Expect(t, 409)
	})
}

func TestPatch(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-04-24 09:00"))
	id := b.file(t, map[string]any{"priority": "P3"})
	b.app.Clock.Set(at("2026-04-24 10:00"))
	b.do(t, b.tech, "POST", path(id, "/comments"), map[string]any{"body": "Please send a screenshot"}).Expect(t, 201)
	b.app.Clock.Set(at("2026-04-24 12:00"))
	b.do(t, b.tech, "POST", path(id, "/status"), map[string]any{"status": "waiting_on_customer"}).Expect(t, 200)
	b.app.Clock.Set(at("2026-04-28 10:00"))
	b.do(t, b.contact, "POST", path(id, "/comments"), map[string]any{"body": "Attached"}).Expect(t, 201)

	t.Run("T-2_priority_change_after_a_pause_across_koningsdag_keeps_the_credit", func(t *testing.T) {
		before := b.get(t, b.tech, id)
		assertAt(t, "P3 resolution_due_at", before.SLA.ResolutionDueAt, "2026-05-04 11:00")
		var out TicketOut
		b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"priority": "P2", "assignee_id": b.tech.User.ID}).Expect(t, 200).JSON(t, &out)
		assertAt(t, "P2 resolution_due_at", out.SLA.ResolutionDueAt, "2026-04-29 14:00")
		if out.SLA.PausedSeconds != 7*3600 || out.AssigneeID == nil || *out.AssigneeID != b.tech.User.ID {
			t.Errorf("paused %d assignee %v", out.SLA.PausedSeconds, out.AssigneeID)
		}
		var stored string
		if n := count(t, "SELECT count(*) FROM tickets WHERE id = ? AND next_due_at = ?", id, at("2026-04-29 14:00")); n != 1 {
			t.Errorf("stored next_due_at not moved %s", stored)
		}
	})
	t.Run("T-3_policy_change_to_cliendo_applies_from_the_start", func(t *testing.T) {
		var cliendoID int64
		for _, p := range b.listPolicies(t) {
			if p.CalendarID == "cliendo-support" && p.Name == "Cliendo support" {
				cliendoID = p.ID
			}
		}
		var out TicketOut
		b.do(t, b.manager, "PATCH", path(id, ""), map[string]any{"sla_policy_id": cliendoID}).Expect(t, 200).JSON(t, &out)
		if out.SLA.PolicyID != cliendoID || out.SLA.CalendarID != "cliendo-support" || out.SLA.ResponseTarget != "PT48H" {
			t.Errorf("sla = %+v", out.SLA)
		}
		b.do(t, b.manager, "PATCH", path(id, ""), map[string]any{"sla_policy_id": 1}).Expect(t, 200)
	})
	t.Run("unassign_with_null", func(t *testing.T) {
		var out TicketOut
		b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"assignee_id": nil}).Expect(t, 200).JSON(t, &out)
		if out.AssigneeID != nil {
			t.Errorf("assignee %v", *out.AssigneeID)
		}
	})
	t.Run("every_bad_field_at_once", func(t *testing.T) {
		r := b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"priority": "P0", "category": "rant", "assignee_id": b.contact.User.ID,
			"sla_policy_id": 987654}).Expect(t, 422)
		fs := r.FieldErrors(t)
		if !slices.Equal(fs, []string{"assignee_id", "category", "priority", "sla_policy_id"}) {
			t.Errorf("fields %v", fs)
		}
		b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{}).Expect(t, 422)
	})
	t.Run("customers_cannot_patch", func(t *testing.T) {
		b.do(t, b.contact, "PATCH", path(id, ""), map[string]any{"priority": "P1"}).Expect(t, 403)
	})
	t.Run("T-6_category_to_data_breach_sets_the_notice", func(t *testing.T) {
		var out TicketOut
		b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"category": "data_breach"}).Expect(t, 200).JSON(t, &out)
		if out.ControllerNoticeDueAt == nil {
			t.Fatal("no notice")
		}
		assertAt(t, "controller_notice_due_at", *out.ControllerNoticeDueAt, "2026-04-27 09:00")
	})
}

func (b *bundle) listPolicies(t *testing.T) []PolicyOut {
	t.Helper()
	var l struct{ Items []PolicyOut }
	b.do(t, b.tech, "GET", "/api/v1/sla-policies", nil).Expect(t, 200).JSON(t, &l)
	return l.Items
}

func TestPatchBodyShape(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 09:00"))
	id := b.file(t, nil)
	b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"assignee_id": b.tech.User.ID}).Expect(t, 200)
	t.Run("absent_assignee_is_left_alone", func(t *testing.T) {
		var out TicketOut
		b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"priority": "P2"}).Expect(t, 200).JSON(t, &out)
		if out.AssigneeID == nil || *out.AssigneeID != b.tech.User.ID {
			t.Errorf("assignee = %v", out.AssigneeID)
		}
	})
	t.Run("unknown_field_400_wrong_type_422", func(t *testing.T) {
		if c := b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"owner": 1}).Expect(t, 400).Code(t); c != "unknown_field" {
			t.Errorf("code = %s", c)
		}
		if fs := b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"assignee_id": "bob"}).Expect(t, 422).FieldErrors(t); !slices.Equal(fs, []string{"assignee_id"}) {
			t.Errorf("fields %v", fs)
		}
	})
}
