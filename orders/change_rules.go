package orders

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/i18n"
	"backoffice/internal/web"
)

// ChangeStatus is the state of a change request (meerwerk).
type ChangeStatus string

// Change request states.
const (
	ChangeAwaitingApproval ChangeStatus = "awaiting_approval"
	ChangeApproved         ChangeStatus = "approved"
	ChangeRejected         ChangeStatus = "rejected"
)

// PriceSource says where a change line's price came from.
type PriceSource string

// Price sources, in the order they are tried.
const (
	PriceAgreedRate   PriceSource = "agreed_rate"
	PriceStandardRate PriceSource = "standard_rate"
)

// StandardRate is one entry of the standard rate list, used for extra work the order has no
// agreed rate for (Q-5, 004:4.3).
type StandardRate struct {
	SKU         string
	Description string
	Unit        string
	UnitPrice   decimal.Decimal
	VATRate     decimal.Decimal
	Kind        LineKind
}

// ChangeLineRequest asks for extra work by SKU and quantity; the price is never typed in but
// resolved from the order's agreed rates or the standard rate list.
type ChangeLineRequest struct {
	SKU         string
	Description string
	Quantity    decimal.Decimal
}

// ChangeLine is a priced line of a change request.
type ChangeLine struct {
	Line
	Source PriceSource
}

// ChangeRequest is a request for extra work on an order.
type ChangeRequest struct {
	ID               int64
	OrderID          int64
	Description      string
	Necessary        bool
	Status           ChangeStatus
	Lines            []ChangeLine
	Totals           Totals
	FixedPrice       bool
	OrderNetBefore   decimal.Decimal
	OrderNetAfter    decimal.Decimal
	Consequence      string
	RequestedAt      time.Time
	RequestedBy      int64
	DecidedAt        *time.Time
	DecidedBy        string
	ApprovalRequired bool
}

// WorkMayStart reports whether the extra work may begin: once approved, or at once for
// necessary work that needs no approval (Q-5, 003:12.5).
func (c *ChangeRequest) WorkMayStart() bool { return c.Status == ChangeApproved }

// NewChangeRequest prices the requested lines and decides whether the customer must approve
// first. Each SKU is priced at the order's agreed rate when an order line carries it,
// else at the standard rate; an SKU with neither is a field error. Work the customer asked
// for needs approval before it starts unless it is flagged necessary; on a fixed-price order
// every change needs approval and the answer states the financial consequence first (002:7.2,
// 003:12.5).
func NewChangeRequest(o *Order, description string, necessary bool, reqs []ChangeLineRequest, standard map[string]StandardRate, now time.Time) (*ChangeRequest, error) {
	var fe fieldErrors
	checkText(&fe, "description", description, 2000, true)
	if len(reqs) == 0 {
		fe.add("lines", "at least one line is required")
	}
	agreed := make(map[string]Line, len(o.Lines))
	for _, l := range o.Lines {
		if l.SKU != "" {
			if _, seen := agreed[l.SKU]; !seen {
				agreed[l.SKU] = l
			}
		}
	}
	cr := &ChangeRequest{
		OrderID: o.ID, Description: strings.TrimSpace(description), Necessary: necessary,
		FixedPrice: o.FixedPrice, RequestedAt: now,
	}
	for i, r := range reqs {
		p := fmt.Sprintf("lines[%d].", i)
		cl, ok := priceChangeLine(r, agreed, standard)
		if !ok {
			if strings.TrimSpace(r.SKU) == "" {
				fe.add(p+"sku", "is required: extra work is priced from agreed or standard rates")
			} else {
				fe.add(p+"sku", "no agreed rate in the order and no standard rate for %q", r.SKU)
			}
		}
		cl.Position = i + 1
		if strings.TrimSpace(r.Description) != "" {
			cl.Description = strings.TrimSpace(r.Description)
		}
		validateChangeQuantity(&fe, p, r.Quantity)
		cr.Lines = append(cr.Lines, cl)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	lines := make([]Line, len(cr.Lines))
	for i, l := range cr.Lines {
		lines[i] = l.Line
	}
	cr.Totals = ComputeTotals(lines)
	cr.OrderNetBefore = ComputeTotals(o.Lines).Net
	cr.OrderNetAfter = cr.OrderNetBefore.Add(cr.Totals.Net)
	cr.ApprovalRequired = !necessary || o.FixedPrice
	if cr.ApprovalRequired {
		cr.Status = ChangeAwaitingApproval
	} else {
		cr.Status = ChangeApproved
	}
	cr.Consequence = consequence(cr)
	return cr, nil
}

func priceChangeLine(r ChangeLineRequest, agreed map[string]Line, standard map[string]StandardRate) (ChangeLine, bool) {
	sku := strings.TrimSpace(r.SKU)
	if l, ok := agreed[sku]; ok && sku != "" {
		return ChangeLine{Source: PriceAgreedRate, Line: Line{
			Kind: l.Kind, Description: l.Description, Quantity: r.Quantity, Unit: l.Unit,
			UnitPrice: l.UnitPrice, VATRate: l.VATRate, Period: l.Period, SKU: sku,
		}}, true
	}
	if s, ok := standard[sku]; ok && sku != "" {
		kind := s.Kind
		if kind == "" {
			kind = KindService
		}
		return ChangeLine{Source: PriceStandardRate, Line: Line{
			Kind: kind, Description: s.Description, Quantity: r.Quantity, Unit: s.Unit,
			UnitPrice: s.UnitPrice, VATRate: s.VATRate, SKU: sku,
		}}, true
	}
	return ChangeLine{Line: Line{SKU: sku, Quantity: r.Quantity}}, false
}

func validateChangeQuantity(fe *fieldErrors, p string, q decimal.Decimal) {
	switch {
	case !q.IsPositive():
		fe.add(p+"quantity", "must be greater than zero")
	case q.GreaterThan(maxQuantity):
		fe.add(p+"quantity", "must not exceed %s", maxQuantity)
	case !q.Equal(q.Round(maxQuantityDecimal)):
		fe.add(p+"quantity", "at most %d decimals", maxQuantityDecimal)
	}
}

// consequence is what the extra work means for the customer, in the staff language (the
// record); consequenceIn says it in a reader's language (the customer's e-mail).
func consequence(cr *ChangeRequest) string { return consequenceIn(i18n.For(web.StaffLang), cr, euro) }

func consequenceIn(l *i18n.Localizer, cr *ChangeRequest, money func(decimal.Decimal) string) string {
	data := map[string]any{"Net": money(cr.Totals.Net), "Gross": money(cr.Totals.Gross), "Before": money(cr.OrderNetBefore), "After": money(cr.OrderNetAfter)}
	switch {
	case cr.FixedPrice:
		return l.T("orders.change.fixed_price", data)
	case cr.ApprovalRequired:
		return l.T("orders.change.approval", data)
	default:
		return l.T("orders.change.necessary", data)
	}
}

// Decide records the customer's approval or rejection of a change request awaiting it.
func (c *ChangeRequest) Decide(approve bool, by string, now time.Time) error {
	var fe fieldErrors
	by = strings.TrimSpace(by)
	checkText(&fe, "decided_by", by, 200, true)
	if err := fe.err(); err != nil {
		return err
	}
	if c.Status != ChangeAwaitingApproval {
		return refuse(ErrChangeRequestNotOpen, "the change request is %s", c.Status)
	}
	if approve {
		c.Status = ChangeApproved
	} else {
		c.Status = ChangeRejected
	}
	c.DecidedAt, c.DecidedBy = &now, by
	return nil
}
