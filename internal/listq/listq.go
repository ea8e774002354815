// Package listq is the one list mechanism every list shares: text search (?q=), a
// whitelisted sort (?sort=field&dir=asc|desc), keyset cursors that carry the sort key and
// the id (so paging stays right under any offered sort), links that keep the filters
// (sort headers, next page, CSV), and CSV export streamed page by page through the very
// query the page runs (export.go).
//
// A list declares a Spec in its store file: the id column, the sortable columns (each an
// indexed expression, so every offered sort is an index scan) and how to read a row's sort
// key. The handler parses a Query with Parse, the store applies it with Spec.Apply, the
// handler answers Spec.Paginate (API) or renders Spec.View (page).
package listq

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
)

// MaxText bounds the search text: longer text is refused (422), not truncated.
const MaxText = 100

// Column is one sort a list offers.
type Column[T any] struct {
	Key   string         // the ?sort= value ("number")
	Expr  string         // the indexed SQL expression ("q.number"); with the id it is the keyset
	Value func(T) string // the row's value of Expr as PostgreSQL reads it back (cursor key)
	// Arg turns the cursor key back into Expr's value in SQL when Expr is computed
	// ("lower(?)" for Expr "lower(c.name)", Value the raw name); default "?".
	Arg string
}

// Spec is one list's paging and sorting: the id column, the offered sorts (the first is
// the default) and the default direction.
type Spec[T any] struct {
	ID    string        // the unique tie-breaker column ("q.id")
	IDOf  func(T) int64 // a row's id
	Sorts []Column[T]   // the whitelist; Sorts[0] is the default sort
	Desc  bool          // default direction of every sort (newest first)
}

// Query is a parsed list request: search text, sort, direction, page size and cursor.
type Query struct {
	Text  string // ?q=, trimmed; "" = no search
	Sort  string // a Spec column key
	Desc  bool
	Limit int
	after *cursor
}

type cursor struct {
	S  string `json:"s"`           // the sort the cursor was made under
	K  string `json:"k,omitempty"` // the sort key of the last row
	ID int64  `json:"id"`
}

// Fetch is the row count to query: one more than the page, to know whether a next page exists.
func (q Query) Fetch() int { return q.Limit + 1 }

// Params starts the arguments of the list query to run on idb (db.Params): a search runs
// through bun with its pattern inlined, so the planner sees the pattern and can choose the
// trigram index for a rare term (a prepared statement's generic plan cannot); every other
// list query is a prepared statement, one text per shape.
func (q Query) Params(idb bun.IDB) *db.Params {
	if q.Searching() {
		return nil
	}
	return db.NewParams(idb)
}

// Searching reports whether the query searches.
func (q Query) Searching() bool { return q.Text != "" }

// Like is the ILIKE pattern of the search text: a substring match with %, _ and \
// taken literally (the pg_trgm GIN indexes serve it).
func (q Query) Like() string { return Like(q.Text) }

// Like is the ILIKE pattern "contains text", with %, _ and \ of text taken literally.
func Like(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(text) + "%"
}

// Parse reads ?q=, sort, dir, limit and after, reporting every bad parameter at once
// (422), or 400 invalid_cursor for a cursor this list did not give out under this sort.
func (s Spec[T]) Parse(c *fiber.Ctx) (Query, error) {
	return s.parse(func(k string) string { return c.Query(k) })
}

func (s Spec[T]) parse(get func(string) string) (Query, error) {
	q := Query{Text: strings.TrimSpace(get("q")), Sort: s.Sorts[0].Key, Desc: s.Desc, Limit: 50}
	var f problem.Fields
	if utf8.RuneCountInString(q.Text) > MaxText {
		f.Add("q", "must be at most "+strconv.Itoa(MaxText)+" characters")
	}
	if v := get("sort"); v != "" {
		if _, ok := s.column(v); !ok {
			f.Add("sort", "must be one of "+strings.Join(s.keys(), ", "))
		} else {
			q.Sort = v
		}
	}
	switch get("dir") {
	case "":
	case "asc":
		q.Desc = false
	case "desc":
		q.Desc = true
	default:
		f.Add("dir", "must be asc or desc")
	}
	if v := get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			f.Add("limit", "must be a whole number from 1 to 200")
		} else {
			q.Limit = n
		}
	}
	if err := f.Err(); err != nil {
		return q, err
	}
	if v := get("after"); v != "" {
		var c cursor
		if err := decode(v, &c); err != nil || c.S != q.Sort {
			return q, errCursor
		}
		q.after = &c
	}
	return q, nil
}

