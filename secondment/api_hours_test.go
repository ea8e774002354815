package secondment

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"backoffice/internal/httpx"
)

func TestLogHours(t *testing.T) {
	f := setup(t, marchNow)
	t.Run("SEC-3_201_friday_night_into_saturday_split", func(t *testing.T) {
		var e EntryOut
		f.log(t, f.tech, f.placementID, at(2026, 3, 6, 22, 0), at(2026, 3, 7, 2, 0), "storage outage").Expect(t, 201).JSON(t, &e)
		if e.ID == 0 || e.Status != StatusSubmitted || e.Minutes != 240 || e.Amount.StringFixed(2) != "700.00" || len(e.Segments) != 2 {
			t.Fatalf("entry = %+v", e)
		}
		s0, s1 := e.Segments[0], e.Segments[1]
		if s0.Band != BandEvening || s0.Minutes != 120 || s0.SurchargePercent != "50" || s0.Rate != "150.00" || s0.Amount.StringFixed(2) != "300.00" ||
			!s0.StartedAt.Equal(ams(2026, 3, 6, 22, 0)) || !s0.EndedAt.Equal(ams(2026, 3, 7, 0, 0)) {
			t.Fatalf("segment 0 = %+v", s0)
		}
		if s1.Band != BandNonWorkingDay || s1.Minutes != 120 || s1.SurchargePercent != "100" || s1.Rate != "200.00" || s1.Amount.StringFixed(2) != "400.00" {
			t.Fatalf("segment 1 = %+v", s1)
		}
	})
	before := f.countEntries(t, f.placementID)
	bad := []struct {
		name, start, end string
		field            string
	}{
		{"SEC-3_422_end_before_start", at(2026, 3, 9, 12, 0), at(2026, 3, 9, 11, 0), "ended_at"},
		{"SEC-3_422_longer_than_24_hours", at(2026, 3, 9, 8, 0), at(2026, 3, 10, 8, 1), "ended_at"},
		{"SEC-3_422_in_the_future", at(2026, 3, 20, 11, 0), at(2026, 3, 20, 12, 30), "ended_at"},
		{"SEC-3_422_before_the_placement", at(2025, 12, 31, 22, 0), at(2026, 1, 1, 1, 0), "started_at"},
		{"SEC-3_422_seconds", "2026-03-09T08:00:30+01:00", at(2026, 3, 9, 9, 0), "started_at"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			res := f.log(t, f.tech, f.placementID, tc.start, tc.end, "x").Expect(t, 422)
			if res.Code(t) != "validation_failed" || !slices.Contains(res.FieldErrors(t), tc.field) {
				t.Fatalf("problem %s", res.Body)
			}
		})
	}
	t.Run("SEC-3_422_missing_description_and_times_all_fields", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/placements/%d/hours", f.placementID), f.tech.Token, map[string]any{}).Expect(t, 422)
		if fe := res.FieldErrors(t); len(fe) != 3 {
			t.Fatalf("fields %v", fe)
		}
	})
	t.Run("SEC-3_422_outside_fixed_placement", func(t *testing.T) {
		id := f.newPlacement(t, map[string]any{"technician_id": f.tech2.User.ID, "start_date": "2026-02-01", "end_date": "2026-02-28"})
		f.log(t, f.tech2, id, at(2026, 2, 28, 23, 0), at(2026, 3, 1, 1, 0), "x").Expect(t, 422)
		f.log(t, f.tech2, id, at(2026, 2, 28, 22, 0), at(2026, 3, 1, 0, 0), "x").Expect(t, 201)
	})
	t.Run("SEC-3_403_technician_of_another_placement", func(t *testing.T) {
		if c := f.log(t, f.tech2, f.placementID, at(2026, 3, 10, 9, 0), at(2026, 3, 10, 10, 0), "x").Expect(t, 403).Code(t); c != "not_your_placement" {
			t.Fatalf("code %s", c)
		}
		f.log(t, f.am, f.placementID, at(2026, 3, 10, 9, 0), at(2026, 3, 10, 10, 0), "x").Expect(t, 403)
	})
	t.Run("SEC-3_404_customer_of_another_company", func(t *testing.T) {
		f.log(t, f.otherContact, f.placementID, at(2026, 3, 10, 9, 0), at(2026, 3, 10, 10, 0), "x").Expect(t, 404)
		f.log(t, f.tech, 999999999, at(2026, 3, 10, 9, 0), at(2026, 3, 10, 10, 0), "x").Expect(t, 404)
	})
	t.Run("SEC-3_409_overlapping_hours", func(t *testing.T) {
		if c := f.log(t, f.tech, f.placementID, at(2026, 3, 7, 1, 0), at(2026, 3, 7, 3, 0), "x").Expect(t, 409).Code(t); c != "overlapping_hours" {
			t.Fatalf("code %s", c)
		}
		// Touching is not overlapping: the previous entry ended at 02:00.
		f.log(t, f.tech, f.placementID, at(2026, 3, 7, 2, 0), at(2026, 3, 7, 3, 0), "x").Expect(t, 201)
	})
	if got := f.countEntries(t, f.placementID); got != before+1 {
		t.Fatalf("bad input stored entries: %d, want %d", got, before+1)
	}
}

