package listq

import (
	"html/template"
	"net/url"
)

// View is what a list page's template needs to keep the filters in every link: the sort
// headers (SortHref, Arrow, AriaSort), the search box (Text, Sort, Dir), the next page
// (Next, for the "pager" partial) and the CSV export (CSV).
type View struct {
	Path  string     // the page's path ("/quotes")
	Text  string     // the search text
	Sort  string     // the current sort key
	Desc  bool       // the current direction
	Next  string     // the query string of the next page, "" on the last
	keep  url.Values // the filters, search and sort of this page (never the cursor)
	sortd string     // the default sort key
	descd bool       // the default direction
}

// View builds the page view from the page's filters (the values its GET form sent;
// empty ones are dropped), the parsed query and the next cursor.
func (s Spec[T]) View(path string, filters url.Values, q Query, next string) View {
	keep := url.Values{}
	for k, vs := range filters {
		if k == "after" || k == "sort" || k == "dir" || k == "q" || k == "format" {
			continue
		}
		for _, v := range vs {
			if v != "" {
				keep.Add(k, v)
			}
		}
	}
	if q.Text != "" {
		keep.Set("q", q.Text)
	}
	v := View{Path: path, Text: q.Text, Sort: q.Sort, Desc: q.Desc, keep: keep, sortd: s.Sorts[0].Key, descd: s.Desc}
	if v.Sort != v.sortd || v.Desc != v.descd {
		keep.Set("sort", q.Sort)
		keep.Set("dir", v.Dir())
	}
	if next != "" {
		n := copyValues(keep)
		n.Set("after", next)
		v.Next = n.Encode()
	}
	return v
}

// Dir is "asc" or "desc".
func (v View) Dir() string {
	if v.Desc {
		return "desc"
	}
	return "asc"
}

// Sorted reports whether the page is in a sort other than the default (the search form
// then carries sort and dir as hidden fields).
func (v View) Sorted() bool { return v.Sort != v.sortd || v.Desc != v.descd }

// SortHref is the link of a column header: the same filters, first page, sorted by key;
// clicking the current sort turns its direction.
func (v View) SortHref(key string) template.URL {
	n := copyValues(v.keep)
	dir := "asc"
	if key == v.Sort && !v.Desc {
		dir = "desc"
	}
	n.Set("sort", key)
	n.Set("dir", dir)
	return template.URL(v.Path + "?" + n.Encode())
}

// Arrow marks the current sort column: "▲" ascending, "▼" descending, "" otherwise.
func (v View) Arrow(key string) string {
	switch {
	case key != v.Sort:
		return ""
	case v.Desc:
		return "▼"
	default:
		return "▲"
	}
}

// AriaSort is the column header's aria-sort value.
func (v View) AriaSort(key string) string {
	switch {
	case key != v.Sort:
		return "none"
	case v.Desc:
		return "descending"
	default:
		return "ascending"
	}
}

// CSV is the link of the CSV export of this list with these filters, search and sort.
func (v View) CSV() template.URL {
	n := copyValues(v.keep)
	n.Set("format", "csv")
	return template.URL(v.Path + "?" + n.Encode())
}

func copyValues(v url.Values) url.Values {
	n := make(url.Values, len(v))
	for k, vs := range v {
		n[k] = append([]string(nil), vs...)
	}
	return n
}
