package orders

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/outbox"
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

// mailCustomer queues one message per customer contact; a customer without any address gets
// none (the admin UI shows the outbox, so a missing address is visible there).
func (s *Service) mailCustomer(ctx context.Context, tx bun.IDB, customerID int64, now time.Time, kind, entity string, entityID int64, dedup, subject, body string) error {
	to, err := customerContacts(ctx, tx, customerID)
	if err != nil {
		return err
	}
	for _, addr := range to {
		m := &outbox.Message{Kind: kind, To: addr, Subject: subject, Body: body, Entity: entity, EntityID: fmt.Sprint(entityID)}
		if dedup != "" {
			m.DedupKey = outbox.Key("%s:%s", dedup, addr)
		}
		if err := outbox.Enqueue(ctx, tx, now, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) mailQuoteSent(ctx context.Context, tx bun.IDB, q *Quote, now time.Time) error {
	t := ComputeTotals(q.Lines)
	body := fmt.Sprintf("Dear customer,\n\nPlease find our quote %s (version %d) \"%s\": %s excl. VAT (%s incl. VAT).\n"+
		"It is valid until %s. You can read it, download the PDF and accept it in the portal:\n%s\n\nKind regards,\n%s",
		q.Number, q.Version, q.Title, euro(t.Net), euro(t.Gross), i18n.Date("en", q.ValidUntil), s.link(fmt.Sprintf("/portal/quotes/%d", q.ID)), s.Company.Name)
	return s.mailCustomer(ctx, tx, q.CustomerID, now, MailQuoteSent, "quote", q.ID, fmt.Sprintf("quote-sent:%d", q.ID),
		fmt.Sprintf("Quote %s: %s", q.Number, q.Title), body)
}

// mailAccepted confirms the acceptance to the customer and tells the account manager.
func (s *Service) mailAccepted(ctx context.Context, tx bun.IDB, q *Quote, o *Order, c *Contract, now time.Time) error {
	a := q.Acceptance
	t := ComputeTotals(q.Lines)
	var b strings.Builder
	fmt.Fprintf(&b, "Dear %s,\n\nThank you. We confirm that on %s you accepted quote %s (version %d) \"%s\" by %s.\n",
		a.AcceptedBy, a.At.In(clock.Amsterdam).Format("2 January 2006 at 15:04"), q.Number, q.Version, q.Title, methodText(a.Method))
	fmt.Fprintf(&b, "Total: %s excl. VAT, %s incl. VAT. The accepted quote is part of our agreement.\n", euro(t.Net), euro(t.Gross))
	fmt.Fprintf(&b, "Your order number is %s, start date %s.\n", o.Number, i18n.Date("en", o.StartDate))
	if c != nil {
		v := c.TermsOn(s.today(now))
		fmt.Fprintf(&b, "The recurring services run under contract %s from %s for %d months, renewing by %d months; notice: %s before the end of a term (first deadline %s).\n",
			c.Number, i18n.Date("en", c.StartDate), c.Terms.InitialTermMonths, c.Terms.RenewalTermMonths, c.Terms.noticePeriod(), i18n.Date("en", v.NoticeDeadline))
	}
	fmt.Fprintf(&b, "\nKind regards,\n%s", s.Company.Name)
	if err := s.mailCustomer(ctx, tx, q.CustomerID, now, MailQuoteAccepted, "quote", q.ID, fmt.Sprintf("quote-accepted:%d", q.ID),
		fmt.Sprintf("Confirmation: quote %s accepted", q.Number), b.String()); err != nil {
		return err
	}
	am, err := userEmail(ctx, tx, q.CreatedBy)
	if err != nil || am == "" {
		return err
	}
	return outbox.Enqueue(ctx, tx, now, &outbox.Message{Kind: MailQuoteAcceptedAM, To: am, Entity: "quote", EntityID: fmt.Sprint(q.ID),
		Subject: fmt.Sprintf("Quote %s accepted by %s", q.Number, a.AcceptedBy),
		Body: fmt.Sprintf("Quote %s v%d for %s was accepted by %s (%s). Order %s: %s",
			q.Number, q.Version, q.CustomerName, a.AcceptedBy, a.Method, o.Number, s.link(fmt.Sprintf("/orders/%d", o.ID))),
		DedupKey: outbox.Key("quote-accepted-am:%d", q.ID)})
}

func methodText(m AcceptanceMethod) string {
	switch m {
	case AcceptPortal:
		return "clicking accept in the customer portal with your typed name"
	case AcceptSignedPDF:
		return "returning the signed PDF"
	default:
		return "e-mail"
	}
}

// mailExtension tells the customer the target date moved and why (Q-6, 004:3.3).
func (s *Service) mailExtension(ctx context.Context, tx bun.IDB, o *Order, e Extension, before, after DeliveryPlan, now time.Time) error {
	target := "once the lead time starts"
	if after.LeadTimeStarted {
		target = fmt.Sprintf("now %s (was %s)", after.TargetDate, before.TargetDate)
	}
	body := fmt.Sprintf("Dear customer,\n\nThe delivery of order %s \"%s\" is extended by %d working days (%s): %s.\nThe indicative target date is %s. Delivery dates are target dates (Q-6).\n\nKind regards,\n%s",
		o.Number, o.Title, e.WorkingDays, strings.ReplaceAll(string(e.Reason), "_", " "), e.Note, target, s.Company.Name)
	return s.mailCustomer(ctx, tx, o.CustomerID, now, MailLeadTimeExtended, "order", o.ID, "", fmt.Sprintf("Order %s: delivery date moved", o.Number), body)
}

// mailChangeRequest asks the customer for approval, or informs about necessary work.
func (s *Service) mailChangeRequest(ctx context.Context, tx bun.IDB, o *Order, cr *ChangeRequest, now time.Time) error {
	subject := fmt.Sprintf("Order %s: extra work for your approval", o.Number)
	if !cr.ApprovalRequired {
		subject = fmt.Sprintf("Order %s: necessary extra work", o.Number)
	}
	body := fmt.Sprintf("Dear customer,\n\n%s\n\n%s\nDetails and approval: %s\n\nKind regards,\n%s",
		cr.Description, cr.Consequence, s.link(fmt.Sprintf("/portal/orders/%d", o.ID)), s.Company.Name)
	return s.mailCustomer(ctx, tx, o.CustomerID, now, MailChangeRequest, "change_request", cr.ID, "", subject, body)
}
