package orders

import (
	"fmt"
	"testing"
)

// IDX-1: a quote's own indexation clause survives edits that re-send the same terms
// profile (the quote editor always does); choosing another profile brings its clause.
func TestQuotePatchKeepsIndexationClause(t *testing.T) {
	e := setup(t, monday2March)
	var q struct {
		ID         int64
		Indexation ClauseOut
	}
	body := quoteBody(e.cust.ID, map[string]any{"indexation": map[string]any{"method": "fixed_percentage", "fixed_percentage": "3.5"}})
	e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, body).Expect(t, 201).JSON(t, &q)
	if q.Indexation.Method != "fixed_percentage" {
		t.Fatalf("created with clause %+v", q.Indexation)
	}
	path := fmt.Sprintf("/api/v1/quotes/%d", q.ID)
	e.a.Do(t, "PATCH", path, e.am.Token, map[string]any{"title": "Renamed", "terms": map[string]any{"profile": DefaultTermsProfile}}).Expect(t, 200).JSON(t, &q)
	if q.Indexation.Method != "fixed_percentage" || q.Indexation.FixedPercentage == nil || *q.Indexation.FixedPercentage != "3.5" {
		t.Fatalf("same profile re-sent: clause lost: %+v", q.Indexation)
	}
	e.a.Do(t, "PATCH", path, e.am.Token, map[string]any{"terms": map[string]any{"profile": "1y-1y-3m-registered"}}).Expect(t, 200).JSON(t, &q)
	if q.Indexation.Method != "series" {
		t.Fatalf("another profile should bring its clause: %+v", q.Indexation)
	}
}
