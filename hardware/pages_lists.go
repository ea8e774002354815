package hardware

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/listq"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// The delivery, item, defect report and RMA lists: cursor-paginated, sortable by the
// headers, and exported as CSV (?format=csv) through the very query the page runs.

var (
	deliveryStatuses = []string{Planned, Delivered, Stored, Terminated}
	rmaStatuses      = []string{RMARequested, RMAApproved, RMARejected, RMAReceived, RMAResolved}
)

// keep are the page's filters for its links (sort headers, next page, CSV).
func keep(c *fiber.Ctx, names ...string) url.Values {
	v := url.Values{}
	for _, n := range names {
		if s := c.Query(n); s != "" {
			v.Set(n, s)
		}
	}
	return v
}

func oneOf(field, v string, allowed []string) error {
	if v != "" && !slices.Contains(allowed, v) {
		return problem.Invalid(field, "must be one of the offered values")
	}
	return nil
}

// headers are the CSV column names in the reader's language.
func headers(c *fiber.Ctx, ids ...string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = web.UITr(c, id)
	}
	return out
}

func stamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

type deliveriesData struct {
	Deliveries []DeliveryOut
	Status     string
	Statuses   []string
	CustomerID int64
	List       listq.View
}

func (m *Module) deliveriesPage(c *fiber.Ctx) error {
	f := DeliveryFilter{Status: c.Query("status"), OrderID: qInt(c, "order_id"), CustomerID: qInt(c, "customer_id")}
	if err := oneOf("status", f.Status, deliveryStatuses); err != nil {
		return err
	}
	lq, err := deliveryList.Parse(c)
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, lq listq.Query) ([]Delivery, error) {
		g := f
		g.List = &lq
		return m.Service.Deliveries(ctx, g)
	}
	now := m.d.Clock.Now()
	if listq.WantsCSV(c) {
		return deliveryList.Stream(c, lq, listq.Export[Delivery]{File: "deliveries.csv",
			Header: headers(c, "hardware.ui.deliveries.number", "hardware.ui.deliveries.order", "hardware.ui.deliveries.status", "hardware.ui.deliveries.planned",
				"hardware.ui.new.street", "hardware.ui.new.postal_code", "hardware.ui.new.city", "hardware.ui.new.country", "hardware.ui.deliveries.delivered",
				"hardware.ui.deliveries.received_by", "hardware.ui.deliveries.storage_weeks"),
			Row: func(d Delivery) []string {
				o := deliveryOut(&d, nil, now)
				return []string{idKey(o.ID), idKey(o.OrderID), o.Status, o.PlannedOn.String(), o.Address.Street, o.Address.PostalCode, o.Address.City,
					o.Address.Country, stamp(o.DeliveredAt), deref(o.ReceivedBy), strconv.Itoa(o.StorageWeeks)}
			}}, fetch)
	}
	ds, err := fetch(c.UserContext(), lq)
	if err != nil {
		return err
	}
	ds, next := deliveryList.Trim(ds, lq)
	d := deliveriesData{Status: f.Status, Statuses: deliveryStatuses, CustomerID: f.CustomerID,
		List: deliveryList.View("/hardware/deliveries", keep(c, "status", "order_id", "customer_id"), lq, next)}
	for i := range ds {
		d.Deliveries = append(d.Deliveries, deliveryOut(&ds[i], nil, now))
	}
	return m.d.Web.Render(c, "hardware/deliveries", web.UITr(c, "hardware.ui.page.deliveries"), d)
}

type itemsData struct {
	Items        []itemView
	Portal       bool
	Repossession bool
	Title        string
	Serial       string
	CustomerID   int64
	Now          time.Time
	List         listq.View
	Customers    []accounts.Option // the repossession form's picker
}

