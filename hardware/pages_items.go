package hardware

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

type itemData struct {
	I             itemView
	DeliveryOrder string // the item's delivery named by its order's number
	TitleReason   string
	Defects       []DefectOut
	RMAs          []RMAOut
	Errors        []problem.FieldError
	Portal        bool
	Now           time.Time
	Prefix        string
	More          bool // more than itemPage defects or RMAs: the staff list shows them all, page by page
	// Replaces and ReplacedBy name the items of a replacement by product and serial (issue 13)
	Replaces, ReplacedBy string
}

// itemPage is how many of an item's newest defect reports and RMAs its page shows.
const itemPage = 20

func (m *Module) renderItem(c *fiber.Ctx, itemID int64, fe []problem.FieldError) error {
	ctx, p := c.UserContext(), auth.From(c)
	it, err := m.Service.Item(ctx, itemID)
	if err != nil {
		return err
	}
	lang := web.UILang(p)
	d := itemData{I: viewItem(lang, itemOut(it, m.d.Clock.Now())), DeliveryOrder: it.DeliveryOrder, Errors: fe, Portal: !p.IsStaff(), Now: m.d.Clock.Now(), Prefix: prefix(p)}
	reason, err := m.Service.TitleReason(ctx, it)
	if err != nil {
		return err
	}
	d.TitleReason = titleText(lang, reason)
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
	for _, r := range []struct {
		id   *int64
		name *string
	}{{it.ReplacesItemID, &d.Replaces}, {it.ReplacedByItemID, &d.ReplacedBy}} {
		if r.id == nil {
			continue
		}
		other, err := m.Service.Item(ctx, *r.id)
		if err != nil {
			return err
		}
		*r.name = itemName(other)
	}
	return m.d.Web.Render(c, "hardware/item", itemName(it), d)
}

// itemName is how an item is named to people: its product and serial.
func itemName(it *Item) string {
	name := it.Product.Name
	if it.Serial != nil {
		name += " · " + *it.Serial
	}
	return name
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
	msg := web.UITr(c, "hardware.ui.flash.defect_in_time")
	if !r.InTime {
		msg = web.UITr(c, "hardware.ui.flash.defect_late")
	}
	return web.Redirect(c, fmt.Sprintf("%s/defects/%d", prefix(p), r.ID), msg)
}

type defectData struct {
	R         DefectOut
	Item      itemView
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
	dd := defectData{R: defectOut(r, files), Item: viewItem(web.UILang(p), itemOut(it, m.d.Clock.Now())), Portal: !p.IsStaff(), Prefix: prefix(p), Now: m.d.Clock.Now()}
	if r.TicketID != nil {
		dd.TicketURL = fmt.Sprintf("/tickets/%d", *r.TicketID)
		if dd.Portal {
			dd.TicketURL = "/portal" + dd.TicketURL
		}
	}
	return m.d.Web.Render(c, "hardware/defect", web.UITr(c, "hardware.ui.defect.heading", "Date", web.TDateTime(web.UILang(p), r.ReportedAt)), dd)
}

func (m *Module) defectPage(c *fiber.Ctx) error   { return m.renderDefect(c) }
func (m *Module) portalDefect(c *fiber.Ctx) error { return m.renderDefect(c) }

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
		return web.Redirect(c, fmt.Sprintf("/portal/hardware/items/%d", itemID), web.UITr(c, "hardware.ui.flash.rma_portal"))
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/rmas/%d", r.ID), web.UITr(c, "hardware.ui.flash.rma_requested"))
}

type rmaData struct {
	R          RMAOut
	Item       itemView
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
	return m.d.Web.Render(c, "hardware/rma", web.UITr(c, "hardware.ui.rma.heading", "Number", r.ID, "Date", web.TDateTime(web.UILang(auth.From(c)), r.CreatedAt)), rmaData{R: rmaOut(r), Item: viewItem(web.UILang(auth.From(c)), itemOut(it, m.d.Clock.Now())), Errors: fe, Exclusions: Exclusions})
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
	return web.Redirect(c, fmt.Sprintf("/hardware/rmas/%d", rid), web.UITr(c, "hardware.ui.flash.rma_step", "Step", web.UITr(c, "hardware.ui.rma.step."+step)))
}
