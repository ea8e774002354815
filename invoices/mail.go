package invoices

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"backoffice/internal/i18n"
	"backoffice/internal/outbox"
)

// mailSoon queues the e-mail of freshly issued invoices right away; the periodic job
// does the same for any that remain (after a crash, or a large run).
func (s *Service) mailSoon(ctx context.Context) {
	_, _ = s.MailIssued(ctx, 50)
}

// MailIssued queues the e-mail of up to limit issued invoices not yet mailed, each with
// its PDF and UBL attached, to the customer's billing address, in the customer's
// language; it marks them mailed in the same transaction (so each is queued once) and
// returns how many it queued. Invoices without a billing address are marked too (the
// account manager sends those by hand from the invoice page).
func (s *Service) MailIssued(ctx context.Context, limit int) (int, error) {
	now := s.Clock.Now()
	n := 0
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		invs, err := unmailed(ctx, tx, limit)
		if err != nil {
			return err
		}
		for i := range invs {
			inv := &invs[i]
			if inv.BillingEmail != "" {
				lines, err := linesOf(ctx, tx, inv.ID)
				if err != nil {
					return err
				}
				m, err := s.invoiceMail(&Document{Invoice: inv, Lines: lines})
				if err != nil {
					return err
				}
				if err := outbox.Enqueue(ctx, tx, now, m); err != nil {
					return err
				}
				n++
			}
			if err := markMailed(ctx, tx, inv.ID, now); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

func (s *Service) invoiceMail(d *Document) (*outbox.Message, error) {
	inv := d.Invoice
	pdf, err := PDF(d, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	ubl, err := UBL(d)
	if err != nil {
		return nil, err
	}
	l := i18n.For(inv.Language)
	greeting := l.T("mail.greeting_team", map[string]any{"Customer": inv.CustomerName})
	if inv.BillingContact != "" {
		greeting = l.T("mail.greeting", map[string]any{"Name": inv.BillingContact})
	}
	data := map[string]any{"Number": inv.NumberOr(), "Amount": i18n.Money(inv.Language, inv.Gross), "Due": i18n.Date(inv.Language, *inv.DueDate),
		"IBAN": inv.Supplier.IBAN, "Reference": inv.PaymentReference, "Company": inv.Supplier.Name, "Portal": s.BaseURL + "/portal/invoices"}
	return &outbox.Message{Kind: "invoice_issued", To: inv.BillingEmail, Subject: l.T("mail.invoice_subject", data),
		Body: greeting + "\n\n" + l.T("mail.invoice_body", data), Entity: "invoice", EntityID: fmt.Sprint(inv.ID),
		DedupKey: outbox.Key("invoice-mail:%d", inv.ID),
		Attachments: []outbox.Attachment{
			{Filename: inv.NumberOr() + ".pdf", ContentType: "application/pdf", Content: pdf},
			{Filename: inv.NumberOr() + ".xml", ContentType: "application/xml", Content: ubl}}}, nil
}
