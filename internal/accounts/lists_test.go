package accounts_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"testing"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestCustomerListTools: search (name, KvK, city), sort by city both ways across pages,
// the page's links keeping search and sort, and the CSV through the same query (issue 13).
func TestCustomerListTools(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	tag := fmt.Sprintf("Lst%d", am.User.ID)
	for i := 0; i < 9; i++ {
		name := fmt.Sprintf("%s Klant %d", tag, i)
		if i == 4 {
			name = "@SUM(A1) " + tag
		}
		a.Do(t, "POST", "/api/v1/customers", am.Token, map[string]any{"name": name, "city": fmt.Sprintf("Stad%c", 'A'+(i*5)%9)}).Expect(t, 201)
	}
	all := func(t *testing.T, query string) []accounts.Customer {
		return testkit.AllPages[accounts.Customer](t, a, am.Token, "/api/v1/customers?"+query)
	}
	if got := all(t, "q="+strings.ToLower(tag)+"+klant+7"); len(got) != 1 || got[0].Name != tag+" Klant 7" {
		t.Fatalf("search by name: %+v", got)
	}
	for _, dir := range []string{"asc", "desc"} {
		got := all(t, "q="+tag+"&sort=city&dir="+dir+"&limit=2")
		cities := make([]string, len(got))
		for i, c := range got {
			cities[i] = c.City
		}
		sorted := sort.SliceIsSorted(cities, func(i, j int) bool { return (cities[i] < cities[j]) == (dir == "asc") })
		if len(got) != 9 || !sorted {
			t.Fatalf("%s: %q", dir, cities)
		}
	}
	a.Do(t, "GET", "/api/v1/customers?sort=kvk", am.Token, nil).Expect(t, 422)
	page := a.Do(t, "GET", "/customers?q="+tag+"&sort=city&dir=desc&limit=4", am.Token, nil).Expect(t, 200)
	for _, want := range []string{`id="next-page"`, "dir=desc&amp;q=" + tag + "&amp;sort=city", `href="/customers?dir=desc&amp;format=csv&amp;q=` + tag + `&amp;sort=city"`} {
		if !bytes.Contains(page.Body, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
	r := a.Do(t, "GET", "/customers?format=csv&q="+tag, am.Token, nil).Expect(t, 200)
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil || len(rows) != 10 || r.Header.Get("Content-Disposition") != "attachment; filename=customers.csv" {
		t.Fatalf("csv %v: %d rows %q", err, len(rows), r.Header)
	}
	formula := false
	for _, row := range rows {
		formula = formula || row[0] == "'@SUM(A1) "+tag
	}
	if !formula {
		t.Fatal("a name starting with @ is not neutralised")
	}
	own := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &own.ID)
	a.Do(t, "GET", "/customers?format=csv", contact.Token, nil).Expect(t, 403)
	if mine, _ := csv.NewReader(bytes.NewReader(a.Do(t, "GET", "/api/v1/customers?format=csv", contact.Token, nil).Expect(t, 200).Body)).ReadAll(); len(mine) != 2 {
		t.Fatalf("a contact exports %d customers, want its own", len(mine)-1)
	}
}

// TestExplainCustomerSearch: at 100,000 customers the search is a bitmap of the pg_trgm
// index and the name and city sorts are index range scans (issue 13).
func TestExplainCustomerSearch(t *testing.T) {
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "customers")
	if _, err := tx.ExecContext(ctx, `INSERT INTO customers (id, name, city, created_at, updated_at)
		SELECT g, 'Klant ' || g || ' BV', 'Plaats' || (g % 500), now(), now() FROM generate_series(1, 100000) g; ANALYZE customers`); err != nil {
		t.Fatal(err)
	}
	staff := auth.With(ctx, &auth.Principal{UserID: 1, Role: auth.AccountManager})
	for _, c := range []struct {
		query  string
		search bool
	}{{"q=klant+4711+b", true}, {"", false}, {"sort=city&dir=desc", false}, {"sort=created", false}} {
		t.Run(c.query, func(t *testing.T) {
			lq, err := accounts.CustomerList.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			sqls.Queries = nil
			if _, err := accounts.ListCustomers(staff, tx, lq); err != nil {
				t.Fatal(err)
			}
			plan := testkit.Plan(t, tx, sqls.Last(t, "SELECT"))
			if c.search {
				testkit.ExpectSearchPlan(t, plan, "customers")
			} else {
				testkit.ExpectIndexPlan(t, plan, "customers")
			}
		})
	}
}
