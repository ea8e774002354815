package main

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// fillPath puts ids that exist nowhere into a route's parameters, so that allowed roles
// get a 404 (or 400/422 for a missing body) and nothing is changed, while the role guard
// in front of the handler answers 401/403.
func fillPath(route string) string {
	return pathParam.ReplaceAllStringFunc(route, func(p string) string {
		switch p {
		case "{id}", "{cr}", "{cid}", "{eid}", "{entry}", "{line}", "{pid}":
			return "999999999"
		}
		if strings.HasSuffix(p, "id}") {
			return "999999999"
		}
		return "no-such-thing"
	})
}

// TestRoleWalk is the permanent guard of issue 9 (and issue 8): every route of the OpenAPI
// document, called by every role, answers what the Access table says: 401 for the
// anonymous caller unless public, 403 for a role not listed, something else (never 401,
// 403 or 5xx) for a role that is. A route missing from the table fails the test.
func TestRoleWalk(t *testing.T) {
	a := fullApp(t)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	other := testkit.Customer(t, testkit.CustomerOpts{})
	type caller struct {
		name  string
		role  Role
		user  *auth.User
		token string
	}
	callers := []*caller{
		{"admin", RoleAdmin, testkit.User(t, testkit.UserOpts{Role: auth.Admin}), ""},
		{"account_manager", RoleAccountManager, testkit.User(t, testkit.UserOpts{Role: auth.AccountManager}), ""},
		{"technician", RoleTechnician, testkit.User(t, testkit.UserOpts{Role: auth.Technician}), ""},
		{"customer", RoleCustomer, testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &cust.ID}), ""},
		{"customer_of_another_company", RoleCustomer, testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &other.ID}), ""},
		{"anonymous", 0, nil, ""},
	}
	dump := os.Getenv("BACKOFFICE_DUMP_ACCESS") != ""
	var dumped []string
	for _, route := range a.Server.Doc.Routes() {
		rule, ok := Access[route]
		if !ok && !dump {
			t.Errorf("route %s has no entry in the Access table (cmd/backoffice/access.go)", route)
			continue
		}
		method, path, _ := strings.Cut(route, " ")
		got := ""
		for _, c := range callers {
			if c.user != nil {
				c.token = testkit.Token(t, c.user) // fresh: POST /auth/logout revokes the one it is called with
			}
			res := a.Do(t, method, fillPath(path), c.token, nil)
			if res.Status >= 500 && res.Status != 501 { // 501: a stub another team has not built yet
				t.Errorf("%s as %s: %d %s", route, c.name, res.Status, res.Body)
				continue
			}
			if dump {
				if c.role != 0 && res.Status != 401 && res.Status != 403 && !strings.Contains(got, c.role.Letter()) {
					got += c.role.Letter()
				}
				if c.token == "" && res.Status != 401 {
					got = "public"
				}
				continue
			}
			switch {
			case c.token == "" && rule == Public:
				if res.Status == 401 || res.Status == 403 {
					t.Errorf("%s is public but answers %d", route, res.Status)
				}
			case c.token == "":
				if res.Status != 401 {
					t.Errorf("%s anonymous: %d, want 401", route, res.Status)
				}
			case rule&c.role != 0 || rule == Public:
				if res.Status == 401 || res.Status == 403 {
					t.Errorf("%s as %s: %d, but the table allows it: %s", route, c.name, res.Status, res.Body)
				}
			default:
				if res.Status != 403 {
					t.Errorf("%s as %s: %d, want 403 (table: %s)", route, c.name, res.Status, rule)
				}
			}
		}
		if dump {
			dumped = append(dumped, fmt.Sprintf("\t%q: %s,", route, got))
		}
	}
	if dump {
		sort.Strings(dumped)
		fmt.Println(strings.Join(dumped, "\n"))
	}
}
