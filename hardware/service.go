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
	"backoffice/internal/calendar"
	"backoffice/internal/calendars"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
)

// Service holds the hardware use cases; each runs in one transaction.
type Service struct {
	DB        bun.IDB
	Clock     clock.Clock
	Calendars *calendars.Registry
	// StorageRate is the storage rate per started week (HW-2), excl. VAT, used when the
	// standard rate list (Rates, SKU StorageSKU) has none.
	StorageRate decimal.Decimal
	// Rates is the standard price list the orders domain keeps (platform.RateBook).
	Rates func() platform.RateBook
	// Calendar is the contract calendar for hidden-defect windows (HW-5, CAL-1).
	Calendar string
}

// DefaultStorageRate is the storage rate per delivery per started week when the standard
// rate list has no StorageSKU.
var DefaultStorageRate = decimal.RequireFromString("25.00")

// StorageSKU is the standard rate that stored goods are charged at, per started week (HW-2).
const StorageSKU = "STORAGE-WEEK"

// storageRate is the standard storage rate per started week (HW-2).
func (s *Service) storageRate(ctx context.Context, tx bun.IDB) (decimal.Decimal, error) {
	if s.Rates != nil {
		if rb := s.Rates(); rb != nil {
			r, found, err := rb.StandardRate(ctx, tx, StorageSKU)
			if err != nil {
				return decimal.Zero, err
			}
			if found {
				return r.UnitPrice, nil
			}
		}
	}
	return s.StorageRate, nil
}

func (s *Service) cal(ctx context.Context) (*calendar.Calendar, error) {
	id := s.Calendar
	if id == "" {
		id = "nl-werktijden"
	}
	return s.Calendars.Get(ctx, id)
}

func (s *Service) tx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, fn)
}

// --- products

// ProductIn creates or (pointers nil) patches a product.
type ProductIn struct {
	SKU            *string `json:"sku" validate:"omitempty,min=1,max=64"`
	Name           *string `json:"name" validate:"omitempty,min=1,max=200"`
	Manufacturer   *string `json:"manufacturer" validate:"omitempty,min=1,max=200"`
	WarrantyMonths *int    `json:"warranty_months" validate:"omitempty,min=0,max=120"`
	Serialised     *bool   `json:"serialised"`
	Condition      *string `json:"condition" validate:"omitempty,oneof=new refurbished second_hand"`
}

func (in *ProductIn) apply(p *Product, create bool) error {
	var f problem.Fields
	if create {
		for name, missing := range map[string]bool{"sku": in.SKU == nil, "name": in.Name == nil, "manufacturer": in.Manufacturer == nil,
			"warranty_months": in.WarrantyMonths == nil, "serialised": in.Serialised == nil, "condition": in.Condition == nil} {
			if missing {
				f.Add(name, "is required")
			}
		}
	}
	trim := func(field string, dst *string, src *string) {
		if src != nil {
			v := strings.TrimSpace(*src)
			if v == "" {
				f.Add(field, "must not be empty")
			}
			*dst = v
		}
	}
	trim("sku", &p.SKU, in.SKU)
	trim("name", &p.Name, in.Name)
	trim("manufacturer", &p.Manufacturer, in.Manufacturer)
	if in.SKU != nil && strings.ContainsAny(p.SKU, " \t") {
		f.Add("sku", "must not contain spaces")
	}
	if in.WarrantyMonths != nil {
		p.WarrantyMonths = *in.WarrantyMonths
	}
	if in.Serialised != nil {
		p.Serialised = *in.Serialised
	}
	if in.Condition != nil {
		p.Condition = *in.Condition
	}
	return f.Err()
}

// CreateProduct adds a product to the catalogue.
func (s *Service) CreateProduct(ctx context.Context, in ProductIn) (*Product, error) {
	now := s.Clock.Now()
	p := &Product{CreatedAt: now, UpdatedAt: now}
	if err := in.apply(p, true); err != nil {
		return nil, err
	}
	return p, s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := insertProduct(ctx, tx, p); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_product", p.ID, "create", p)
	})
}

// UpdateProduct patches a product.
func (s *Service) UpdateProduct(ctx context.Context, id int64, in ProductIn) (*Product, error) {
	now := s.Clock.Now()
	var p *Product
	return p, s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if p, err = getProduct(ctx, tx, id, true); err != nil {
			return err
		}
		before := *p
		if err := in.apply(p, false); err != nil {
			return err
		}
		p.UpdatedAt = now
		if err := updateProduct(ctx, tx, p); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_product", p.ID, "update", audit.Diff(before, *p))
	})
}

// Products lists the catalogue.
func (s *Service) Products(ctx context.Context) ([]Product, error) { return listProducts(ctx, s.DB) }

// Product loads one product.
func (s *Service) Product(ctx context.Context, id int64) (*Product, error) {
	return getProduct(ctx, s.DB, id, false)
}

// --- storage (HW-2)

// chargeStorage adds one charge per started week of storage up to until (idempotent:
// the key names the week).
func chargeStorage(ctx context.Context, tx bun.IDB, now time.Time, d *Delivery, until time.Time, rate decimal.Decimal) error {
	if d.StoredAt == nil {
		return nil
	}
	weeks := StorageWeeks(*d.StoredAt, until)
	if weeks < 1 {
		return nil
	}
	cust, err := accounts.CustomerAddress(ctx, tx, d.CustomerID)
	if err != nil {
		return err
	}
	l := i18n.For(cust.Language) // the line goes on the customer's invoice: in its language
	for w := 1; w <= weeks; w++ {
		start := civil.In(d.StoredAt.Add(time.Duration(w-1)*7*24*time.Hour), clock.Amsterdam)
		_, _, err := billing.Add(ctx, tx, now, billing.New{
			CustomerID: d.CustomerID, Source: billing.Source{Domain: "hardware", Kind: "delivery_storage", ID: d.ID},
			Agreement: billing.Agreement{Kind: "order", ID: d.OrderID}, Key: fmt.Sprintf("hardware/delivery_storage/%d@week%d", d.ID, w),
			Description: l.T("hardware.charge.storage", map[string]any{"Order": d.orderName(), "Planned": i18n.Date(l.Lang, d.PlannedOn), "Week": w, "From": i18n.Date(l.Lang, start)}),
			LineKind:    billing.Services, Quantity: decimal.NewFromInt(1), Unit: "week", UnitPrice: rate,
			BillableOn: start, TermsProfile: d.TermsProfile,
		})
		if err != nil {
			return err
		}
	}
	d.StorageWeeks = max(d.StorageWeeks, weeks)
	return nil
}

// RunStorageCharges charges the started weeks of every stored delivery (the periodic
// job; safe to run any number of times).
func (s *Service) RunStorageCharges(ctx context.Context, now time.Time) (int, error) {
	n := 0
	return n, s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ds, err := storedDeliveries(ctx, tx)
		if err != nil {
			return err
		}
		rate, err := s.storageRate(ctx, tx)
		if err != nil {
			return err
		}
		for i := range ds {
			before := ds[i].StorageWeeks
			if err := chargeStorage(ctx, tx, now, &ds[i], now, rate); err != nil {
				return err
			}
			if ds[i].StorageWeeks != before {
				n++
				ds[i].UpdatedAt = now
				if err := updateDelivery(ctx, tx, &ds[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func staffOnly(p *auth.Principal) error {
	if !p.IsStaff() {
		return problem.Forbidden("staff only")
	}
	return nil
}

var _ = slices.Contains[[]string]
