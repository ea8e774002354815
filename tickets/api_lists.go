package tickets

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

// ticketCSV streams the ticket list of lf (the queue's and the API's filters, search and
// sort) as CSV, page after page through Service.List.
func (m *Module) ticketCSV(c *fiber.Ctx, lf ListFilter) error {
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	return listq.StreamPages(c, listq.Export[Item]{File: "tickets.csv",
		Header: []string{"Number", "Subject", "Customer", "Category", "Priority", "Status", "Assignee", "Received", "Response due", "Resolution due", "Risk"},
		Row: func(it Item) []string {
			t := it.Ticket
			return []string{t.Number, t.Subject, t.CustomerName, string(t.Category), string(t.Priority), string(t.Status), t.AssigneeName,
				stamp(t.ReceivedAt), stamp(it.SLA.ResponseDueAt), stamp(it.SLA.ResolutionDueAt), string(it.Risk)}
		}}, func(ctx context.Context, after string) ([]Item, string, error) {
		l, err := m.svc.List(ctx, lf, httpx.Page{Limit: listq.ExportBatch, After: after})
		if err != nil || l.Next == nil {
			return l.Items, "", err
		}
		return l.Items, *l.Next, nil
	})
}

// CustomerTabs adds the customer's tickets to the customer page (platform.CustomerTabber).
func (m *Module) CustomerTabs() []platform.CustomerTab {
	return []platform.CustomerTab{{Key: "tickets", Label: web.UI("tickets.ui.tab.title"), Order: 40, Roles: staff, List: m.ticketTab}}
}

func (m *Module) ticketTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	l, err := m.svc.List(ctx, ListFilter{CustomerID: &customerID, Sort: SortNewest}, httpx.Page{Limit: 20, After: after})
	if err != nil {
		return platform.TabPage{}, err
	}
	lang := web.UILang(auth.FromContext(ctx))
	p := platform.TabPage{Columns: []string{web.T(lang, "tickets.ui.field.number"), web.T(lang, "tickets.ui.field.subject"), web.T(lang, "tickets.ui.field.priority"),
		web.T(lang, "tickets.ui.field.status"), web.T(lang, "tickets.ui.ticket.received")}, Empty: web.T(lang, "tickets.ui.tab.none")}
	if l.Next != nil {
		p.Next = *l.Next
	}
	for _, it := range l.Items {
		t := it.Ticket
		p.Rows = append(p.Rows, []platform.TabCell{{Text: t.Number, Href: fmt.Sprintf("/tickets/%d", t.ID)}, {Text: t.Subject},
			{Text: string(t.Priority)}, {Text: string(t.Status), Badge: true}, {Text: web.DateTime(t.ReceivedAt)}})
	}
	return p, nil
}

// queueCSV is the query string of the queue's CSV link: the page's filters and search.
func queueCSV(q map[string]string) string {
	v := url.Values{"format": {"csv"}}
	for k, s := range q {
		v.Set(k, s)
	}
	return v.Encode()
}
