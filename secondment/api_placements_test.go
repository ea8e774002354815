package secondment

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"backoffice/internal/httpx"
)

func TestPlacementCreate(t *testing.T) {
	f := setup(t, marchNow)
	t.Run("201_defaults_calendar_bands_notice", func(t *testing.T) {
		var p PlacementOut
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d", f.placementID), f.am.Token, nil).Expect(t, 200).JSON(t, &p)
		if p.CalendarID != "nl-werktijden" || p.NoticeMonths != 2 || p.HourlyRate.StringFixed(2) != "100.00" || p.KmRate.StringFixed(2) != "0.23" || p.EndDate != nil {
			t.Fatalf("SEC-2/SEC-3 defaults: %+v", p)
		}
		if rules := p.Bands.Rules(); len(rules) != 3 || rules[1].Band != BandEvening || !rules[1].SurchargePercent.Equal(dec("50")) {
			t.Fatalf("SEC-3 default bands stored on the placement: %+v", rules)
		}
	})
	t.Run("201_contract_bands_are_data", func(t *testing.T) {
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID, "bands": []map[string]any{
			{"band": "evening", "days": "working", "from": "17:00", "to": "24:00", "surcharge_percent": "25"},
		}})
		var p PlacementOut
		f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d", id), f.am.Token, nil).Expect(t, 200).JSON(t, &p)
		if r := p.Bands.Rules(); len(r) != 1 || r[0].From != 17*60 {
			t.Fatalf("SEC-3 contract bands: %+v", r)
		}
	})
	t.Run("422_rate_three_decimals_and_negative_km_all_fields", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, "/api/v1/placements", f.am.Token, map[string]any{"customer_id": f.customerID,
			"technician_id": f.tech.User.ID, "role": "x", "hourly_rate": "95.555", "km_rate": "-0.10", "start_date": "2026-01-01"}).Expect(t, 422)
		if fe := res.FieldErrors(t); !slices.Contains(fe, "hourly_rate") || !slices.Contains(fe, "km_rate") {
			t.Fatalf("fields = %v", fe)
		}
	})
	t.Run("422_technician_must_be_a_technician_and_customer_exist", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, "/api/v1/placements", f.am.Token, map[string]any{"customer_id": 999999999,
			"technician_id": f.contact.User.ID, "role": "x", "hourly_rate": "90", "start_date": "2026-01-01", "calendar_id": "nope"}).Expect(t, 422)
		fe := res.FieldErrors(t)
		for _, want := range []string{"customer_id", "technician_id", "calendar_id"} {
			if !slices.Contains(fe, want) {
				t.Fatalf("fields = %v, want %s", fe, want)
			}
		}
	})
	t.Run("422_end_before_start_and_bad_bands", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, "/api/v1/placements", f.am.Token, map[string]any{"customer_id": f.customerID,
			"technician_id": f.tech.User.ID, "role": "x", "hourly_rate": "90", "start_date": "2026-02-01", "end_date": "2026-01-31"}).Expect(t, 422)
		if fe := res.FieldErrors(t); !slices.Contains(fe, "end_date") {
			t.Fatalf("fields = %v", fe)
		}
		f.app.Do(t, http.MethodPost, "/api/v1/placements", f.am.Token, map[string]any{"customer_id": f.customerID,
			"technician_id": f.tech.User.ID, "role": "x", "hourly_rate": "90", "start_date": "2026-02-01",
			"bands": []map[string]any{{"band": "base", "days": "working", "from": "00:00", "to": "01:00", "surcharge_percent": "0"}}}).Expect(t, 422)
	})
	t.Run("403_technician_and_customer_cannot_create", func(t *testing.T) {
		body := map[string]any{"customer_id": f.customerID, "technician_id": f.tech.User.ID, "role": "x", "hourly_rate": "90", "start_date": "2026-01-01"}
		f.app.Do(t, http.MethodPost, "/api/v1/placements", f.tech.Token, body).Expect(t, 403)
		f.app.Do(t, http.MethodPost, "/api/v1/placements", f.contact.Token, body).Expect(t, 403)
	})
	t.Run("400_malformed_and_401_anonymous", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, "/api/v1/placements", f.am.Token, "{").Expect(t, 400)
		f.app.Do(t, http.MethodGet, "/api/v1/placements", "", nil).Expect(t, 401)
	})
}

