package orders

import (
	"backoffice/internal/httpx"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// The admin forms of the order and contract pages. They work without JavaScript, post to
// UI routes that call the same use cases as the API, re-render the page with the field
// errors and status 422 on invalid input, and redirect with a flash on success.

// changeFormRows is how many extra-work rows the order page offers.
const changeFormRows = 4

// orderForm is what was posted to one of the order page's forms, to refill it after an error.
type orderForm struct {
	Name   string // "change", "extension" or "precondition": the form the errors belong to
	Errors []problem.FieldError
	Values map[string]string
	Lines  []ChangeRowIn
}

// ChangeRowIn is one row of the extra-work form.
type ChangeRowIn struct{ SKU, Description, Quantity string }

type orderPageData struct {
	Order   OrderOut
	Portal  bool
	Form    orderForm
	Rates   []StandardRateOut
	Reasons []string
	// FreeUntil is the last day of free cancellation, zero when none was agreed.
	FreeUntil civil.Date
}

// renderOrder shows an order; form carries a failed form's input and errors.
func (m *Module) renderOrder(c *fiber.Ctx, portal bool, form orderForm) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	v, err := m.svc.GetOrder(c.UserContext(), oid)
	if err != nil {
		return err
	}
	d := orderPageData{Order: orderViewOut(v), Portal: portal, Form: form,
		Reasons: []string{string(ExtendPhaseApproval), string(ExtendChangedCircumstances), string(ExtendChangeWork)}}
	if !portal {
		rs, err := standardRates(c.UserContext(), m.svc.DB)
		if err != nil {
			return err
		}
		for _, r := range rs {
			d.Rates = append(d.Rates, rateOut(r))
		}
		for len(d.Form.Lines) < changeFormRows {
			d.Form.Lines = append(d.Form.Lines, ChangeRowIn{})
		}
	}
	if d.Order.FreeCancelUntil != nil {
		d.FreeUntil, _ = civil.Parse(*d.Order.FreeCancelUntil) // written by civil.Date.String
	}
	if form.Errors != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return m.web.Render(c, "orders/order", tr(c, "orders.ui.title.order", "Number", v.Order.Number), d)
}

func (m *Module) orderPage(c *fiber.Ctx) error { return m.renderOrder(c, false, orderForm{}) }

// formFailed re-renders the order page for a validation error of form; other errors pass.
func (m *Module) formFailed(c *fiber.Ctx, err error, form orderForm) error {
	fields, ok := problem.FieldErrors(err)
	if !ok {
		return err
	}
	form.Errors = fields
	return m.renderOrder(c, false, form)
}

func formValues(c *fiber.Ctx, names ...string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = c.FormValue(n)
	}
	return out
}

func (m *Module) preconditionPost(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	form := orderForm{Name: "precondition", Values: formValues(c, "precondition", "on")}
	if _, err := m.svc.RecordPrecondition(c.UserContext(), oid, form.Values["precondition"], form.Values["on"]); err != nil {
		return m.formFailed(c, err, form)
	}
	return web.Redirect(c, fmt.Sprintf("/orders/%d", oid), tr(c, "orders.ui.flash.precondition_met", "Precondition", tr(c, "orders.ui.precondition."+form.Values["precondition"])))
}

func (m *Module) extensionPost(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	form := orderForm{Name: "extension", Values: formValues(c, "working_days", "reason", "note")}
	days, err := strconv.Atoi(strings.TrimSpace(form.Values["working_days"]))
	if err != nil {
		days = 0 // reported by the validation as out of range
	}
	v, err := m.svc.ExtendLeadTime(c.UserContext(), oid, Extension{WorkingDays: days, Reason: ExtensionReason(form.Values["reason"]), Note: form.Values["note"]})
	if err != nil {
		return m.formFailed(c, err, form)
	}
	msg := tr(c, "orders.ui.flash.extended", "Days", days)
	if !v.Plan.TargetDate.IsZero() {
		msg = tr(c, "orders.ui.flash.extended_target", "Days", days, "Date", i18n.Date(web.UILang(auth.From(c)), v.Plan.TargetDate))
	}
	return web.Redirect(c, fmt.Sprintf("/orders/%d", oid), msg)
}

