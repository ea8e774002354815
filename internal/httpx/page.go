package httpx

import (
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/problem"
)

// List is the envelope of every list endpoint: one page of items and the cursor of
// the next page (null on the last page).
type List[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

// Page is a parsed `limit` and `after` cursor.
type Page struct {
	Limit int
	After string // opaque; decode with Cursor
}

// PageOf reads ?limit= (1..200, default 50) and ?after=.
func PageOf(c *fiber.Ctx) (Page, error) {
	p := Page{Limit: 50, After: c.Query("after")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			return p, problem.Invalid("limit", "must be a whole number from 1 to 200")
		}
		p.Limit = n
	}
	return p, nil
}

// PageWith is PageOf for a list whose filters were read into f: the filters' field
// errors and the limit's come back together in one 422.
func PageWith(c *fiber.Ctx, f problem.Fields) (Page, error) {
	p, err := PageOf(c)
	if err != nil {
		if f.Merge(err); len(f) == 0 {
			return p, err
		}
	}
	return p, f.Err()
}

// Cursor decodes the `after` cursor into v; false when there is none.
func (p Page) Cursor(v any) (bool, error) {
	if p.After == "" {
		return false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(p.After)
	if err != nil || json.Unmarshal(b, v) != nil {
		return false, problem.BadRequest("invalid_cursor", "the after cursor is not one this API gave out")
	}
	return true, nil
}

// EncodeCursor makes an opaque cursor from the sort key of the last item.
func EncodeCursor(v any) *string {
	b, _ := json.Marshal(v)
	s := base64.RawURLEncoding.EncodeToString(b)
	return &s
}

// Paginate trims a result fetched with Limit+1 rows and builds the envelope; key gives
// the cursor value of an item.
func Paginate[T any](rows []T, p Page, key func(T) any) List[T] {
	out := List[T]{Items: rows}
	if out.Items == nil {
		out.Items = []T{}
	}
	if len(rows) > p.Limit {
		out.Items = rows[:p.Limit]
		out.Next = EncodeCursor(key(out.Items[p.Limit-1]))
	}
	return out
}

// Fetch is the row count to query: one more than the page, to know whether a next page exists.
func (p Page) Fetch() int64 { return int64(p.Limit) + 1 }

// PathID reads a positive integer path parameter; anything else is a 404 (the record
// cannot exist), never a 400 that would tell ids apart.
func PathID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, problem.NotFound(name)
	}
	return id, nil
}

// QueryID reads an optional id filter of the query string (?customer_id=12): 0 when it
// is absent; anything but a positive whole number is a field error in f, never a filter
// silently dropped.
func QueryID(c *fiber.Ctx, name string, f *problem.Fields) int64 {
	v := c.Query(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		f.Add(name, "must be a positive whole number")
		return 0
	}
	return n
}

// QueryFlag reads an optional true/false filter of the query string: false when absent;
// anything but true, false, 1 or 0 is a field error in f.
func QueryFlag(c *fiber.Ctx, name string, f *problem.Fields) bool {
	switch c.Query(name) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	f.Add(name, "must be true or false")
	return false
}
