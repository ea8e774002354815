package secondment

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/calendar"
	"backoffice/internal/problem"
)

// EntryInput is the technician's hour entry: when and what.
type EntryInput struct {
	StartedAt   time.Time
	EndedAt     time.Time
	Description string
}

// loggable loads the placement for the technician logging on it, taking the technician's
// hours lock in the same statement: customers meet the tenancy guard, other technicians
// and non-technicians a 403.
func (s *Service) loggable(ctx context.Context, tx bun.IDB, pr *auth.Principal, id int64) (*Placement, error) {
	p, err := getPlacementForLogging(ctx, tx, id, pr.UserID)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(pr, p.CustomerID); err != nil {
		return nil, problem.NotFound("placement")
	}
	if !pr.Is(auth.Technician) || p.TechnicianID != pr.UserID {
		return nil, ErrNotYourPlacement
	}
	return p, nil
}

// price checks an entry against SEC-3's rules and the placement, then prices it.
func (s *Service) price(ctx context.Context, tx bun.IDB, p *Placement, in EntryInput, now time.Time) (*calendar.Calendar, Pricing, error) {
	var f problem.Fields
	if d := strings.TrimSpace(in.Description); d == "" {
		f.Add("description", "is required")
	} else if len([]rune(d)) > 1000 {
		f.Add("description", "must be at most 1000 characters")
	}
	cal, err := calendarOf(ctx, tx, p.CalendarID)
	if err != nil {
		return nil, Pricing{}, err
	}
	f.Merge(CheckEntrySpan(in.StartedAt, in.EndedAt, now, p.Period(), cal.Location()))
	if err := f.Err(); err != nil {
		return nil, Pricing{}, err
	}
	pricing, err := Price(in.StartedAt, in.EndedAt, p.HourlyRate, p.Bands, cal, cal.Location())
	if err != nil {
		return nil, Pricing{}, problem.Invalid("ended_at", err.Error())
	}
	return cal, pricing, nil
}

// LogHours records an entry of the placed technician, priced by band (SEC-3). Overlap
// with another live entry of the technician is refused by the database (409).
func (s *Service) LogHours(ctx context.Context, placementID int64, in EntryInput) (*HourEntry, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *HourEntry
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.loggable(ctx, tx, pr, placementID)
		if err != nil {
			return err
		}
		cal, pricing, err := s.price(ctx, tx, p, in, now)
		if err != nil {
			return err
		}
		e := &HourEntry{PlacementID: p.ID, TechnicianID: pr.UserID, StartedAt: in.StartedAt.UTC(), EndedAt: in.EndedAt.UTC(),
			Month: monthDate(in.StartedAt, cal.Location()), Description: strings.TrimSpace(in.Description),
			Status: StatusSubmitted, HourlyRate: p.HourlyRate, Minutes: pricing.Minutes, Amount: pricing.Amount,
			Segments: pricing.Segments, CreatedAt: now, UpdatedAt: now}
		entry, err := audit.Insert(ctx, tx, now, "hour_entry", 0, "log", nil) // id and changes: insertEntryAudited
		if err != nil {
			return err
		}
		out = e
		return insertEntryAudited(ctx, tx, e, entry)
	})
	return out, err
}

// ownEntry loads an entry for its technician, locked for change.
func (s *Service) ownEntry(ctx context.Context, tx bun.IDB, pr *auth.Principal, id int64) (*HourEntry, *Placement, error) {
	e, err := getEntry(ctx, tx, id, forUpdate)
	if err != nil {
		return nil, nil, err
	}
	p, err := getPlacement(ctx, tx, e.PlacementID, forShare)
	if err != nil {
		return nil, nil, err
	}
	if err := auth.Guard(pr, p.CustomerID); err != nil {
		return nil, nil, problem.NotFound("hour entry")
	}
	if !pr.Is(auth.Technician) || e.TechnicianID != pr.UserID {
		return nil, nil, ErrNotYourEntry
	}
	return e, p, nil
}

