package platform

import (
	"context"
	"sort"

	"backoffice/internal/auth"
)

// CustomerTab is one tab of the customer page (/customers/{id}?tab=quotes): a domain's
// list of that customer's records. The customer page belongs to accounts, the lists to the
// domains; a domain offers its tabs by implementing CustomerTabber, cmd/backoffice
// collects them into Deps.CustomerTabs, and accounts renders whichever tab is asked for —
// no domain is imported by accounts, none reads another's tables.
type CustomerTab struct {
	Key   string      // the ?tab= value ("quotes")
	Label string      // "Quotes"
	Order int         // position among the tabs
	Roles []auth.Role // who sees the tab: the roles the list itself admits
	// List returns one page of the customer's records after the cursor ("" = first page),
	// through the domain's own list query (its visibility rules apply to ctx's principal).
	List func(ctx context.Context, customerID int64, after string) (TabPage, error)
}

// TabPage is one page of a tab's list, as cells: the customer page renders it as a table
// (stacked cards on a phone) with a next-page link that keeps the tab.
type TabPage struct {
	Columns []string
	Rows    [][]TabCell
	Next    string // the cursor of the next page, "" on the last
	Empty   string // what to say when there are no rows
}

// TabCell is one cell: text, optionally a link, a status badge or a number (right-aligned).
type TabCell struct {
	Text  string
	Href  string
	Badge bool
	Num   bool
}

// CustomerTabber is implemented by a module that adds tabs to the customer page.
type CustomerTabber interface {
	CustomerTabs() []CustomerTab
}

// Allowed reports whether p may see the tab.
func (t CustomerTab) Allowed(p *auth.Principal) bool {
	return p != nil && p.Is(t.Roles...)
}

// CollectCustomerTabs gathers the modules' customer tabs into d.CustomerTabs, in Order
// (the server does this once, when it assembles the modules).
func CollectCustomerTabs(d *Deps, modules []Module) {
	d.CustomerTabs = nil
	for _, m := range modules {
		if t, ok := m.(CustomerTabber); ok {
			d.CustomerTabs = append(d.CustomerTabs, t.CustomerTabs()...)
		}
	}
	sort.SliceStable(d.CustomerTabs, func(i, j int) bool { return d.CustomerTabs[i].Order < d.CustomerTabs[j].Order })
}
