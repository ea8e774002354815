package hardware

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

var (
	staff   = []auth.Role{auth.Admin, auth.AccountManager, auth.Technician}
	manager = []auth.Role{auth.Admin, auth.AccountManager}
)

// Routes registers the JSON API under /api/v1.
func (m *Module) Routes(r *apidoc.Router) {
	t := "hardware"
	r.Post("/products", apidoc.Op{Summary: "Add a product (SKU, manufacturer's warranty, serialised, condition)", Tag: t, Body: ProductIn{}, Response: Product{}, Status: 201}, auth.Require(manager...), m.createProduct)
	r.Get("/products", apidoc.Op{Summary: "List products", Tag: t, Response: httpx.List[Product]{}}, auth.Require(staff...), m.listProducts)
	r.Get("/products/:id", apidoc.Op{Summary: "Get a product", Tag: t, Response: Product{}}, auth.Require(staff...), m.getProduct)
	r.Patch("/products/:id", apidoc.Op{Summary: "Change a product", Tag: t, Body: ProductIn{}, Response: Product{}}, auth.Require(manager...), m.patchProduct)

	r.Post("/deliveries", apidoc.Op{Summary: "Plan a (partial) delivery of an order's hardware lines, to the registered address unless agreed (HW-1)", Tag: t,
		Body: DeliveryIn{}, Response: DeliveryOut{}, Status: 201}, auth.Require(staff...), m.createDelivery)
	r.Get("/deliveries", apidoc.Op{Summary: "List deliveries", Tag: t, Response: httpx.List[DeliveryOut]{}, Query: []apidoc.Param{
		{Name: "order_id", Type: "integer"}, {Name: "customer_id", Type: "integer"}, apidoc.Q("status", "planned, delivered, stored, terminated"),
		{Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, auth.Require(), m.listDeliveries)
	r.Get("/deliveries/:id", apidoc.Op{Summary: "Get a delivery with its items", Tag: t, Response: DeliveryOut{}}, auth.Require(), m.getDelivery)
	r.Get("/deliveries/:id/note", apidoc.Op{Summary: "Delivery note PDF with serials and what is not included (HW-1)", Tag: t, Produces: "application/pdf"}, auth.Require(), m.deliveryNote)
	r.Post("/deliveries/:id/deliver", apidoc.Op{Summary: "Record the hand-over: risk passes (HW-3), items retained until paid (HW-4), charges per delivery (INV-7)", Tag: t,
		Body: DeliverIn{}, Response: DeliveryOut{}}, auth.Require(staff...), m.deliver)
	r.Post("/deliveries/:id/refuse", apidoc.Op{Summary: "Delivery refused or impossible: stored at the customer's cost and risk, charged per started week (HW-2)", Tag: t,
		Body: RefuseIn{}, Response: DeliveryOut{}}, auth.Require(staff...), m.refuse)
	r.Post("/deliveries/:id/terminate", apidoc.Op{Summary: "End an undeliverable delivery (or the whole agreement) without liability; its charges are cancelled (HW-2)", Tag: t,
		Body: TerminateIn{}, Response: DeliveryOut{}}, auth.Require(manager...), m.terminate)

	r.Get("/hardware/items", apidoc.Op{Summary: "Delivered items with risk, title, inspection window and warranty", Tag: t, Response: httpx.List[ItemOut]{}, Query: []apidoc.Param{
		{Name: "customer_id", Type: "integer"}, apidoc.Q("title", "retained or transferred"), apidoc.Q("serial", "exact serial"),
		{Name: "repossession_possible", Type: "boolean"}, {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, auth.Require(), m.listItems)
	r.Get("/hardware/items/:id", apidoc.Op{Summary: "A delivered item", Tag: t, Response: ItemOut{}}, auth.Require(), m.getItem)
	r.Post("/hardware/customers/:id/payment-difficulties", apidoc.Op{Summary: "Customer in payment difficulties: its retained items may be repossessed (HW-4)", Tag: t,
		Response: map[string]int{}}, auth.Require(manager...), m.paymentDifficulties)

	r.Post("/defect-reports", apidoc.Op{Summary: "Report a defect: the answer says whether it is in time (HW-5) and opens a ticket", Tag: t,
		Body: DefectIn{}, Response: DefectOut{}, Status: 201}, auth.Require(), m.reportDefect)
	r.Get("/defect-reports", apidoc.Op{Summary: "List defect reports", Tag: t, Response: httpx.List[DefectOut]{}, Query: pageParams}, auth.Require(), m.listDefects)
	r.Get("/defect-reports/:id", apidoc.Op{Summary: "A defect report with its verdict", Tag: t, Response: DefectOut{}}, auth.Require(), m.getDefect)
	r.Post("/defect-reports/:id/attachments", apidoc.Op{Summary: "Attach photos or PDFs (multipart field \"files\", at most 10 MB a file, type checked from the content)", Tag: t,
		Response: []uploads.Upload{}, Status: 201}, auth.Require(), m.attach)
	r.Get("/defect-reports/:id/attachments/:file", apidoc.Op{Summary: "Download an attachment", Tag: t, Produces: "application/octet-stream"}, auth.Require(), m.attachment)

	r.Post("/rmas", apidoc.Op{Summary: "Request a return (HW-6): only for an item delivered to that customer", Tag: t, Body: RMAIn{}, Response: RMAOut{}, Status: 201}, auth.Require(), m.requestRMA)
	r.Get("/rmas", apidoc.Op{Summary: "List RMAs", Tag: t, Response: httpx.List[RMAOut]{}, Query: pageParams}, auth.Require(), m.listRMAs)
	r.Get("/rmas/:id", apidoc.Op{Summary: "An RMA", Tag: t, Response: RMAOut{}}, auth.Require(), m.getRMA)
	for _, step := range []string{"approve", "reject", "receive", "resolve"} {
		r.Post("/rmas/:id/"+step, apidoc.Op{Summary: rmaSummaries[step], Tag: t, Body: RMAStepIn{}, Response: RMAOut{}}, auth.Require(staff...), m.rmaStep(step))
	}
}

var rmaSummaries = map[string]string{
	"approve": "Give written consent with instructions: at the customer's cost and risk, undamaged, complete, original packaging (HW-6)",
	"reject":  "Refuse the return",
	"receive": "Record receipt and whether the condition is as required",
	"resolve": "Resolve: repair | replace (rest of the warranty) | none with the exclusion that applied (HW-7)",
}

func id(c *fiber.Ctx, name, what string) (int64, error) {
	v, err := httpx.PathID(c, name)
	if err != nil {
		return 0, problem.NotFound(what)
	}
	return v, nil
}

// pageParams are the query of the newest-first defect and RMA lists.
var pageParams = []apidoc.Param{{Name: "item_id", Type: "integer"}, {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}

func list[T any](items []T) httpx.List[T] {
	if items == nil {
		items = []T{}
	}
	return httpx.List[T]{Items: items}
}

func (m *Module) createProduct(c *fiber.Ctx) error {
	var in ProductIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := m.Service.CreateProduct(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(p)
}

func (m *Module) listProducts(c *fiber.Ctx) error {
	ps, err := m.Service.Products(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(list(ps))
}

func (m *Module) getProduct(c *fiber.Ctx) error {
	pid, err := id(c, "id", "product")
	if err != nil {
		return err
	}
	p, err := m.Service.Product(c.UserContext(), pid)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (m *Module) patchProduct(c *fiber.Ctx) error {
	pid, err := id(c, "id", "product")
	if err != nil {
		return err
	}
	var in ProductIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := m.Service.UpdateProduct(c.UserContext(), pid, in)
	if err != nil {
		return err
	}
	return c.JSON(p)
}
