package orders

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestQuoteEditorWithoutJavaScript: "Add line" and "Remove" are submit buttons that re-render
// the editor (nothing saved); a failed save shows the posted rows as typed, without blank
// rows added; Dutch amounts are saved.
func TestQuoteEditorWithoutJavaScript(t *testing.T) {
	e := setup(t, monday2March)
	two := editorForm(e.cust.ID, url.Values{"line_count": {"2"}, "lines.0.unit_price": {"1.249,00"},
		"lines.1.kind": {"hardware"}, "lines.1.description": {"Dock"}, "lines.1.quantity": {"2,5"}, "lines.1.unit": {"pcs"},
		"lines.1.unit_price": {"12,5e3"}, "lines.1.vat_rate": {"21"}})

	t.Run("failed post keeps what was typed", func(t *testing.T) {
		r := postForm(t, e.a, "/quotes", e.am.Token, two, nil)
		expectForm(t, r, 422, "", `value="1.249,00"`, `value="12,5e3"`, `value="2,5"`, "Line 2 · Unit price")
		if n := strings.Count(string(r.Body), `class="line-row"`); n != 2 {
			t.Errorf("%d rows after the failed post, want the 2 posted", n)
		}
	})
	t.Run("remove a line", func(t *testing.T) {
		f := cloneForm(two, url.Values{"remove_line": {"1"}})
		r := postForm(t, e.a, "/quotes", e.am.Token, f, nil)
		expectForm(t, r, 200, "", `value="1.249,00"`)
		if strings.Contains(string(r.Body), "12,5e3") || strings.Count(string(r.Body), `class="line-row"`) != 1 {
			t.Errorf("line 2 was not removed")
		}
	})
	t.Run("add a line", func(t *testing.T) {
		r := postForm(t, e.a, "/quotes", e.am.Token, cloneForm(two, url.Values{"add_line": {"1"}}), nil)
		expectForm(t, r, 200, "")
		if n := strings.Count(string(r.Body), `class="line-row"`); n != 3 {
			t.Errorf("%d rows, want 3", n)
		}
	})
	t.Run("Dutch amounts are saved", func(t *testing.T) {
		r := postForm(t, e.a, "/quotes", e.am.Token, cloneForm(two, url.Values{"lines.1.unit_price": {"1249,00"}}), nil)
		expectForm(t, r, 303, "")
		var id int64
		if _, err := fmt.Sscanf(r.Header.Get("Location"), "/quotes/%d", &id); err != nil {
			t.Fatalf("redirect %q", r.Header.Get("Location"))
		}
		// line 1: 10 × 1249 = 12490; line 2: 2.5 × 1249 = 3122.50
		e.page(t, fmt.Sprintf("/quotes/%d", id), "12.490,00", "3.122,50")
		edit := e.page(t, fmt.Sprintf("/quotes/%d/edit", id), `value="1.249,00"`, `value="2,5"`)
		if n := strings.Count(edit, `class="line-row"`); n != 3 {
			t.Errorf("the edit page has %d rows, want the 2 lines and one blank", n)
		}
	})
}

func cloneForm(f url.Values, extra url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
