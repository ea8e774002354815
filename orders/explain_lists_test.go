package orders

import (
	"context"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// TestExplainListTools proves the list tools stay fast at 100,000 quotes, orders and
// contracts (issue 13): a search is a bitmap of pg_trgm GIN matches (never a scan of the
// table) and every offered sort, first page or after a cursor, is an index range scan
// without a sort.
func TestExplainListTools(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	seedListVolume(t, tx)
	if _, err := tx.ExecContext(ctx, `INSERT INTO customers (name, created_at, updated_at) VALUES ('Zoekbaar Zeta BV', now(), now())`); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.AccountManager}
	today := civil.Date{Year: 2026, Month: 3, Day: 2}
	// lq is the list query of a page request, parsed as a handler parses it.
	lq := func(t *testing.T, spec func(string) (listq.Query, error), query string) *listq.Query {
		q, err := spec(query)
		if err != nil {
			t.Fatal(err)
		}
		return &q
	}
	quotes := func(s string) (listq.Query, error) { return quoteList.ParseQuery(s) }
	orders := func(s string) (listq.Query, error) { return orderList.ParseQuery(s) }
	contracts := func(s string) (listq.Query, error) { return contractList.ParseQuery(s) }
	var cases []listCase
	quoteCase := func(name, query string, search bool) {
		cases = append(cases, listCase{name, "quotes", query, search, func(t *testing.T, q string) error {
			_, err := listQuotes(ctx, tx, QuoteFilter{List: lq(t, quotes, q), Principal: staff, Today: today})
			return err
		}})
	}
	orderCase := func(name, query string, search bool) {
		cases = append(cases, listCase{name, "orders", query, search, func(t *testing.T, q string) error {
			_, err := searchOrderList(ctx, tx, staff, OrderScope{}, *lq(t, orders, q))
			return err
		}})
	}
	contractCase := func(name, query string, search bool) {
		cases = append(cases, listCase{name, "contracts", query, search, func(t *testing.T, q string) error {
			_, err := listContracts(ctx, tx, ContractFilter{List: lq(t, contracts, q), Principal: staff})
			return err
		}})
	}
	quoteCase("quotes_search_number", "q=Q2025-47111", true)
	// a customer's name matches one customer of 200 (500 quotes): the planner reads the id
	// index backwards with the filter until the page is full, cheaper than a bitmap plus a
	// sort; either way no scan of the table
	quoteCase("quotes_search_customer_name", "q=zoekbaar", false)
	orderCase("orders_search_customer_name", "q=zoekbaar", false)
	for _, s := range []string{"number", "title", "total", "created"} {
		quoteCase("quotes_sort_"+s, "sort="+s+"&dir=asc", false)
		quoteCase("quotes_sort_"+s+"_desc", "sort="+s+"&dir=desc", false)
	}
	orderCase("orders_search", "q=O2025-47111", true)
	for _, s := range []string{"number", "start", "total", "created"} {
		orderCase("orders_sort_"+s, "sort="+s+"&dir=asc", false)
	}
	contractCase("contracts_search", "q=C2025-47111", true)
	for _, s := range []string{"number", "start", "created"} {
		contractCase("contracts_sort_"+s, "sort="+s+"&dir=desc", false)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sqls.Queries = nil
			if err := c.run(t, c.query); err != nil {
				t.Fatal(err)
			}
			main := listQuery(t, sqls.Queries, c.table)
			if c.search {
				testkit.ExpectSearchPlan(t, testkit.Plan(t, tx, main), c.table)
				return
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, main), c.table)
		})
	}
	// a cursor from the middle of a sort is a range scan too
	t.Run("quotes_sort_number_after", func(t *testing.T) {
		first := lq(t, quotes, "sort=number&dir=asc")
		rows, err := listQuotes(ctx, tx, QuoteFilter{List: first, Principal: staff, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		sqls.Queries = nil
		_, next := quoteList.Trim(rows, *first)
		if _, err := listQuotes(ctx, tx, QuoteFilter{List: lq(t, quotes, "sort=number&dir=asc&after="+next), Principal: staff, Today: today}); err != nil {
			t.Fatal(err)
		}
		testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, listQuery(t, sqls.Queries, "quotes")), "quotes")
	})
}

type listCase struct {
	name, table, query string
	search             bool
	run                func(t *testing.T, q string) error
}

func listQuery(t *testing.T, queries []string, table string) string {
	t.Helper()
	for _, q := range queries {
		if strings.HasPrefix(q, "SELECT") && strings.Contains(q, `FROM "`+table+`"`) {
			return q
		}
	}
	t.Fatalf("no list query on %s among %q", table, queries)
	return ""
}
