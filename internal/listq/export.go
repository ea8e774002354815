package listq

import (
	"bufio"
	"context"
	"log/slog"
	"mime"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/csvx"
)

// ExportBatch is the page size of a CSV export: rows are read, written and flushed one
// batch at a time, so an export of any size holds one batch in memory.
var ExportBatch = 500

// Export describes a list's CSV: its file name, header and row.
type Export[T any] struct {
	File   string // "quotes.csv"
	Header []string
	Row    func(T) []string
}

// WantsCSV reports whether the request asks for the CSV of the list (?format=csv).
func WantsCSV(c *fiber.Ctx) bool { return c.Query("format") == "csv" }

// Fetch runs the list's one query (the same service call the page and the API make) for a
// page of q: at most q.Fetch() rows after q's cursor.
type Fetch[T any] func(ctx context.Context, q Query) ([]T, error)

// Stream answers the CSV of every row of the list that q (filters, search, sort — the
// page's own) selects, from the first row, batch by batch: the first batch is read before
// the answer starts, so an access or filter error is an ordinary error answer; later
// batches are read while the body streams (Fiber's SetBodyStreamWriter), each continuing
// from the cursor of the last row written. Every cell goes through csvx (formula-safe).
func (s Spec[T]) Stream(c *fiber.Ctx, q Query, e Export[T], fetch Fetch[T]) error {
	ctx := c.UserContext()
	q.after, q.Limit = nil, ExportBatch
	rows, err := fetch(ctx, q)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": e.File}))
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		if err := s.write(ctx, w, q, e, fetch, rows); err != nil {
			slog.Default().ErrorContext(ctx, "csv export stopped", "file", e.File, "err", err)
		}
	})
	return nil
}

func (s Spec[T]) write(ctx context.Context, w *bufio.Writer, q Query, e Export[T], fetch Fetch[T], rows []T) error {
	cw := csvx.NewWriter(w)
	if err := cw.Write(e.Header); err != nil {
		return err
	}
	for {
		page, next := s.Trim(rows, q)
		for _, r := range page {
			if err := cw.Write(e.Row(r)); err != nil {
				return err
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err // the client went away
		}
		if next == "" {
			return nil
		}
		q.after = s.cursorOf(page[len(page)-1], q)
		var err error
		if rows, err = fetch(ctx, q); err != nil {
			return err
		}
	}
}
