package orders

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/outbox"
	"backoffice/internal/web"
)

// Outbox kinds this package queues.
const (
	MailQuoteSent        = "quote_sent"
	MailQuoteAccepted    = "quote_accepted"    // Q-3 confirmation to the customer
	MailQuoteAcceptedAM  = "quote_accepted_am" // notice to the account manager
	MailQuoteReminder    = "quote_expiry_reminder"
	MailLeadTimeExtended = "order_lead_time_extended"
	MailChangeRequest    = "order_change_request"
	MailIndexationLetter = "contract_indexation_letter"
	MailTermination      = "contract_termination_confirmed"
)

func (s *Service) link(path string) string { return strings.TrimRight(s.BaseURL, "/") + path }

// customerMail is one e-mail to a customer, written in its language by body (which gets
// the localizer): the greeting by name and the signature are added around it.
type customerMail struct {
	kind, entity string
	entityID     int64
	dedup        string
	contactID    *int64 // the person it concerns (a quote's acceptor); nil: the billing address
	subject      func(l *i18n.Localizer) string
	body         func(l *i18n.Localizer) string
	attach       func(lang string) ([]outbox.Attachment, error)
}

// mailCustomer queues m to the contact person (else the billing address, else the first
// contact — accounts.MailRecipient), greeting them by name in the customer's language. A
// customer without any address gets none (the admin UI shows the outbox).
func (s *Service) mailCustomer(ctx context.Context, tx bun.IDB, customerID int64, now time.Time, m customerMail) error {
	r, err := accounts.MailRecipient(ctx, tx, customerID, m.contactID)
	if err != nil || r.Email == "" {
		return err
	}
	l := i18n.For(r.Language)
	msg := &outbox.Message{Kind: m.kind, To: r.Email, Subject: m.subject(l), Entity: m.entity, EntityID: fmt.Sprint(m.entityID),
		Body: i18n.Greeting(l.Lang, r.Name, r.Customer) + "\n\n" + m.body(l) + "\n\n" + i18n.Signed(l.Lang, s.Company.Name)}
	if m.dedup != "" {
		msg.DedupKey = outbox.Key("%s:%s", m.dedup, r.Email)
	}
	if m.attach != nil {
		if msg.Attachments, err = m.attach(l.Lang); err != nil {
			return err
		}
	}
	return outbox.Enqueue(ctx, tx, now, msg)
}

func (s *Service) mailQuoteSent(ctx context.Context, tx bun.IDB, q *Quote, now time.Time) error {
	t := ComputeTotals(q.Lines)
	return s.mailCustomer(ctx, tx, q.CustomerID, now, customerMail{kind: MailQuoteSent, entity: "quote", entityID: q.ID,
		dedup: fmt.Sprintf("quote-sent:%d", q.ID), contactID: q.ContactID,
		subject: func(l *i18n.Localizer) string {
			return l.T("orders.mail.quote_sent.subject", map[string]any{"Number": q.Number, "Title": q.Title})
		},
		body: func(l *i18n.Localizer) string {
			b := l.T("orders.mail.quote_sent.body", map[string]any{"Number": q.Number, "Version": q.Version, "Title": q.Title,
				"Net": i18n.Money(l.Lang, t.Net), "Gross": i18n.Money(l.Lang, t.Gross), "ValidUntil": i18n.Date(l.Lang, q.ValidUntil),
				"Link": s.link(fmt.Sprintf("/portal/quotes/%d", q.ID))})
			if c := commitment(l, t, q.Terms.InitialTermMonths); c != "" {
				b += "\n" + l.T("orders.mail.recurring", map[string]any{"Commitment": c})
			}
			return b
		}})
}

// mailAccepted confirms the acceptance to the customer — to the person who accepted
// when known, with the order confirmation attached — and tells the account manager.
func (s *Service) mailAccepted(ctx context.Context, tx bun.IDB, q *Quote, o *Order, c *Contract, now time.Time) error {
	a := q.Acceptance
	t := ComputeTotals(q.Lines)
	var who *int64
	if a.UserID != 0 {
		who = &a.UserID
	}
	addr, err := accounts.CustomerAddress(ctx, tx, q.CustomerID)
	if err != nil {
		return err
	}
	at := a.At.In(clock.Amsterdam)
	err = s.mailCustomer(ctx, tx, q.CustomerID, now, customerMail{kind: MailQuoteAccepted, entity: "quote", entityID: q.ID,
		dedup: fmt.Sprintf("quote-accepted:%d", q.ID), contactID: who,
		subject: func(l *i18n.Localizer) string {
			return l.T("orders.mail.accepted.subject", map[string]any{"Number": q.Number})
		},
		body: func(l *i18n.Localizer) string {
			b := l.T("orders.mail.accepted.body", map[string]any{"Name": a.AcceptedBy, "Date": i18n.Date(l.Lang, civil.Of(at)), "Time": at.Format("15:04"),
				"Number": q.Number, "Version": q.Version, "Title": q.Title, "How": howAccepted(l, a.Method),
				"Net": i18n.Money(l.Lang, t.Net), "Gross": i18n.Money(l.Lang, t.Gross), "Order": o.Number, "Start": i18n.Date(l.Lang, o.StartDate),
				"Link": s.link(fmt.Sprintf("/portal/orders/%d", o.ID))})
			if c != nil {
				v := c.TermsOn(s.today(now))
				b += "\n" + l.T("orders.mail.accepted.contract", map[string]any{"Contract": c.Number, "Start": i18n.Date(l.Lang, c.StartDate),
					"Initial": months(l, c.Terms.InitialTermMonths), "Renewal": months(l, c.Terms.RenewalTermMonths), "Notice": notice(l, c.Terms),
					"Deadline": i18n.Date(l.Lang, v.NoticeDeadline)})
			}
			return b
		},
		attach: func(string) ([]outbox.Attachment, error) {
			pdf, err := OrderConfirmationPDF(q, o, c, addressOf(addr), s.Company, now)
			if err != nil {
				return nil, err
			}
			return []outbox.Attachment{{Filename: o.Number + ".pdf", ContentType: "application/pdf", Content: pdf}}, nil
		}})
	if err != nil {
		return err
	}
	am, err := userEmail(ctx, tx, q.CreatedBy)
	if err != nil || am == "" {
		return err
	}
	l := i18n.For(web.StaffLang)
	data := map[string]any{"Number": q.Number, "Version": q.Version, "Title": q.Title, "Customer": q.CustomerName, "Name": a.AcceptedBy,
		"How": howAccepted(l, a.Method), "Date": i18n.Date(l.Lang, civil.Of(at)), "Time": at.Format("15:04"),
		"Net": i18n.Money(l.Lang, t.Net), "Order": o.Number, "Link": s.link(fmt.Sprintf("/orders/%d", o.ID))}
	return outbox.Enqueue(ctx, tx, now, &outbox.Message{Kind: MailQuoteAcceptedAM, To: am, Entity: "quote", EntityID: fmt.Sprint(q.ID),
		Subject: l.T("orders.mail.staff_accepted.subject", data), Body: l.T("orders.mail.staff_accepted.body", data),
		DedupKey: outbox.Key("quote-accepted-am:%d", q.ID)})
}

