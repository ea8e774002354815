package tickets

import (
	"context"
	"fmt"
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
	"backoffice/internal/events"
	"backoffice/internal/i18n"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
)

// NotCoveredSKU is the standard rate a ticket resolved as not covered is billed at (T-4:
// "billed per hour").
const NotCoveredSKU = "ENG-HOUR"

// TimeEntry is time a technician spent on a ticket.
type TimeEntry struct {
	bun.BaseModel `bun:"table:ticket_time_entries,alias:te"`

	ID             int64      `bun:"id,pk,autoincrement"`
	TicketID       int64      `bun:"ticket_id"`
	TechnicianID   int64      `bun:"technician_id"`
	WorkedOn       civil.Date `bun:"worked_on,type:date"`
	Minutes        int        `bun:"minutes"`
	Note           string     `bun:"note"`
	CreatedAt      time.Time  `bun:"created_at"`
	TechnicianName string     `bun:"technician_name,scanonly"`
}

// TimeInput is the body of POST /api/v1/tickets/{id}/time.
type TimeInput struct {
	Minutes  int         `json:"minutes"`
	Note     string      `json:"note"`
	WorkedOn *civil.Date `json:"worked_on,omitempty"` // default: today (Amsterdam)
}

// ErrTicketClosed: no more time on a closed ticket.
var ErrTicketClosed = problem.Conflict("ticket_closed", "the ticket is closed")

func (in TimeInput) check(today civil.Date) error {
	var f problem.Fields
	if in.Minutes < 1 || in.Minutes > 1440 {
		f.Add("minutes", "must be from 1 to 1440 (one day)")
	}
	note := strings.TrimSpace(in.Note)
	if note == "" || len(note) > 1000 {
		f.Add("note", "must say what was done, in at most 1000 characters")
	}
	if in.WorkedOn != nil && (in.WorkedOn.After(today) || in.WorkedOn.Before(today.AddDays(-366))) {
		f.Add("worked_on", "must be within the last year and not in the future")
	}
	return f.Err()
}

// LogTime records time spent on a ticket by the staff member in ctx.
func (s *Service) LogTime(ctx context.Context, id int64, in TimeInput) (*TimeEntry, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	today := civil.In(now, clock.Amsterdam)
	if err := in.check(today); err != nil {
		return nil, err
	}
	e := &TimeEntry{TechnicianID: p.UserID, WorkedOn: today, Minutes: in.Minutes, Note: strings.TrimSpace(in.Note), CreatedAt: now}
	if in.WorkedOn != nil {
		e.WorkedOn = *in.WorkedOn
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, err := loadForChange(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if t.Status == StatusClosed {
			return ErrTicketClosed
		}
		e.TicketID = t.ID
		if err := insertTimeEntry(ctx, tx, e); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "ticket", t.ID, "log_time", map[string]any{"minutes": e.Minutes, "worked_on": e.WorkedOn.String()})
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// TimeOf lists a ticket's logged time (staff).
func (s *Service) TimeOf(ctx context.Context, id int64) ([]TimeEntry, error) {
	p := auth.FromContext(ctx)
	t, err := getTicket(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(p, t.CustomerID); err != nil {
		return nil, ErrTicketNotFound
	}
	return timeEntries(ctx, s.DB, id)
}

// ErrNoRate: the standard rate for billing not-covered work is missing.
var ErrNoRate = problem.Conflict("standard_rate_missing", "the standard hourly rate "+NotCoveredSKU+" is not set; add it under standard rates first")

// publishResolution publishes ticket.resolved and, for a ticket resolved as not covered
// (T-4), a charge per logged time entry at the standard hourly rate, billable today.
// A resolution event id in the key lets a reopened ticket that is resolved not covered
// again bill time logged since; charges of an earlier resolution that were not invoiced
// are cancelled when the ticket is reopened.
func (s *Service) publishResolution(ctx context.Context, tx bun.IDB, t *Ticket, now time.Time) error {
	if t.Resolution != nil && Resolution(*t.Resolution) == ResolutionNotCovered {
		entries, err := timeEntries(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			var rates platform.RateBook
			if s.Rates != nil {
				rates = s.Rates()
			}
			if rates == nil {
				return ErrNoRate
			}
			rate, found, err := rates.StandardRate(ctx, tx, NotCoveredSKU)
			if err != nil {
				return err
			}
			if !found {
				return ErrNoRate
			}
			today := civil.In(now, clock.Amsterdam)
			// The ticket's earlier time charges, in one query, by time entry.
			all, err := billing.List(ctx, tx, billing.Filter{Agreement: &billing.Agreement{Kind: "ticket", ID: t.ID},
				Source: &billing.Source{Domain: "tickets", Kind: "time_entry"}})
			if err != nil {
				return err
			}
			bySource := map[int64][]billing.Charge{}
			for _, c := range all {
				bySource[c.SourceID] = append(bySource[c.SourceID], c)
			}
			cust, err := accounts.CustomerAddress(ctx, tx, t.CustomerID)
			if err != nil {
				return err
			}
			l := i18n.For(cust.Language) // the line goes on the customer's invoice: in its language
			for _, e := range entries {
				earlier := bySource[e.ID]
				if billedAlready(earlier) {
					continue
				}
				hours := decimal.NewFromInt(int64(e.Minutes)).Div(decimal.NewFromInt(60))
				q, price, lump := billing.PriceFor(hours, hours.Mul(rate.UnitPrice).Round(2))
				unit := "hour"
				if lump {
					unit = "piece"
				}
				desc := l.T("tk.charge.time", map[string]any{"Number": t.Number, "Note": e.Note, "Date": i18n.Date(l.Lang, e.WorkedOn), "Minutes": e.Minutes})
				if len(desc) > 500 {
					desc = desc[:500]
				}
				_, _, err = billing.Add(ctx, tx, now, billing.New{CustomerID: t.CustomerID, Source: billing.Source{Domain: "tickets", Kind: "time_entry", ID: e.ID},
					Key:       fmt.Sprintf("tickets/time_entry/%d#%d", e.ID, len(earlier)+1),
					Agreement: billing.Agreement{Kind: "ticket", ID: t.ID}, Description: desc, LineKind: billing.Services,
					Quantity: q, Unit: unit, UnitPrice: price, VATRate: rate.VATRate, BillableOn: today})
				if err != nil {
					return err
				}
			}
		}
	}
	resolution := ""
	if t.Resolution != nil {
		resolution = *t.Resolution
	}
	_, err := events.Publish(ctx, tx, now, events.TicketResolved, "ticket", t.ID,
		events.TicketResolvedPayload{TicketID: t.ID, CustomerID: t.CustomerID, Resolution: resolution})
	return err
}

// cancelUnbilledTime cancels the not-yet-invoiced charges of a reopened ticket.
func cancelUnbilledTime(ctx context.Context, tx bun.IDB, t *Ticket, now time.Time) error {
	_, err := billing.CancelByAgreement(ctx, tx, now, billing.Agreement{Kind: "ticket", ID: t.ID}, "time_entry")
	return err
}

// billedAlready reports whether a time entry has a charge that still stands.
func billedAlready(cs []billing.Charge) bool {
	for _, c := range cs {
		if c.Status != billing.Cancelled {
			return true
		}
	}
	return false
}
