package tickets

import (
	"backoffice/internal/httpx"
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
)

// SeedDemo adds demo tickets and outages for `make run`: a running ticket close to its
// response target, one waiting on the customer, a reopened one, a data breach with its
// 72-hour deadline, resolved tickets for the compliance chart, and outages of "mail"
// in this and the previous quarter. Every step goes through the use cases, at instants
// in the past, so the event logs and due times are real.
func (m *Module) SeedDemo(ctx context.Context, tx bun.Tx, demo *platform.Demo) error {
	if len(demo.CustomerIDs) == 0 || len(demo.ContactIDs) < len(demo.CustomerIDs) || len(demo.TechnicianIDs) == 0 {
		return nil
	}
	now := m.svc.Clock.Now()
	clk := clock.NewSettable(clock.Fixed(now))
	s := &Service{DB: tx, Clock: clk, DeskEmail: m.svc.DeskEmail, Rates: m.svc.Rates, BaseURL: m.svc.BaseURL, Company: m.svc.Company}
	principal := func(id int64, role auth.Role, customer *int64) (*auth.Principal, error) {
		email, err := userEmail(ctx, tx, id)
		return &auth.Principal{UserID: id, Email: email, Name: email, Role: role, CustomerID: customer}, err
	}
	tech, err := principal(demo.TechnicianIDs[0], auth.Technician, nil)
	if err != nil {
		return err
	}
	techCtx := auth.With(ctx, tech)
	contacts := make([]*auth.Principal, len(demo.CustomerIDs))
	for i, cid := range demo.CustomerIDs {
		if contacts[i], err = principal(demo.ContactIDs[i], auth.Customer, &cid); err != nil {
			return err
		}
	}
	at := func(ago time.Duration) { clk.Set(now.Add(-ago)) }
	file := func(p *auth.Principal, in TicketInput, ago time.Duration) (*Ticket, error) {
		at(ago)
		d, err := s.CreateTicket(auth.With(ctx, p), in)
		if err != nil {
			return nil, fmt.Errorf("demo ticket %q: %w", in.Subject, err)
		}
		return d.Ticket, nil
	}
	step := func(err error) error {
		if err != nil {
			return fmt.Errorf("demo ticket step: %w", err)
		}
		return nil
	}
	cust0, cust1 := demo.CustomerIDs[0], demo.CustomerIDs[len(demo.CustomerIDs)-1]
	p1 := "P1"
	if _, err := file(contacts[len(contacts)-1], TicketInput{Subject: "Kassasysteem start niet op",
		Description: "Sinds vanochtend geeft de kassa na het logo een blauw scherm. Opnieuw opstarten helpt niet.",
		Category:    string(Incident), Priority: &p1}, 40*time.Minute); err != nil {
		return err
	}
	waiting, err := file(contacts[0], TicketInput{Subject: "Agenda synchroniseert niet met telefoons",
		Description: "Afspraken die in de webagenda worden gemaakt, verschijnen niet op de telefoons van de praktijk.", Category: string(Defect)}, 30*time.Hour)
	if err != nil {
		return err
	}
	at(29 * time.Hour)
	if _, err := s.AddComment(techCtx, waiting.ID, CommentInput{Body: "Welke telefoons en welke versie van de app gebruiken jullie?"}); err != nil {
		return step(err)
	}
	if _, err := s.ChangeStatus(techCtx, waiting.ID, StatusInput{Status: string(StatusWaitingOnCustomer)}); err != nil {
		return step(err)
	}
	received := now.Add(-20 * time.Hour)
	breach, err := file(tech, TicketInput{CustomerID: &cust0, Subject: "Gedeelde mailbox zichtbaar voor verkeerde groep",
		Description: "Een gedeelde mailbox met patiëntbrieven was twee dagen leesbaar voor de verkeerde gebruikersgroep.",
		Category:    string(DataBreach), ReceivedAt: &received}, 19*time.Hour)
	if err != nil {
		return err
	}
	at(18 * time.Hour)
	if _, _, err := s.Patch(techCtx, breach.ID, PatchInput{AssigneeID: httpx.Of(tech.UserID)}); err != nil {
		return step(err)
	}
	reopened, err := file(contacts[0], TicketInput{Subject: "Printer op de balie drukt niet af",
		Description: "De printer bij de receptie neemt opdrachten aan, maar drukt niets af.", Category: string(Incident)}, 50*time.Hour)
	if err != nil {
		return err
	}
	at(49 * time.Hour)
	if _, err := s.AddComment(techCtx, reopened.ID, CommentInput{Body: "Het stuurprogramma is opnieuw geïnstalleerd; wilt u het nog eens proberen?"}); err != nil {
		return step(err)
	}
	if _, err := s.ChangeStatus(techCtx, reopened.ID, StatusInput{Status: string(StatusResolved), Resolution: ptr(string(ResolutionFix))}); err != nil {
		return step(err)
	}
	at(26 * time.Hour)
	if _, err := s.AddComment(auth.With(ctx, contacts[0]), reopened.ID, CommentInput{Body: "Hij heeft twee keer afgedrukt en is daarna weer gestopt."}); err != nil {
		return step(err)
	}
	// three colleagues who forgot their password, each a ticket of its own
	for i, ago := range []time.Duration{35 * 24 * time.Hour, 40 * 24 * time.Hour, 65 * 24 * time.Hour} {
		who := []string{"de receptie", "de planning", "de boekhouding"}[i]
		old, err := file(contacts[i%len(contacts)], TicketInput{Subject: "Wachtwoord vergeten: " + who,
			Description: "Een collega van " + who + " kan niet meer inloggen.", Category: string(Request)}, ago)
		if err != nil {
			return err
		}
		at(ago - time.Duration(30+i*600)*time.Minute)
		if _, err := s.AddComment(techCtx, old.ID, CommentInput{Body: "De link om het wachtwoord opnieuw in te stellen is verstuurd."}); err != nil {
			return step(err)
		}
		if _, err := s.ChangeStatus(techCtx, old.ID, StatusInput{Status: string(StatusResolved), Resolution: ptr(string(ResolutionWorkaround))}); err != nil {
			return step(err)
		}
	}
	// Not covered (T-4): the customer's own script broke the printers; the time is billed.
	nc, err := file(contacts[0], TicketInput{Subject: "Printers weigeren na eigen inlogscript",
		Description: "Sinds we ons eigen inlogscript hebben uitgerold, werkt geen enkele printer meer.", Category: string(Incident)}, 6*24*time.Hour)
	if err != nil {
		return err
	}
	at(6*24*time.Hour - 2*time.Hour)
	if _, err := s.LogTime(techCtx, nc.ID, TimeInput{Minutes: 75, Note: "Oorzaak gevonden in het eigen inlogscript van de klant; printerkoppelingen hersteld"}); err != nil {
		return step(err)
	}
	if _, err := s.AddComment(techCtx, nc.ID, CommentInput{Body: "Uw eigen inlogscript verwijderde de printerkoppelingen. Dit valt niet onder de SLA, dus de bestede tijd wordt tegen ons uurtarief gefactureerd."}); err != nil {
		return step(err)
	}
	if s.Rates != nil && s.Rates() != nil {
		if _, err := s.ChangeStatus(techCtx, nc.ID, StatusInput{Status: string(StatusResolved), Resolution: ptr(string(ResolutionNotCovered))}); err != nil {
			return step(err)
		}
	}
	q := QuarterOf(now, clock.Amsterdam)
	prev := q.Prev().Start(clock.Amsterdam).Add(20 * 24 * time.Hour)
	at(0)
	for _, o := range []OutageInput{
		{Service: "mail", StartedAt: ptr(prev.Add(10 * time.Hour)), EndedAt: ptr(prev.Add(12 * time.Hour)), Kind: string(OutageUnplanned)},
		{Service: "mail", StartedAt: ptr(now.Add(-72 * time.Hour)), EndedAt: ptr(now.Add(-71 * time.Hour)), Kind: string(OutagePlanned),
			AnnouncedAt: ptr(now.Add(-10 * 24 * time.Hour))},
		{Service: "portal", CustomerID: &cust1, StartedAt: ptr(now.Add(-30 * time.Hour)), EndedAt: ptr(now.Add(-29*time.Hour - 30*time.Minute)),
			Kind: string(OutageUnplanned)},
	} {
		if o.StartedAt.Before(q.Start(clock.Amsterdam).AddDate(0, -3, 0)) {
			continue
		}
		if _, err := s.RecordOutage(techCtx, o); err != nil {
			return fmt.Errorf("demo outage: %w", err)
		}
	}
	return nil
}
