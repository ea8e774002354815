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

// Pages reads one page of a list after a cursor ("" = the first page): its rows and the
// cursor of the next page ("" on the last). A list with its own cursor (the ticket queue)
// exports through StreamPages with it; a Spec list through Spec.Stream.
type Pages[T any] func(ctx context.Context, after string) (rows []T, next string, err error)

// Stream answers the CSV of every row of the list that q (filters, search, sort — the
// page's own) selects, from the first row, ExportBatch rows at a time through fetch.
func (s Spec[T]) Stream(c *fiber.Ctx, q Query, e Export[T], fetch Fetch[T]) error {
	q.after, q.Limit = nil, ExportBatch
	return StreamPages(c, e, func(ctx context.Context, after string) ([]T, string, error) {
		page := q
		if after != "" {
			page.after = &cursor{}
			if err := decode(after, page.after); err != nil {
				return nil, "", err
			}
		}
		rows, err := fetch(ctx, page)
		rows, next := s.Trim(rows, page)
		return rows, next, err
	})
}

// StreamPages answers the CSV of every page of a list: the first page is read before the
// answer starts, so an access or filter error is an ordinary error answer; later pages
// are read while the body streams (Fiber's SetBodyStreamWriter), each from the cursor of
// the page before, so memory holds one page. Every cell goes through csvx (formula-safe).
func StreamPages[T any](c *fiber.Ctx, e Export[T], pages Pages[T]) error {
	ctx := c.UserContext()
	rows, next, err := pages(ctx, "")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": e.File}))
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		if err := write(ctx, w, e, pages, rows, next); err != nil {
			slog.Default().ErrorContext(ctx, "csv export stopped", "file", e.File, "err", err)
		}
	})
	return nil
}

func write[T any](ctx context.Context, w *bufio.Writer, e Export[T], pages Pages[T], rows []T, next string) error {
	cw := csvx.NewWriter(w)
	if err := cw.Write(e.Header); err != nil {
		return err
	}
	for {
		for _, r := range rows {
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
		var err error
		if rows, next, err = pages(ctx, next); err != nil {
			return err
		}
	}
}
