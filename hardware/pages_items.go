package hardware

import (
	"fmt"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

type itemsData struct {
	Items        []ItemOut
	Portal       bool
	Repossession bool
	Title        string
	Serial       string
	Now          time.Time
}

func (m *Module) renderItems(c *fiber.Ctx, page, title string, f ItemFilter, portal bool) error {
	items, err := m.Service.Items(c.UserContext(), f)
	if err != nil {
		return err
	}
	now := m.d.Clock.Now()
	out := []ItemOut{}
	for _, it := range items {
		out = append(out, itemOut(it, now))
	}
	return m.d.Web.Render(c, "hardware/"+page, title, itemsData{Items: out, Portal: portal, Repossession: f.Repossession, Title: f.Title, Serial: f.Serial, Now: now})
}

func (m *Module) itemsPage(c *fiber.Ctx) error {
	return m.renderItems(c, "items", "Hardware items", ItemFilter{Title: c.Query("title"), Serial: c.Query("serial"), CustomerID: qInt(c, "customer_id")}, false)
}

func (m *Module) repossessionPage(c *fiber.Ctx) error {
	return m.renderItems(c, "items", "Repossession possible", ItemFilter{Repossession: true}, false)
}

func (m *Module) portalItems(c *fiber.Ctx) error {
	return m.renderItems(c, "items", "My hardware", ItemFilter{}, true)
}

func (m *Module) difficultiesPost(c *fiber.Ctx) error {
	var cid int64
	if _, err := fmt.Sscan(c.FormValue("customer"), &cid); err != nil || cid <= 0 {
		return problem.Invalid("customer", "give the customer number")
	}
	n, err := m.Service.MarkPaymentDifficulties(c.UserContext(), cid)
	if err != nil {
		return err
	}
	return web.Redirect(c, "/hardware/repossession", fmt.Sprintf("%d items flagged: repossession possible (HW-4).", n))
}

type itemData struct {
	I           ItemOut
	TitleReason string
	Defects     []DefectOut
	RMAs        []RMAOut
	Errors      []problem.FieldError
	Portal      bool
	Now         time.Time
	Prefix      string
	More        bool // more than itemPage defects or RMAs: the staff list shows them all, page by page
}

// itemPage is how many of an item's newest defect reports and RMAs its page shows.
const itemPage = 20

func (m *Module) renderItem(c *fiber.Ctx, itemID int64, fe []problem.FieldError) error {
	ctx, p := c.UserContext(), auth.From(c)
	it, err := m.Service.Item(ctx, itemID)
	if err != nil {
		return err
	}
	d := itemData{I: itemOut(it, m.d.Clock.Now()), Errors: fe, Portal: !p.IsStaff(), Now: m.d.Clock.Now(), Prefix: prefix(p)}
	if d.TitleReason, err = m.Service.TitleReason(ctx, it); err != nil {
		return err
	}
	rs, err := m.Service.Defects(ctx, PageFilter{ItemID: it.ID, Limit: itemPage + 1})
	if err != nil {
		return err
	}
	for i := range rs[:min(len(rs), itemPage)] {
		d.Defects = append(d.Defects, defectOut(&rs[i], nil))
	}
	rmas, err := m.Service.RMAs(ctx, PageFilter{ItemID: it.ID, Limit: itemPage + 1})
	if err != nil {
		return err
	}
	for i := range rmas[:min(len(rmas), itemPage)] {
		d.RMAs = append(d.RMAs, rmaOut(&rmas[i]))
	}
	d.More = len(rs) > itemPage || len(rmas) > itemPage
	name := it.Product.Name
	if it.Serial != nil {
		name += " · " + *it.Serial
	}
	return m.d.Web.Render(c, "hardware/item", name, d)
}

func (m *Module) itemPage(c *fiber.Ctx) error {
	iid, err := id(c, "id", "item")
	if err != nil {
		return err
	}
	return m.renderItem(c, iid, nil)
}

func (m *Module) portalItem(c *fiber.Ctx) error { return m.itemPage(c) }

// defectPost is the report form of the item page (portal and staff), with photos.
func (m *Module) defectPost(c *fiber.Ctx) error {
	p := auth.From(c)
	var itemID int64
	fmt.Sscan(c.FormValue("item_id"), &itemID)
	var f problem.Fields
	in := DefectIn{ItemID: itemID, Kind: c.FormValue("kind"), Description: c.FormValue("description"), DiscoveredAt: formTime(c, "discovered_at", &f)}
	if in.Kind == Visible {
		in.DiscoveredAt = nil
	}
	if p.IsStaff() {
		in.ReportedAt = formTime(c, "reported_at", &f)
	}
	files, err := uploads.FromForm(c, "files", false)
	if err == nil {
		err = f.Err()
	}
	var r *DefectReport
	if err == nil {
		r, err = m.Service.ReportDefect(c.UserContext(), in, files)
	}
	if err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderItem(c, itemID, fe) })
	}
	msg := "Defect reported in time (HW-5)."
	if !r.InTime {
		msg = "Defect recorded, but reported too late: claims about it are lost (HW-5)."
	}
	return web.Redirect(c, fmt.Sprintf("%s/defects/%d", prefix(p), r.ID), msg)
}

type defectData struct {
	R         DefectOut
	Item      ItemOut
	Portal    bool
	Prefix    string
	Now       time.Time
	TicketURL string
}

