package testkit

import (
	"net/url"
	"strings"
	"testing"
)

// AllPages reads a list endpoint (path with its query) page after page, following the
// `next` cursors, and returns every item: a list test checks that the pages of a sort or a
// search hold every row once.
func AllPages[T any](t testing.TB, a *App, token, path string) []T {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	var out []T
	next := ""
	for pages := 0; pages < 100; pages++ {
		var l struct {
			Items []T     `json:"items"`
			Next  *string `json:"next"`
		}
		a.Do(t, "GET", path+next, token, nil).Expect(t, 200).JSON(t, &l)
		out = append(out, l.Items...)
		if l.Next == nil {
			return out
		}
		next = sep + "after=" + url.QueryEscape(*l.Next)
	}
	t.Fatalf("%s: the pager does not end", path)
	return nil
}
