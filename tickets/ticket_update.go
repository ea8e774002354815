package tickets

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

// CommentInput is the body of POST /api/v1/tickets/{id}/comments.
type CommentInput struct {
	Body string `json:"body"`
	// Public comments are seen (and e-mailed) to the customer; staff may write
	// internal notes with public=false. Customer comments are always public.
	Public *bool `json:"public"`
	// Files are photos or PDFs sent with the reply (UI forms), stored with it.
	Files []uploads.File `json:"-"`
}

// StatusInput is the body of POST /api/v1/tickets/{id}/status.
type StatusInput struct {
	Status     string  `json:"status"`
	Resolution *string `json:"resolution"`
}

// loadForChange opens the ticket under a row lock and applies the tenancy guard.
func loadForChange(ctx context.Context, tx bun.Tx, p *auth.Principal, id int64) (*Ticket, error) {
	t, err := getTicket(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(p, t.CustomerID); err != nil {
		return nil, ErrTicketNotFound
	}
	return t, nil
}

// setStatus records a status change on t (caller checked the transition).
func setStatus(ctx context.Context, tx bun.Tx, p *auth.Principal, t *Ticket, to Status, res *Resolution, now time.Time) error {
	e := &Event{TicketID: t.ID, At: now, ActorID: actorID(p), Kind: EventStatus, OldValue: strp(string(t.Status)), NewValue: strp(string(to))}
	switch {
	case to == StatusResolved:
		t.Resolution, t.ResolvedAt = strp(string(*res)), ptr(now)
		e.Resolution = t.Resolution
	case to != StatusClosed: // reopened or waiting: no resolution any more
		t.Resolution, t.ResolvedAt = nil, nil
	}
	t.Status = to
	return insertEvent(ctx, tx, e)
}

func actorID(p *auth.Principal) *int64 {
	if p == nil {
		return nil
	}
	return ptr(p.UserID)
}

// AddComment adds a message to the thread. The first public staff comment is the first
// response (T-2). A customer's reply ends a wait on the customer and reopens a resolved
// ticket (the resolution clock resumes). A closed ticket takes no comments.
func (s *Service) AddComment(ctx context.Context, id int64, in CommentInput) (*Comment, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	var f problem.Fields
	body := strings.TrimSpace(in.Body)
	switch {
	case body == "":
		f.Add("body", "is required")
	case len([]rune(body)) > 20000:
		f.Add("body", "must be at most 20000 characters")
	}
	public := true
	if in.Public != nil {
		public = *in.Public
	}
	if !public && !p.IsStaff() {
		f.Add("public", "customer comments are always public")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	c := &Comment{TicketID: id, AuthorID: p.UserID, Body: body, Public: public, ByStaff: p.IsStaff(), CreatedAt: now, AuthorName: p.Name}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, err := loadForChange(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if t.Status == StatusClosed {
			return ErrClosed
		}
		if err := insertComment(ctx, tx, c); err != nil {
			return err
		}
		if err := saveFiles(ctx, tx, now, p, t, in.Files); err != nil {
			return err
		}
		if c.ByStaff && c.Public && t.FirstResponseAt == nil {
			t.FirstResponseAt = ptr(now)
			if err := insertEvent(ctx, tx, &Event{TicketID: t.ID, At: now, ActorID: actorID(p), Kind: EventFirstResponse}); err != nil {
				return err
			}
		}
		if !c.ByStaff && (t.Status == StatusWaitingOnCustomer || t.Status == StatusResolved) {
			if err := setStatus(ctx, tx, p, t, StatusOpen, nil, now); err != nil {
				return err
			}
		}
		if c.ByStaff && c.Public && t.Status == StatusNew {
			if err := setStatus(ctx, tx, p, t, StatusOpen, nil, now); err != nil {
				return err
			}
		}
		if _, err := refresh(ctx, tx, t, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, "ticket", t.ID, "comment", map[string]any{
			"comment_id": c.ID, "public": c.Public, "status": t.Status, "files": len(in.Files)}); err != nil {
			return err
		}
		return s.notifyComment(ctx, tx, t, c, now)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ChangeStatus moves a ticket through its life (T-4): resolving needs a resolution
// (fix, workaround, not_covered — the last marks the work billable per hour); a
// resolved ticket can be reopened, which resumes the resolution clock, or closed; a
// closed ticket stays closed. Customers may only reopen or close a resolved ticket.
func (s *Service) ChangeStatus(ctx context.Context, id int64, in StatusInput) (*Detail, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	var f problem.Fields
	to := Status(in.Status)
	if !to.Valid() {
		f.Add("status", "must be one of new, open, waiting_on_customer, resolved, closed")
	}
	var res *Resolution
	if in.Resolution != nil {
		r := Resolution(*in.Resolution)
		switch {
		case !r.Valid():
			f.Add("resolution", "must be one of fix, workaround, not_covered")
		case to.Valid() && to != StatusResolved:
			f.Add("resolution", "is only given when resolving")
		default:
			res = &r
		}
	} else if to == StatusResolved {
		f.Add("resolution", "is required when resolving: fix, workaround or not_covered")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var d *Detail
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, err := loadForChange(ctx, tx, p, id)
		if err != nil {
			return err
		}
		from := t.Status
		if from == to {
			return fmt.Errorf("%w: the ticket is already %s", ErrTransition, to)
		}
		if !CanTransition(from, to) {
			return fmt.Errorf("%w: %s → %s", ErrTransition, from, to)
		}
		if !p.IsStaff() && from != StatusResolved {
			return problem.Forbidden("customers can only reopen or close a resolved ticket; reply to the ticket instead")
		}
		if err := setStatus(ctx, tx, p, t, to, res, now); err != nil {
			return err
		}
		if d, err = refreshDetail(ctx, tx, t, now, p.IsStaff()); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, "ticket", t.ID, "status", map[string]any{
			"status": audit.Change{From: from, To: to}, "resolution": t.Resolution}); err != nil {
			return err
		}
		if from == StatusResolved && to != StatusClosed {
			if err := cancelUnbilledTime(ctx, tx, t, now); err != nil {
				return err
			}
		}
		if to == StatusResolved {
			if err := s.publishResolution(ctx, tx, t, now); err != nil {
				return err
			}
			return s.notifyResolved(ctx, tx, t, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
