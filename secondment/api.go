package secondment

import (
	"backoffice/internal/civil"
	"backoffice/internal/money"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// API serves the secondment JSON endpoints under /api/v1.
type API struct {
	svc *Service
}

// Routes registers the secondment routes.
func (a *API) Routes(r *apidoc.Router) {
	staff := auth.Require(auth.Admin, auth.AccountManager)
	const tag = "secondment"
	pl := r.Group("/placements", auth.Require())
	pl.Get("", apidoc.Op{Tag: tag, Summary: "List placements (customers see their own, technicians theirs)", Response: httpx.List[PlacementOut]{},
		Query: []apidoc.Param{{Name: "customer_id", Type: "integer"}, {Name: "technician_id", Type: "integer"}, apidoc.Q("q", "search text: role, customer, technician"),
			apidoc.Q("sort", "start, role or created"), apidoc.Q("dir", "asc or desc"), apidoc.Q("format", "csv: the whole list as CSV"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, a.listPlacements)
	pl.Post("", apidoc.Op{Tag: tag, Summary: "Place a technician with a customer (SEC-1, SEC-3 bands default)", Body: PlacementIn{}, Response: PlacementOut{}, Status: 201}, staff, a.createPlacement)
	pl.Get("/:id", apidoc.Op{Tag: tag, Summary: "Get a placement", Response: PlacementOut{}}, a.getPlacement)
	pl.Patch("/:id", apidoc.Op{Tag: tag, Summary: "Change a placement's terms", Body: PlacementPatchIn{}, Response: PlacementOut{}}, staff, a.patchPlacement)
	pl.Post("/:id/end", apidoc.Op{Tag: tag, Summary: "End an indefinite placement by notice (SEC-2, CAL-3)", Body: EndIn{}, Response: PlacementOut{}},
		auth.Require(auth.Admin, auth.AccountManager, auth.Customer), a.endPlacement)
	pl.Post("/:id/replacements", apidoc.Op{Tag: tag, Summary: "Replace the placed technician (SEC-1)", Body: ReplacementIn{}, Response: ReplacementOut{}, Status: 201},
		auth.Require(auth.Admin, auth.AccountManager, auth.Customer), a.replace)
	pl.Get("/:id/replacements", apidoc.Op{Tag: tag, Summary: "A placement's replacement history, oldest first (SEC-1)", Response: httpx.List[ReplacementOut]{}}, a.replacements)
	pl.Post("/:id/hours", apidoc.Op{Tag: tag, Summary: "Log hours, priced per overtime band (SEC-3)", Body: EntryIn{}, Response: EntryOut{}, Status: 201}, a.logHours)
	pl.Get("/:id/hours", apidoc.Op{Tag: tag, Summary: "A placement's hour entries", Response: httpx.List[EntryOut]{},
		Query: []apidoc.Param{apidoc.Q("status", "submitted, approved, rejected or withdrawn"), {Name: "from", Format: "date-time"}, {Name: "to", Format: "date-time"},
			apidoc.Q("dir", "asc (default) or desc: by start"), apidoc.Q("format", "csv: every entry of these filters as CSV"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, a.placementHours)
	pl.Post("/:id/expenses", apidoc.Op{Tag: tag, Summary: "Claim travel, lodging or other costs (SEC-4)", Body: ExpenseIn{}, Response: ExpenseOut{}, Status: 201}, a.addExpense)
	pl.Get("/:id/expenses", apidoc.Op{Tag: tag, Summary: "A placement's expenses", Response: httpx.List[ExpenseOut]{},
		Query: []apidoc.Param{apidoc.Q("month", "YYYY-MM"), apidoc.Q("dir", "asc (default) or desc: by date"), apidoc.Q("format", "csv: these expenses as CSV")}}, a.listExpenses)
	pl.Get("/:id/statements/:month", apidoc.Op{Tag: tag, Summary: "Monthly statement in arrears (SEC-4)", Response: StatementOut{}}, a.statement)
	pl.Get("/:id/statements/:month/csv", apidoc.Op{Tag: tag, Summary: "Monthly statement as CSV", Produces: "text/csv"}, a.statementCSV)
	pl.Get("/:id/statements/:month/pdf", apidoc.Op{Tag: tag, Summary: "Monthly statement as PDF", Produces: "application/pdf"}, a.statementPDF)
	pl.Post("/:id/statements/:month/close", apidoc.Op{Tag: tag, Summary: "Close a month: the statement becomes final (SEC-4)", Response: StatementOut{}}, staff, a.closeStatement)

	r.Get("/statements", apidoc.Op{Tag: tag, Summary: "The statement totals of every placement running in a month, for the invoice run (customer, placement order)",
		Response: httpx.List[StatementSummaryOut]{},
		Query:    []apidoc.Param{apidoc.Q("month", "YYYY-MM (required)"), apidoc.Q("format", "csv: every statement of the month as CSV"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, staff, a.statements)
	r.Post("/overtime/preview", apidoc.Op{Tag: tag, Summary: "Price a span by overtime band without storing it (SEC-3)", Body: PreviewIn{}, Response: PricingOut{}},
		auth.Require(), a.preview)

	x := r.Group("/expenses", auth.Require())
	x.Patch("/:id", apidoc.Op{Tag: tag, Summary: "Correct an expense while its month is open (SEC-4; 409 statement_final after)", Body: ExpenseIn{}, Response: ExpenseOut{}}, a.editExpense)
	x.Delete("/:id", apidoc.Op{Tag: tag, Summary: "Delete an expense while its month is open (SEC-4; 409 statement_final after)", Status: 204}, a.deleteExpense)

	h := r.Group("/hours", auth.Require())
	approvers := auth.Require(auth.Admin, auth.AccountManager, auth.Customer) // never the technician (issue 8)
	h.Get("", apidoc.Op{Tag: tag, Summary: "Hour entries the caller may see (the approval queue with status=submitted)", Response: httpx.List[EntryOut]{},
		Query: []apidoc.Param{{Name: "placement_id", Type: "integer"}, apidoc.Q("status", "entry status"), {Name: "from", Format: "date-time"}, {Name: "to", Format: "date-time"},
			apidoc.Q("dir", "asc (default) or desc: by start"), apidoc.Q("format", "csv: every entry of these filters as CSV"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, a.listHours)
	h.Post("/approve", apidoc.Op{Tag: tag, Summary: "Approve several entries at once (all or none)", Body: BulkIn{}, Response: httpx.List[EntryOut]{}}, approvers, a.bulkApprove)
	h.Patch("/:id", apidoc.Op{Tag: tag, Summary: "Edit a submitted entry (its technician)", Body: EntryIn{}, Response: EntryOut{}}, a.editEntry)
	h.Post("/:id/withdraw", apidoc.Op{Tag: tag, Summary: "Withdraw a submitted entry (its technician)", Response: EntryOut{}}, a.withdraw)
	h.Post("/:id/approve", apidoc.Op{Tag: tag, Summary: "Approve an entry (account manager or customer contact)", Response: EntryOut{}}, a.approve)
	h.Post("/:id/reject", apidoc.Op{Tag: tag, Summary: "Reject an entry with a reason", Body: RejectIn{}, Response: EntryOut{}}, approvers, a.reject)
}

// dirQuery reads ?dir=asc|desc of the hour lists (sorted by start): true for desc.
func dirQuery(c *fiber.Ctx, f *problem.Fields) bool {
	switch c.Query("dir") {
	case "", "asc":
		return false
	case "desc":
		return true
	}
	f.Add("dir", "must be asc or desc")
	return false
}

func int64Query(c *fiber.Ctx, name string, f *problem.Fields) *int64 {
	s := c.Query(name)
	if s == "" {
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		f.Add(name, "must be a positive whole number")
		return nil
	}
	return &v
}

func timeQuery(c *fiber.Ctx, name string, f *problem.Fields) *time.Time {
	s := c.Query(name)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		f.Add(name, "must be an RFC 3339 instant such as 2026-03-02T00:00:00+01:00")
		return nil
	}
	return &t
}

func monthParam(s string) (civil.Month, error) {
	m, err := civil.ParseMonth(s)
	if err != nil {
		return civil.Month{}, problem.Invalid("month", "must be a month YYYY-MM")
	}
	return m, nil
}

func (a *API) listPlacements(c *fiber.Ctx) error {
	pf, err := placementQuery(c)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return a.svc.placementCSV(c, pf)
	}
	ps, err := a.svc.Placements(c.UserContext(), pf)
	if err != nil {
		return err
	}
	return httpx.Send(c, listq.Paginate(placementList, ps, *pf.List, func(p Placement) PlacementOut { return placementOut(&p) }))
}

func (a *API) createPlacement(c *fiber.Ctx) error {
	var in PlacementIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	pi := PlacementInput{CustomerID: in.CustomerID, TechnicianID: in.TechnicianID, Role: in.Role, HourlyRate: in.HourlyRate.Decimal,
		KmRate: decimal.Zero, StartDate: in.StartDate, EndDate: in.EndDate, CalendarID: in.CalendarID, Bands: in.Bands, NoticeMonths: in.NoticeMonths}
	if in.KmRate != nil {
		pi.KmRate = in.KmRate.Decimal
	}
	p, err := a.svc.CreatePlacement(c.UserContext(), pi)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(placementOut(p))
}

func (a *API) getPlacement(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	p, err := a.svc.Placement(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(placementOut(p))
}

func (a *API) patchPlacement(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in PlacementPatchIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	patch := PlacementPatch{Role: in.Role, HourlyRate: money.DecimalOf(in.HourlyRate), KmRate: money.DecimalOf(in.KmRate), StartDate: in.StartDate,
		CalendarID: in.CalendarID, Bands: in.Bands, NoticeMonths: in.NoticeMonths}
	if in.EndDate.Set {
		patch.EndDate = &in.EndDate.Value
	}
	p, err := a.svc.UpdatePlacement(c.UserContext(), id, patch)
	if err != nil {
		return err
	}
	return c.JSON(placementOut(p))
}

func (a *API) endPlacement(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in EndIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := a.svc.EndPlacement(c.UserContext(), id, in.NoticeReceivedAt)
	if err != nil {
		return err
	}
	return c.JSON(placementOut(p))
}

func (a *API) replace(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in ReplacementIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	r, err := a.svc.Replace(c.UserContext(), id, ReplacementRequest{TechnicianID: in.TechnicianID, Reason: ReplacementReason(in.Reason),
		RequestedBy: Requester(in.RequestedBy), ConsultedOn: in.ConsultedOn, ConsultationNote: in.ConsultationNote})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(replacementOut(r))
}

func (a *API) logHours(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in EntryIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	e, err := a.svc.LogHours(c.UserContext(), id, EntryInput(in))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(entryOut(e))
}

func (a *API) entryList(c *fiber.Ctx, placementID *int64) error {
	var f problem.Fields
	ef := EntryFilter{PlacementID: placementID, From: timeQuery(c, "from", &f), To: timeQuery(c, "to", &f)}
	if placementID == nil {
		ef.PlacementID = int64Query(c, "placement_id", &f)
	}
	if s := c.Query("status"); s != "" {
		st := EntryStatus(s)
		switch st {
		case StatusSubmitted, StatusApproved, StatusRejected, StatusWithdrawn:
			ef.Status = &st
		default:
			f.Add("status", "must be submitted, approved, rejected or withdrawn")
		}
	}
	ef.Desc = dirQuery(c, &f)
	if err := f.Err(); err != nil {
		return err
	}
	// a placement's list answers 404 for a placement the reader may not see. A page with
	// entries proves it visible to staff and contacts (the entries are scoped by the
	// placement's customer), so only an empty page asks; a technician's entries may
	// outlive their placement (a replacement, SEC-1), so a technician is always asked.
	checked := placementID == nil
	visible := func() error {
		checked = true
		_, err := a.svc.Placement(c.UserContext(), *placementID)
		return err
	}
	if !checked && (listq.WantsCSV(c) || auth.FromContext(c.UserContext()).Is(auth.Technician)) {
		if err := visible(); err != nil {
			return err
		}
	}
	if listq.WantsCSV(c) {
		return a.svc.entryCSV(c, ef)
	}
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	var cur EntryCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return err
	} else if ok {
		ef.After = &cur
	}
	ef.Limit = page.Fetch()
	es, err := a.svc.Entries(c.UserContext(), ef)
	if err != nil {
		return err
	}
	if !checked && len(es) == 0 {
		if err := visible(); err != nil {
			return err
		}
	}
	items := make([]EntryOut, len(es))
	for i := range es {
		items[i] = entryOut(&es[i])
	}
	return httpx.Send(c, httpx.Paginate(items, page, func(e EntryOut) any { return EntryCursor{StartedAt: e.StartedAt, ID: e.ID} }))
}

func (a *API) placementHours(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	return a.entryList(c, &id)
}

func (a *API) listHours(c *fiber.Ctx) error { return a.entryList(c, nil) }

func (a *API) editEntry(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in EntryIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	e, err := a.svc.EditEntry(c.UserContext(), id, EntryInput(in))
	if err != nil {
		return err
	}
	return c.JSON(entryOut(e))
}

func (a *API) withdraw(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	e, err := a.svc.WithdrawEntry(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(entryOut(e))
}

func (a *API) approve(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	e, err := a.svc.Approve(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(entryOut(e))
}

func (a *API) reject(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in RejectIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	e, err := a.svc.Reject(c.UserContext(), id, in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(entryOut(e))
}

func (a *API) bulkApprove(c *fiber.Ctx) error {
	var in BulkIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	es, err := a.svc.ApproveAll(c.UserContext(), in.IDs)
	if err != nil {
		return err
	}
	items := make([]EntryOut, len(es))
	for i := range es {
		items[i] = entryOut(&es[i])
	}
	return c.JSON(httpx.List[EntryOut]{Items: items})
}

func (a *API) preview(c *fiber.Ctx) error {
	var in PreviewIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	var p Pricing
	var err error
	if in.PlacementID > 0 {
		p, err = a.svc.PreviewForPlacement(c.UserContext(), in.PlacementID, in.StartedAt, in.EndedAt)
	} else {
		p, err = a.svc.Preview(c.UserContext(), in.StartedAt, in.EndedAt, in.HourlyRate.Decimal, in.CalendarID)
	}
	if err != nil {
		return err
	}
	return c.JSON(pricingOut(p))
}
