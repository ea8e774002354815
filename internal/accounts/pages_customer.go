package accounts

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
)

type customerData struct {
	Customer Customer
	Contacts []auth.User
	Errors   []problem.FieldError
	CanEdit  bool
	Blocks   bool
	Tabs     customerTabs
}

func (m *Module) customerPage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	return m.renderCustomer(c, id, nil)
}

func (m *Module) renderCustomer(c *fiber.Ctx, id int64, fe []problem.FieldError) error {
	p := auth.From(c)
	cu, err := GetCustomer(c.UserContext(), m.DB, id)
	if err != nil {
		return err
	}
	contacts, err := Contacts(c.UserContext(), m.DB, id)
	if err != nil {
		return err
	}
	tabs, err := m.tabsOf(c, id)
	if err != nil {
		return err
	}
	return m.Web.Render(c, "accounts/customer", cu.Name, customerData{Customer: *cu, Contacts: contacts, Errors: fe, Tabs: tabs,
		CanEdit: p.Is(auth.Admin, auth.AccountManager), Blocks: p.Is(auth.Admin, auth.AccountManager, auth.Customer)})
}

// customerTabs is the tab strip of the customer page and the list of the open tab: the
// domains' lists of this customer (platform.CustomerTab), each a real paginated list
// whose next-page link keeps the tab (/customers/{id}?tab=tickets&after=…).
type customerTabs struct {
	Links []tabLink
	Open  string
	Page  *platform.TabPage
	Next  string // query string of the open tab's next page
}

type tabLink struct {
	Key, Label, Href string
	Active           bool
}

// tabsOf loads the asked tab (?tab=, else the first the user may see) of customer id.
// An unknown tab, or one the user may not see, is a 404 like any unknown page.
func (m *Module) tabsOf(c *fiber.Ctx, id int64) (customerTabs, error) {
	var out customerTabs
	if m.Tabs == nil {
		return out, nil
	}
	p := auth.From(c)
	var open *platform.CustomerTab
	want := c.Query("tab")
	for _, t := range m.Tabs() {
		if !t.Allowed(p) {
			continue
		}
		if open == nil && (want == "" || want == t.Key) {
			open = &t
		}
		out.Links = append(out.Links, tabLink{Key: t.Key, Label: t.Label, Href: "?" + url.Values{"tab": {t.Key}}.Encode() + "#tabs"})
	}
	if open == nil {
		if want != "" {
			return out, problem.NotFound("tab")
		}
		return out, nil
	}
	out.Open = open.Key
	for i := range out.Links {
		out.Links[i].Active = out.Links[i].Key == open.Key
	}
	page, err := open.List(c.UserContext(), id, c.Query("after"))
	if err != nil {
		return out, err
	}
	out.Page = &page
	if page.Next != "" {
		out.Next = url.Values{"tab": {open.Key}, "after": {page.Next}}.Encode()
	}
	return out, nil
}
