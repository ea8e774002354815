package hardware

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/db"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

// qInt reads an id of a page's own links and filter forms (0: none or not a number, the
// unfiltered page); the JSON API reads its filters with httpx.QueryID, which refuses one.
func qInt(c *fiber.Ctx, name string) int64 {
	v, _ := strconv.ParseInt(c.Query(name), 10, 64)
	return v
}

func (m *Module) createDelivery(c *fiber.Ctx) error {
	var in DeliveryIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	d, err := m.Service.CreateDelivery(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(deliveryOut(d, nil, m.d.Clock.Now()))
}

// idCursor is the cursor of the id-ordered lists.
type idCursor struct {
	ID int64 `json:"i"`
}

func (m *Module) listDeliveries(c *fiber.Ctx) error {
	var fe problem.Fields
	orderID, customerID := httpx.QueryID(c, "order_id", &fe), httpx.QueryID(c, "customer_id", &fe)
	page, err := httpx.PageWith(c, fe)
	if err != nil {
		return err
	}
	var cur idCursor
	if _, err := page.Cursor(&cur); err != nil {
		return err
	}
	ds, err := m.Service.Deliveries(c.UserContext(), DeliveryFilter{OrderID: orderID, CustomerID: customerID,
		Status: c.Query("status"), Before: cur.ID, Limit: page.Fetch()})
	if err != nil {
		return err
	}
	if err := m.Service.LinesOf(c.UserContext(), ds); err != nil {
		return err
	}
	out := make([]DeliveryOut, 0, len(ds))
	for i := range ds {
		out = append(out, deliveryOut(&ds[i], nil, m.d.Clock.Now()))
	}
	return httpx.Send(c, httpx.Paginate(out, page, func(d DeliveryOut) any { return idCursor{d.ID} }))
}

func (m *Module) getDelivery(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	d, items, err := m.Service.DeliveryOf(c.UserContext(), did)
	if err != nil {
		return err
	}
	return c.JSON(deliveryOut(d, items, m.d.Clock.Now()))
}

func (m *Module) deliver(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	var in DeliverIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if _, err := m.Service.Deliver(c.UserContext(), did, in); err != nil {
		return err
	}
	return m.getDelivery(c)
}

func (m *Module) refuse(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	var in RefuseIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if _, err := m.Service.Refuse(c.UserContext(), did, in); err != nil {
		return err
	}
	return m.getDelivery(c)
}

func (m *Module) terminate(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	var in TerminateIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if _, err := m.Service.Terminate(c.UserContext(), did, in); err != nil {
		return err
	}
	return m.getDelivery(c)
}

func (m *Module) listItems(c *fiber.Ctx) error {
	var fe problem.Fields
	customerID, repossession := httpx.QueryID(c, "customer_id", &fe), httpx.QueryFlag(c, "repossession_possible", &fe)
	page, err := httpx.PageWith(c, fe)
	if err != nil {
		return err
	}
	var cur idCursor
	if _, err := page.Cursor(&cur); err != nil {
		return err
	}
	f := ItemFilter{CustomerID: customerID, Title: c.Query("title"), Serial: c.Query("serial"), Repossession: repossession,
		After: cur.ID, Limit: page.Fetch()}
	items, err := m.Service.Items(c.UserContext(), f)
	if err != nil {
		return err
	}
	out := make([]ItemOut, 0, len(items))
	for _, it := range items {
		out = append(out, itemOut(it, m.d.Clock.Now()))
	}
	return httpx.Send(c, httpx.Paginate(out, page, func(i ItemOut) any { return idCursor{i.ID} }))
}

func (m *Module) getItem(c *fiber.Ctx) error {
	iid, err := id(c, "id", "item")
	if err != nil {
		return err
	}
	it, err := m.Service.Item(c.UserContext(), iid)
	if err != nil {
		return err
	}
	out := itemOut(it, m.d.Clock.Now())
	if out.TitleReason, err = m.Service.TitleReason(c.UserContext(), it); err != nil {
		return err
	}
	return c.JSON(out)
}

func (m *Module) paymentDifficulties(c *fiber.Ctx) error {
	cid, err := id(c, "id", "customer")
	if err != nil {
		return err
	}
	n, err := m.Service.MarkPaymentDifficulties(c.UserContext(), cid)
	if err != nil {
		return err
	}
	return c.JSON(map[string]int{"items_flagged": n})
}

func (m *Module) reportDefect(c *fiber.Ctx) error {
	var in DefectIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	r, err := m.Service.ReportDefect(c.UserContext(), in, nil)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(defectOut(r, nil))
}

// pageFilter reads ?item_id, ?limit and the ?after cursor of the defect and RMA lists.
func pageFilter(c *fiber.Ctx) (PageFilter, httpx.Page, error) {
	var fe problem.Fields
	itemID := httpx.QueryID(c, "item_id", &fe)
	page, err := httpx.PageWith(c, fe)
	if err != nil {
		return PageFilter{}, page, err
	}
	var cur idCursor
	if _, err := page.Cursor(&cur); err != nil {
		return PageFilter{}, page, err
	}
	return PageFilter{ItemID: itemID, Before: cur.ID, Limit: page.Fetch()}, page, nil
}

// the defect report and RMA lists' pages, reused (nothing of them outlives the answer)
var (
	defectRows db.RowPool[DefectReport]
	defectOuts db.RowPool[DefectOut]
	rmaRows    db.RowPool[RMA]
	rmaOuts    db.RowPool[RMAOut]
)

func (m *Module) listDefects(c *fiber.Ctx) error {
	f, page, err := pageFilter(c)
	if err != nil {
		return err
	}
	rs, out := defectRows.Get(), defectOuts.Get()
	defer defectRows.Put(rs)
	defer defectOuts.Put(out)
	if err := m.Service.DefectsInto(c.UserContext(), f, rs); err != nil {
		return err
	}
	for i := range *rs {
		*out = append(*out, defectOut(&(*rs)[i], nil))
	}
	return httpx.Send(c, httpx.Paginate(*out, page, func(d DefectOut) any { return idCursor{d.ID} }))
}

func (m *Module) getDefect(c *fiber.Ctx) error {
	rid, err := id(c, "id", "defect report")
	if err != nil {
		return err
	}
	r, err := m.Service.Defect(c.UserContext(), rid)
	if err != nil {
		return err
	}
	files, err := m.Service.Attachments(c.UserContext(), rid)
	if err != nil {
		return err
	}
	return c.JSON(defectOut(r, files))
}

func (m *Module) attach(c *fiber.Ctx) error {
	rid, err := id(c, "id", "defect report")
	if err != nil {
		return err
	}
	if _, err := m.Service.Defect(c.UserContext(), rid); err != nil {
		return err
	}
	files, err := uploads.FromForm(c, "files", true)
	if err != nil {
		return err
	}
	out, err := m.Service.Attach(c.UserContext(), rid, files)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(out)
}

func (m *Module) attachment(c *fiber.Ctx) error {
	rid, err := id(c, "id", "defect report")
	if err != nil {
		return err
	}
	fid, err := id(c, "file", "attachment")
	if err != nil {
		return err
	}
	u, err := m.Service.Attachment(c.UserContext(), rid, fid)
	if err != nil {
		return err
	}
	return uploads.Serve(c, u)
}

func (m *Module) requestRMA(c *fiber.Ctx) error {
	var in RMAIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	r, err := m.Service.RequestRMA(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(rmaOut(r))
}

func (m *Module) listRMAs(c *fiber.Ctx) error {
	f, page, err := pageFilter(c)
	if err != nil {
		return err
	}
	rs, out := rmaRows.Get(), rmaOuts.Get()
	defer rmaRows.Put(rs)
	defer rmaOuts.Put(out)
	if err := m.Service.RMAsInto(c.UserContext(), f, rs); err != nil {
		return err
	}
	for i := range *rs {
		*out = append(*out, rmaOut(&(*rs)[i]))
	}
	return httpx.Send(c, httpx.Paginate(*out, page, func(r RMAOut) any { return idCursor{r.ID} }))
}

func (m *Module) getRMA(c *fiber.Ctx) error {
	rid, err := id(c, "id", "rma")
	if err != nil {
		return err
	}
	r, err := m.Service.RMAOf(c.UserContext(), rid)
	if err != nil {
		return err
	}
	return c.JSON(rmaOut(r))
}

func (m *Module) rmaStep(step string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		rid, err := id(c, "id", "rma")
		if err != nil {
			return err
		}
		var in RMAStepIn
		if err := httpx.Bind(c, &in); err != nil {
			return err
		}
		r, err := m.Service.StepRMA(c.UserContext(), rid, step, in)
		if err != nil {
			return err
		}
		return c.JSON(rmaOut(r))
	}
}
