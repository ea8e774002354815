package tickets

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"backoffice/internal/testkit"
)

func targets(resp, res string) []map[string]any {
	var out []map[string]any
	for _, p := range Priorities {
		out = append(out, map[string]any{"priority": p, "response": resp, "resolution": res})
	}
	return out
}

func TestPolicies(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-12 18:00"))
	name := testkit.Unique("Cliendo-style ")
	var created PolicyOut
	t.Run("T-3_cliendo_variant_201", func(t *testing.T) {
		b.do(t, b.manager, "POST", "/api/v1/sla-policies", map[string]any{
			"name": name, "calendar_id": "cliendo-support", "targets": targets("PT48H", "PT96H"),
		}).Expect(t, 201).JSON(t, &created)
		if created.ID == 0 || created.CalendarID != "cliendo-support" || len(created.Targets) != 4 ||
			created.Targets[0].Response != "PT48H" || !slices.Equal(created.PauseStatuses, []string{"waiting_on_customer"}) {
			t.Errorf("created = %+v", created)
		}
		var got PolicyOut
		b.do(t, b.tech, "GET", fmt.Sprintf("/api/v1/sla-policies/%d", created.ID), nil).Expect(t, 200).JSON(t, &got)
		if got.Name != name || got.Targets[3].Resolution != "PT96H" {
			t.Errorf("got = %+v", got)
		}
	})
	t.Run("T-3_customer_with_the_cliendo_policy_gets_48_business_hours", func(t *testing.T) {
		var a AssignOut
		b.do(t, b.manager, "PUT", fmt.Sprintf("/api/v1/sla-policies/%d/customers/%d", created.ID, b.customerID), nil).Expect(t, 200).JSON(t, &a)
		id := b.file(t, nil)
		out := b.get(t, b.contact, id)
		// Thu 12 Mar 18:00 on the Cliendo desk (Mon–Thu 10–19, Fri 10–16): 48h → Fri 20 Mar 15:00
		assertAt(t, "response_due_at", out.SLA.ResponseDueAt, "2026-03-20 15:00")
		if out.SLA.PolicyID != created.ID {
			t.Errorf("policy = %d", out.SLA.PolicyID)
		}
	})
	t.Run("default_policy_is_listed", func(t *testing.T) {
		ps := b.listPolicies(t)
		i := slices.IndexFunc(ps, func(p PolicyOut) bool { return p.IsDefault })
		if i < 0 || ps[i].CalendarID != "nl-kantooruren" || ps[i].Targets[0].Response != "PT1H" {
			t.Errorf("default = %+v", ps)
		}
	})
	t.Run("every_bad_field_at_once_422", func(t *testing.T) {
		r := b.do(t, b.manager, "POST", "/api/v1/sla-policies", map[string]any{
			"name": "", "calendar_id": "no-such-calendar",
			"targets": []map[string]any{
				{"priority": "P1", "response": "P1D", "resolution": "PT4H"},
				{"priority": "P9", "response": "PT1H", "resolution": "PT30M"},
			},
			"pause_statuses": []string{"open"},
		}).Expect(t, 422)
		fs := r.FieldErrors(t)
		for _, f := range []string{"name", "calendar_id", "targets[0].response", "targets[1].priority", "targets[1].resolution", "targets", "pause_statuses[0]"} {
			if !slices.Contains(fs, f) {
				t.Errorf("no error for %s in %v", f, fs)
			}
		}
	})
	t.Run("duplicate_name_409", func(t *testing.T) {
		if c := b.do(t, b.manager, "POST", "/api/v1/sla-policies", map[string]any{
			"name": name, "calendar_id": "nl-kantooruren", "targets": targets("PT1H", "PT8H")}).Expect(t, 409).Code(t); c != "sla_policy_exists" {
			t.Errorf("code = %s", c)
		}
	})
	t.Run("technician_and_customer_may_not_create_403", func(t *testing.T) {
		body := map[string]any{"name": testkit.Unique("x"), "calendar_id": "nl-kantooruren", "targets": targets("PT1H", "PT8H")}
		b.do(t, b.tech, "POST", "/api/v1/sla-policies", body).Expect(t, 403)
		b.do(t, b.contact, "POST", "/api/v1/sla-policies", body).Expect(t, 403)
		b.do(t, b.contact, "GET", "/api/v1/sla-policies", nil).Expect(t, 403)
	})
	t.Run("unknown_policy_404", func(t *testing.T) {
		b.do(t, b.tech, "GET", "/api/v1/sla-policies/99999999", nil).Expect(t, 404)
		b.do(t, b.manager, "PUT", fmt.Sprintf("/api/v1/sla-policies/%d/customers/99999999", created.ID), nil).Expect(t, 404)
	})
}

