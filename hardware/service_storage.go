package hardware

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/problem"
)

// RefuseIn is the body of POST /api/v1/deliveries/{id}/refuse.
type RefuseIn struct {
	At     *time.Time `json:"at"`
	Reason string     `json:"reason" validate:"required,oneof=refused address_unreachable information_missing"`
}

// Refuse records a delivery that could not be made: the goods are stored at the
// customer's cost and risk from that moment (HW-2); the first started week is charged
// at once, later weeks by the storage job.
func (s *Service) Refuse(ctx context.Context, id int64, in RefuseIn) (*Delivery, error) {
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
		case Delivered, Stored:
			return fmt.Errorf("%w: the delivery is %s", ErrDeliveryState, d.Status)
		}
		at := now
		if in.At != nil {
			at = in.At.UTC()
		}
		if at.After(now) {
			return problem.Invalid("at", "must not be in the future")
		}
		if !slices.Contains(StoreReasons, in.Reason) {
			return problem.Invalid("reason", "must be one of refused, address_unreachable, information_missing")
		}
		d.Status, d.StoredAt, d.StoredReason, d.RiskSince, d.UpdatedAt = Stored, &at, &in.Reason, &at, now
		rate, err := s.storageRate(ctx, tx)
		if err != nil {
			return err
		}
		if err := chargeStorage(ctx, tx, now, d, now, rate); err != nil {
			return err
		}
		if err := updateDelivery(ctx, tx, d); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_delivery", d.ID, "store", map[string]any{"at": at, "reason": in.Reason})
	})
	return d, err
}

// TerminateIn is the body of POST /api/v1/deliveries/{id}/terminate.
type TerminateIn struct {
	Reason string `json:"reason" validate:"required,max=2000"`
	// Scope is "delivery" (that part of the order, the default) or "agreement" (the
	// whole order: every undelivered delivery ends and every open charge is cancelled).
	Scope string `json:"scope" validate:"omitempty,oneof=delivery agreement"`
}

// Terminate ends a delivery that cannot be made (in time): either party may end that
// part of the order, or the whole agreement, without liability (HW-2, 004:14.7); the
// charges concerned are cancelled.
func (s *Service) Terminate(ctx context.Context, id int64, in TerminateIn) (*Delivery, error) {
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
		if d.Status == Delivered || d.Status == Terminated {
			return fmt.Errorf("%w: the delivery is %s", ErrDeliveryState, d.Status)
		}
		reason := strings.TrimSpace(in.Reason)
		if reason == "" {
			return problem.Invalid("reason", "is required")
		}
		ds := []*Delivery{d}
		if in.Scope == "agreement" {
			others, err := listDeliveries(ctx, tx, nil, DeliveryFilter{OrderID: d.OrderID}, 1000)
			if err != nil {
				return err
			}
			for i := range others {
				if others[i].ID != d.ID && (others[i].Status == Planned || others[i].Status == Stored) {
					ds = append(ds, &others[i])
				}
			}
		}
		cancelled := 0
		for _, x := range ds {
			x.Status, x.TerminatedAt, x.TerminationReason, x.UpdatedAt = Terminated, &now, &reason, now
			if err := updateDelivery(ctx, tx, x); err != nil {
				return err
			}
			n, err := billing.CancelBySource(ctx, tx, now, billing.Source{Domain: "hardware", Kind: "delivery_storage", ID: x.ID})
			if err != nil {
				return err
			}
			cancelled += n
		}
		if in.Scope == "agreement" {
			n, err := billing.CancelByAgreement(ctx, tx, now, billing.Agreement{Kind: "order", ID: d.OrderID}, "")
			if err != nil {
				return err
			}
			cancelled += n
		}
		return audit.Record(ctx, tx, now, "hw_delivery", d.ID, "terminate", map[string]any{"reason": reason, "scope": in.Scope,
			"deliveries": len(ds), "charges_cancelled": cancelled})
	})
	return d, err
}

// DeliveryOf loads a delivery the principal may see.
func (s *Service) DeliveryOf(ctx context.Context, id int64) (*Delivery, []*Item, error) {
	p := auth.FromContext(ctx)
	d, err := getDelivery(ctx, s.DB, id, false)
	if err != nil {
		return nil, nil, err
	}
	if err := auth.Guard(p, d.CustomerID); err != nil {
		return nil, nil, err
	}
	items, err := listItems(ctx, s.DB, p, ItemFilter{DeliveryID: id}, 10000)
	return d, items, err
}

// Deliveries lists deliveries.
func (s *Service) Deliveries(ctx context.Context, f DeliveryFilter) ([]Delivery, error) {
	p := auth.FromContext(ctx)
	return listDeliveries(ctx, s.DB, p, f, 500)
}

// OrderLinesOf are the hardware lines hardware knows for an order (for planning).
// OrderOfNumber is the id of the accepted order with hardware lines numbered number, 0
// when hardware knows none.
func (s *Service) OrderOfNumber(ctx context.Context, number string) (int64, error) {
	return orderOfNumber(ctx, s.DB, number)
}

func (s *Service) OrderLinesOf(ctx context.Context, orderID int64) ([]OrderLine, error) {
	return orderLines(ctx, s.DB, orderID)
}