// MyEntry returns an entry of the calling technician, with its customer's name, for the
// edit form; a customer of another company does not find it, another user is refused.
func (s *Service) MyEntry(ctx context.Context, id int64) (*HourEntry, error) {
	pr := auth.FromContext(ctx)
	e, err := getEntry(ctx, s.db, id, noLock)
	if err != nil {
		return nil, err
	}
	p, err := getPlacement(ctx, s.db, e.PlacementID, noLock)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(pr, p.CustomerID); err != nil {
		return nil, problem.NotFound("hour entry")
	}
	if !pr.Is(auth.Technician) || e.TechnicianID != pr.UserID {
		return nil, ErrNotYourEntry
	}
	e.CustomerID, e.CustomerName, e.TechnicianName = p.CustomerID, p.CustomerName, p.TechnicianName
	return e, nil
}

// EditEntry changes a submitted entry and prices it again; approved hours are locked.
func (s *Service) EditEntry(ctx context.Context, id int64, in EntryInput) (*HourEntry, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *HourEntry
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		e, p, err := s.ownEntry(ctx, tx, pr, id)
		if err != nil {
			return err
		}
		if err := CheckModifiable(e.Status); err != nil {
			return err
		}
		if err := lockTechnicianHours(ctx, tx, e.TechnicianID); err != nil {
			return err
		}
		before := *e
		cal, pricing, err := s.price(ctx, tx, p, in, now)
		if err != nil {
			return err
		}
		e.StartedAt, e.EndedAt = in.StartedAt.UTC(), in.EndedAt.UTC()
		e.Month, e.Description = monthDate(in.StartedAt, cal.Location()), strings.TrimSpace(in.Description)
		e.HourlyRate, e.Minutes, e.Amount, e.Segments, e.UpdatedAt = p.HourlyRate, pricing.Minutes, pricing.Amount, pricing.Segments, now
		if err := updateEntryColumns(ctx, tx, e, "started_at", "ended_at", "month", "description", "hourly_rate",
			"minutes", "amount", "segments", "updated_at"); err != nil {
			return err
		}
		out = e
		return audit.Record(ctx, tx, now, "hour_entry", e.ID, "edit", audit.Diff(&before, e))
	})
	return out, err
}

// WithdrawEntry takes back a submitted entry; it then counts nowhere.
func (s *Service) WithdrawEntry(ctx context.Context, id int64) (*HourEntry, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *HourEntry
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		e, _, err := s.ownEntry(ctx, tx, pr, id)
		if err != nil {
			return err
		}
		if err := CheckModifiable(e.Status); err != nil {
			return err
		}
		e.Status, e.UpdatedAt = StatusWithdrawn, now
		if err := updateEntryColumns(ctx, tx, e, "status", "updated_at"); err != nil {
			return err
		}
		out = e
		return audit.Record(ctx, tx, now, "hour_entry", e.ID, "withdraw", nil)
	})
	return out, err
}

// decide approves or rejects one submitted entry inside tx: account managers and admins
// for any placement, the customer's contacts for their own company's placements.
func (s *Service) decide(ctx context.Context, tx bun.IDB, pr *auth.Principal, id int64, approve bool, reason string, now time.Time) (*HourEntry, error) {
	if !pr.Is(auth.AccountManager, auth.Admin, auth.Customer) {
		return nil, problem.Forbidden("hours are approved by the account manager or the customer's contact")
	}
	e, err := getEntry(ctx, tx, id, forUpdate)
	if err != nil {
		return nil, err
	}
	p, err := getPlacement(ctx, tx, e.PlacementID, forShare)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(pr, p.CustomerID); err != nil {
		return nil, problem.NotFound("hour entry")
	}
	if err := CheckDecision(e.Status); err != nil {
		return nil, err
	}
	actor := pr.UserID
	e.DecidedBy, e.DecidedAt, e.UpdatedAt = &actor, &now, now
	action := "approve"
	if approve {
		e.Status = StatusApproved
	} else {
		e.Status, e.RejectReason, action = StatusRejected, &reason, "reject"
	}
	if err := updateEntryColumns(ctx, tx, e, "status", "decided_by", "decided_at", "reject_reason", "updated_at"); err != nil {
		return nil, err
	}
	return e, audit.Record(ctx, tx, now, "hour_entry", e.ID, action, map[string]any{"reason": e.RejectReason})
}