func TestPlacementVisibility(t *testing.T) {
	f := setup(t, marchNow)
	path := fmt.Sprintf("/api/v1/placements/%d", f.placementID)
	f.app.Do(t, http.MethodGet, path, f.contact.Token, nil).Expect(t, 200)
	f.app.Do(t, http.MethodGet, path, f.tech.Token, nil).Expect(t, 200)
	if c := f.app.Do(t, http.MethodGet, path, f.otherContact.Token, nil).Expect(t, 404).Code(t); c != "not_found" {
		t.Fatalf("code = %s", c)
	}
	f.app.Do(t, http.MethodGet, path, f.tech2.Token, nil).Expect(t, 404)
	var list httpx.List[PlacementOut]
	f.app.Do(t, http.MethodGet, "/api/v1/placements", f.otherContact.Token, nil).Expect(t, 200).JSON(t, &list)
	for _, p := range list.Items {
		if p.CustomerID != f.otherCustID {
			t.Fatalf("customer sees another company's placement %d", p.ID)
		}
	}
	f.app.Do(t, http.MethodGet, "/api/v1/placements", f.tech.Token, nil).Expect(t, 200).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != f.placementID || list.Items[0].CustomerName == "" {
		t.Fatalf("technician's placements = %+v", list.Items)
	}
}

func TestPlacementPatch(t *testing.T) {
	f := setup(t, marchNow)
	path := fmt.Sprintf("/api/v1/placements/%d", f.placementID)
	f.log(t, f.tech, f.placementID, at(2026, 3, 2, 9, 0), at(2026, 3, 2, 12, 0), "work").Expect(t, 201)
	var p PlacementOut
	f.app.Do(t, http.MethodPatch, path, f.am.Token, map[string]any{"hourly_rate": "110.00", "end_date": "2026-06-30"}).Expect(t, 200).JSON(t, &p)
	if p.HourlyRate.StringFixed(2) != "110.00" || p.EndDate == nil || p.EndDate.String() != "2026-06-30" {
		t.Fatalf("patched = %+v", p)
	}
	if c := f.app.Do(t, http.MethodPatch, path, f.am.Token, map[string]any{"end_date": "2026-02-28"}).Expect(t, 409).Code(t); c != "entries_outside_period" {
		t.Fatalf("SEC-3 shrinking past logged hours: code %s", c)
	}
	f.app.Do(t, http.MethodPatch, path, f.am.Token, map[string]any{"end_date": nil}).Expect(t, 200).JSON(t, &p)
	if p.EndDate != nil {
		t.Fatalf("SEC-2 explicit null makes it indefinite: %+v", p.EndDate)
	}
	f.app.Do(t, http.MethodPatch, path, f.am.Token, map[string]any{"hourly_rate": "-1"}).Expect(t, 422)
	f.app.Do(t, http.MethodPatch, path, f.tech.Token, map[string]any{"hourly_rate": "500"}).Expect(t, 403)
}

func TestPlacementEndByNotice(t *testing.T) {
	f := setup(t, marchNow)
	tests := []struct {
		name, received, want, deemed string
	}{
		{"SEC-2_CAL-3_15_march_ends_31_may", at(2026, 3, 16, 10, 0), "2026-05-31", "2026-03-16"},
		{"SEC-2_CAL-3_friday_after_16_counts_monday", at(2026, 2, 27, 16, 30), "2026-05-31", "2026-03-02"},
		{"SEC-2_CAL-3_saturday_counts_monday", at(2026, 2, 28, 9, 0), "2026-05-31", "2026-03-02"},
		{"SEC-2_CAL-3_friday_before_16_counts_that_day", at(2026, 2, 27, 15, 59), "2026-04-30", "2026-02-27"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID, "start_date": "2025-06-01"})
			var p PlacementOut
			f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/end", id), f.am.Token,
				map[string]any{"notice_received_at": tc.received}).Expect(t, 200).JSON(t, &p)
			if p.EndDate == nil || p.EndDate.String() != tc.want || p.NoticeDeemedOn == nil || p.NoticeDeemedOn.String() != tc.deemed {
				t.Fatalf("end = %v deemed %v, want %s deemed %s", p.EndDate, p.NoticeDeemedOn, tc.want, tc.deemed)
			}
			if c := f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/end", id), f.am.Token,
				map[string]any{"notice_received_at": tc.received}).Expect(t, 409).Code(t); c != "notice_already_given" {
				t.Fatalf("second notice: %s", c)
			}
		})
	}
	t.Run("SEC-2_customer_may_give_notice_too", func(t *testing.T) {
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID})
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/end", id), f.contact.Token,
			map[string]any{"notice_received_at": at(2026, 3, 16, 10, 0)}).Expect(t, 200)
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/end", id), f.otherContact.Token,
			map[string]any{"notice_received_at": at(2026, 3, 16, 10, 0)}).Expect(t, 404)
	})
	t.Run("SEC-2_fixed_term_409", func(t *testing.T) {
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID, "end_date": "2026-12-31"})
		if c := f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/end", id), f.am.Token,
			map[string]any{"notice_received_at": at(2026, 3, 16, 10, 0)}).Expect(t, 409).Code(t); c != "placement_not_indefinite" {
			t.Fatalf("code %s", c)
		}
	})
	t.Run("SEC-2_future_notice_422", func(t *testing.T) {
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID})
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/end", id), f.am.Token,
			map[string]any{"notice_received_at": at(2026, 3, 21, 10, 0)}).Expect(t, 422)
	})
}

