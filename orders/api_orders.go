package orders

import (
	"backoffice/internal/money"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
)

func (m *Module) orderRoutes(r *apidoc.Router, page []apidoc.Param) {
	r.Get("/orders", apidoc.Op{Summary: "List orders", Tag: "orders", Response: httpx.List[OrderOut]{},
		Query: append([]apidoc.Param{{Name: "customer_id", Type: "integer"}}, page...)}, auth.Require(), m.listOrders)
	r.Get("/orders/:id", apidoc.Op{Summary: "Get an order with lines, delivery planning (Q-6) and change requests (Q-5)", Tag: "orders",
		Response: OrderOut{}}, auth.Require(), m.getOrder)
	r.Post("/orders/:id/cancel", apidoc.Op{Summary: "Cancel: only when agreed; free until 5 working days before the start date, later the full fee (Q-4)",
		Tag: "orders", Response: OrderOut{}}, auth.Require(deciders...), m.cancelOrder)
	r.Post("/orders/:id/preconditions", apidoc.Op{Summary: "Record a lead-time precondition as met: details_agreed, data_supplied, advance_payment_received (Q-6)",
		Tag: "orders", Body: PreconditionIn{}, Response: OrderOut{}}, auth.Require(staff...), m.precondition)
	r.Post("/orders/:id/extensions", apidoc.Op{Summary: "Extend the lead time with a reason: phase_approval, changed_circumstances, change_work (Q-6)",
		Tag: "orders", Body: ExtensionIn{}, Response: OrderOut{}, Status: 201}, auth.Require(staff...), m.extend)
	r.Post("/orders/:id/change-requests", apidoc.Op{Summary: "Request extra work priced at agreed or standard rates; approval needed unless necessary (Q-5)",
		Tag: "orders", Body: ChangeRequestIn{}, Response: ChangeRequestOut{}, Status: 201}, auth.Require(staff...), m.createChange)
	r.Post("/orders/:id/change-requests/:cr/decision", apidoc.Op{Summary: "The customer approves or rejects extra work (Q-5)",
		Tag: "orders", Body: DecisionIn{}, Response: ChangeRequestOut{}}, auth.Require(deciders...), m.decideChange)
	r.Get("/standard-rates", apidoc.Op{Summary: "The standard rate list for extra work (Q-5)", Tag: "orders", Response: []StandardRateOut{}},
		auth.Require(staff...), m.listRates)
	r.Put("/standard-rates/:sku", apidoc.Op{Summary: "Set a standard rate", Tag: "orders", Body: StandardRateIn{}, Response: StandardRateOut{}},
		auth.Require(sales...), m.putRate)
}

func (m *Module) listOrders(c *fiber.Ctx) error {
	cid, lq, err := customerQuery(c, orderList)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.orderCSV(c, OrderScope{CustomerID: cid}, lq)
	}
	os, err := m.svc.SearchOrders(c.UserContext(), OrderScope{CustomerID: cid}, lq)
	if err != nil {
		return err
	}
	return httpx.Send(c, listq.Paginate(orderList, os, lq, orderOut))
}

func (m *Module) answerOrder(c *fiber.Ctx, status int, v *OrderView, err error) error {
	if err != nil {
		return err
	}
	return c.Status(status).JSON(orderViewOut(v))
}

func (m *Module) getOrder(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	v, err := m.svc.GetOrder(c.UserContext(), oid)
	return m.answerOrder(c, fiber.StatusOK, v, err)
}

func (m *Module) cancelOrder(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	v, _, err := m.svc.CancelOrder(c.UserContext(), oid)
	return m.answerOrder(c, fiber.StatusOK, v, err)
}

func (m *Module) precondition(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in PreconditionIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := m.svc.RecordPrecondition(c.UserContext(), oid, in.Precondition, in.On)
	return m.answerOrder(c, fiber.StatusOK, v, err)
}

func (m *Module) extend(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in ExtensionIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := m.svc.ExtendLeadTime(c.UserContext(), oid, Extension{WorkingDays: in.WorkingDays, Reason: ExtensionReason(in.Reason), Note: in.Note})
	return m.answerOrder(c, fiber.StatusCreated, v, err)
}

func (m *Module) createChange(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in ChangeRequestIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	reqs, err := in.requests()
	if err != nil {
		return err
	}
	cr, err := m.svc.CreateChangeRequest(c.UserContext(), oid, in.Description, in.Necessary, reqs)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(changeRequestOut(cr))
}

// requests reads the lines of a change request (API and form), every field error at once.
func (in *ChangeRequestIn) requests() ([]ChangeLineRequest, error) {
	var fe fieldErrors
	reqs := make([]ChangeLineRequest, len(in.Lines))
	for i, l := range in.Lines {
		q := l.Quantity.Parse(&fe.Fields, "lines["+strconv.Itoa(i)+"].quantity", true)
		reqs[i] = ChangeLineRequest{SKU: l.SKU, Description: l.Description, Quantity: q}
	}
	return reqs, fe.err()
}