// Approve approves a submitted entry; it is locked from then on.
func (s *Service) Approve(ctx context.Context, id int64) (*HourEntry, error) {
	es, err := s.decideAll(ctx, []int64{id}, true, "")
	if err != nil {
		return nil, err
	}
	return &es[0], nil
}

// Reject rejects a submitted entry with a reason.
func (s *Service) Reject(ctx context.Context, id int64, reason string) (*HourEntry, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, problem.Invalid("reason", "is required")
	}
	es, err := s.decideAll(ctx, []int64{id}, false, strings.TrimSpace(reason))
	if err != nil {
		return nil, err
	}
	return &es[0], nil
}

// ApproveAll approves several entries at once (the weekly bulk approval): all of them
// or, when one cannot be approved, none.
func (s *Service) ApproveAll(ctx context.Context, ids []int64) ([]HourEntry, error) {
	return s.decideAll(ctx, ids, true, "")
}

func (s *Service) decideAll(ctx context.Context, ids []int64, approve bool, reason string) ([]HourEntry, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	// Lock in id order so two bulk approvals never deadlock each other.
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var out []HourEntry
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		out = out[:0]
		for _, id := range ids {
			e, err := s.decide(ctx, tx, pr, id, approve, reason, now)
			if err != nil {
				return err
			}
			out = append(out, *e)
		}
		return nil
	})
	return out, err
}

// Entries lists the entries the principal may see.
func (s *Service) Entries(ctx context.Context, f EntryFilter) ([]HourEntry, error) {
	return listEntries(ctx, s.db, auth.FromContext(ctx), f)
}

// Preview prices a span without storing it, for the log form's live preview.
func (s *Service) Preview(ctx context.Context, start, end time.Time, rate decimal.Decimal, calendarID string) (Pricing, error) {
	if calendarID == "" {
		calendarID = calendar.IDWerktijden
	}
	var f problem.Fields
	cal, err := calendarOf(ctx, s.db, calendarID)
	if err != nil {
		f.Add("calendar_id", "no such calendar")
	}
	if err := CheckMoney(rate); err != nil {
		f.Add("hourly_rate", err.Error())
	}
	switch {
	case !end.After(start):
		f.Add("ended_at", "must be after started_at")
	case end.Sub(start) > MaxEntryDuration:
		f.Add("ended_at", "an entry lasts at most 24 hours")
	case !wholeMinute(start) || !wholeMinute(end):
		f.Add("started_at", "must be whole minutes (no seconds)")
	}
	if err := f.Err(); err != nil {
		return Pricing{}, err
	}
	return Price(start, end, rate, DefaultBands(), cal, cal.Location())
}

// PreviewForPlacement prices a span with a placement's own rate, bands and calendar.
func (s *Service) PreviewForPlacement(ctx context.Context, placementID int64, start, end time.Time) (Pricing, error) {
	p, err := s.Placement(ctx, placementID)
	if err != nil {
		return Pricing{}, err
	}
	cal, err := calendarOf(ctx, s.db, p.CalendarID)
	if err != nil {
		return Pricing{}, err
	}
	if !end.After(start) || end.Sub(start) > MaxEntryDuration || !wholeMinute(start) || !wholeMinute(end) {
		return Pricing{}, problem.Invalid("ended_at", "must be after started_at, at most 24 hours later, on whole minutes")
	}
	return Price(start, end, p.HourlyRate, p.Bands, cal, cal.Location())
}