// TestLogHoursConcurrentOverlap fires the same span from many requests at once: the
// exclusion constraint lets exactly one through.
func TestLogHoursConcurrentOverlap(t *testing.T) {
	f := setup(t, marchNow)
	const n = 12
	var wg sync.WaitGroup
	status := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status[i] = f.log(t, f.tech, f.placementID, at(2026, 3, 11, 18, 0), at(2026, 3, 11, 20+i%3, 0), "race").Status
		}()
	}
	wg.Wait()
	created := 0
	for _, s := range status {
		switch s {
		case 201:
			created++
		case 409:
		default:
			t.Fatalf("SEC-3 unexpected status %d", s)
		}
	}
	if created != 1 || f.countEntries(t, f.placementID) != 1 {
		t.Fatalf("SEC-3 concurrent overlap: %d created, %d stored", created, f.countEntries(t, f.placementID))
	}
}

func TestEditWithdrawApprove(t *testing.T) {
	f := setup(t, marchNow)
	var e EntryOut
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 17, 0), at(2026, 3, 9, 19, 0), "deploy").Expect(t, 201).JSON(t, &e)
	path := fmt.Sprintf("/api/v1/hours/%d", e.ID)
	t.Run("SEC-3_edit_reprices", func(t *testing.T) {
		var ed EntryOut
		f.app.Do(t, http.MethodPatch, path, f.tech.Token, map[string]any{"started_at": at(2026, 3, 9, 7, 0),
			"ended_at": at(2026, 3, 9, 9, 0), "description": "early deploy"}).Expect(t, 200).JSON(t, &ed)
		if ed.Minutes != 120 || ed.Amount.StringFixed(2) != "250.00" || len(ed.Segments) != 2 || ed.Segments[0].Band != BandNight {
			t.Fatalf("edited %+v", ed)
		}
	})
	t.Run("403_other_technician_cannot_edit", func(t *testing.T) {
		f.app.Do(t, http.MethodPatch, path, f.tech2.Token, map[string]any{"started_at": at(2026, 3, 9, 7, 0),
			"ended_at": at(2026, 3, 9, 9, 0), "description": "x"}).Expect(t, 403)
	})
	t.Run("403_technician_cannot_approve", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path+"/approve", f.tech.Token, nil).Expect(t, 403)
	})
	t.Run("404_contact_of_other_company", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path+"/approve", f.otherContact.Token, nil).Expect(t, 404)
	})
	t.Run("422_reject_needs_reason", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, path+"/reject", f.contact.Token, map[string]any{"reason": ""}).Expect(t, 422)
	})
	t.Run("200_contact_approves_then_locked", func(t *testing.T) {
		var ap EntryOut
		f.app.Do(t, http.MethodPost, path+"/approve", f.contact.Token, nil).Expect(t, 200).JSON(t, &ap)
		if ap.Status != StatusApproved || ap.DecidedAt == nil {
			t.Fatalf("approved %+v", ap)
		}
		for _, res := range []*httpTry{
			{http.MethodPatch, path, map[string]any{"started_at": at(2026, 3, 9, 7, 0), "ended_at": at(2026, 3, 9, 8, 0), "description": "x"}, f.tech.Token},
			{http.MethodPost, path + "/withdraw", nil, f.tech.Token},
			{http.MethodPost, path + "/approve", nil, f.am.Token},
			{http.MethodPost, path + "/reject", map[string]any{"reason": "late"}, f.am.Token},
		} {
			if c := f.app.Do(t, res.method, res.path, res.token, res.body).Expect(t, 409).Code(t); c != "entry_locked" {
				t.Fatalf("%s %s: code %s", res.method, res.path, c)
			}
		}
	})
	t.Run("withdraw_frees_the_slot_reject_records_reason", func(t *testing.T) {
		var w, r EntryOut
		f.log(t, f.tech, f.placementID, at(2026, 3, 10, 20, 0), at(2026, 3, 10, 22, 0), "a").Expect(t, 201).JSON(t, &w)
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/withdraw", w.ID), f.tech.Token, nil).Expect(t, 200)
		f.log(t, f.tech, f.placementID, at(2026, 3, 10, 20, 0), at(2026, 3, 10, 22, 0), "b").Expect(t, 201).JSON(t, &r)
		f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/reject", r.ID), f.am.Token, map[string]any{"reason": "not agreed"}).
			Expect(t, 200).JSON(t, &r)
		if r.Status != StatusRejected || r.RejectReason == nil || *r.RejectReason != "not agreed" {
			t.Fatalf("rejected %+v", r)
		}
	})
}