func (m *Module) renderItems(c *fiber.Ctx, path, titleID string, f ItemFilter, portal bool) error {
	if err := oneOf("title", f.Title, []string{Retained, Transferred}); err != nil {
		return err
	}
	lq, err := itemList.Parse(c)
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, lq listq.Query) ([]*Item, error) {
		g := f
		g.List = &lq
		return m.Service.Items(ctx, g)
	}
	now, lang := m.d.Clock.Now(), web.UILang(auth.From(c))
	if listq.WantsCSV(c) {
		return itemList.Stream(c, lq, listq.Export[*Item]{File: "hardware-items.csv",
			Header: headers(c, "hardware.ui.csv.item", "hardware.ui.delivery.sku", "hardware.ui.delivery.product", "hardware.ui.items.serial", "hardware.ui.delivery.qty",
				"hardware.ui.items.customer", "hardware.ui.items.delivered", "hardware.ui.items.title", "hardware.ui.csv.transferred_on",
				"hardware.ui.items.visible_until", "hardware.ui.csv.warranty_until", "hardware.ui.items.warranty"),
			Row: func(it *Item) []string {
				o := itemOut(it, now)
				return []string{idKey(o.ID), o.Product.SKU, o.Product.Manufacturer + " " + o.Product.Name, deref(o.Serial), o.Quantity.String(), o.CustomerName,
					stamp(&o.DeliveredAt), o.Title, dateOrEmpty(o.TitleTransferredAt), stamp(&o.VisibleDefectsUntil), dateOrEmpty(o.WarrantyUntil), warrantyText(lang, o)}
			}}, fetch)
	}
	items, err := fetch(c.UserContext(), lq)
	if err != nil {
		return err
	}
	items, next := itemList.Trim(items, lq)
	d := itemsData{Portal: portal, Repossession: f.Repossession, Title: f.Title, Serial: f.Serial, CustomerID: f.CustomerID, Now: now,
		List: itemList.View(path, keep(c, "title", "serial", "customer_id"), lq, next)}
	for _, it := range items {
		d.Items = append(d.Items, viewItem(lang, itemOut(it, now)))
	}
	if f.Repossession {
		if d.Customers, err = m.Service.CustomerOptions(c.UserContext()); err != nil {
			return err
		}
	}
	return m.d.Web.Render(c, "hardware/items", web.UITr(c, titleID), d)
}

func (m *Module) itemsPage(c *fiber.Ctx) error {
	return m.renderItems(c, "/hardware/items", "hardware.ui.page.items", ItemFilter{Title: c.Query("title"), Serial: c.Query("serial"), CustomerID: qInt(c, "customer_id")}, false)
}

func (m *Module) repossessionPage(c *fiber.Ctx) error {
	return m.renderItems(c, "/hardware/repossession", "hardware.ui.page.repossession", ItemFilter{Repossession: true}, false)
}

func (m *Module) portalItems(c *fiber.Ctx) error {
	return m.renderItems(c, "/portal/hardware", "hardware.ui.page.my_hardware", ItemFilter{Title: c.Query("title"), Serial: c.Query("serial")}, true)
}

// difficultiesPost flags the retained items of the customer picked in the form (HW-4).
func (m *Module) difficultiesPost(c *fiber.Ctx) error {
	cid, err := strconv.ParseInt(c.FormValue("customer"), 10, 64)
	if err != nil || cid <= 0 {
		return problem.Invalid("customer", web.UITr(c, "hardware.ui.repossession.pick_error"))
	}
	n, err := m.Service.MarkPaymentDifficulties(c.UserContext(), cid)
	if err != nil {
		return err
	}
	return web.Redirect(c, "/hardware/repossession", web.UITr(c, "hardware.ui.flash.flagged", "N", n))
}

type defectsData struct {
	Defects []DefectOut
	Names   map[int64]string
	ItemID  int64
	List    listq.View
}

func (m *Module) defectsPage(c *fiber.Ctx) error {
	f := PageFilter{ItemID: qInt(c, "item_id")}
	lq, err := defectList.Parse(c)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	fetch := func(ctx context.Context, lq listq.Query) ([]DefectReport, error) {
		g := f
		g.List = &lq
		rs, err := m.Service.Defects(ctx, g)
		return named(ctx, m, &names, rs, err, func(r DefectReport) int64 { return r.CustomerID })
	}
	if listq.WantsCSV(c) {
		return defectList.Stream(c, lq, listq.Export[DefectReport]{File: "defect-reports.csv",
			Header: headers(c, "hardware.ui.csv.report", "hardware.ui.defect.item", "hardware.ui.items.customer", "hardware.ui.defect.kind", "hardware.ui.defect.reported",
				"hardware.ui.defect.deadline", "hardware.ui.verdict.in_time", "hardware.ui.defect.ticket", "hardware.ui.defect.description"),
			Row: func(r DefectReport) []string {
				return []string{idKey(r.ID), idKey(r.ItemID), names[r.CustomerID], r.Kind, stamp(&r.ReportedAt), stamp(&r.Deadline),
					strconv.FormatBool(r.InTime), deref(r.TicketNumber), r.Description}
			}}, fetch)
	}
	rs, err := fetch(c.UserContext(), lq)
	if err != nil {
		return err
	}
	rs, next := defectList.Trim(rs, lq)
	d := defectsData{Names: names, ItemID: f.ItemID, List: defectList.View("/hardware/defects", keep(c, "item_id"), lq, next)}
	for i := range rs {
		d.Defects = append(d.Defects, defectOut(&rs[i], nil))
	}
	return m.d.Web.Render(c, "hardware/defects", web.UITr(c, "hardware.ui.page.defects"), d)
}