func TestOutagesAndAvailability(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-05-20 12:00"))
	service := testkit.Unique("svc-")
	post := func(t *testing.T, body map[string]any) *testkit.Response {
		t.Helper()
		body["service"] = service
		return b.do(t, b.tech, "POST", "/api/v1/outages", body)
	}
	rfc := func(s string) string { return at(s).Format(time.RFC3339) }
	t.Run("T-5_record_outages_201", func(t *testing.T) {
		var o OutageOut
		post(t, map[string]any{"kind": "unplanned", "started_at": rfc("2026-02-10 10:00"), "ended_at": rfc("2026-02-10 12:00")}).Expect(t, 201).JSON(t, &o)
		if !o.Downtime || o.ID == 0 {
			t.Errorf("outage = %+v", o)
		}
		post(t, map[string]any{"kind": "unplanned", "started_at": rfc("2026-02-10 11:00"), "ended_at": rfc("2026-02-10 13:00")}).Expect(t, 201)
		post(t, map[string]any{"kind": "unplanned", "started_at": rfc("2025-11-03 08:00"), "ended_at": rfc("2025-11-03 10:00")}).Expect(t, 201)
		post(t, map[string]any{"kind": "planned", "started_at": rfc("2026-04-14 22:00"), "ended_at": rfc("2026-04-15 02:00"),
			"announced_at": rfc("2026-04-01 09:00")}).Expect(t, 201).JSON(t, &o)
		if o.Downtime {
			t.Error("announced planned work counted as downtime")
		}
		post(t, map[string]any{"kind": "customer_caused", "customer_id": b.customerID, "started_at": rfc("2026-04-20 09:00"),
			"ended_at": rfc("2026-04-21 09:00")}).Expect(t, 201)
		post(t, map[string]any{"kind": "unplanned", "customer_id": b.customerID, "started_at": rfc("2026-04-22 09:00"),
			"ended_at": rfc("2026-04-22 11:00")}).Expect(t, 201)
	})
	t.Run("availability_page_writes_durations_in_words", func(t *testing.T) {
		// issue 13: agreed time and downtime in words, not raw seconds (7772400, 10800)
		body := b.page(t, b.tech, "/sla/availability?service="+service, 200, "89 days 23 hours", ">3 hours<", "Agreed service time")
		if strings.Contains(body, ">7772400<") || strings.Contains(body, ">10800<") || strings.Contains(body, "seconds") {
			t.Error("the availability page shows raw seconds")
		}
	})
	t.Run("T-5_two_consecutive_quarters_below_give_the_termination_right", func(t *testing.T) {
		var a AvailabilityOut
		b.do(t, b.tech, "GET", "/api/v1/availability?"+url.Values{"service": {service}, "quarter": {"2026-Q1"}}.Encode(), nil).Expect(t, 200).JSON(t, &a)
		want := AvailabilityOut{Service: service, Quarter: "2026-Q1", AgreedSeconds: 90*86400 - 3600, DowntimeSeconds: 3 * 3600,
			AvailabilityPercent: "99.8610", Target: "99.95", Met: false, ConsecutiveQuartersBelow: 2, TerminationRight: true}
		if a != want {
			t.Errorf("Q1 = %+v\nwant %+v", a, want)
		}
	})
	t.Run("T-5_customer_view_counts_its_own_outages", func(t *testing.T) {
		var staffView, own AvailabilityOut
		b.do(t, b.tech, "GET", "/api/v1/availability?service="+service+"&quarter=2026-Q2", nil).Expect(t, 200).JSON(t, &staffView)
		b.do(t, b.contact, "GET", "/api/v1/availability?service="+service+"&quarter=2026-Q2", nil).Expect(t, 200).JSON(t, &own)
		if staffView.DowntimeSeconds != 0 || !staffView.Met || !staffView.Provisional {
			t.Errorf("service-wide Q2 = %+v", staffView)
		}
		if own.DowntimeSeconds != 7200 || own.Met || own.ConsecutiveQuartersBelow != 3 {
			t.Errorf("customer Q2 = %+v (customer-caused day excluded, own 2h counted)", own)
		}
		var otherView AvailabilityOut
		b.do(t, b.other, "GET", "/api/v1/availability?service="+service+"&quarter=2026-Q2", nil).Expect(t, 200).JSON(t, &otherView)
		if otherView.DowntimeSeconds != 0 {
			t.Errorf("another company sees this customer's outage: %+v", otherView)
		}
		b.do(t, b.contact, "GET", fmt.Sprintf("/api/v1/availability?service=%s&customer_id=%d", service, b.otherID), nil).Expect(t, 404)
	})
	t.Run("T-5_bad_outage_422_nothing_stored", func(t *testing.T) {
		before := count(t, "SELECT count(*) FROM outages WHERE service = ?", service)
		r := post(t, map[string]any{"kind": "scheduled", "customer_id": 99999999, "started_at": rfc("2026-05-25 10:00"),
			"ended_at": rfc("2026-05-25 09:00"), "announced_at": rfc("2026-05-26 09:00")}).Expect(t, 422)
		fs := r.FieldErrors(t)
		for _, f := range []string{"kind", "customer_id", "ended_at", "started_at", "announced_at"} {
			if !slices.Contains(fs, f) {
				t.Errorf("no error for %s in %v", f, fs)
			}
		}
		if after := count(t, "SELECT count(*) FROM outages WHERE service = ?", service); after != before {
			t.Error("outage stored")
		}
		b.do(t, b.contact, "POST", "/api/v1/outages", map[string]any{"service": service}).Expect(t, 403)
	})
	t.Run("T-5_bad_availability_query_422", func(t *testing.T) {
		r := b.do(t, b.tech, "GET", "/api/v1/availability?service=&quarter=2026-Q5", nil).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"quarter", "service"}) {
			t.Errorf("fields %v", fs)
		}
	})
}