var errCursor = problem.BadRequest("invalid_cursor", "the after cursor is not one this list gave out for this sort")

func decode(v string, c *cursor) error {
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || json.Unmarshal(b, c) != nil || c.ID <= 0 {
		return errCursor
	}
	return nil
}

func (s Spec[T]) column(key string) (Column[T], bool) {
	for _, c := range s.Sorts {
		if c.Key == key {
			return c, true
		}
	}
	return Column[T]{}, false
}

func (s Spec[T]) keys() []string {
	out := make([]string, len(s.Sorts))
	for i, c := range s.Sorts {
		out[i] = c.Key
	}
	return out
}

// Apply adds the keyset condition, the order (sort key, then id, one direction so one
// index serves it forwards or backwards) and the limit (a page and one) to a list query.
// The cursor's values go through p (placeholders on the prepared read path, inlined on
// a transaction; see db.Params), so the query's text is the same on every page.
func (s Spec[T]) Apply(sq *bun.SelectQuery, q Query, p *db.Params) *bun.SelectQuery {
	col, ok := s.column(q.Sort)
	if !ok {
		col = s.Sorts[0]
	}
	op, dir := ">", " ASC"
	if q.Desc {
		op, dir = "<", " DESC"
	}
	byID := col.Expr == s.ID
	if q.after != nil {
		if byID {
			sq = sq.Where(s.ID+" "+op+" ?", p.Arg(q.after.ID))
		} else {
			arg := col.Arg
			if arg == "" {
				arg = "?"
			}
			sq = sq.Where("("+col.Expr+", "+s.ID+") "+op+" ("+arg+", ?)", p.Arg(q.after.K), p.Arg(q.after.ID))
		}
	}
	if !byID {
		sq = sq.OrderExpr(col.Expr + dir)
	}
	return sq.OrderExpr(s.ID + dir).Limit(int64(q.Fetch())) // the limit stays inlined: one shape per page size
}

// Next is the cursor after row under q's sort.
func (s Spec[T]) Next(row T, q Query) string {
	b, _ := json.Marshal(s.cursorOf(row, q))
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s Spec[T]) cursorOf(row T, q Query) *cursor {
	c := &cursor{S: q.Sort, ID: s.IDOf(row)}
	if col, ok := s.column(q.Sort); ok && col.Expr != s.ID {
		c.K = col.Value(row)
	}
	return c
}

// Trim cuts rows fetched with Fetch to the page and returns the next cursor ("" on the
// last page).
func (s Spec[T]) Trim(rows []T, q Query) ([]T, string) {
	if len(rows) <= q.Limit {
		return rows, ""
	}
	rows = rows[:q.Limit]
	return rows, s.Next(rows[q.Limit-1], q)
}

// Paginate is the API envelope of rows fetched with Fetch, items mapped through out.
func Paginate[T, O any](s Spec[T], rows []T, q Query, out func(T) O) httpx.List[O] {
	rows, next := s.Trim(rows, q)
	l := httpx.List[O]{Items: make([]O, len(rows))}
	for i, r := range rows {
		l.Items[i] = out(r)
	}
	if next != "" {
		l.Next = &next
	}
	return l
}

// ParseQuery parses a raw query string as Parse parses a request (for tests and jobs
// that build a list query without a request).
func (s Spec[T]) ParseQuery(raw string) (Query, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return Query{}, problem.BadRequest("invalid_query", "the query string is malformed")
	}
	return s.parse(v.Get)
}
