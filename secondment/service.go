package secondment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/calendar"
	"backoffice/internal/calendars"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/db"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/problem"
)

// Errors of authorisation specific to secondment.
var (
	ErrNotYourPlacement = problem.New(403, "not_your_placement", "only the technician placed here logs hours on this placement")
	ErrNotYourEntry     = problem.New(403, "not_your_entry", "only the technician who logged the entry may change it")
)

// Service holds the secondment use cases; each runs in one transaction and writes its
// audit entry there.
type Service struct {
	db      *bun.DB
	clock   clock.Clock
	company pdfdoc.Company // on the statement PDF (BACKOFFICE_COMPANY_*)
}

// NewService returns the service over db, reading time from clk.
func NewService(db *bun.DB, clk clock.Clock) *Service { return &Service{db: db, clock: clk} }

// PlacementInput creates or replaces the terms of a placement.
type PlacementInput struct {
	CustomerID   int64
	TechnicianID int64
	Role         string
	HourlyRate   decimal.Decimal
	KmRate       decimal.Decimal
	StartDate    civil.Date
	EndDate      civil.Date
	CalendarID   string
	Bands        *BandTable
	NoticeMonths int
}

// calendarOf finds the placement's business calendar.
func calendarOf(ctx context.Context, idb bun.IDB, id string) (*calendar.Calendar, error) {
	return calendars.Get(ctx, idb, id)
}

// checkPeople verifies the customer exists and the technician is an active technician.
func (s *Service) checkPeople(ctx context.Context, tx bun.IDB, customerID, technicianID int64, f *problem.Fields) error {
	if customerID != 0 {
		ok, err := customerExists(ctx, tx, customerID)
		if err != nil {
			return err
		}
		if !ok {
			f.Add("customer_id", "no such customer")
		}
	}
	if technicianID != 0 {
		role, _, active, err := userRole(ctx, tx, technicianID)
		if err != nil {
			return err
		}
		if role != auth.Technician || !active {
			f.Add("technician_id", "must be an active user with the role technician")
		}
	}
	return nil
}

// CreatePlacement places a technician with a customer (account manager or admin).
func (s *Service) CreatePlacement(ctx context.Context, in PlacementInput) (*Placement, error) {
	now := s.clock.Now()
	p := &Placement{CustomerID: in.CustomerID, TechnicianID: in.TechnicianID, Role: strings.TrimSpace(in.Role),
		HourlyRate: in.HourlyRate, KmRate: in.KmRate, StartDate: in.StartDate, EndDate: in.EndDate,
		CalendarID: in.CalendarID, NoticeMonths: in.NoticeMonths, CreatedAt: now, UpdatedAt: now}
	if p.CalendarID == "" {
		p.CalendarID = calendar.IDWerktijden
	}
	if p.NoticeMonths == 0 {
		p.NoticeMonths = DefaultNoticeMonths
	}
	p.Bands = DefaultBands()
	if in.Bands != nil {
		p.Bands = *in.Bands
	}
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var f problem.Fields
		if err := s.checkPeople(ctx, tx, p.CustomerID, p.TechnicianID, &f); err != nil {
			return err
		}
		if _, err := calendarOf(ctx, tx, p.CalendarID); err != nil {
			f.Add("calendar_id", "no such calendar")
		}
		if !p.EndDate.IsZero() && p.EndDate.Before(p.StartDate) {
			f.Add("end_date", "must not be before start_date")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := insertPlacement(ctx, tx, p); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "placement", p.ID, "create", p)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// PlacementPatch changes some terms of a placement; nil fields stay.
type PlacementPatch struct {
	Role         *string
	HourlyRate   *decimal.Decimal
	KmRate       *decimal.Decimal
	StartDate    *civil.Date
	EndDate      *civil.Date // the zero date makes the placement indefinite
	CalendarID   *string
	Bands        *BandTable
	NoticeMonths *int
}

// UpdatePlacement applies a patch. Entries already logged keep the rate and bands they
// were priced with; the period may not shrink past live entries.
func (s *Service) UpdatePlacement(ctx context.Context, id int64, in PlacementPatch) (*Placement, error) {
	now := s.clock.Now()
	var out *Placement
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := getPlacement(ctx, tx, id, forUpdate)
		if err != nil {
			return err
		}
		before := *p
		if in.Role != nil {
			p.Role = strings.TrimSpace(*in.Role)
		}
		if in.HourlyRate != nil {
			p.HourlyRate = *in.HourlyRate
		}
		if in.KmRate != nil {
			p.KmRate = *in.KmRate
		}
		if in.StartDate != nil {
			p.StartDate = *in.StartDate
		}
		if in.EndDate != nil {
			p.EndDate = *in.EndDate
		}
		if in.CalendarID != nil {
			p.CalendarID = *in.CalendarID
		}
		if in.Bands != nil {
			p.Bands = *in.Bands
		}
		if in.NoticeMonths != nil {
			p.NoticeMonths = *in.NoticeMonths
		}
		var f problem.Fields
		cal, err := calendarOf(ctx, tx, p.CalendarID)
		if err != nil {
			f.Add("calendar_id", "no such calendar")
		}
		if !p.EndDate.IsZero() && p.EndDate.Before(p.StartDate) {
			f.Add("end_date", "must not be before start_date")
		}
		if err := f.Err(); err != nil {
			return err
		}
		loc := cal.Location()
		n, err := liveEntriesOutside(ctx, tx, p.ID, wallInstant(p.StartDate, 0, loc),
			wallInstant(p.EndDate, MinutesPerDay, loc), !p.EndDate.IsZero())
		if err != nil {
			return err
		}
		if n > 0 {
			return problem.Conflict("entries_outside_period",
				fmt.Sprintf("%d logged entries would fall outside the new period %s", n, p.Period()))
		}
		p.UpdatedAt = now
		if err := updatePlacement(ctx, tx, p); err != nil {
			return err
		}
		out = p
		return audit.Record(ctx, tx, now, "placement", p.ID, "update", audit.Diff(&before, p))
	})
	return out, err
}

