package orders

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// editorForm is a valid quote editor post with one recurring line; extra adds or replaces fields.
func editorForm(customerID int64, extra url.Values) url.Values {
	f := url.Values{"customer_id": {fmt.Sprint(customerID)}, "title": {"Managed workplace"}, "valid_days": {"30"},
		"start_date": {"2026-06-01"}, "terms_profile": {DefaultTermsProfile}, "line_count": {"1"},
		"lines.0.kind": {"recurring"}, "lines.0.description": {"Managed workplace"}, "lines.0.quantity": {"10"},
		"lines.0.unit": {"user"}, "lines.0.unit_price": {"32.50"}, "lines.0.vat_rate": {"21"}, "lines.0.period": {"month"}}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// TestQuoteEditorTermOverrides: Q-8 terms are copied from a profile and can be overridden
// per quote in the editor.
func TestQuoteEditorTermOverrides(t *testing.T) {
	e := setup(t, monday2March)
	r := postForm(t, e.a, "/quotes", e.am.Token, editorForm(e.cust.ID, url.Values{"terms.initial_term_months": {"36"}, "terms.notice_days": {"90"}}), nil)
	expectForm(t, r, 303, "")
	var id int64
	if _, err := fmt.Sscanf(r.Header.Get("Location"), "/quotes/%d", &id); err != nil {
		t.Fatalf("redirect %q", r.Header.Get("Location"))
	}
	terms := func() TermsOut {
		var q QuoteOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", id), e.am.Token, nil).Expect(t, 200).JSON(t, &q)
		return q.Terms
	}
	if got := terms(); got.InitialTermMonths != 36 || got.RenewalTermMonths != 12 || got.NoticeDays != 90 || got.NoticeMonths != 0 {
		t.Fatalf("Q-8_overrides_stored: %+v", got)
	}
	edit := fmt.Sprintf("/quotes/%d/edit", id)
	body := e.page(t, edit, `id="term-initial" type="number" min="1" max="120" value="36"`, `value="90"`, `placeholder="48"`)
	if !strings.Contains(body, `id="term-renewal" type="number" min="1" max="120" value=""`) {
		t.Error("Q-8_unchanged_renewal_is_not_shown_as_an_override")
	}

	t.Run("Q-8_notice_in_months_or_days_not_both", func(t *testing.T) {
		r := postForm(t, e.a, fmt.Sprintf("/quotes/%d", id), e.am.Token, editorForm(e.cust.ID, url.Values{"terms.notice_months": {"3"}, "terms.notice_days": {"80"}}), nil)
		expectForm(t, r, 422, "", "terms.notice_days", "not both")
	})
	t.Run("Q-8_override_out_of_range", func(t *testing.T) {
		r := postForm(t, e.a, fmt.Sprintf("/quotes/%d", id), e.am.Token, editorForm(e.cust.ID, url.Values{"terms.initial_term_months": {"abc"}}), nil)
		expectForm(t, r, 422, "", "terms.initial_term_months")
		if got := terms(); got.InitialTermMonths != 36 {
			t.Errorf("a refused edit changed the terms: %+v", got)
		}
	})
	t.Run("Q-8_another_profile_without_overrides", func(t *testing.T) {
		r := postForm(t, e.a, fmt.Sprintf("/quotes/%d", id), e.am.Token, editorForm(e.cust.ID, url.Values{"terms_profile": {"1y-1y-3m-registered"}}), nil)
		expectForm(t, r, 303, fmt.Sprintf("/quotes/%d", id))
		if got := terms(); got.Profile != "1y-1y-3m-registered" || got.InitialTermMonths != 12 || got.RenewalTermMonths != 12 || got.NoticeMonths != 3 || got.NoticeDays != 0 {
			t.Errorf("terms %+v", got)
		}
	})
	t.Run("Q-8_renewal_follows_an_overridden_initial_term", func(t *testing.T) {
		r := postForm(t, e.a, fmt.Sprintf("/quotes/%d", id), e.am.Token, editorForm(e.cust.ID, url.Values{"terms_profile": {"1y-1y-3m-registered"}, "terms.initial_term_months": {"24"}}), nil)
		expectForm(t, r, 303, "")
		if got := terms(); got.InitialTermMonths != 24 || got.RenewalTermMonths != 24 {
			t.Errorf("terms %+v", got)
		}
		e.page(t, edit, `value="24"`, `placeholder="= initial term"`)
	})
	t.Run("Q-8_api_refuses_notice_in_months_and_days", func(t *testing.T) {
		r := e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, map[string]any{"terms": map[string]any{"notice_months": 2, "notice_days": 80}}))
		r.Expect(t, 422)
	})
}
