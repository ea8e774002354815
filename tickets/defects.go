package tickets

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/events"
	"backoffice/internal/i18n"
)

// Subscriptions: a defect report of the hardware domain opens a defect ticket, so the
// desk works it with the customer's SLA (HW-5); the ticket names the report as origin.
func (m *Module) Subscriptions() []events.Subscription {
	return []events.Subscription{{Name: "tickets.defect_reports", Kinds: []string{events.DefectReported}, Handle: m.svc.onDefectReported}}
}

// OriginURL links a ticket's origin to the record's page.
func originURL(origin *string, portal bool) string {
	if origin == nil {
		return ""
	}
	var id int64
	if _, err := fmt.Sscanf(*origin, "hardware/defect_report/%d", &id); err == nil && id > 0 {
		if portal {
			return fmt.Sprintf("/portal/hardware/defects/%d", id)
		}
		return fmt.Sprintf("/hardware/defects/%d", id)
	}
	return ""
}

// onDefectReported opens one ticket per defect report (idempotent by origin).
func (s *Service) onDefectReported(ctx context.Context, tx bun.Tx, e *events.Event) error {
	var p events.DefectReportedPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	origin := fmt.Sprintf("hardware/defect_report/%d", p.ReportID)
	if n, err := countByOrigin(ctx, tx, origin); err != nil || n > 0 {
		return err
	}
	reporter := &auth.Principal{Role: auth.Admin, Name: "hardware"}
	if p.ReporterID != nil {
		reporter.UserID = *p.ReporterID
	}
	// The ticket is the customer's (the portal shows it): in its language, no rule ids.
	cust, err := accounts.CustomerAddress(ctx, tx, p.CustomerID)
	if err != nil {
		return err
	}
	l := i18n.For(cust.Language)
	kind := l.T("tk.defect.kind." + p.Kind)
	subject := l.T("tk.defect.subject", map[string]any{"Kind": kind, "Product": p.Product, "Serial": p.Serial})
	if r := []rune(subject); len(r) > 200 {
		subject = string(r[:200])
	}
	verdict := l.T("tk.defect.in_time")
	if !p.InTime {
		verdict = l.T("tk.defect.late")
	}
	desc := strings.TrimSpace(p.Description) + "\n\n" + l.T("tk.defect.details", map[string]any{"Serial": p.Serial, "Kind": kind, "Verdict": verdict})
	in := TicketInput{CustomerID: &p.CustomerID, Subject: subject, Description: desc, Category: string(Defect), Origin: origin}
	now := s.Clock.Now()
	if !p.ReportedAt.IsZero() && !p.ReportedAt.After(now) && p.ReportedAt.After(now.AddDate(-1, 0, 0)) {
		in.ReceivedAt = &p.ReportedAt
	}
	sub := *s
	sub.DB = tx
	_, err = sub.CreateTicket(auth.With(ctx, reporter), in)
	return err
}

// reporterOf is the reporting user (none for a ticket a domain event opened without one).
func reporterOf(p *auth.Principal) *int64 {
	if p == nil || p.UserID == 0 {
		return nil
	}
	return ptr(p.UserID)
}

// createdEvent is the ticket.created event telling other domains a ticket exists (the
// hardware domain links its defect report back through Origin), for the create's batch.
func createdEvent(tx bun.IDB, now time.Time, t *Ticket) (*bun.RawQuery, error) {
	origin := ""
	if t.Origin != nil {
		origin = *t.Origin
	}
	q, _, err := events.PublishQuery(tx, now, events.TicketCreated, "ticket", t.ID, events.TicketCreatedPayload{
		TicketID: t.ID, Number: t.Number, CustomerID: t.CustomerID, Origin: origin})
	return q, err
}