func TestPlacementReplacement(t *testing.T) {
	f := setup(t, marchNow)
	path := fmt.Sprintf("/api/v1/placements/%d/replacements", f.placementID)
	t.Run("SEC-1_customer_other_reason_422", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, path, f.contact.Token, map[string]any{"technician_id": f.tech2.User.ID,
			"reason": "other", "requested_by": "customer"}).Expect(t, 422)
		if !slices.Contains(res.FieldErrors(t), "reason") {
			t.Fatalf("fields %v", res.FieldErrors(t))
		}
	})
	t.Run("SEC-1_customer_cannot_speak_for_provider_403", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path, f.contact.Token, map[string]any{"technician_id": f.tech2.User.ID,
			"reason": "other", "requested_by": "provider", "consulted_on": "2026-03-19", "consultation_note": "x"}).Expect(t, 403)
	})
	t.Run("SEC-1_provider_without_consultation_422", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, path, f.am.Token, map[string]any{"technician_id": f.tech2.User.ID,
			"reason": "other", "requested_by": "provider"}).Expect(t, 422)
		if fe := res.FieldErrors(t); !slices.Contains(fe, "consulted_on") || !slices.Contains(fe, "consultation_note") {
			t.Fatalf("fields %v", fe)
		}
	})
	t.Run("SEC-1_other_customer_404", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path, f.otherContact.Token, map[string]any{"technician_id": f.tech2.User.ID,
			"reason": "quality", "requested_by": "customer"}).Expect(t, 404)
	})
	t.Run("SEC-1_customer_quality_201_then_new_technician_logs", func(t *testing.T) {
		var r ReplacementOut
		f.app.Do(t, http.MethodPost, path, f.contact.Token, map[string]any{"technician_id": f.tech2.User.ID,
			"reason": "quality", "requested_by": "customer"}).Expect(t, 201).JSON(t, &r)
		if r.FromTechnicianID != f.tech.User.ID || r.ToTechnicianID != f.tech2.User.ID {
			t.Fatalf("replacement %+v", r)
		}
		f.log(t, f.tech, f.placementID, at(2026, 3, 19, 9, 0), at(2026, 3, 19, 10, 0), "old").Expect(t, 403)
		f.log(t, f.tech2, f.placementID, at(2026, 3, 19, 9, 0), at(2026, 3, 19, 10, 0), "new").Expect(t, 201)
	})
	t.Run("SEC-1_provider_any_reason_after_consultation_201", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path, f.am.Token, map[string]any{"technician_id": f.tech.User.ID, "reason": "other",
			"requested_by": "provider", "consulted_on": "2026-03-19", "consultation_note": "Call with the IT lead"}).Expect(t, 201)
	})
	t.Run("SEC-1_same_technician_422", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path, f.am.Token, map[string]any{"technician_id": f.tech.User.ID, "reason": "quality",
			"requested_by": "customer"}).Expect(t, 422)
	})
	t.Run("SEC-1_history_oldest_first_tenancy_guarded", func(t *testing.T) {
		var list httpx.List[ReplacementOut]
		f.app.Do(t, http.MethodGet, path, f.contact.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 2 {
			t.Fatalf("history %+v", list.Items)
		}
		a, b := list.Items[0], list.Items[1]
		if a.FromTechnicianID != f.tech.User.ID || a.ToTechnicianID != f.tech2.User.ID || a.Reason != ReasonQuality ||
			a.RequestedBy != RequestedByCustomer || a.ConsultedOn != nil || a.FromTechnician != f.tech.User.Name || a.ToTechnician != f.tech2.User.Name {
			t.Fatalf("first replacement %+v", a)
		}
		if b.FromTechnicianID != f.tech2.User.ID || b.ToTechnicianID != f.tech.User.ID || b.Reason != ReasonOther ||
			b.RequestedBy != RequestedByProvider || b.ConsultedOn == nil || b.ConsultedOn.String() != "2026-03-19" || b.ConsultationNote != "Call with the IT lead" {
			t.Fatalf("second replacement %+v", b)
		}
		f.app.Do(t, http.MethodGet, path, f.am.Token, nil).Expect(t, 200)
		f.app.Do(t, http.MethodGet, path, f.tech.Token, nil).Expect(t, 200)
		f.app.Do(t, http.MethodGet, path, f.otherContact.Token, nil).Expect(t, 404)
		f.app.Do(t, http.MethodGet, path, f.tech2.Token, nil).Expect(t, 404) // no longer placed here
		f.app.Do(t, http.MethodGet, "/api/v1/placements/999999999/replacements", f.am.Token, nil).Expect(t, 404)
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID})
		res := f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/placements/%d/replacements", id), f.am.Token, nil).Expect(t, 200)
		if !strings.Contains(string(res.Body), `"items":[]`) {
			t.Fatalf("empty history %s", res.Body)
		}
	})
}
