package secondment

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// page sends a UI request as who (bearer token: no CSRF form field needed) and returns
// status, Location and body.
func (f *fixture) page(t *testing.T, method, path, token string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := f.app.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func TestPagesLogHoursForm(t *testing.T) {
	f := setup(t, marchNow)
	pid := fmt.Sprint(f.placementID)
	t.Run("SEC-3_422_rerenders_with_every_field_error", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodPost, "/secondment/my-hours", f.tech.Token, url.Values{"placement_id": {pid},
			"started_at": {"2026-03-13T22:00"}, "ended_at": {"2026-03-13T21:00"}, "description": {""}})
		if st != 422 || !strings.Contains(body, "Please correct") || !strings.Contains(body, "ended_at") || !strings.Contains(body, "description") ||
			!strings.Contains(body, `value="2026-03-13T22:00"`) {
			t.Fatalf("status %d body %s", st, body)
		}
		if f.countEntries(t, f.placementID) != 0 {
			t.Fatal("a refused form stored an entry")
		}
	})
	t.Run("SEC-3_303_logged_without_javascript", func(t *testing.T) {
		st, loc, _ := f.page(t, http.MethodPost, "/secondment/my-hours", f.tech.Token, url.Values{"placement_id": {pid},
			"started_at": {"2026-03-13T22:00"}, "ended_at": {"2026-03-14T02:00"}, "description": {"outage"}})
		if st != 303 || loc != "/secondment/my-hours?week=2026-03-09" {
			t.Fatalf("status %d location %s", st, loc)
		}
		st, _, body := f.page(t, http.MethodGet, loc, f.tech.Token, nil)
		if st != 200 || !strings.Contains(body, "Non-working day") || !strings.Contains(body, "€\u00a0700,00") {
			t.Fatalf("my hours page %d", st)
		}
	})
	t.Run("SEC-3_409_overlap_shown_on_the_form", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodPost, "/secondment/my-hours", f.tech.Token, url.Values{"placement_id": {pid},
			"started_at": {"2026-03-13T23:00"}, "ended_at": {"2026-03-14T01:00"}, "description": {"again"}})
		if st != 409 || !strings.Contains(body, "overlaps") {
			t.Fatalf("status %d", st)
		}
	})
	t.Run("SEC-3_preview_endpoint_reads_amsterdam_wall_clock", func(t *testing.T) {
		st, _, body := f.page(t, http.MethodPost, "/secondment/preview", f.tech.Token, url.Values{"placement_id": {pid},
			"started_at": {"2026-03-28T22:00"}, "ended_at": {"2026-03-29T06:00"}})
		if st != 200 || !strings.Contains(body, `"minutes":420`) {
			t.Fatalf("SEC-3 DST preview %d %s", st, body)
		}
	})
	t.Run("403_pages_by_role", func(t *testing.T) {
		if st, _, _ := f.page(t, http.MethodGet, "/secondment/my-hours", f.contact.Token, nil); st != 403 {
			t.Fatalf("contact on my-hours: %d", st)
		}
		if st, _, _ := f.page(t, http.MethodGet, "/secondment/statements", f.contact.Token, nil); st != 403 {
			t.Fatalf("contact on invoice run: %d", st)
		}
	})
}

func TestPagesApproveAndClose(t *testing.T) {
	f := setup(t, marchNow)
	var a, b EntryOut
	f.log(t, f.tech, f.placementID, at(2026, 3, 9, 18, 0), at(2026, 3, 9, 20, 0), "evening").Expect(t, 201).JSON(t, &a)
	f.log(t, f.tech, f.placementID, at(2026, 3, 10, 18, 0), at(2026, 3, 10, 20, 0), "other evening").Expect(t, 201).JSON(t, &b)
	st, _, body := f.page(t, http.MethodGet, "/secondment/approvals?week=2026-03-11", f.contact.Token, nil)
	if st != 200 || !strings.Contains(body, fmt.Sprintf(`value="%d"`, a.ID)) || !strings.Contains(body, "Week van 9 maart 2026") {
		t.Fatalf("approvals page %d", st)
	}
	if st, _, body := f.page(t, http.MethodGet, "/secondment/approvals", f.otherContact.Token, nil); st != 200 || strings.Contains(body, "other evening") {
		t.Fatalf("another company's contact sees the queue: %d", st)
	}
	st, loc, _ := f.page(t, http.MethodPost, "/secondment/approvals", f.contact.Token, url.Values{"ids": {fmt.Sprint(a.ID)}, "week": {"2026-03-09"}})
	if st != 303 || loc != "/secondment/approvals?week=2026-03-09" {
		t.Fatalf("bulk approve %d %s", st, loc)
	}
	if st, _, _ := f.page(t, http.MethodPost, fmt.Sprintf("/secondment/approvals/%d/reject", b.ID), f.contact.Token, url.Values{"reason": {"not agreed"}, "confirm": {"yes"}}); st != 303 {
		t.Fatalf("reject %d", st)
	}
	f.app.Clock.Set(ams(2026, 4, 1, 9, 0))
	path := fmt.Sprintf("/secondment/placements/%d/statements/2026-03", f.placementID)
	st, _, body = f.page(t, http.MethodGet, path, f.am.Token, nil)
	if st != 200 || !strings.Contains(body, `id="close-month"`) || !strings.Contains(body, "€\u00a0300,00") {
		t.Fatalf("statement page %d", st)
	}
	if st, _, body := f.page(t, http.MethodGet, path, f.contact.Token, nil); st != 200 || strings.Contains(body, `id="close-month"`) {
		t.Fatalf("contact may not close: %d", st)
	}
	if st, _, _ := f.page(t, http.MethodPost, path+"/close", f.am.Token, url.Values{}); st != 303 {
		t.Fatalf("close %d", st)
	}
	st, _, body = f.page(t, http.MethodGet, path, f.am.Token, nil)
	if st != 200 || !strings.Contains(body, `data-status="final"`) || strings.Contains(body, `id="close-month"`) {
		t.Fatalf("final statement page %d", st)
	}
	st, _, body = f.page(t, http.MethodGet, "/secondment/statements?month=2026-03", f.am.Token, nil)
	if st != 200 || !strings.Contains(body, "€\u00a0300,00") {
		t.Fatalf("invoice run page %d", st)
	}
	for _, p := range []string{"/secondment/placements", fmt.Sprintf("/secondment/placements/%d", f.placementID)} {
		if st, _, _ := f.page(t, http.MethodGet, p, f.am.Token, nil); st != 200 {
			t.Fatalf("%s: %d", p, st)
		}
	}
	if st, _, _ := f.page(t, http.MethodGet, fmt.Sprintf("/secondment/placements/%d", f.placementID), f.otherContact.Token, nil); st != 404 {
		t.Fatalf("another company's placement page: %d", st)
	}
}

