package hardware

import (
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Pages registers the admin UI and the portal pages.
func (m *Module) Pages(r fiber.Router) {
	st, mg, cu := auth.Require(staff...), auth.Require(manager...), auth.Require(auth.Customer)
	r.Get("/hardware/products", st, m.productsPage)
	r.Post("/hardware/products", mg, m.productPost)
	r.Get("/hardware/deliveries", st, m.deliveriesPage)
	r.Get("/hardware/deliveries/new", st, m.deliveryNewPage)
	r.Post("/hardware/deliveries", st, m.deliveryPost)
	r.Get("/hardware/deliveries/:id", st, m.deliveryPage)
	r.Get("/hardware/deliveries/:id/driver", st, m.driverPage)
	r.Post("/hardware/deliveries/:id/deliver", st, m.deliverPost)
	r.Post("/hardware/deliveries/:id/refuse", st, m.refusePost)
	r.Post("/hardware/deliveries/:id/terminate", mg, m.terminatePost)
	r.Get("/hardware/deliveries/:id/note.pdf", auth.Require(), m.deliveryNote)
	r.Get("/hardware/items", st, m.itemsPage)
	r.Get("/hardware/items/:id", st, m.itemPage)
	r.Get("/hardware/repossession", mg, m.repossessionPage)
	r.Post("/hardware/repossession", mg, m.difficultiesPost)
	r.Get("/hardware/defects", st, m.defectsPage)
	r.Get("/hardware/defects/:id", st, m.defectPage)
	r.Get("/hardware/defects/:id/attachments/:file", auth.Require(), m.attachment)
	r.Post("/hardware/defects/upload", st, m.defectPost)
	r.Post("/hardware/rmas", st, m.rmaPost)
	r.Get("/hardware/rmas", st, m.rmasPage)
	r.Get("/hardware/rmas/:id", st, m.rmaPage)
	r.Post("/hardware/rmas/:id/:step", st, m.rmaStepPost)

	r.Get("/portal/hardware", cu, m.portalItems)
	r.Get("/portal/hardware/items/:id", cu, m.portalItem)
	r.Post("/portal/hardware/defects/upload", cu, m.defectPost)
	r.Get("/portal/hardware/defects/:id", cu, m.portalDefect)
	r.Post("/portal/hardware/rmas", cu, m.rmaPost)
}

// prefix is where a principal's hardware pages live.
func prefix(p *auth.Principal) string {
	if p.IsStaff() {
		return "/hardware"
	}
	return "/portal/hardware"
}

// formTime reads a datetime-local input (Amsterdam); empty gives nil.
func formTime(c *fiber.Ctx, name string, f *problem.Fields) *time.Time {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", v, clock.Amsterdam)
	if err != nil {
		f.Add(name, web.UITr(c, "hardware.ui.error.datetime"))
		return nil
	}
	return &t
}

// fail re-renders a page with the form errors of err (422), or returns err.
func fail(c *fiber.Ctx, err error, render func(fe []problem.FieldError) error) error {
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(problem.StatusOf(err))
		return render(fe)
	}
	return err
}

type productsData struct {
	Products []Product
	Errors   []problem.FieldError
	In       ProductIn
}

func (m *Module) productsPage(c *fiber.Ctx) error { return m.renderProducts(c, nil) }

func (m *Module) renderProducts(c *fiber.Ctx, fe []problem.FieldError) error {
	ps, err := m.Service.Products(c.UserContext())
	if err != nil {
		return err
	}
	return m.d.Web.Render(c, "hardware/products", web.UITr(c, "hardware.ui.page.products"), productsData{Products: ps, Errors: fe})
}

func (m *Module) productPost(c *fiber.Ctx) error {
	months := 0
	fmt.Sscan(c.FormValue("warranty_months"), &months)
	str := func(n string) *string { v := c.FormValue(n); return &v }
	ser := c.FormValue("serialised") == "on"
	in := ProductIn{SKU: str("sku"), Name: str("name"), Manufacturer: str("manufacturer"), WarrantyMonths: &months, Serialised: &ser, Condition: str("condition")}
	if _, err := m.Service.CreateProduct(c.UserContext(), in); err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderProducts(c, fe) })
	}
	return web.Redirect(c, "/hardware/products", web.UITr(c, "hardware.ui.flash.product_added"))
}

type newDeliveryData struct {
	OrderID int64
	Order   string // the order number asked for (or typed)
	Lines   []OrderLine
	Errors  []problem.FieldError
	Today   civil.Date
}

// deliveryNewPage asks for the order by its number (O2026-0012, issue 13); order_id still
// opens an order's lines directly.
func (m *Module) deliveryNewPage(c *fiber.Ctx) error {
	orderID := qInt(c, "order_id")
	number := strings.TrimSpace(c.Query("order"))
	if orderID == 0 && number != "" {
		var err error
		if orderID, err = m.Service.OrderOfNumber(c.UserContext(), number); err != nil {
			return err
		}
		if orderID == 0 {
			fe := []problem.FieldError{{Field: "order_id", Message: web.UITr(c, "hardware.ui.error.no_order", "Number", number)}}
			return m.d.Web.Render(c, "hardware/delivery_new", web.UITr(c, "hardware.ui.deliveries.plan"), newDeliveryData{Order: number, Errors: fe,
				Today: civil.In(m.d.Clock.Now(), clock.Amsterdam)})
		}
	}
	return m.renderNewDelivery(c, orderID, nil)
}

