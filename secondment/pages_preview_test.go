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

// TestPagesPreviewAnswersJSONErrors: the live preview asks for JSON; an invalid span (end
// before start) answers problem+json the script can show, not the HTML error page that
// made it throw "Unexpected token '<'" (issue 13).
func TestPagesPreviewAnswersJSONErrors(t *testing.T) {
	f := setup(t, marchNow)
	form := url.Values{"placement_id": {fmt.Sprint(f.placementID)}, "started_at": {"2026-03-13T22:00"}, "ended_at": {"2026-03-13T21:00"}}
	for _, accept := range []string{"application/json", "text/html,application/xhtml+xml"} {
		req := httptest.NewRequest(http.MethodPost, "/secondment/preview", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", accept)
		req.Header.Set("Authorization", "Bearer "+f.tech.Token)
		res, err := f.app.Server.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		ctype := res.Header.Get("Content-Type")
		if res.StatusCode < 400 {
			t.Fatalf("%s: end before start answered %d", accept, res.StatusCode)
		}
		if json := strings.HasPrefix(accept, "application/json"); json != strings.Contains(ctype, "json") {
			t.Errorf("Accept %s answered %s: %.200s", accept, ctype, b)
		}
		// issue 13 "no internal codes": the message the preview shows names no field code
		if strings.HasPrefix(accept, "application/json") && (!strings.Contains(string(b), `"message":"must be after the start`) || strings.Contains(string(b), "after started_at")) {
			t.Errorf("the preview's message is not in words: %.300s", b)
		}
	}
}
