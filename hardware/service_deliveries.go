package hardware

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
)

// DeliveryLineIn is part of an order line to deliver.
type DeliveryLineIn struct {
	OrderLineID int64           `json:"order_line_id" validate:"required"`
	Quantity    decimal.Decimal `json:"quantity" validate:"dgt=0"`
	Serials     []string        `json:"serials"`
}

// AddressIn is an agreed delivery address other than the registered one (HW-1).
type AddressIn struct {
	Street     string `json:"street" validate:"required,max=200"`
	PostalCode string `json:"postal_code" validate:"required,max=20"`
	City       string `json:"city" validate:"required,max=100"`
	Country    string `json:"country" validate:"required,len=2,uppercase,alpha"`
}

// DeliveryIn is the body of POST /api/v1/deliveries.
type DeliveryIn struct {
	OrderID    int64            `json:"order_id" validate:"required"`
	CustomerID *int64           `json:"customer_id"`
	Lines      []DeliveryLineIn `json:"lines" validate:"required,min=1,dive"`
	PlannedOn  civil.Date       `json:"planned_on"`
	Address    *AddressIn       `json:"address"`
}

// checkSerials reports serials given twice or already in use for a product.
func checkSerials(ctx context.Context, tx bun.IDB, f *problem.Fields, field string, productID int64, serials []string, seen map[string]bool, except int64) error {
	for j, s := range serials {
		k := fmt.Sprint(productID, "/", strings.ToUpper(s))
		if strings.TrimSpace(s) == "" {
			f.Addf(fmt.Sprintf("%s.serials[%d]", field, j), "must not be empty")
		} else if seen[k] {
			f.Addf(fmt.Sprintf("%s.serials[%d]", field, j), "serial %s is given twice", s)
		}
		seen[k] = true
	}
	taken, err := serialsInUse(ctx, tx, productID, serials, except)
	if err != nil {
		return err
	}
	for j, s := range serials {
		if slices.Contains(taken, s) {
			f.Addf(fmt.Sprintf("%s.serials[%d]", field, j), "serial %s is already delivered or planned for this product", s)
		}
	}
	return nil
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// CreateDelivery plans a (partial) delivery of an order's hardware lines, to the
// customer's registered address unless another was agreed (HW-1).
func (s *Service) CreateDelivery(ctx context.Context, in DeliveryIn) (*Delivery, error) {
	p := auth.FromContext(ctx)
	if err := staffOnly(p); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	d := &Delivery{OrderID: in.OrderID, Status: Planned, PlannedOn: in.PlannedOn, CreatedAt: now, UpdatedAt: now}
	if d.PlannedOn.IsZero() {
		d.PlannedOn = civil.In(now, clock.Amsterdam)
	}
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ols, err := orderLines(ctx, tx, in.OrderID)
		if err != nil {
			return err
		}
		if len(ols) == 0 {
			return problem.Invalid("order_id", "no accepted order with hardware lines has this id")
		}
		d.CustomerID, d.TermsProfile, d.OrderNumber = ols[0].CustomerID, ols[0].TermsProfile, ols[0].OrderNumber
		var f problem.Fields
		if in.CustomerID != nil && *in.CustomerID != d.CustomerID {
			f.Add("customer_id", "the order belongs to another customer")
		}
		planned, err := plannedQuantities(ctx, tx, in.OrderID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		lineSeen := map[int64]bool{}
		for i, l := range in.Lines {
			field := fmt.Sprintf("lines[%d]", i)
			idx := slices.IndexFunc(ols, func(o OrderLine) bool { return o.OrderLineID == l.OrderLineID })
			if idx < 0 {
				f.Add(field+".order_line_id", "is not a hardware line of this order")
				continue
			}
			if lineSeen[l.OrderLineID] {
				f.Add(field+".order_line_id", "is given twice")
			}
			lineSeen[l.OrderLineID] = true
			ol := ols[idx]
			if ol.SKU == nil || *ol.SKU == "" {
				f.Add(field+".order_line_id", "the order line names no product (sku)")
				continue
			}
			prod, err := productBySKU(ctx, tx, *ol.SKU)
			if err != nil {
				f.Addf(field+".order_line_id", "no product with SKU %s in the catalogue", *ol.SKU)
				continue
			}
			already := decimal.Zero
			if q, ok := planned[l.OrderLineID]; ok {
				already = decimal.RequireFromString(q)
			}
			if rest := ol.Quantity.Sub(already); l.Quantity.GreaterThan(rest) {
				f.Addf(field+".quantity", "is more than was ordered: %s ordered, %s on other deliveries, %s left", ol.Quantity, already, rest)
			}
			serials := trimAll(l.Serials)
			if !prod.Serialised && len(serials) > 0 {
				f.Add(field+".serials", "the product is not serialised")
			}
			if prod.Serialised {
				if !l.Quantity.IsInteger() {
					f.Add(field+".quantity", "must be a whole number for a serialised product")
				} else if int64(len(serials)) > l.Quantity.IntPart() {
					f.Addf(field+".serials", "%d serials for %s items", len(serials), l.Quantity)
				}
				if err := checkSerials(ctx, tx, &f, field, prod.ID, serials, seen, 0); err != nil {
					return err
				}
			}
			d.Lines = append(d.Lines, DeliveryLine{OrderLineID: l.OrderLineID, ProductID: prod.ID, Quantity: l.Quantity, Serials: serials, Product: prod, OrderLine: &ols[idx]})
		}
		if err := f.Err(); err != nil {
			return err
		}
		if in.Address != nil {
			d.Street, d.PostalCode, d.City, d.Country = in.Address.Street, in.Address.PostalCode, in.Address.City, in.Address.Country
		} else {
			a, err := registeredAddress(ctx, tx, d.CustomerID)
			if err != nil {
				return err
			}
			d.Street, d.PostalCode, d.City, d.Country = a.Street, a.PostalCode, a.City, a.Country
			if d.Country == "" {
				d.Country = "NL"
			}
		}
		if err := insertDelivery(ctx, tx, d); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_delivery", d.ID, "plan", map[string]any{"order_id": d.OrderID, "lines": len(d.Lines), "planned_on": d.PlannedOn})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// DeliverLineIn gives the serials of a delivery line as the driver scanned them.
type DeliverLineIn struct {
	DeliveryLineID int64    `json:"delivery_line_id" validate:"required"`
	Serials        []string `json:"serials"`
}

// DeliverIn is the body of POST /api/v1/deliveries/{id}/deliver.
type DeliverIn struct {
	DeliveredAt  *time.Time      `json:"delivered_at"`
	DispatchedAt *time.Time      `json:"dispatched_at"`
	ReceivedBy   string          `json:"received_by" validate:"required,max=200"`
	Lines        []DeliverLineIn `json:"lines" validate:"dive"`
}

// Deliver records the hand-over: the goods come into the customer's control, the risk
// passes (HW-3), every item gets its warranty (HW-7) and stays ours until paid (HW-4),
// and the delivered lines become charges of the order (INV-7).
func (s *Service) Deliver(ctx context.Context, id int64, in DeliverIn) (*Delivery, error) {
	p := auth.FromContext(ctx)
	if err := staffOnly(p); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	var d *Delivery
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if d, err = getDelivery(ctx, tx, id, true); err != nil {
			return err
		}
		switch d.Status {
		case Terminated:
			return ErrDeliveryTerminated
		case Delivered:
			return fmt.Errorf("%w: already delivered", ErrDeliveryState)
		}
		at := now
		if in.DeliveredAt != nil {
			at = in.DeliveredAt.UTC()
		}
		var f problem.Fields
		if at.After(now) {
			f.Add("delivered_at", "must not be in the future")
		}
		if at.Before(d.CreatedAt.Add(-30 * 24 * time.Hour)) {
			f.Add("delivered_at", "is long before the delivery was planned")
		}
		if d.StoredAt != nil && at.Before(*d.StoredAt) {
			f.Add("delivered_at", "must be after the goods went into storage")
		}
		if in.DispatchedAt != nil && in.DispatchedAt.After(at) {
			f.Add("dispatched_at", "must not be after delivered_at")
		}
		if strings.TrimSpace(in.ReceivedBy) == "" {
			f.Add("received_by", "is required: the name of who signed for the goods")
		}
		given := map[int64][]string{}
		for i, l := range in.Lines {
			if !slices.ContainsFunc(d.Lines, func(x DeliveryLine) bool { return x.ID == l.DeliveryLineID }) {
				f.Add(fmt.Sprintf("lines[%d].delivery_line_id", i), "is not a line of this delivery")
				continue
			}
			given[l.DeliveryLineID] = trimAll(l.Serials)
		}
		seen := map[string]bool{}
		for i := range d.Lines {
			l := &d.Lines[i]
			field := fmt.Sprintf("lines[%d]", i)
			if g, ok := given[l.ID]; ok {
				l.Serials = g
			}
			if !l.Product.Serialised {
				continue
			}
			if int64(len(l.Serials)) != l.Quantity.IntPart() {
				f.Addf(field+".serials", "%s needs %s serials, %d given", l.Product.Name, l.Quantity, len(l.Serials))
			}
			if err := checkSerials(ctx, tx, &f, field, l.ProductID, l.Serials, seen, d.ID); err != nil {
				return err
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if d.Status == Stored {
			rate, err := s.storageRate(ctx, tx)
			if err != nil {
				return err
			}
			if err := chargeStorage(ctx, tx, now, d, at, rate); err != nil {
				return err
			}
		}
		rb := strings.TrimSpace(in.ReceivedBy)
		risk := RiskSince(d.TermsProfile, in.DispatchedAt, at)
		d.Status, d.DeliveredAt, d.ReceivedBy, d.RiskSince, d.DispatchedAt, d.UpdatedAt = Delivered, &at, &rb, &risk, in.DispatchedAt, now
		if err := updateDelivery(ctx, tx, d); err != nil {
			return err
		}
		on := civil.In(at, clock.Amsterdam)
		for i := range d.Lines {
			l := &d.Lines[i]
			if err := updateDeliveryLine(ctx, tx, l); err != nil {
				return err
			}
			w := WarrantyFor(l.Product, on, d.Country, l.OrderLine.Discount)
			mk := func(serial *string, qty decimal.Decimal) error {
				it := &Item{DeliveryID: d.ID, DeliveryLineID: l.ID, ProductID: l.ProductID, CustomerID: d.CustomerID, OrderID: d.OrderID,
					Serial: serial, Quantity: qty, DeliveredAt: at, RiskSince: risk, Title: Retained, WarrantyUntil: w.Until,
					WarrantyCovered: w.Covered, WarrantyReason: w.Reason, CreatedAt: now, UpdatedAt: now}
				return insertItem(ctx, tx, it)
			}
			if l.Product.Serialised {
				for _, sn := range l.Serials {
					if err := mk(&sn, decimal.NewFromInt(1)); err != nil {
						return err
					}
				}
			} else if err := mk(nil, l.Quantity); err != nil {
				return err
			}
			if err := chargeLine(ctx, tx, now, d, l, on); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, now, "hw_delivery", d.ID, "deliver", map[string]any{"delivered_at": at, "received_by": rb, "risk_since": risk})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// chargeLine bills a delivered line per delivery (INV-7) at the order's price less its discount.
func chargeLine(ctx context.Context, tx bun.IDB, now time.Time, d *Delivery, l *DeliveryLine, on civil.Date) error {
	ol := l.OrderLine
	price := ol.UnitPrice
	desc := ol.Description
	cust, err := accounts.CustomerAddress(ctx, tx, d.CustomerID)
	if err != nil {
		return err
	}
	lang := i18n.For(cust.Language) // the line goes on the customer's invoice: in its language
	if ol.Discount.IsPositive() {
		price = price.Mul(decimal.NewFromInt(100).Sub(ol.Discount)).Div(decimal.NewFromInt(100)).Round(2)
		desc = lang.T("hardware.charge.discount", map[string]any{"Description": desc, "Percent": i18n.Percent(lang.Lang, ol.Discount)})
	}
	if len(l.Serials) > 0 {
		desc = lang.T("hardware.charge.serials", map[string]any{"Description": desc, "Serials": strings.Join(l.Serials, ", ")})
	}
	_, _, err = billing.Add(ctx, tx, now, billing.New{
		CustomerID: d.CustomerID, Source: billing.Source{Domain: "hardware", Kind: "delivery_line", ID: l.ID},
		Agreement: billing.Agreement{Kind: "order", ID: d.OrderID}, Description: desc, LineKind: billing.Goods,
		Quantity: l.Quantity, Unit: ol.Unit, UnitPrice: price, VATRate: ol.VATRate, BillableOn: on, TermsProfile: d.TermsProfile,
	})
	return err
}