func (m *Module) renderDefect(c *fiber.Ctx) error {
	ctx, p := c.UserContext(), auth.From(c)
	rid, err := id(c, "id", "defect report")
	if err != nil {
		return err
	}
	r, err := m.Service.Defect(ctx, rid)
	if err != nil {
		return err
	}
	files, err := m.Service.Attachments(ctx, rid)
	if err != nil {
		return err
	}
	it, err := m.Service.Item(ctx, r.ItemID)
	if err != nil {
		return err
	}
	dd := defectData{R: defectOut(r, files), Item: itemOut(it, m.d.Clock.Now()), Portal: !p.IsStaff(), Prefix: prefix(p), Now: m.d.Clock.Now()}
	if r.TicketID != nil {
		dd.TicketURL = fmt.Sprintf("/tickets/%d", *r.TicketID)
		if dd.Portal {
			dd.TicketURL = "/portal" + dd.TicketURL
		}
	}
	return m.d.Web.Render(c, "hardware/defect", fmt.Sprintf("Defect report %d", r.ID), dd)
}

func (m *Module) defectPage(c *fiber.Ctx) error   { return m.renderDefect(c) }
func (m *Module) portalDefect(c *fiber.Ctx) error { return m.renderDefect(c) }

type defectsData struct {
	Defects    []DefectOut
	RMAs       []RMAOut
	Now        time.Time
	ItemID     int64
	NextDefect string // query string of the next page of defect reports ("" on the last)
	NextRMA    string // query string of the next page of RMAs
}

// defectsPage lists defect reports and RMAs newest first, 50 of each a page; each list
// has its own cursor (?defects_after, ?rmas_after) and keeps the other's place.
func (m *Module) defectsPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	const n = 50
	d := defectsData{Now: m.d.Clock.Now(), ItemID: qInt(c, "item_id")}
	cursor := func(name string) (int64, error) {
		var cur idCursor
		_, err := httpx.Page{After: c.Query(name)}.Cursor(&cur)
		return cur.ID, err
	}
	da, err := cursor("defects_after")
	if err != nil {
		return err
	}
	ra, err := cursor("rmas_after")
	if err != nil {
		return err
	}
	rs, err := m.Service.Defects(ctx, PageFilter{ItemID: d.ItemID, Before: da, Limit: n + 1})
	if err != nil {
		return err
	}
	rmas, err := m.Service.RMAs(ctx, PageFilter{ItemID: d.ItemID, Before: ra, Limit: n + 1})
	if err != nil {
		return err
	}
	next := func(name string, id int64) string {
		v := url.Values{}
		for _, k := range []string{"item_id", "defects_after", "rmas_after"} {
			if s := c.Query(k); s != "" {
				v.Set(k, s)
			}
		}
		v.Set(name, *httpx.EncodeCursor(idCursor{id}))
		return v.Encode()
	}
	for i := range rs[:min(len(rs), n)] {
		d.Defects = append(d.Defects, defectOut(&rs[i], nil))
	}
	if len(rs) > n {
		d.NextDefect = next("defects_after", rs[n-1].ID)
	}
	for i := range rmas[:min(len(rmas), n)] {
		d.RMAs = append(d.RMAs, rmaOut(&rmas[i]))
	}
	if len(rmas) > n {
		d.NextRMA = next("rmas_after", rmas[n-1].ID)
	}
	return m.d.Web.Render(c, "hardware/defects", "Defect reports and RMAs", d)
}

func (m *Module) rmaPost(c *fiber.Ctx) error {
	p := auth.From(c)
	var itemID int64
	fmt.Sscan(c.FormValue("item_id"), &itemID)
	in := RMAIn{ItemID: itemID, Reason: c.FormValue("reason")}
	if p.IsStaff() {
		var cid int64
		fmt.Sscan(c.FormValue("customer_id"), &cid)
		in.CustomerID = &cid
	}
	r, err := m.Service.RequestRMA(c.UserContext(), in)
	if err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderItem(c, itemID, fe) })
	}
	if !p.IsStaff() {
		return web.Redirect(c, fmt.Sprintf("/portal/hardware/items/%d", itemID), "Return requested. Do not send anything back before we approve it in writing (HW-6).")
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/rmas/%d", r.ID), "RMA requested.")
}

type rmaData struct {
	R          RMAOut
	Item       ItemOut
	Errors     []problem.FieldError
	Exclusions []string
}

func (m *Module) renderRMA(c *fiber.Ctx, fe []problem.FieldError) error {
	ctx := c.UserContext()
	rid, err := id(c, "id", "rma")
	if err != nil {
		return err
	}
	r, err := m.Service.RMAOf(ctx, rid)
	if err != nil {
		return err
	}
	it, err := m.Service.Item(ctx, r.ItemID)
	if err != nil {
		return err
	}
	return m.d.Web.Render(c, "hardware/rma", fmt.Sprintf("RMA %d", r.ID), rmaData{R: rmaOut(r), Item: itemOut(it, m.d.Clock.Now()), Errors: fe, Exclusions: Exclusions})
}

func (m *Module) rmaPage(c *fiber.Ctx) error { return m.renderRMA(c, nil) }

func (m *Module) rmaStepPost(c *fiber.Ctx) error {
	rid, err := id(c, "id", "rma")
	if err != nil {
		return err
	}
	step := c.Params("step")
	if _, ok := rmaSummaries[step]; !ok {
		return problem.NotFound("rma step")
	}
	in := RMAStepIn{Instructions: c.FormValue("instructions"), Reason: c.FormValue("reason"), Notes: c.FormValue("notes"),
		Remedy: c.FormValue("remedy"), Exclusion: c.FormValue("exclusion"), ReplacementSerial: c.FormValue("replacement_serial")}
	if v := c.FormValue("condition_ok"); v != "" {
		ok := v == "yes"
		in.ConditionOK = &ok
	}
	if _, err := m.Service.StepRMA(c.UserContext(), rid, step, in); err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderRMA(c, fe) })
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/rmas/%d", rid), "RMA: "+step+" recorded.")
}