// Placement returns a placement the principal may see: customers only their own
// company's, technicians only their own (others are not found).
func (s *Service) Placement(ctx context.Context, id int64) (*Placement, error) {
	return s.visiblePlacement(ctx, s.db, auth.FromContext(ctx), id, noLock)
}

func (s *Service) visiblePlacement(ctx context.Context, idb bun.IDB, pr *auth.Principal, id int64, lock lockMode) (*Placement, error) {
	p, err := getPlacement(ctx, idb, id, lock)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(pr, p.CustomerID); err != nil {
		return nil, problem.NotFound("placement")
	}
	if pr.Is(auth.Technician) && p.TechnicianID != pr.UserID {
		return nil, problem.NotFound("placement")
	}
	return p, nil
}

// Placements lists the placements the principal may see.
func (s *Service) Placements(ctx context.Context, f PlacementFilter) ([]Placement, error) {
	return listPlacements(ctx, s.db, auth.FromContext(ctx), f)
}

// EndPlacement applies SEC-2 to an indefinite placement: the notice counts on the day it
// is deemed delivered (CAL-3, in the placement's calendar) and the placement ends on the
// last day of the notice_months-th full calendar month after that day's month.
func (s *Service) EndPlacement(ctx context.Context, id int64, receivedAt time.Time) (*Placement, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *Placement
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.visiblePlacement(ctx, tx, pr, id, forUpdate)
		if err != nil {
			return err
		}
		if p.NoticeReceivedAt != nil {
			return ErrAlreadyEnded
		}
		if receivedAt.After(now) {
			return problem.Invalid("notice_received_at", "must not be in the future")
		}
		cal, err := calendarOf(ctx, tx, p.CalendarID)
		if err != nil {
			return err
		}
		deemed := cal.NoticeDeemedDelivered(receivedAt)
		end, err := NoticeEnd(p.Period(), deemed, p.NoticeMonths)
		if err != nil {
			return err
		}
		at := receivedAt.UTC()
		p.NoticeReceivedAt, p.NoticeDeemedOn, p.EndDate, p.UpdatedAt = &at, deemed, end, now
		if err := updatePlacementColumns(ctx, tx, p, "notice_received_at", "notice_deemed_on", "end_date", "updated_at"); err != nil {
			return err
		}
		out = p
		return audit.Record(ctx, tx, now, "placement", p.ID, "end_by_notice",
			map[string]any{"notice_received_at": at, "deemed_delivered_on": deemed, "end_date": end})
	})
	return out, err
}

// Replace puts another technician on the placement (SEC-1). A customer user may ask only
// as customer; the provider's side needs staff and a recorded consultation.
func (s *Service) Replace(ctx context.Context, id int64, r ReplacementRequest) (*Replacement, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	if pr.Is(auth.Customer) && r.RequestedBy == RequestedByProvider {
		return nil, problem.Forbidden("a customer asks for a replacement as customer")
	}
	if pr.Is(auth.Technician) {
		return nil, problem.Forbidden("technicians do not arrange replacements")
	}
	var out *Replacement
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.visiblePlacement(ctx, tx, pr, id, forUpdate)
		if err != nil {
			return err
		}
		var f problem.Fields
		f.Merge(CheckReplacement(r, p.TechnicianID))
		if r.TechnicianID > 0 && r.TechnicianID != p.TechnicianID {
			if err := s.checkPeople(ctx, tx, 0, r.TechnicianID, &f); err != nil {
				return err
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		actor := pr.UserID
		rep := &Replacement{PlacementID: p.ID, FromTechnicianID: p.TechnicianID, ToTechnicianID: r.TechnicianID,
			Reason: r.Reason, RequestedBy: r.RequestedBy, ConsultedOn: r.ConsultedOn,
			ConsultationNote: strings.TrimSpace(r.ConsultationNote), ActorID: &actor, CreatedAt: now}
		if err := insertReplacement(ctx, tx, rep); err != nil {
			return err
		}
		if err := setPlacementTechnician(ctx, tx, p, r.TechnicianID, now); err != nil {
			return err
		}
		out = rep
		return audit.Record(ctx, tx, now, "placement", p.ID, "replace_technician", rep)
	})
	return out, err
}

// Replacements is the replacement history of a placement the principal may see (SEC-1):
// who replaced whom, why, at whose request and after which consultation.
func (s *Service) Replacements(ctx context.Context, placementID int64) ([]Replacement, error) {
	p, err := s.Placement(ctx, placementID)
	if err != nil {
		return nil, err
	}
	return listReplacements(ctx, s.db, p.ID)
}

// deadlockDetected is PostgreSQL's SQLSTATE for a deadlock it broke by aborting us.
const deadlockDetected = "40P01"

// inTx runs one use case in one transaction. Concurrent inserts that meet in the
// exclusion constraint can deadlock (each waits to see whether the other commits); the
// loser is retried, and then sees the winner's row and answers overlapping_hours.
func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.InTx(ctx, s.db, fn)
		if code := db.Code(err); attempt < 5 && (code == deadlockDetected || code == db.SerializationFailure) {
			continue
		}
		return err
	}
}
