package secondment

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

type approvalsData struct {
	Entries    []HourEntry
	Week       civil.Date
	Prev, Next civil.Date
	AllWeek    bool
	CSV        string // the link of the CSV of exactly these entries
	NextPage   string // the query string of the next page ("" on the last)
	SortWhen   sortLink
}

// sortLink is a sortable column header: the link that switches the sort (filters kept),
// its aria-sort state and arrow.
type sortLink struct {
	Href        string
	Aria, Arrow string
}

// approvalsPageSize is the approval queue's page: a week of a team fits on one.
const approvalsPageSize = 200

func (m *Module) approvalsPage(c *fiber.Ctx) error {
	st := StatusSubmitted
	f := EntryFilter{Status: &st}
	d := approvalsData{}
	var fe problem.Fields
	f.Desc = dirQuery(c, &fe)
	if err := fe.Err(); err != nil {
		return err
	}
	keep := url.Values{}
	if c.Query("week") != "" {
		week, from, to := m.weekParam(c)
		f.From, f.To, d.Week, d.Prev, d.Next, d.AllWeek = &from, &to, week, week.AddDays(-7), week.AddDays(7), true
		keep.Set("week", week.String())
	}
	if listq.WantsCSV(c) {
		return m.svc.entryCSV(c, f)
	}
	page := httpx.Page{Limit: approvalsPageSize, After: c.Query("after")}
	var cur EntryCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return err
	} else if ok {
		f.After = &cur
	}
	f.Limit = page.Fetch()
	es, err := m.svc.Entries(c.UserContext(), f)
	if err != nil {
		return err
	}
	d.Entries = es
	if len(es) > page.Limit {
		d.Entries = es[:page.Limit]
		last := d.Entries[page.Limit-1]
		n := url.Values{"after": {*httpx.EncodeCursor(EntryCursor{StartedAt: last.StartedAt, ID: last.ID})}}
		for k := range keep {
			n.Set(k, keep.Get(k))
		}
		if f.Desc {
			n.Set("dir", "desc")
		}
		d.NextPage = n.Encode()
	}
	d.SortWhen = sortLink{Href: "?" + keep.Encode() + "&dir=desc", Aria: "ascending", Arrow: "↑"}
	if f.Desc {
		d.SortWhen = sortLink{Href: "?" + keep.Encode(), Aria: "descending", Arrow: "↓"}
		keep.Set("dir", "desc")
	}
	keep.Set("format", "csv")
	d.CSV = "?" + keep.Encode()
	return m.web.Render(c, "secondment/approvals", web.Tr(c, "secondment.ui.approvals.title"), d)
}

func (m *Module) bulkApproveForm(c *fiber.Ctx) error {
	args := c.Request().PostArgs().PeekMulti("ids")
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		if id, err := strconv.ParseInt(string(a), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	back := "/secondment/approvals"
	if w := c.FormValue("week"); w != "" {
		back += "?week=" + url.QueryEscape(w)
	}
	if len(ids) == 0 {
		return web.Redirect(c, back, web.Tr(c, "secondment.ui.flash.select"))
	}
	es, err := m.svc.ApproveAll(c.UserContext(), ids)
	if err != nil {
		if msg, ok := userMessage(c, err); ok {
			return web.Redirect(c, back, web.Tr(c, "secondment.ui.flash.not_approved", "Reason", msg))
		}
		return err
	}
	return web.Redirect(c, back, web.Tr(c, "secondment.ui.flash.approved", "Count", len(es)))
}

func (m *Module) rejectForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return web.NotConfirmed(c, "/secondment/approvals")
	}
	if _, err := m.svc.Reject(c.UserContext(), id, c.FormValue("reason")); err != nil {
		if msg, ok := userMessage(c, err); ok {
			return web.Redirect(c, "/secondment/approvals", web.Tr(c, "secondment.ui.flash.not_rejected", "Reason", msg))
		}
		return err
	}
	return web.Redirect(c, "/secondment/approvals", web.Tr(c, "secondment.ui.flash.rejected"))
}