func TestBulkApprove(t *testing.T) {
	f := setup(t, marchNow)
	var a, b, c EntryOut
	f.log(t, f.tech, f.placementID, at(2026, 3, 16, 9, 0), at(2026, 3, 16, 17, 0), "mon").Expect(t, 201).JSON(t, &a)
	f.log(t, f.tech, f.placementID, at(2026, 3, 17, 9, 0), at(2026, 3, 17, 17, 0), "tue").Expect(t, 201).JSON(t, &b)
	f.log(t, f.tech, f.placementID, at(2026, 3, 18, 9, 0), at(2026, 3, 18, 17, 0), "wed").Expect(t, 201).JSON(t, &c)
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/approve", c.ID), f.am.Token, nil).Expect(t, 200)
	// One already approved: nothing of the batch is approved.
	f.app.Do(t, http.MethodPost, "/api/v1/hours/approve", f.contact.Token, map[string]any{"ids": []int64{a.ID, b.ID, c.ID}}).Expect(t, 409)
	var queue httpx.List[EntryOut]
	f.app.Do(t, http.MethodGet, "/api/v1/hours?status=submitted", f.contact.Token, nil).Expect(t, 200).JSON(t, &queue)
	if len(queue.Items) != 2 {
		t.Fatalf("queue after failed batch = %d entries, want 2", len(queue.Items))
	}
	var done httpx.List[EntryOut]
	f.app.Do(t, http.MethodPost, "/api/v1/hours/approve", f.contact.Token, map[string]any{"ids": []int64{b.ID, a.ID, a.ID}}).Expect(t, 200).JSON(t, &done)
	if len(done.Items) != 2 || done.Items[0].Status != StatusApproved {
		t.Fatalf("bulk approved %+v", done.Items)
	}
	f.app.Do(t, http.MethodPost, "/api/v1/hours/approve", f.contact.Token, map[string]any{"ids": []int64{}}).Expect(t, 422)
	f.app.Do(t, http.MethodGet, "/api/v1/hours?status=weird", f.contact.Token, nil).Expect(t, 422)
}

func TestOvertimePreview(t *testing.T) {
	f := setup(t, marchNow)
	t.Run("SEC-3_200_tweede_paasdag_by_rate", func(t *testing.T) {
		var p PricingOut
		f.app.Do(t, http.MethodPost, "/api/v1/overtime/preview", f.tech.Token, map[string]any{"started_at": at(2026, 4, 6, 9, 0),
			"ended_at": at(2026, 4, 6, 11, 0), "hourly_rate": "80.00"}).Expect(t, 200).JSON(t, &p)
		if p.Minutes != 120 || p.Amount.StringFixed(2) != "320.00" || len(p.Segments) != 1 || p.Segments[0].Band != BandNonWorkingDay {
			t.Fatalf("preview %+v", p)
		}
	})
	t.Run("SEC-3_200_by_placement_nothing_stored", func(t *testing.T) {
		var p PricingOut
		f.app.Do(t, http.MethodPost, "/api/v1/overtime/preview", f.tech.Token, map[string]any{"started_at": at(2026, 4, 27, 23, 0),
			"ended_at": at(2026, 4, 28, 8, 0), "placement_id": f.placementID}).Expect(t, 200).JSON(t, &p)
		if p.Amount.StringFixed(2) != "1750.00" || len(p.Segments) != 3 || f.countEntries(t, f.placementID) != 0 {
			t.Fatalf("preview %+v", p)
		}
	})
	t.Run("SEC-3_422_rate_three_decimals", func(t *testing.T) {
		res := f.app.Do(t, http.MethodPost, "/api/v1/overtime/preview", f.tech.Token, map[string]any{"started_at": at(2026, 3, 2, 9, 0),
			"ended_at": at(2026, 3, 2, 10, 0), "hourly_rate": "80.001"}).Expect(t, 422)
		if !slices.Contains(res.FieldErrors(t), "hourly_rate") {
			t.Fatalf("%s", res.Body)
		}
	})
	t.Run("SEC-3_422_negative_rate_and_reversed", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, "/api/v1/overtime/preview", f.tech.Token, map[string]any{"started_at": at(2026, 3, 2, 9, 0),
			"ended_at": at(2026, 3, 2, 10, 0), "hourly_rate": "-1"}).Expect(t, 422)
		f.app.Do(t, http.MethodPost, "/api/v1/overtime/preview", f.tech.Token, map[string]any{"started_at": at(2026, 3, 2, 9, 0),
			"ended_at": at(2026, 3, 2, 8, 0), "hourly_rate": "10"}).Expect(t, 422)
	})
	t.Run("404_placement_of_another_company", func(t *testing.T) {
		f.app.Do(t, http.MethodPost, "/api/v1/overtime/preview", f.otherContact.Token, map[string]any{"started_at": at(2026, 3, 2, 9, 0),
			"ended_at": at(2026, 3, 2, 10, 0), "placement_id": f.placementID}).Expect(t, 404)
	})
}

type httpTry struct {
	method, path string
	body         any
	token        string
}
