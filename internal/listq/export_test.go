package listq

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http/httptest"
	"sort"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// TestStreamPagesThroughTheList: an export of 1,000 rows is read in batches of
// ExportBatch, each continuing from the cursor of the last row written, so memory holds
// one batch, not the list; every row arrives once, in the list's order, formula-safe.
func TestStreamPagesThroughTheList(t *testing.T) {
	defer func(n int) { ExportBatch = n }(ExportBatch)
	ExportBatch = 64
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("n%04d", (i*37)%1000)
	}
	names[500] = "=cmd()"
	calls, most := 0, 0
	fetch := func(_ context.Context, q Query) ([]row, error) { // the list query: sort by name asc after the cursor
		calls++
		var out []row
		for i, n := range names {
			if q.after == nil || n > q.after.K || (n == q.after.K && int64(i+1) > q.after.ID) {
				out = append(out, row{int64(i + 1), n})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		if len(out) > q.Fetch() {
			out = out[:q.Fetch()]
		}
		most = max(most, len(out))
		return out, nil
	}
	app := fiber.New()
	app.Get("/x", func(c *fiber.Ctx) error {
		q, err := spec.Parse(c)
		if err != nil {
			return err
		}
		return spec.Stream(c, q, Export[row]{File: "x.csv", Header: []string{"id", "name"},
			Row: func(r row) []string { return []string{fmt.Sprint(r.ID), r.Name} }}, fetch)
	})
	res, err := app.Test(httptest.NewRequest("GET", "/x?sort=name&dir=asc&limit=5", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1001 {
		t.Fatalf("%d rows, want header + 1000", len(rows))
	}
	seen := map[string]bool{}
	for i, r := range rows[1:] {
		if seen[r[0]] {
			t.Fatalf("row %s twice", r[0])
		}
		seen[r[0]] = true
		if i > 0 && rows[i][1] > r[1] && rows[i][1] != "'=cmd()" {
			t.Fatalf("out of order at %d: %s > %s", i, rows[i][1], r[1])
		}
	}
	if rows[1][1] != "'=cmd()" {
		t.Fatalf("the formula is not neutralised: %q", rows[1][1])
	}
	if calls != 16 || most > ExportBatch+1 {
		t.Fatalf("%d fetches of at most %d rows, want 16 of at most %d", calls, most, ExportBatch+1)
	}
	if res.Header.Get("Content-Disposition") != "attachment; filename=x.csv" {
		t.Fatalf("disposition %q", res.Header.Get("Content-Disposition"))
	}
}