func (m *Module) changeRequestPost(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	form := orderForm{Name: "change", Values: formValues(c, "description", "necessary")}
	in := ChangeRequestIn{Description: form.Values["description"], Necessary: form.Values["necessary"] == "on"}
	for i := range changeFormRows {
		p := fmt.Sprintf("lines.%d.", i)
		row := ChangeRowIn{SKU: strings.TrimSpace(c.FormValue(p + "sku")), Description: strings.TrimSpace(c.FormValue(p + "description")),
			Quantity: strings.TrimSpace(c.FormValue(p + "quantity"))}
		form.Lines = append(form.Lines, row)
		if row.SKU+row.Description+row.Quantity == "" {
			continue // an empty row
		}
		in.Lines = append(in.Lines, struct {
			SKU         string       `json:"sku"`
			Description string       `json:"description,omitempty"`
			Quantity    money.Number `json:"quantity"`
		}{row.SKU, row.Description, money.Number(money.InputString(row.Quantity))})
	}
	reqs, err := in.requests()
	if err != nil {
		return m.formFailed(c, err, form)
	}
	cr, err := m.svc.CreateChangeRequest(c.UserContext(), oid, in.Description, in.Necessary, reqs)
	if err != nil {
		return m.formFailed(c, err, form)
	}
	msg := tr(c, "orders.ui.flash.change_approval")
	if !cr.ApprovalRequired {
		msg = tr(c, "orders.ui.flash.change_necessary")
	}
	return web.Redirect(c, fmt.Sprintf("/orders/%d", oid), msg)
}

type contractPageData struct {
	Contract ContractOut
	Errors   []problem.FieldError
	Received string // the notice_received_at input
	Now      string // the default of the input: now, local time
	// IndexText is the indexation clause naming the index, in the reader's language.
	IndexText string
}

func (m *Module) renderContract(c *fiber.Ctx, errs []problem.FieldError, received string) error {
	kid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	k, err := m.svc.GetContract(c.UserContext(), kid)
	if err != nil {
		return err
	}
	if errs != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	d := contractPageData{Contract: contractOut(k, m.svc.Today()), Errors: errs, Received: received,
		Now: m.svc.now().In(clock.Amsterdam).Format(localInput), IndexText: clause(i18n.For(web.UILang(auth.From(c))), k.Indexation)}
	return m.web.Render(c, "orders/contract", tr(c, "orders.ui.title.contract", "Number", k.Number), d)
}

func (m *Module) contractPage(c *fiber.Ctx) error { return m.renderContract(c, nil, "") }

// localInput is the layout of a datetime-local input (Amsterdam wall-clock time).
const localInput = "2006-01-02T15:04"

// terminatePost records a termination notice received at an Amsterdam wall-clock time; the
// page then shows the end date and why (Q-8, CAL-3).
func (m *Module) terminatePost(c *fiber.Ctx) error {
	kid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	raw := strings.TrimSpace(c.FormValue("notice_received_at"))
	var fields []problem.FieldError
	at, perr := time.ParseInLocation(localInput, raw, clock.Amsterdam)
	if perr != nil {
		msg := "must be a date and time such as 2026-10-30T15:45"
		if raw == "" {
			msg = "is required: when did the notice arrive?"
		}
		fields = append(fields, problem.FieldError{Field: "notice_received_at", Message: msg})
	}
	if !web.Confirmed(c) { // the checkbox is checked here too, not only by the browser
		fields = append(fields, problem.FieldError{Field: "confirm", Message: "must be ticked: recording the notice fixes the contract's end date"})
	}
	if len(fields) > 0 {
		return m.renderContract(c, fields, raw)
	}
	k, err := m.svc.TerminateContract(c.UserContext(), kid, at)
	if fields, ok := problem.FieldErrors(err); ok {
		return m.renderContract(c, fields, raw)
	}
	if err != nil {
		return err
	}
	msg := tr(c, "orders.ui.flash.notice_recorded")
	if k.Termination != nil {
		msg = tr(c, "orders.ui.flash.terminated", "Date", i18n.Date(web.UILang(auth.From(c)), k.Termination.EndDate))
	}
	return web.Redirect(c, fmt.Sprintf("/contracts/%d", kid), msg)
}
