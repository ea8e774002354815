package tickets

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
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

func enqueue(ctx context.Context, tx bun.Tx, now time.Time, t *Ticket, kind, to, subject, body string, notBefore time.Time, key *string) error {
	return outbox.Enqueue(ctx, tx, now, &outbox.Message{Kind: kind, To: to, Subject: subject, Body: body,
		NotBefore: notBefore, Entity: "ticket", EntityID: fmt.Sprint(t.ID), DedupKey: key})
}

// breachReaders are the contacts who hear of a data breach at once (T-6), read before
// the ticket's number is drawn so that the numbering lock does not wait for them.
type breachReaders struct {
	recipient accounts.Recipient
	contacts  []auth.User
}

// createdReaders reads whom a new ticket's mails go to besides the desk: for a data
// breach filed by staff, the customer's contacts (nil otherwise).
func createdReaders(ctx context.Context, tx bun.Tx, p *auth.Principal, t *Ticket) (*breachReaders, error) {
	if t.Category != DataBreach || !p.IsStaff() {
		return nil, nil
	}
	r, err := accounts.MailRecipient(ctx, tx, t.CustomerID, nil)
	if err != nil {
		return nil, err
	}
	contacts, err := accounts.Contacts(ctx, tx, t.CustomerID)
	if err != nil {
		return nil, err
	}
	return &breachReaders{recipient: r, contacts: contacts}, nil
}

// createdMails are the mails of a new ticket once it has its number: the desk hears of
// every ticket; a data breach also goes to each of the customer's contacts by name.
func (s *Service) createdMails(p *auth.Principal, t *Ticket, sla SLA, sc clockOf, now time.Time, breach *breachReaders) []*outbox.Message {
	body := s.deskBody(p, t, sla, sc)
	msg := func(kind, to, subject, body string) *outbox.Message {
		return &outbox.Message{Kind: kind, To: to, Subject: subject, Body: body, NotBefore: now, Entity: "ticket", EntityID: fmt.Sprint(t.ID)}
	}
	out := []*outbox.Message{msg(KindTicketNew, s.DeskEmail, fmt.Sprintf("[%s] %s: %s", t.Number, t.Priority, t.Subject), body)}
	if breach == nil || t.ControllerNoticeDueAt == nil {
		return out
	}
	l := i18n.For(breach.recipient.Language)
	data := map[string]any{"Number": t.Number, "Subject": t.Subject, "Description": t.Description, "Due": inWords(l, *t.ControllerNoticeDueAt)}
	for _, c := range breach.contacts {
		if !c.Active || c.Role != auth.Customer {
			continue
		}
		body := s.customerBody(l, c.Name, breach.recipient.Customer, l.T("tickets.mail.breach.body", data))
		out = append(out, msg(KindDataBreach, c.Email, l.T("tickets.mail.breach.subject", data), body))
	}
	return out
}

// deskBody is the desk's mail on a new ticket, in the staff language: who filed it (the
// reporter by name, or the system for a ticket a domain event opened), the priority with its
// meaning and the due times in words.
func (s *Service) deskBody(p *auth.Principal, t *Ticket, sla SLA, sc clockOf) string {
	l := i18n.For(web.StaffLang)
	source := l.T("tickets.mail.new.by_system")
	switch {
	case p.Email != "" && p.Name != "" && p.Name != p.Email:
		source = l.T("tickets.mail.new.by_named", map[string]any{"Name": p.Name, "Email": p.Email})
	case p.Email != "":
		source = l.T("tickets.mail.new.by", map[string]any{"Email": p.Email})
	}
	data := map[string]any{"Number": t.Number, "Category": l.T("tk.category." + string(t.Category)), "Source": source,
		"Priority": l.T("tk.priority." + string(t.Priority)), "Subject": t.Subject, "Description": t.Description,
		"Response": inWords(l, sla.ResponseDueAt), "Resolution": inWords(l, sla.ResolutionDueAt), "Policy": sc.Policy.Name, "Calendar": sc.Policy.CalendarName}
	b := l.T("tickets.mail.new.body", data)
	if t.ControllerNoticeDueAt != nil {
		b += "\n" + l.T("tickets.mail.new.breach", map[string]any{"Due": inWords(l, *t.ControllerNoticeDueAt)})
	}
	return b + "\n"
}