func (m *Module) decideChange(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	crID, err := httpx.PathID(c, "cr")
	if err != nil {
		return err
	}
	var in DecisionIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	cr, err := m.svc.DecideChangeRequest(c.UserContext(), oid, crID, in.Approve, in.DecidedBy)
	if err != nil {
		return err
	}
	return c.JSON(changeRequestOut(cr))
}

// StandardRateIn sets an entry of the standard rate list.
type StandardRateIn struct {
	Description string       `json:"description"`
	Kind        string       `json:"kind"`
	Unit        string       `json:"unit"`
	UnitPrice   money.Number `json:"unit_price"`
	VATRate     money.Number `json:"vat_rate"`
}

// rate validates an entry of the standard rate list (API and form), every field error at once.
func (in *StandardRateIn) rate(sku string) (StandardRate, error) {
	var fe fieldErrors
	l := Line{Kind: LineKind(in.Kind), Description: strings.TrimSpace(in.Description), Unit: strings.TrimSpace(in.Unit), Quantity: NumOne,
		UnitPrice: in.UnitPrice.Parse(&fe.Fields, "unit_price", true), VATRate: in.VATRate.Parse(&fe.Fields, "vat_rate", true)}
	checkText(&fe, "sku", sku, maxSKULen, true)
	if l.Kind == KindRecurring {
		fe.add("kind", "recurring services are quoted, not taken from the rate list")
	}
	var lf fieldErrors
	validateLine(&lf, "", l)
	for _, f := range lf.Fields {
		if !fe.Has(f.Field) {
			fe.Add(f.Field, f.Message)
		}
	}
	if err := fe.err(); err != nil {
		return StandardRate{}, err
	}
	return StandardRate{SKU: sku, Description: l.Description, Kind: l.Kind, Unit: l.Unit, UnitPrice: l.UnitPrice, VATRate: l.VATRate}, nil
}

func (m *Module) listRates(c *fiber.Ctx) error {
	rs, err := standardRates(c.UserContext(), m.svc.DB)
	if err != nil {
		return err
	}
	out := make([]StandardRateOut, len(rs))
	for i, r := range rs {
		out[i] = rateOut(r)
	}
	return c.JSON(out)
}

func (m *Module) putRate(c *fiber.Ctx) error {
	var in StandardRateIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	r, err := in.rate(c.Params("sku"))
	if err != nil {
		return err
	}
	if err := m.svc.PutStandardRate(c.UserContext(), r); err != nil {
		return err
	}
	return c.JSON(rateOut(r))
}

func (m *Module) contractRoutes(r *apidoc.Router, page []apidoc.Param) {
	r.Get("/contracts", apidoc.Op{Summary: "List contracts with term end and notice deadline (Q-8)", Tag: "orders", Response: httpx.List[ContractOut]{},
		Query: append([]apidoc.Param{{Name: "customer_id", Type: "integer"}}, page...)}, auth.Require(), m.listContracts)
	r.Get("/contracts/:id", apidoc.Op{Summary: "Get a contract: terms, current term end, notice deadline, fees, indexation clause", Tag: "orders",
		Response: ContractOut{}}, auth.Require(), m.getContract)
	r.Post("/contracts/:id/terminate", apidoc.Op{Summary: "Record a termination notice: counts when deemed delivered (CAL-3); ends the running term if on or before the deadline, else the next (Q-8)",
		Tag: "orders", Body: TerminateIn{}, Response: ContractOut{}}, auth.Require(deciders...), m.terminate)
	m.indexRoutes(r)
}

func (m *Module) listContracts(c *fiber.Ctx) error {
	cid, lq, err := customerQuery(c, contractList)
	if err != nil {
		return err
	}
	f := ContractFilter{CustomerID: cid, List: &lq}
	if listq.WantsCSV(c) {
		return m.contractCSV(c, f)
	}
	cs, err := m.svc.ListContracts(c.UserContext(), f)
	if err != nil {
		return err
	}
	today := m.svc.Today()
	return httpx.Send(c, listq.Paginate(contractList, cs, lq, func(k *Contract) ContractOut { return contractOut(k, today) }))
}

func (m *Module) getContract(c *fiber.Ctx) error {
	kid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	k, err := m.svc.GetContract(c.UserContext(), kid)
	if err != nil {
		return err
	}
	return c.JSON(contractOut(k, m.svc.Today()))
}

func (m *Module) terminate(c *fiber.Ctx) error {
	kid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in TerminateIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	at := in.NoticeReceivedAt
	if p := auth.From(c); p.Role == auth.Customer || at.IsZero() {
		at = m.svc.now() // a notice given in the portal arrives now
	}
	k, err := m.svc.TerminateContract(c.UserContext(), kid, at.Truncate(time.Second))
	if err != nil {
		return err
	}
	return c.JSON(contractOut(k, m.svc.Today()))
}