func (m *Module) renderNewDelivery(c *fiber.Ctx, orderID int64, fe []problem.FieldError) error {
	var ls []OrderLine
	if orderID > 0 {
		var err error
		if ls, err = m.Service.OrderLinesOf(c.UserContext(), orderID); err != nil {
			return err
		}
	}
	d := newDeliveryData{OrderID: orderID, Lines: ls, Errors: fe, Today: civil.In(m.d.Clock.Now(), clock.Amsterdam)}
	if len(ls) > 0 {
		d.Order = ls[0].OrderNumber
	}
	return m.d.Web.Render(c, "hardware/delivery_new", web.UITr(c, "hardware.ui.deliveries.plan"), d)
}

func splitSerials(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == ';' || r == '\r' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (m *Module) deliveryPost(c *fiber.Ctx) error {
	orderID := qInt(c, "order_id")
	fmt.Sscan(c.FormValue("order_id"), &orderID)
	in := DeliveryIn{OrderID: orderID}
	var f problem.Fields
	if d, err := civil.Parse(c.FormValue("planned_on")); err == nil {
		in.PlannedOn = d
	}
	ls, err := m.Service.OrderLinesOf(c.UserContext(), orderID)
	if err != nil {
		return err
	}
	for _, l := range ls {
		q := strings.TrimSpace(c.FormValue(fmt.Sprintf("qty_%d", l.OrderLineID)))
		if q == "" || q == "0" {
			continue
		}
		qty, err := decimal.NewFromString(q)
		if err != nil || !qty.IsPositive() {
			f.Add(fmt.Sprintf("qty_%d", l.OrderLineID), web.UITr(c, "hardware.ui.error.positive"))
			continue
		}
		in.Lines = append(in.Lines, DeliveryLineIn{OrderLineID: l.OrderLineID, Quantity: qty, Serials: splitSerials(c.FormValue(fmt.Sprintf("serials_%d", l.OrderLineID)))})
	}
	if len(in.Lines) == 0 {
		f.Add("lines", web.UITr(c, "hardware.ui.error.no_lines"))
	}
	if street := strings.TrimSpace(c.FormValue("street")); street != "" {
		in.Address = &AddressIn{Street: street, PostalCode: c.FormValue("postal_code"), City: c.FormValue("city"), Country: strings.ToUpper(c.FormValue("country"))}
	}
	err = f.Err()
	var d *Delivery
	if err == nil {
		d, err = m.Service.CreateDelivery(c.UserContext(), in)
	}
	if err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderNewDelivery(c, orderID, fe) })
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/deliveries/%d", d.ID), web.UITr(c, "hardware.ui.flash.planned"))
}

type deliveryData struct {
	D       DeliveryOut
	Errors  []problem.FieldError
	Now     time.Time
	Reasons []string
}

func (m *Module) renderDelivery(c *fiber.Ctx, page string, fe []problem.FieldError) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	d, items, err := m.Service.DeliveryOf(c.UserContext(), did)
	if err != nil {
		return err
	}
	title := web.UITr(c, "hardware.ui.delivery.heading", "Order", d.orderName(), "Date", i18n.Date(web.UILang(auth.From(c)), d.PlannedOn))
	return m.d.Web.Render(c, "hardware/"+page, title, deliveryData{D: deliveryOut(d, items, m.d.Clock.Now()), Errors: fe, Now: m.d.Clock.Now(), Reasons: StoreReasons})
}

func (m *Module) deliveryPage(c *fiber.Ctx) error { return m.renderDelivery(c, "delivery", nil) }
func (m *Module) driverPage(c *fiber.Ctx) error   { return m.renderDelivery(c, "driver", nil) }

func (m *Module) deliverPost(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	var f problem.Fields
	in := DeliverIn{ReceivedBy: c.FormValue("received_by"), DeliveredAt: formTime(c, "delivered_at", &f)}
	d, _, err := m.Service.DeliveryOf(c.UserContext(), did)
	if err != nil {
		return err
	}
	for _, l := range d.Lines {
		var serials []string
		for i := 0; i < int(l.Quantity.IntPart()); i++ {
			if v := strings.TrimSpace(c.FormValue(fmt.Sprintf("serial_%d_%d", l.ID, i))); v != "" {
				serials = append(serials, v)
			}
		}
		if len(serials) > 0 || l.Product.Serialised {
			in.Lines = append(in.Lines, DeliverLineIn{DeliveryLineID: l.ID, Serials: serials})
		}
	}
	if err = f.Err(); err == nil {
		_, err = m.Service.Deliver(c.UserContext(), did, in)
	}
	if err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderDelivery(c, "driver", fe) })
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/deliveries/%d", did), web.UITr(c, "hardware.ui.flash.delivered"))
}

func (m *Module) refusePost(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	var f problem.Fields
	in := RefuseIn{Reason: c.FormValue("reason"), At: formTime(c, "at", &f)}
	if err = f.Err(); err == nil {
		_, err = m.Service.Refuse(c.UserContext(), did, in)
	}
	if err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderDelivery(c, "delivery", fe) })
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/deliveries/%d", did), web.UITr(c, "hardware.ui.flash.stored"))
}

func (m *Module) terminatePost(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return web.NotConfirmed(c, fmt.Sprintf("/hardware/deliveries/%d", did))
	}
	in := TerminateIn{Reason: c.FormValue("reason"), Scope: c.FormValue("scope")}
	if _, err := m.Service.Terminate(c.UserContext(), did, in); err != nil {
		return fail(c, err, func(fe []problem.FieldError) error { return m.renderDelivery(c, "delivery", fe) })
	}
	return web.Redirect(c, fmt.Sprintf("/hardware/deliveries/%d", did), web.UITr(c, "hardware.ui.flash.terminated"))
}