func TestPagesCreatePlacement(t *testing.T) {
	f := setup(t, marchNow)
	st, _, body := f.page(t, http.MethodPost, "/secondment/placements", f.am.Token, url.Values{"customer_id": {fmt.Sprint(f.customerID)},
		"technician_id": {fmt.Sprint(f.tech2.User.ID)}, "role": {"Netwerkbeheerder"}, "hourly_rate": {"99.999"}, "start_date": {"2026-04-01"}})
	if st != 422 || !strings.Contains(body, "hourly_rate") {
		t.Fatalf("SEC-3 rate with 3 decimals: %d", st)
	}
	st, loc, _ := f.page(t, http.MethodPost, "/secondment/placements", f.am.Token, url.Values{"customer_id": {fmt.Sprint(f.customerID)},
		"technician_id": {fmt.Sprint(f.tech2.User.ID)}, "role": {"Netwerkbeheerder"}, "hourly_rate": {"99.50"}, "start_date": {"2026-04-01"},
		"calendar_id": {"nl-werktijden"}})
	if st != 303 || !strings.HasPrefix(loc, "/secondment/placements/") {
		t.Fatalf("create %d %s", st, loc)
	}
}

func TestPagesNoticeAndReplacement(t *testing.T) {
	f := setup(t, marchNow)
	path := fmt.Sprintf("/secondment/placements/%d", f.placementID)
	if st, _, body := f.page(t, http.MethodGet, path, f.am.Token, nil); st != 200 || !strings.Contains(body, "has not been replaced") {
		t.Fatalf("SEC-1 empty history: %d", st)
	}
	st, _, body := f.page(t, http.MethodPost, path+"/replacements", f.contact.Token, url.Values{"technician_id": {fmt.Sprint(f.tech2.User.ID)},
		"reason": {"other"}, "requested_by": {"provider"}})
	if st != 422 || !strings.Contains(body, "reason") {
		t.Fatalf("SEC-1 customer form with reason other: %d", st)
	}
	if st, loc, _ := f.page(t, http.MethodPost, path+"/replacements", f.contact.Token, url.Values{"technician_id": {fmt.Sprint(f.tech2.User.ID)},
		"reason": {"long_term_absence"}}); st != 303 || loc != path {
		t.Fatalf("SEC-1 customer replacement: %d %s", st, loc)
	}
	// SEC-1: the placement page shows the replacement history.
	st, _, body = f.page(t, http.MethodGet, path, f.contact.Token, nil)
	if st != 200 || !strings.Contains(body, `id="replacements"`) || !strings.Contains(body, "Langdurige arbeidsongeschiktheid") ||
		!strings.Contains(body, f.tech.User.Name) || !strings.Contains(body, f.tech2.User.Name) {
		t.Fatalf("SEC-1 replacement history on the placement page: %d", st)
	}
	st, _, body = f.page(t, http.MethodPost, path+"/end", f.am.Token, url.Values{"notice_received_at": {"2026-03-13T16:30"}, "confirm": {"yes"}})
	if st != 303 {
		t.Fatalf("SEC-2 notice form: %d %s", st, body)
	}
	st, _, body = f.page(t, http.MethodGet, path, f.am.Token, nil)
	if st != 200 || !strings.Contains(body, "31 May 2026") || strings.Contains(body, `id="end-form"`) {
		t.Fatalf("SEC-2 placement after notice: %d", st)
	}
	if st, _, _ := f.page(t, http.MethodPost, path+"/end", f.am.Token, url.Values{"notice_received_at": {"2026-03-13T16:30"}, "confirm": {"yes"}}); st != 409 {
		t.Fatalf("SEC-2 second notice: %d", st)
	}
}
