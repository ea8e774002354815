package hardware

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/problem"
)

// RMAIn is the body of POST /api/v1/rmas.
type RMAIn struct {
	ItemID     int64  `json:"item_id" validate:"required"`
	CustomerID *int64 `json:"customer_id"`
	Reason     string `json:"reason" validate:"required,max=5000"`
}

// RMAStepIn is the body of the RMA steps (approve, reject, receive, resolve).
type RMAStepIn struct {
	Instructions      string `json:"instructions,omitempty" validate:"max=5000"`
	Reason            string `json:"reason,omitempty" validate:"max=5000"`
	ConditionOK       *bool  `json:"condition_ok,omitempty"`
	Notes             string `json:"notes,omitempty" validate:"max=5000"`
	Remedy            string `json:"remedy,omitempty" validate:"omitempty,oneof=repair replace none"`
	Exclusion         string `json:"exclusion,omitempty"`
	ReplacementSerial string `json:"replacement_serial,omitempty" validate:"max=100"`
}

// RequestRMA asks for a return (HW-6): only for an item delivered to that customer.
func (s *Service) RequestRMA(ctx context.Context, in RMAIn) (*RMA, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	var r *RMA
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		it, err := getItem(ctx, tx, in.ItemID, false)
		if err != nil {
			if p.IsStaff() && errors.Is(err, problem.ErrNotFound) {
				return fmt.Errorf("%w: no such item", ErrNotDeliveredCustomer)
			}
			return err
		}
		if err := auth.Guard(p, it.CustomerID); err != nil {
			return err
		}
		cid, err := auth.CustomerFor(p, in.CustomerID)
		if err != nil {
			return err
		}
		if cid == nil {
			return problem.Invalid("customer_id", "is required when staff request an RMA for a customer")
		}
		if *cid != it.CustomerID {
			return ErrNotDeliveredCustomer
		}
		if it.ReplacedByItemID != nil {
			return problem.Invalid("item_id", "the item was replaced; request the RMA for its replacement")
		}
		reason := strings.TrimSpace(in.Reason)
		if reason == "" {
			return problem.Invalid("reason", "is required")
		}
		r = &RMA{ItemID: it.ID, ItemSerial: it.Serial, CustomerID: it.CustomerID, Reason: reason, Status: RMARequested, CreatedAt: now, UpdatedAt: now}
		if p.UserID > 0 {
			r.RequestedBy = &p.UserID
		}
		if err := insertRMA(ctx, tx, r); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_rma", r.ID, "request", map[string]any{"item_id": it.ID, "reason": reason})
	})
	return r, err
}

// StepRMA moves an RMA on: approve (our written consent with instructions, HW-6),
// reject, receive (condition checked) or resolve (repair | replace | none, HW-7).
func (s *Service) StepRMA(ctx context.Context, id int64, step string, in RMAStepIn) (*RMA, error) {
	p := auth.FromContext(ctx)
	if err := staffOnly(p); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	var r *RMA
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = getRMA(ctx, tx, id, true); err != nil {
			return err
		}
		want := map[string]string{"approve": RMARequested, "reject": RMARequested, "receive": RMAApproved, "resolve": RMAReceived}[step]
		if r.Status != want {
			return fmt.Errorf("%w: the RMA is %s, %s needs %s", ErrRMAState, r.Status, step, want)
		}
		var f problem.Fields
		text := func(v string) *string { v = strings.TrimSpace(v); return &v }
		switch step {
		case "approve":
			if strings.TrimSpace(in.Instructions) == "" {
				f.Add("instructions", "are required: how and where to send it (at the customer's cost and risk, undamaged, complete, in the original packaging, HW-6)")
			}
			r.Status, r.Instructions, r.ApprovedAt = RMAApproved, text(in.Instructions), &now
		case "reject":
			if strings.TrimSpace(in.Reason) == "" {
				f.Add("reason", "is required")
			}
			r.Status, r.RejectionReason, r.RejectedAt = RMARejected, text(in.Reason), &now
		case "receive":
			if in.ConditionOK == nil {
				f.Add("condition_ok", "is required")
			}
			r.Status, r.ConditionOK, r.ReceiveNotes, r.ReceivedAt = RMAReceived, in.ConditionOK, text(in.Notes), &now
		case "resolve":
			if err := s.resolve(ctx, tx, r, in, &f); err != nil {
				return err
			}
			r.Status, r.ResolvedAt = RMAResolved, &now
		}
		if err := f.Err(); err != nil {
			return err
		}
		r.UpdatedAt = now
		if err := updateRMA(ctx, tx, r); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_rma", r.ID, step, in)
	})
	return r, err
}

// resolve applies the remedy (HW-7: repair or replacement only). A replacement gets
// the rest of the old item's warranty; "none" records the exclusion that applied.
func (s *Service) resolve(ctx context.Context, tx bun.IDB, r *RMA, in RMAStepIn, f *problem.Fields) error {
	now := s.Clock.Now()
	if in.Remedy == "" {
		f.Add("remedy", "is required: repair, replace or none")
		return nil
	}
	r.Remedy = &in.Remedy
	reason := strings.TrimSpace(in.Reason)
	r.RemedyReason = &reason
	switch in.Remedy {
	case "none":
		if !slices.Contains(Exclusions, in.Exclusion) {
			f.Add("exclusion", "must be one of "+strings.Join(Exclusions, ", "))
			return nil
		}
		r.Exclusion = &in.Exclusion
	case "replace":
		sn := strings.TrimSpace(in.ReplacementSerial)
		old, err := getItem(ctx, tx, r.ItemID, true)
		if err != nil {
			return err
		}
		if old.Product.Serialised && sn == "" {
			f.Add("replacement_serial", "is required for a serialised product")
			return nil
		}
		nw := *old
		nw.ID, nw.ReplacesItemID, nw.ReplacedByItemID, nw.CreatedAt, nw.UpdatedAt = 0, &old.ID, nil, now, now
		nw.Serial = nil
		if sn != "" {
			nw.Serial = &sn
		}
		if old.WarrantyCovered {
			nw.WarrantyReason = "replacement under warranty: the rest of the warranty of the replaced item"
		}
		if err := insertItem(ctx, tx, &nw); err != nil {
			if errors.Is(err, ErrSerialTaken) {
				f.Add("replacement_serial", "an item of this product already has this serial")
				return nil
			}
			return err
		}
		old.ReplacedByItemID, old.UpdatedAt = &nw.ID, now
		if err := updateItem(ctx, tx, old); err != nil {
			return err
		}
		r.ReplacementItemID = &nw.ID
	}
	return nil
}

// RMAOf loads an RMA the principal may see.
func (s *Service) RMAOf(ctx context.Context, id int64) (*RMA, error) {
	p := auth.FromContext(ctx)
	r, err := getRMA(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	return r, auth.Guard(p, r.CustomerID)
}

// RMAs lists a page of RMAs, newest first (of one item when ItemID > 0).
func (s *Service) RMAs(ctx context.Context, f PageFilter) ([]RMA, error) {
	var rs []RMA
	err := s.RMAsInto(ctx, f, &rs)
	return rs, err
}

// RMAsInto is RMAs into *rs (a pooled page, see db.RowPool).
func (s *Service) RMAsInto(ctx context.Context, f PageFilter, rs *[]RMA) error {
	p := auth.FromContext(ctx)
	if f.Limit <= 0 || f.Limit > 201 {
		f.Limit = 201
	}
	return listRMAs(ctx, s.DB, p, f, rs)
}
