package tickets

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// form posts an HTML form as a bearer-token user (CSRF applies to session cookies only).
func (b *bundle) form(t *testing.T, as testkit.As, path string, v url.Values) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+as.Token)
	res, err := b.app.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res.StatusCode, res.Header.Get("Location"), sb.String()
}

func (b *bundle) page(t *testing.T, as testkit.As, path string, status int, contains ...string) string {
	t.Helper()
	r := b.do(t, as, "GET", path, nil)
	if r.Status != status {
		t.Fatalf("GET %s: status %d, want %d: %.400s", path, r.Status, status, r.Body)
	}
	body := string(r.Body)
	for _, c := range contains {
		if !strings.Contains(body, c) {
			t.Errorf("GET %s lacks %q", path, c)
		}
	}
	return body
}

func TestPages(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-04-24 16:30"))
	id := b.file(t, map[string]any{"subject": "Koningsdag printer", "priority": "P2"})
	b.do(t, b.tech, "POST", "/api/v1/outages", map[string]any{"service": testkit.Unique("pg-"), "kind": "unplanned",
		"started_at": "2026-04-01T10:00:00+02:00", "ended_at": "2026-04-01T12:00:00+02:00"}).Expect(t, 201)

	t.Run("desk_queue_with_countdown_and_risk_colour", func(t *testing.T) {
		b.page(t, b.tech, fmt.Sprintf("/tickets?customer_id=%d", b.customerID), 200, "Koningsdag printer", `data-countdown=`, "risk-ok", "response due")
		b.page(t, b.tech, "/tickets?breach_within=PT2H&sort=due", 200, "queue-filters")
		b.page(t, b.tech, "/tickets?priority=P9", 422)
	})
	t.Run("desk_ticket_page_explains_the_due_times", func(t *testing.T) {
		b.page(t, b.tech, fmt.Sprintf("/tickets/%d", id), 200, "sla-explanation", "Report received Fri 24 Apr 2026 16:30 CEST",
			"Response due Tue 28 Apr 2026 11:30 CEST", "status-open", "resolve-form",
			`id="policy-calendar">(Kantooruren (ma-vr 08:30-17:30))`) // issue 13: the calendar by name, not "nl-kantooruren"
	})
	t.Run("desk_forms_comment_update_status", func(t *testing.T) {
		code, loc, _ := b.form(t, b.tech, fmt.Sprintf("/tickets/%d/comments", id), url.Values{"body": {"On it"}, "public": {"on"}})
		if code != http.StatusSeeOther || loc != fmt.Sprintf("/tickets/%d", id) {
			t.Fatalf("comment post: %d %s", code, loc)
		}
		code, _, body := b.form(t, b.tech, fmt.Sprintf("/tickets/%d/comments", id), url.Values{"body": {"  "}})
		if code != 422 || !strings.Contains(body, "Please correct") {
			t.Errorf("empty comment: %d", code)
		}
		if strings.Contains(body, `id="comment-public" checked`) {
			t.Errorf("a failed internal note turned the reply box back to public")
		}
		code, loc, _ = b.form(t, b.tech, fmt.Sprintf("/tickets/%d/comments", id), url.Values{"body": {"Internal: check the MX"}})
		if code != http.StatusSeeOther || !strings.Contains(loc, "note=internal") {
			t.Fatalf("internal note post: %d %s", code, loc)
		}
		b.page(t, b.tech, loc, 200, `id="comment-public" >`)
		code, _, _ = b.form(t, b.tech, fmt.Sprintf("/tickets/%d/update", id), url.Values{"priority": {"P1"}, "assignee_id": {fmt.Sprint(b.tech.User.ID)}})
		if code != http.StatusSeeOther {
			t.Errorf("update: %d", code)
		}
		hist := b.page(t, b.tech, fmt.Sprintf("/tickets/%d", id), 200)
		if i := strings.Index(hist, `data-event="assignee"`); i < 0 || strings.Contains(hist[i:i+300], fmt.Sprintf("<td>%d</td>", b.tech.User.ID)) {
			t.Errorf("the event log shows the assignee as an id, not a name")
		}
		code, _, body = b.form(t, b.tech, fmt.Sprintf("/tickets/%d/status", id), url.Values{"status": {"resolved"}})
		if code != 422 || !strings.Contains(body, "resolution") {
			t.Errorf("resolve without resolution: %d", code)
		}
		out := b.get(t, b.tech, id)
		if out.Priority != "P1" || out.SLA.FirstResponseAt == nil || out.AssigneeID == nil {
			t.Errorf("after forms: %+v", out)
		}
	})
	t.Run("desk_new_ticket_form", func(t *testing.T) {
		b.page(t, b.tech, "/tickets/new", 200, "ticket-form", "received_at")
		code, _, body := b.form(t, b.tech, "/tickets", url.Values{"customer_id": {fmt.Sprint(b.customerID)}, "category": {"incident"},
			"subject": {""}, "description": {""}, "received_at": {"2030-01-01T10:00"}})
		if code != 422 || !strings.Contains(body, "must not be in the future") {
			t.Errorf("bad new ticket: %d", code)
		}
		code, loc, _ := b.form(t, b.tech, "/tickets", url.Values{"customer_id": {fmt.Sprint(b.customerID)}, "category": {"incident"},
			"subject": {"Phoned in"}, "description": {"Caller says the VPN is down"}, "received_at": {"2026-04-24T15:00"}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/tickets/") {
			t.Errorf("new ticket: %d %s", code, loc)
		}
	})
	t.Run("dashboard_policies_availability", func(t *testing.T) {
		b.page(t, b.tech, "/sla/dashboard", 200, "SLA compliance per month", "Breaches at risk", "Data breaches", "Apr 2026", `id="compliance-chart"`)
		// issue 13 "ids become names": a policy's calendar by name, picked by name
		if body := b.page(t, b.tech, "/sla/policies", 200, "Standaard", ">Cliendo support desk (ma-do 10:00-19:00, vr 10:00-16:00)</td>"); strings.Contains(body, ">cliendo-support<") {
			t.Error("the policy list shows a calendar id")
		}
		b.page(t, b.manager, "/sla/policies", 200, "policy-form", `<select name="calendar_id" id="policy-calendar" required>`,
			`<option value="nl-kantooruren" selected>Kantooruren (ma-vr 08:30-17:30)</option>`)
		b.page(t, b.tech, "/sla/availability", 200, "outage-form", "availability per quarter", "2026-Q2")
	})
	t.Run("policy_and_outage_forms", func(t *testing.T) {
		code, _, body := b.form(t, b.manager, "/sla/policies", url.Values{"name": {""}, "calendar_id": {"nl-kantooruren"}, "p1_response": {"1 hour"}})
		if code != 422 || !strings.Contains(body, "p1") && !strings.Contains(body, "targets[0].response") {
			t.Errorf("bad policy form: %d", code)
		}
		code, _, _ = b.form(t, b.tech, "/sla/outages", url.Values{"service": {"mail"}, "kind": {"unplanned"}, "started_at": {"2026-04-02T10:00"}, "ended_at": {"2026-04-02T09:00"}})
		if code != 422 {
			t.Errorf("bad outage form: %d", code)
		}
	})
	t.Run("portal_home_list_new_and_ticket", func(t *testing.T) {
		b.page(t, b.contact, "/portal/tickets", 200, "Koningsdag printer", "my-tickets")
		b.page(t, b.contact, "/portal/tickets/new", 200, "report-form")
		body := b.page(t, b.contact, fmt.Sprintf("/portal/tickets/%d", id), 200, "reply-form", "On it")
		if strings.Contains(body, "sla-explanation") || strings.Contains(body, "internal note") {
			t.Error("portal shows desk-only parts")
		}
		code, _, page := b.form(t, b.contact, "/portal/tickets", url.Values{"category": {"virus"}, "subject": {""}, "description": {""}})
		if code != 422 || !strings.Contains(page, "category") {
			t.Errorf("bad portal report: %d", code)
		}
		// issue 13 "Portal": the field errors in the customer's language (a Dutch company)
		for _, english := range []string{"must be one of", "is required"} {
			if strings.Contains(page, english) {
				t.Errorf("the Dutch portal form shows %q", english)
			}
		}
	})
	t.Run("tenancy_and_roles_on_pages", func(t *testing.T) {
		b.page(t, b.other, fmt.Sprintf("/portal/tickets/%d", id), 404)
		b.page(t, b.contact, "/tickets", 403)
		b.page(t, b.tech, "/portal", 403)
	})
}

func TestPolicyAssignPage(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-12 12:00"))
	id := b.file(t, nil)
	b.page(t, b.manager, "/sla/policies", 200, "assign-form")
	var cliendo int64
	for _, p := range b.listPolicies(t) {
		if p.Name == "Cliendo support" {
			cliendo = p.ID
		}
	}
	code, _, _ := b.form(t, b.manager, "/sla/policies/assign", url.Values{"customer_id": {fmt.Sprint(b.customerID)}, "sla_policy_id": {fmt.Sprint(cliendo)}})
	if code != http.StatusSeeOther {
		t.Fatalf("assign: %d", code)
	}
	if out := b.get(t, b.tech, id); out.SLA.PolicyID != cliendo {
		t.Errorf("open ticket not moved: policy %d", out.SLA.PolicyID)
	}
	if n := count(t, "SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND kind = 'policy'", id); n != 1 {
		t.Errorf("policy events = %d", n)
	}
	// issue 13: the event log reads words — the created event's status "New", not "new"
	if body := b.page(t, b.tech, fmt.Sprintf("/tickets/%d", id), 200, `data-event="policy"`, `data-event="created"`); !strings.Contains(body, `data-label="To">New</td>`) {
		t.Error("the created event shows its status as a code")
	}
	code, _, _ = b.form(t, b.manager, "/sla/policies/assign", url.Values{"customer_id": {"x"}})
	if code != 422 {
		t.Errorf("bad assign: %d", code)
	}
	code, _, _ = b.form(t, b.tech, "/sla/policies/assign", url.Values{"customer_id": {fmt.Sprint(b.customerID)}, "sla_policy_id": {"1"}})
	if code != 403 {
		t.Errorf("technician assign: %d", code)
	}
}
