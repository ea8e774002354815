package orders

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// postForm posts an HTML form (url-encoded, or multipart when file is set) through the real
// router with a bearer token, as the browser would without JavaScript.
func postForm(t *testing.T, a *testkit.App, path, token string, form url.Values, file []byte) *testkit.Response {
	t.Helper()
	var body bytes.Buffer
	ctype := "application/x-www-form-urlencoded"
	if file != nil {
		mw := multipart.NewWriter(&body)
		for k, vs := range form {
			for _, v := range vs {
				_ = mw.WriteField(k, v)
			}
		}
		fw, err := mw.CreateFormFile("file", "statline.csv")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(file)
		_ = mw.Close()
		ctype = mw.FormDataContentType()
	} else {
		body.WriteString(form.Encode())
	}
	return postBody(t, a, path, token, ctype, &body)
}

// postBody posts a body of type ctype through the real router with a bearer token.
func postBody(t *testing.T, a *testkit.App, path, token, ctype string, body io.Reader) *testkit.Response {
	t.Helper()
	req := httptest.NewRequest("POST", path, body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &testkit.Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// expectForm checks a form answer: a 303 to location, or a 422 page showing every want.
func expectForm(t *testing.T, r *testkit.Response, status int, location string, want ...string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %.600s", r.Status, status, r.Body)
	}
	if location != "" && r.Header.Get("Location") != location {
		t.Errorf("redirect to %q, want %q", r.Header.Get("Location"), location)
	}
	for _, w := range want {
		if !strings.Contains(string(r.Body), w) {
			t.Errorf("answer lacks %q", w)
		}
	}
}

// page fetches a UI page and checks it shows every want.
func (e *env) page(t *testing.T, path string, want ...string) string {
	t.Helper()
	r := e.a.Do(t, "GET", path, e.am.Token, nil).Expect(t, 200)
	for _, w := range want {
		if !strings.Contains(string(r.Body), w) {
			t.Errorf("%s lacks %q", path, w)
		}
	}
	return string(r.Body)
}

// TestOrderPageForms: Q-5 extra work, Q-6 extension and preconditions from the order page.
func TestOrderPageForms(t *testing.T) {
	e := setup(t, monday2March)
	acc := e.accept(t, e.sentQuote(t, nil).ID)
	path := fmt.Sprintf("/orders/%d", acc.Order.ID)
	e.page(t, path, "extension-form", "change-form", "precondition-form", "ENG-HOUR")

	t.Run("Q-6_extension_needs_days_and_a_note", func(t *testing.T) {
		r := postForm(t, e.a, path+"/extensions", e.am.Token, url.Values{"working_days": {"0"}, "reason": {"changed_circumstances"}, "note": {""}}, nil)
		expectForm(t, r, 422, "", "must be between 1 and 365", "extension-form")
		r = postForm(t, e.a, path+"/extensions", e.am.Token, url.Values{"working_days": {"3"}, "reason": {"changed_circumstances"}, "note": {"Supplier delay on docking stations"}}, nil)
		expectForm(t, r, 303, path)
		e.page(t, path, "Supplier delay on docking stations")
	})
	t.Run("Q-6_precondition_met", func(t *testing.T) {
		r := postForm(t, e.a, path+"/preconditions", e.am.Token, url.Values{"precondition": {"bogus"}}, nil)
		expectForm(t, r, 422, "", "must be one of details_agreed")
		r = postForm(t, e.a, path+"/preconditions", e.am.Token, url.Values{"precondition": {"details_agreed"}, "on": {"2026-03-02"}}, nil)
		expectForm(t, r, 303, path)
		if body := e.page(t, path); strings.Contains(body, `<option value="details_agreed"`) {
			t.Error("details_agreed is still offered as missing")
		}
	})
	t.Run("Q-5_change_request_field_errors_keep_the_input", func(t *testing.T) {
		r := postForm(t, e.a, path+"/change-requests", e.am.Token, url.Values{"description": {"Monitor arms"},
			"lines.0.sku": {"NO-SUCH-SKU"}, "lines.0.quantity": {"2"}, "lines.1.sku": {"ENG-HOUR"}, "lines.1.quantity": {"-1"}}, nil)
		expectForm(t, r, 422, "", "Line 1 · SKU", "Line 2 · Quantity", `value="NO-SUCH-SKU"`, `value="Monitor arms"`)
		r = postForm(t, e.a, path+"/change-requests", e.am.Token, url.Values{"description": {""}}, nil)
		expectForm(t, r, 422, "", "description", "lines")
	})
	t.Run("Q-5_change_request_created", func(t *testing.T) {
		r := postForm(t, e.a, path+"/change-requests", e.am.Token, url.Values{"description": {"Mount monitor arms"},
			"lines.0.sku": {"ENG-HOUR"}, "lines.0.quantity": {"2"}, "lines.2.sku": {"LAP-14"}, "lines.2.quantity": {"1"}}, nil)
		expectForm(t, r, 303, path)
		e.page(t, path, "Mount monitor arms", "awaiting_approval", "Agreed rate", "Standard rate")
	})
	t.Run("customers_cannot_post_staff_forms", func(t *testing.T) {
		r := postForm(t, e.a, path+"/extensions", e.contact.Token, url.Values{"working_days": {"3"}, "reason": {"phase_approval"}, "note": {"x"}}, nil)
		expectForm(t, r, 403, "")
	})
}

// TestContractTerminateForm: Q-8 notice from the contract page; the page then explains the
// end date.
func TestContractTerminateForm(t *testing.T) {
	e := setup(t, monday2March)
	acc := e.accept(t, e.sentQuote(t, nil).ID)
	path := fmt.Sprintf("/contracts/%d", acc.Contract.ID)
	e.page(t, path, "terminate-form", `value="2026-03-02T10:00"`)
	expectForm(t, postForm(t, e.a, path+"/terminate", e.am.Token, url.Values{"notice_received_at": {""}}, nil), 422, "", "notice_received_at", "is required")
	expectForm(t, postForm(t, e.a, path+"/terminate", e.am.Token, url.Values{"notice_received_at": {"yesterday"}}, nil), 422, "", "must be a date and time", `value="yesterday"`)
	expectForm(t, postForm(t, e.a, path+"/terminate", e.am.Token, url.Values{"notice_received_at": {"2026-03-03T09:00"}, "confirm": {"on"}}, nil), 422, "", "must not be in the future")
	r := postForm(t, e.a, path+"/terminate", e.am.Token, url.Values{"notice_received_at": {"2026-03-02T09:15"}, "confirm": {"on"}}, nil)
	expectForm(t, r, 303, path)
	body := e.page(t, path, "end-date", "14 June 2030", "termination-reason", "Q-8")
	if strings.Contains(body, "terminate-form") {
		t.Error("a terminated contract still offers the notice form")
	}
	expectForm(t, postForm(t, e.a, path+"/terminate", e.am.Token, url.Values{"notice_received_at": {"2026-03-02T09:30"}, "confirm": {"on"}}, nil), 409, "")
}

// TestSeriesPage: IDX-1 values entered by hand and imported from a StatLine CSV.
func TestSeriesPage(t *testing.T) {
	e := setup(t, monday2March)
	code := testkit.Unique("ui-series-")
	e.a.Do(t, "POST", "/api/v1/index-series", e.am.Token, map[string]any{"code": code, "name": "UI test index", "base": "2015=100"}).Expect(t, 201)
	path := "/index-series/" + code
	e.page(t, "/indexation", `href="/index-series/`+code+`"`)
	// a rebased series names the series it continues, not its code (issue 13)
	e.a.Do(t, "POST", "/api/v1/index-series", e.am.Token, map[string]any{"code": code + "-new", "name": "UI successor", "base": "2025=100",
		"rebased_from": code}).Expect(t, 201)
	if body := e.page(t, "/indexation"); strings.Count(body, `href="/index-series/`+code+`">UI test index (2015=100)</a>`) != 2 {
		t.Error("the successor's 'continues' does not name UI test index (2015=100)")
	}
	e.page(t, path, "values-form", "import-form", "No values loaded yet.")

	r := postForm(t, e.a, path+"/values", e.am.Token, url.Values{"values.0.period": {"2025-10"}, "values.0.value": {"128,9"},
		"values.1.period": {"2025-13"}, "values.1.value": {"-1"}}, nil)
	expectForm(t, r, 422, "", "Row 2 · Period", "Row 2 · Value", `value="2025-13"`)
	r = postForm(t, e.a, path+"/values", e.am.Token, url.Values{"values.0.period": {"2025-10"}, "values.0.value": {"128,9"},
		"values.3.period": {"2025-09"}, "values.3.value": {"128.1"}}, nil)
	expectForm(t, r, 303, path)
	// issue 13: the stored values read as words and Dutch numbers, not wire codes
	if body := e.page(t, path, "128,9", "September 2025"); strings.Contains(body, "<td>2025-09</td>") || strings.Contains(body, ">128.9<") {
		t.Error("the series page shows wire codes: 2025-09, 128.9")
	}

	csv := []byte("\"Perioden\";\"Index\"\n\"2024 oktober\";\"125,0\"\n\"2024\";\"124,0\"\n\"2025 oktober\";\"129,0\"\n")
	r = postForm(t, e.a, path+"/import", e.am.Token, url.Values{"column": {""}}, csv)
	expectForm(t, r, 303, path)
	e.page(t, path, "October 2024", "129") // 2025-10 revised from 128.9 to 129
	expectForm(t, postForm(t, e.a, path+"/import", e.am.Token, url.Values{"column": {"nope"}}, csv), 422, "", "column", `value="nope"`)
	expectForm(t, postForm(t, e.a, path+"/import", e.am.Token, url.Values{"column": {""}}, nil), 422, "", "choose the CSV file")
	e.a.Do(t, "GET", "/index-series/no-such-series", e.am.Token, nil).Expect(t, 404)
	e.a.Do(t, "GET", path, e.contact.Token, nil).Expect(t, 403)
}

// TestStandardRatesPage: the Q-5 standard rate list, read and changed in the UI.
func TestStandardRatesPage(t *testing.T) {
	e := setup(t, monday2March)
	e.page(t, "/standard-rates", "ENG-HOUR", "rate-form")
	r := postForm(t, e.a, "/standard-rates", e.am.Token, url.Values{"sku": {""}, "description": {"Bad"}, "kind": {"recurring"},
		"unit": {"hour"}, "unit_price": {"12.345"}, "vat_rate": {"21"}}, nil)
	expectForm(t, r, 422, "", "sku", "kind", "unit_price", `value="Bad"`)
	sku := testkit.Unique("UI-RATE-")
	r = postForm(t, e.a, "/standard-rates", e.am.Token, url.Values{"sku": {sku}, "description": {"Project manager, per hour"}, "kind": {"service"},
		"unit": {"hour"}, "unit_price": {"125.00"}, "vat_rate": {"21"}}, nil)
	expectForm(t, r, 303, "/standard-rates")
	e.page(t, "/standard-rates", sku, "Project manager, per hour", "€\u00a0125,00")
	e.a.Do(t, "GET", "/standard-rates", e.contact.Token, nil).Expect(t, 403)
}
