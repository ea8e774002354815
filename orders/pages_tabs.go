package orders

import (
	"context"
	"fmt"
	"net/url"

	"backoffice/internal/listq"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

// tabPageSize is the page size of a customer page's tab.
const tabPageSize = "20"

// tabQuery is the list query of a customer tab's page: newest first after the cursor.
func tabQuery[T any](spec listq.Spec[T], after string) (listq.Query, error) {
	return spec.ParseQuery(url.Values{"after": {after}, "limit": {tabPageSize}}.Encode())
}

// CustomerTabs adds the customer's quotes, orders and contracts to the customer page
// (platform.CustomerTabber), each through the list's own query and visibility.
func (m *Module) CustomerTabs() []platform.CustomerTab {
	return []platform.CustomerTab{
		{Key: "quotes", Label: web.UI("orders.ui.tab.quotes"), Order: 10, Roles: sales, List: m.quoteTab},
		{Key: "orders", Label: web.UI("orders.ui.tab.orders"), Order: 20, Roles: staff, List: m.orderTab},
		{Key: "contracts", Label: web.UI("orders.ui.tab.contracts"), Order: 30, Roles: sales, List: m.contractTab},
	}
}

func (m *Module) quoteTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	lq, err := tabQuery(quoteList, after)
	if err != nil {
		return platform.TabPage{}, err
	}
	qs, err := m.svc.ListQuotes(ctx, QuoteFilter{CustomerID: &customerID, List: &lq})
	if err != nil {
		return platform.TabPage{}, err
	}
	qs, next := quoteList.Trim(qs, lq)
	now := m.svc.now()
	p := platform.TabPage{Columns: tabColumns("number", "title", "status", "valid_until", "net"), Next: next, Empty: web.UI("orders.ui.tab.no_quotes")}
	for _, q := range qs {
		o := quoteOut(q, now, 0, 0)
		valid := ""
		if o.ValidUntil != nil {
			valid = web.Date(*o.ValidUntil)
		}
		p.Rows = append(p.Rows, []platform.TabCell{{Text: fmt.Sprintf("%s v%d", o.Number, o.Version), Href: fmt.Sprintf("/quotes/%d", o.ID)},
			{Text: o.Title}, {Text: o.Status, Badge: true}, {Text: valid}, {Text: web.Money(o.Totals.Net.Decimal), Num: true}})
	}
	return p, nil
}

func (m *Module) orderTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	lq, err := tabQuery(orderList, after)
	if err != nil {
		return platform.TabPage{}, err
	}
	os, err := m.svc.SearchOrders(ctx, OrderScope{CustomerID: &customerID}, lq)
	if err != nil {
		return platform.TabPage{}, err
	}
	os, next := orderList.Trim(os, lq)
	p := platform.TabPage{Columns: tabColumns("number", "title", "status", "start_date", "net"), Next: next, Empty: web.UI("orders.ui.tab.no_orders")}
	for _, o := range os {
		p.Rows = append(p.Rows, []platform.TabCell{{Text: o.Number, Href: fmt.Sprintf("/orders/%d", o.ID)}, {Text: o.Title},
			{Text: string(o.Status), Badge: true}, {Text: web.Date(o.StartDate)}, {Text: web.Money(o.StoredNet), Num: true}})
	}
	return p, nil
}

func (m *Module) contractTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	lq, err := tabQuery(contractList, after)
	if err != nil {
		return platform.TabPage{}, err
	}
	cs, err := m.svc.ListContracts(ctx, ContractFilter{CustomerID: &customerID, List: &lq})
	if err != nil {
		return platform.TabPage{}, err
	}
	cs, next := contractList.Trim(cs, lq)
	today := m.svc.Today()
	p := platform.TabPage{Columns: tabColumns("number", "start", "term_ends", "notice_deadline", "status"), Next: next, Empty: web.UI("orders.ui.tab.no_contracts")}
	for _, k := range cs {
		o := contractOut(k, today)
		p.Rows = append(p.Rows, []platform.TabCell{{Text: o.Number, Href: fmt.Sprintf("/contracts/%d", o.ID)}, {Text: web.Date(o.StartDate)},
			{Text: web.Date(o.CurrentTermEnd)}, {Text: web.Date(o.NoticeDeadline)}, {Text: o.Status, Badge: true}})
	}
	return p, nil
}

// tabColumns are the staff labels of a tab's columns (orders.ui.col.<name>).
func tabColumns(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = web.UI("orders.ui.col." + n)
	}
	return out
}