// customerBody wraps a customer e-mail's text in the greeting by name and the signature.
func (s *Service) customerBody(l *i18n.Localizer, name, customer, text string) string {
	return i18n.Greeting(l.Lang, name, customer) + "\n\n" + text + "\n\n" + i18n.Signed(l.Lang, s.Company)
}

// inWords is an instant in words in the reader's language: "3 maart 2026 om 10:15".
func inWords(l *i18n.Localizer, t time.Time) string {
	a := t.In(clock.Amsterdam)
	return l.T("tickets.at", map[string]any{"Date": i18n.Date(l.Lang, civil.Of(a)), "Time": a.Format("15:04")})
}

// mailReporter queues a customer e-mail to the ticket's reporter (else the billing
// address, else the first contact), greeted by name in the customer's language.
func (s *Service) mailReporter(ctx context.Context, tx bun.Tx, t *Ticket, kind string, now time.Time, subject, body func(l *i18n.Localizer) string) error {
	r, err := accounts.MailRecipient(ctx, tx, t.CustomerID, t.ReporterID)
	if err != nil || r.Email == "" {
		return err
	}
	l := i18n.For(r.Language)
	return enqueue(ctx, tx, now, t, kind, r.Email, subject(l), s.customerBody(l, r.Name, r.Customer, body(l)), now, nil)
}

func (s *Service) portalLink(t *Ticket) string {
	return fmt.Sprintf("%s/portal/tickets/%d", s.BaseURL, t.ID)
}

// notifyComment e-mails the reporter on a public staff comment, and the assignee (or the
// desk) on a customer's reply.
func (s *Service) notifyComment(ctx context.Context, tx bun.Tx, t *Ticket, c *Comment, now time.Time) error {
	if c.ByStaff {
		if !c.Public {
			return nil
		}
		data := map[string]any{"Number": t.Number, "Subject": t.Subject, "Author": c.AuthorName, "Body": c.Body, "Link": s.portalLink(t)}
		return s.mailReporter(ctx, tx, t, KindTicketComment, now,
			func(l *i18n.Localizer) string { return l.T("tickets.mail.comment.subject", data) },
			func(l *i18n.Localizer) string { return l.T("tickets.mail.comment.body", data) })
	}
	to, err := s.assigneeOrDesk(ctx, tx, t)
	if err != nil {
		return err
	}
	l := i18n.For(web.StaffLang) // a staff mail: the staff language
	data := map[string]any{"Number": t.Number, "Subject": t.Subject, "Author": c.AuthorName, "Body": c.Body, "Status": words(t.Status)}
	return enqueue(ctx, tx, now, t, KindTicketComment, to, l.T("tickets.mail.comment.subject", data), l.T("tickets.mail.reply.body", data)+"\n", now, nil)
}

// notifyResolved e-mails the reporter that the ticket is resolved, saying when the work
// is billable (T-4 not_covered).
func (s *Service) notifyResolved(ctx context.Context, tx bun.Tx, t *Ticket, now time.Time) error {
	data := map[string]any{"Number": t.Number, "Subject": t.Subject, "Link": s.portalLink(t)}
	return s.mailReporter(ctx, tx, t, KindTicketResolved, now,
		func(l *i18n.Localizer) string { return l.T("tickets.mail.resolved.subject", data) },
		func(l *i18n.Localizer) string {
			data["How"] = l.T("tickets.resolution." + *t.Resolution)
			return l.T("tickets.mail.resolved.body", data)
		})
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
