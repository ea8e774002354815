package tickets

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/outbox"
	"backoffice/internal/web"
)

// The outbox kinds this package writes.
const (
	KindTicketNew      = "ticket_new"
	KindTicketComment  = "ticket_comment"
	KindTicketResolved = "ticket_resolved"
	KindTicketAlert    = "ticket_sla_alert"
	KindDataBreach     = "ticket_data_breach"
)

func local(t time.Time) string { return t.In(clock.Amsterdam).Format("Mon 2 Jan 2006 15:04 MST") }

func enqueue(ctx context.Context, tx bun.Tx, now time.Time, t *Ticket, kind, to, subject, body string, notBefore time.Time, key *string) error {
	return outbox.Enqueue(ctx, tx, now, &outbox.Message{Kind: kind, To: to, Subject: subject, Body: body,
		NotBefore: notBefore, Entity: "ticket", EntityID: fmt.Sprint(t.ID), DedupKey: key})
}

// notifyCreated tells the desk about a new ticket; a data breach also goes to the
// customer's contacts at once with the T-6 deadline.
func (s *Service) notifyCreated(ctx context.Context, tx bun.Tx, p *auth.Principal, t *Ticket, sla SLA, sc clockOf, now time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "New %s ticket %s from %s, priority %s.\n\n%s\n\n%s\n\n", words(t.Category), t.Number, p.Email, t.Priority, t.Subject, t.Description)
	fmt.Fprintf(&b, "Response due %s, resolution due %s (policy %q, calendar %s).\n",
		local(sla.ResponseDueAt), local(sla.ResolutionDueAt), sc.Policy.Name, sc.Policy.CalendarName)
	if t.ControllerNoticeDueAt != nil {
		fmt.Fprintf(&b, "DATA BREACH: the customer needs everything for the authority notification by %s (T-6, 72 hours).\n", local(*t.ControllerNoticeDueAt))
	}
	if err := enqueue(ctx, tx, now, t, KindTicketNew, s.DeskEmail, fmt.Sprintf("[%s] %s: %s", t.Number, t.Priority, t.Subject), b.String(), now, nil); err != nil {
		return err
	}
	if t.Category != DataBreach || !p.IsStaff() {
		return nil
	}
	contacts, err := customerContacts(ctx, tx, t.CustomerID)
	if err != nil {
		return err
	}
	for _, to := range contacts {
		body := fmt.Sprintf("We have discovered a personal-data breach that concerns your data (ticket %s).\n\n%s\n\n%s\n\n"+
			"We will give you all information you need for the notification to the Autoriteit Persoonsgegevens — the nature of the breach, "+
			"its likely consequences and the measures taken — no later than %s.\n", t.Number, t.Subject, t.Description, local(*t.ControllerNoticeDueAt))
		if err := enqueue(ctx, tx, now, t, KindDataBreach, to, fmt.Sprintf("[%s] Data breach notice", t.Number), body, now, nil); err != nil {
			return err
		}
	}
	return nil
}

// notifyComment e-mails the customer's contacts on a public staff comment, and the
// assignee (or the desk) on a customer's reply.
func (s *Service) notifyComment(ctx context.Context, tx bun.Tx, t *Ticket, c *Comment, now time.Time) error {
	subject := fmt.Sprintf("[%s] %s", t.Number, t.Subject)
	if c.ByStaff {
		if !c.Public {
			return nil
		}
		contacts, err := customerContacts(ctx, tx, t.CustomerID)
		if err != nil {
			return err
		}
		for _, to := range contacts {
			body := fmt.Sprintf("%s wrote on ticket %s:\n\n%s\n\nReply in the customer portal.\n", c.AuthorName, t.Number, c.Body)
			if err := enqueue(ctx, tx, now, t, KindTicketComment, to, subject, body, now, nil); err != nil {
				return err
			}
		}
		return nil
	}
	to, err := s.assigneeOrDesk(ctx, tx, t)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("%s replied on ticket %s (now %s):\n\n%s\n", c.AuthorName, t.Number, t.Status, c.Body)
	return enqueue(ctx, tx, now, t, KindTicketComment, to, subject, body, now, nil)
}

// notifyResolved e-mails the customer's contacts that the ticket is resolved, saying
// when the work is billable (T-4 not_covered).
func (s *Service) notifyResolved(ctx context.Context, tx bun.Tx, t *Ticket, now time.Time) error {
	contacts, err := customerContacts(ctx, tx, t.CustomerID)
	if err != nil {
		return err
	}
	how := map[string]string{
		string(ResolutionFix):        "The cause has been fixed.",
		string(ResolutionWorkaround): "We resolved it with a work-around.",
		string(ResolutionNotCovered): "The incident was caused by use contrary to the documentation or the terms and is not covered by support. If you still want us to solve it, the work is billed per hour at our current rates.",
	}[*t.Resolution]
	for _, to := range contacts {
		body := fmt.Sprintf("Ticket %s (%s) is resolved.\n\n%s\n\nIf the problem is not solved, reply in the portal to reopen it.\n", t.Number, t.Subject, how)
		if err := enqueue(ctx, tx, now, t, KindTicketResolved, to, fmt.Sprintf("[%s] Resolved: %s", t.Number, t.Subject), body, now, nil); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) assigneeOrDesk(ctx context.Context, tx bun.IDB, t *Ticket) (string, error) {
	if t.AssigneeID == nil {
		return s.DeskEmail, nil
	}
	email, err := userEmail(ctx, tx, *t.AssigneeID)
	if err != nil || email == "" {
		return s.DeskEmail, err
	}
	return email, nil
}

// words writes a code the way a person reads it inside a sentence: "resolution_breach"
// → "resolution breach", "data_breach" → "data breach".
func words[S ~string](code S) string { return strings.ToLower(web.Title(string(code))) }
