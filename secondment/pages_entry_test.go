package secondment

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestPagesEditEntry: the technician edits a submitted entry from "My hours" through the
// same service as PATCH /api/v1/hours/{id}; approved hours show no edit and refuse it.
func TestPagesEditEntry(t *testing.T) {
	f := setup(t, marchNow)
	var e, other EntryOut
	f.log(t, f.tech, f.placementID, at(2026, 3, 12, 18, 0), at(2026, 3, 12, 20, 0), "patching").Expect(t, 201).JSON(t, &e)
	f.log(t, f.tech, f.placementID, at(2026, 3, 12, 21, 0), at(2026, 3, 12, 22, 0), "backup check").Expect(t, 201).JSON(t, &other)
	edit := fmt.Sprintf("/secondment/my-hours/%d", e.ID)

	t.Run("SEC-3_my_hours_links_edit_for_submitted", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodGet, "/secondment/my-hours?week=2026-03-09", f.tech.Token, nil)
		if st != 200 || !strings.Contains(body, fmt.Sprintf(`id="edit-%d"`, e.ID)) {
			t.Fatalf("my hours %d lacks the edit link", st)
		}
		st, _, body = f.page(t, http.MethodGet, edit+"/edit", f.tech.Token, nil)
		if st != 200 || !strings.Contains(body, `id="edit-form"`) || !strings.Contains(body, `value="2026-03-12T18:00"`) ||
			!strings.Contains(body, `value="patching"`) || !strings.Contains(body, `getElementById("edit-form")`) ||
			!strings.Contains(body, `name="placement_id" value="`+fmt.Sprint(f.placementID)) {
			t.Fatalf("edit page %d: %s", st, body)
		}
	})
	t.Run("SEC-3_422_rerenders_with_field_errors_nothing_changed", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodPost, edit, f.tech.Token, url.Values{"started_at": {"2026-03-12T19:00"},
			"ended_at": {"2026-03-12T18:30"}, "description": {" "}})
		if st != 422 || !strings.Contains(body, "Please correct") || !strings.Contains(body, "<b>End</b>") ||
			!strings.Contains(body, "<b>Description</b>") || !strings.Contains(body, `value="2026-03-12T19:00"`) {
			t.Fatalf("status %d body %s", st, body)
		}
		st, _, body = f.page(t, http.MethodPost, edit, f.tech.Token, url.Values{"started_at": {""}, "ended_at": {"x"}, "description": {"y"}})
		if st != 422 || !strings.Contains(body, "<b>Start</b>") || !strings.Contains(body, "<b>End</b>") {
			t.Fatalf("unparsable times: %d", st)
		}
		got := f.entry(t, e.ID)
		if !got.StartedAt.Equal(ams(2026, 3, 12, 18, 0)) || got.Description != "patching" {
			t.Fatalf("a refused edit changed the entry: %+v", got)
		}
	})
	t.Run("SEC-3_409_overlap_shown_on_the_form", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodPost, edit, f.tech.Token, url.Values{"started_at": {"2026-03-12T18:00"},
			"ended_at": {"2026-03-12T21:30"}, "description": {"patching"}})
		if st != 409 || !strings.Contains(body, "overlaps") || !strings.Contains(body, `value="2026-03-12T21:30"`) {
			t.Fatalf("status %d", st)
		}
	})
	t.Run("403_another_technician", func(t *testing.T) {
		if st, _, _ := f.page(t, http.MethodGet, edit+"/edit", f.tech2.Token, nil); st != 403 {
			t.Fatalf("another technician's edit page: %d", st)
		}
		if st, _, _ := f.page(t, http.MethodPost, edit, f.tech2.Token, url.Values{"started_at": {"2026-03-12T17:00"},
			"ended_at": {"2026-03-12T18:00"}, "description": {"x"}}); st != 403 {
			t.Fatalf("another technician's edit: %d", st)
		}
		if st, _, _ := f.page(t, http.MethodGet, edit+"/edit", f.contact.Token, nil); st != 403 {
			t.Fatalf("contact on the edit page: %d", st)
		}
	})
	t.Run("SEC-3_303_saved_and_repriced", func(t *testing.T) {
		// Thursday 17:00–19:00: 17:00–18:00 base, 18:00–19:00 evening +50%.
		st, loc, _ := f.page(t, http.MethodPost, edit, f.tech.Token, url.Values{"started_at": {"2026-03-12T17:00"},
			"ended_at": {"2026-03-12T19:00"}, "description": {"patching, rebooted"}})
		if st != 303 || loc != "/secondment/my-hours?week=2026-03-09" {
			t.Fatalf("status %d location %s", st, loc)
		}
		got := f.entry(t, e.ID)
		if got.Status != StatusSubmitted || got.Minutes != 120 || got.Amount.StringFixed(2) != "250.00" || len(got.Segments) != 2 ||
			got.Segments[0].Band != BandBase || got.Segments[1].Band != BandEvening || got.Description != "patching, rebooted" {
			t.Fatalf("edited entry %+v", got)
		}
		n, err := testkit.DB(t).Bun.NewSelect().Table("audit_log").
			Where("entity = 'hour_entry' AND entity_id = ? AND action = 'edit'", fmt.Sprint(e.ID)).Count(context.Background())
		if err != nil || n != 1 {
			t.Fatalf("DATA-1 audit of the edit: %d %v", n, err)
		}
	})
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/approve", e.ID), f.contact.Token, nil).Expect(t, 200)
	t.Run("SEC-3_approved_shows_no_edit_and_is_locked", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodGet, "/secondment/my-hours?week=2026-03-09", f.tech.Token, nil)
		if st != 200 || strings.Contains(body, fmt.Sprintf(`id="edit-%d"`, e.ID)) || !strings.Contains(body, fmt.Sprintf(`id="edit-%d"`, other.ID)) {
			t.Fatalf("my hours %d: edit link of an approved entry", st)
		}
		if st, loc, _ := f.page(t, http.MethodGet, edit+"/edit", f.tech.Token, nil); st != 303 || loc != "/secondment/my-hours?week=2026-03-09" {
			t.Fatalf("edit page of an approved entry: %d %s", st, loc)
		}
		st, loc, _ := f.page(t, http.MethodPost, edit, f.tech.Token, url.Values{"started_at": {"2026-03-12T16:00"},
			"ended_at": {"2026-03-12T19:00"}, "description": {"more"}})
		if st != 303 || loc != "/secondment/my-hours?week=2026-03-09" {
			t.Fatalf("edit of an approved entry: %d %s", st, loc)
		}
		if got := f.entry(t, e.ID); got.Minutes != 120 || got.Status != StatusApproved {
			t.Fatalf("approved entry changed: %+v", got)
		}
	})
	f.app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/hours/%d/reject", other.ID), f.contact.Token, map[string]any{"reason": "no"}).Expect(t, 200)
	t.Run("SEC-3_rejected_shows_no_edit", func(t *testing.T) {
		if _, _, body := f.page(t, http.MethodGet, "/secondment/my-hours?week=2026-03-09", f.tech.Token, nil); strings.Contains(body, `id="edit-`) {
			t.Fatal("a rejected entry offers edit")
		}
	})
}

// entry reads one entry through the placement's hour list as its technician.
func (f *fixture) entry(t *testing.T, id int64) EntryOut {
	t.Helper()
	var list struct{ Items []EntryOut }
	f.app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/hours?placement_id=%d", f.placementID), f.am.Token, nil).Expect(t, 200).JSON(t, &list)
	for _, e := range list.Items {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("entry %d not listed", id)
	return EntryOut{}
}