// quoteContact is whom an order's or contract's e-mails concern: the customer's contact who
// accepted its quote, else the quote's contact person (nil: accounts.MailRecipient falls back
// to the billing address).
func quoteContact(ctx context.Context, tx bun.IDB, quoteID int64) (*int64, error) {
	q, err := getQuote(ctx, tx, quoteID, false)
	if err != nil {
		return nil, err
	}
	if a := q.Acceptance; a != nil && a.UserID != 0 {
		return &a.UserID, nil // a staff user here (a signed copy uploaded) is passed over by MailRecipient
	}
	return q.ContactID, nil
}

// mailExtension tells the customer the target date moved and why (Q-6, 004:3.3).
func (s *Service) mailExtension(ctx context.Context, tx bun.IDB, o *Order, e Extension, before, after DeliveryPlan, now time.Time) error {
	who, err := quoteContact(ctx, tx, o.QuoteID)
	if err != nil {
		return err
	}
	return s.mailCustomer(ctx, tx, o.CustomerID, now, customerMail{kind: MailLeadTimeExtended, entity: "order", entityID: o.ID, contactID: who,
		subject: func(l *i18n.Localizer) string {
			return l.T("orders.mail.extension.subject", map[string]any{"Number": o.Number})
		},
		body: func(l *i18n.Localizer) string {
			target := l.T("orders.mail.extension.not_started")
			if after.LeadTimeStarted {
				target = l.T("orders.mail.extension.target", map[string]any{"After": i18n.Date(l.Lang, after.TargetDate), "Before": i18n.Date(l.Lang, before.TargetDate)})
			}
			return l.T("orders.mail.extension.body", map[string]any{"Number": o.Number, "Title": o.Title, "Days": e.WorkingDays,
				"Reason": l.T("orders.reason." + string(e.Reason)), "Note": e.Note, "Target": target})
		}})
}

// mailChangeRequest asks the customer for approval, or informs about necessary work.
func (s *Service) mailChangeRequest(ctx context.Context, tx bun.IDB, o *Order, cr *ChangeRequest, now time.Time) error {
	who, err := quoteContact(ctx, tx, o.QuoteID)
	if err != nil {
		return err
	}
	return s.mailCustomer(ctx, tx, o.CustomerID, now, customerMail{kind: MailChangeRequest, entity: "change_request", entityID: cr.ID, contactID: who,
		subject: func(l *i18n.Localizer) string {
			if !cr.ApprovalRequired {
				return l.T("orders.mail.change.subject_necessary", map[string]any{"Number": o.Number})
			}
			return l.T("orders.mail.change.subject_approval", map[string]any{"Number": o.Number})
		},
		body: func(l *i18n.Localizer) string {
			return l.T("orders.mail.change.body", map[string]any{"Description": cr.Description, "Consequence": consequenceIn(l, cr, func(d decimal.Decimal) string { return i18n.Money(l.Lang, d) }),
				"Link": s.link(fmt.Sprintf("/portal/orders/%d", o.ID))})
		}})
}

// mailTermination confirms a contract's notice with its end date.
func (s *Service) mailTermination(ctx context.Context, tx bun.IDB, c *Contract, t *Termination, now time.Time) error {
	who, err := quoteContact(ctx, tx, c.QuoteID)
	if err != nil {
		return err
	}
	return s.mailCustomer(ctx, tx, c.CustomerID, now, customerMail{kind: MailTermination, entity: "contract", entityID: c.ID, contactID: who,
		dedup: fmt.Sprintf("contract-terminated:%d", c.ID),
		subject: func(l *i18n.Localizer) string {
			return l.T("orders.mail.termination.subject", map[string]any{"Number": c.Number, "End": i18n.Date(l.Lang, t.EndDate)})
		},
		body: func(l *i18n.Localizer) string {
			b := l.T("orders.mail.termination.body", map[string]any{"Number": c.Number, "End": i18n.Date(l.Lang, t.EndDate),
				"Received": i18n.Date(l.Lang, civil.Of(t.NoticeReceivedAt.In(clock.Amsterdam)))})
			if !t.OnTime {
				b += "\n" + l.T("orders.mail.termination.late")
			}
			return b
		}})
}