type rmasData struct {
	RMAs     []RMAOut
	Names    map[int64]string
	ItemID   int64
	Status   string
	Statuses []string
	List     listq.View
}

func (m *Module) rmasPage(c *fiber.Ctx) error {
	f := PageFilter{ItemID: qInt(c, "item_id"), Status: c.Query("status")}
	if err := oneOf("status", f.Status, rmaStatuses); err != nil {
		return err
	}
	lq, err := rmaList.Parse(c)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	fetch := func(ctx context.Context, lq listq.Query) ([]RMA, error) {
		g := f
		g.List = &lq
		rs, err := m.Service.RMAs(ctx, g)
		return named(ctx, m, &names, rs, err, func(r RMA) int64 { return r.CustomerID })
	}
	if listq.WantsCSV(c) {
		return rmaList.Stream(c, lq, listq.Export[RMA]{File: "rmas.csv",
			Header: headers(c, "hardware.ui.csv.rma", "hardware.ui.defect.item", "hardware.ui.items.customer", "hardware.ui.deliveries.status", "hardware.ui.rma.reason",
				"hardware.ui.rmas.requested", "hardware.ui.rma.remedy"),
			Row: func(r RMA) []string {
				return []string{idKey(r.ID), idKey(r.ItemID), names[r.CustomerID], r.Status, r.Reason, stamp(&r.CreatedAt), deref(r.Remedy)}
			}}, fetch)
	}
	rs, err := fetch(c.UserContext(), lq)
	if err != nil {
		return err
	}
	rs, next := rmaList.Trim(rs, lq)
	d := rmasData{Names: names, ItemID: f.ItemID, Status: f.Status, Statuses: rmaStatuses, List: rmaList.View("/hardware/rmas", keep(c, "item_id", "status"), lq, next)}
	for i := range rs {
		d.RMAs = append(d.RMAs, rmaOut(&rs[i]))
	}
	return m.d.Web.Render(c, "hardware/rmas", web.UITr(c, "hardware.ui.page.rmas"), d)
}

// named reads the customer names of a page of rows into *names (the CSV rows and the
// page read them from there), passing the rows and their error through.
func named[T any](ctx context.Context, m *Module, names *map[int64]string, rows []T, err error, customer func(T) int64) ([]T, error) {
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = customer(r)
	}
	*names, err = m.Service.CustomerNames(ctx, ids)
	return rows, err
}

// CustomerTabs adds the customer's deliveries to the customer page (platform.CustomerTabber),
// newest first through the delivery list's own query, for the staff who see deliveries.
func (m *Module) CustomerTabs() []platform.CustomerTab {
	return []platform.CustomerTab{{Key: "deliveries", Label: web.UI("hardware.ui.page.deliveries"), Order: 60, Roles: staff, List: m.deliveryTab}}
}

func (m *Module) deliveryTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	lq, err := deliveryList.ParseQuery(url.Values{"after": {after}, "limit": {"20"}}.Encode())
	if err != nil {
		return platform.TabPage{}, err
	}
	ds, err := m.Service.Deliveries(ctx, DeliveryFilter{CustomerID: customerID, List: &lq})
	if err != nil {
		return platform.TabPage{}, err
	}
	ds, next := deliveryList.Trim(ds, lq)
	p := platform.TabPage{Columns: []string{web.UI("hardware.ui.deliveries.number"), web.UI("hardware.ui.deliveries.order"), web.UI("hardware.ui.deliveries.status"),
		web.UI("hardware.ui.deliveries.planned"), web.UI("hardware.ui.deliveries.delivered"), web.UI("hardware.ui.deliveries.received_by")}, Next: next,
		Empty: web.UI("hardware.ui.deliveries.none")}
	for _, d := range ds {
		delivered := ""
		if d.DeliveredAt != nil {
			delivered = web.DateTime(*d.DeliveredAt)
		}
		p.Rows = append(p.Rows, []platform.TabCell{{Text: web.UI("hardware.ui.delivery.heading", "Order", d.orderName(), "Date", web.Date(d.PlannedOn)), Href: fmt.Sprintf("/hardware/deliveries/%d", d.ID)},
			{Text: d.orderName(), Href: fmt.Sprintf("/orders/%d", d.OrderID)}, {Text: d.Status, Badge: true}, {Text: web.Date(d.PlannedOn)}, {Text: delivered}, {Text: deref(d.ReceivedBy)}})
	}
	return p, nil
}
