package listq

import (
	"net/url"
	"strings"
	"testing"
)

type row struct {
	ID   int64
	Name string
}

var spec = Spec[row]{ID: "r.id", IDOf: func(r row) int64 { return r.ID }, Desc: true, Sorts: []Column[row]{
	{Key: "created", Expr: "r.id"},
	{Key: "name", Expr: "r.name", Value: func(r row) string { return r.Name }},
}}

func TestParseReportsEveryBadParameter(t *testing.T) {
	_, err := spec.ParseQuery("sort=colour&dir=up&limit=0&q=" + strings.Repeat("x", MaxText+1))
	if err == nil {
		t.Fatal("bad parameters accepted")
	}
	for _, f := range []string{"sort", "dir", "limit", "q"} {
		if !strings.Contains(err.Error(), f) && !strings.Contains(strings.ToLower(err.Error()), "validation") {
			t.Errorf("%s not reported: %v", f, err)
		}
	}
	q, err := spec.ParseQuery("q=%20a_b%25%20&sort=name&dir=asc")
	if err != nil || q.Text != "a_b%" || q.Like() != `%a\_b\%%` || q.Desc || q.Sort != "name" {
		t.Fatalf("%+v %v like %s", q, err, q.Like())
	}
}

func TestCursorCarriesTheSortKeyAndSort(t *testing.T) {
	q, _ := spec.ParseQuery("sort=name&dir=asc&limit=2")
	rows, next := spec.Trim([]row{{1, "a"}, {2, "b"}, {3, "c"}}, q)
	if len(rows) != 2 || next == "" {
		t.Fatalf("trim %v %q", rows, next)
	}
	back, err := spec.ParseQuery("sort=name&dir=asc&after=" + next)
	if err != nil || back.after == nil || back.after.K != "b" || back.after.ID != 2 {
		t.Fatalf("cursor %+v %v", back.after, err)
	}
	if _, err := spec.ParseQuery("sort=created&after=" + next); err == nil {
		t.Fatal("a cursor made under another sort was accepted")
	}
	if _, err := spec.ParseQuery("after=bm9wZQ"); err == nil {
		t.Fatal("a made-up cursor was accepted")
	}
}

func TestViewLinksKeepFilters(t *testing.T) {
	q, _ := spec.ParseQuery("q=acme&sort=name&dir=asc")
	v := spec.View("/things", url.Values{"status": {"open"}, "empty": {""}, "after": {"x"}}, q, "CUR")
	if got, want := string(v.SortHref("name")), "/things?dir=desc&q=acme&sort=name&status=open"; got != want {
		t.Errorf("current header turns the direction: %s, want %s", got, want)
	}
	if got, want := string(v.SortHref("created")), "/things?dir=asc&q=acme&sort=created&status=open"; got != want {
		t.Errorf("other header: %s, want %s", got, want)
	}
	if got, want := v.Next, "after=CUR&dir=asc&q=acme&sort=name&status=open"; got != want {
		t.Errorf("next page %s, want %s", got, want)
	}
	if got, want := string(v.CSV()), "/things?dir=asc&format=csv&q=acme&sort=name&status=open"; got != want {
		t.Errorf("csv %s, want %s", got, want)
	}
	if v.Arrow("name") != "▲" || v.Arrow("created") != "" || v.AriaSort("name") != "ascending" || !v.Sorted() {
		t.Error("the current sort is not marked")
	}
	d, _ := spec.ParseQuery("")
	if dv := spec.View("/things", nil, d, ""); dv.Sorted() || dv.Next != "" || string(dv.CSV()) != "/things?format=csv" {
		t.Errorf("default view %+v %s", dv, dv.CSV())
	}
}
