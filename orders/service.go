package orders

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// Service holds the use cases of quotes, orders, contracts and indexation. Every use case
// runs in one transaction: load (locked), apply the rules, save, audit, queue mail.
type Service struct {
	DB       *bun.DB
	Clock    clock.Clock
	Calendar BusinessCalendar // nl-werktijden: Q-4 working days, CAL-3 notices
	BaseURL  string           // for links in e-mails
	Company  Company
}

// Company is the provider's details printed on quotes.
type Company struct {
	Name, Address, Email, Phone, KvK, VATID, IBAN string
}

// NewService builds the service.
func NewService(db *bun.DB, clk clock.Clock, cal BusinessCalendar, baseURL string) *Service {
	return &Service{DB: db, Clock: clk, Calendar: cal, BaseURL: baseURL, Company: DefaultCompany}
}

// DefaultCompany is printed on quotes until configured otherwise.
var DefaultCompany = Company{
	Name: "Backoffice IT Services B.V.", Address: "Stationsplein 1, 3511 ED Utrecht", Email: "sales@backoffice.example",
	Phone: "+31 30 000 0000", KvK: "12345678", VATID: "NL001234567B01", IBAN: "NL00BANK0123456789",
}

func (s *Service) now() time.Time { return s.Clock.Now() }

func (s *Service) today(now time.Time) civil.Date { return civil.In(now, clock.Amsterdam) }

// tx runs fn in a transaction.
func (s *Service) tx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, fn)
}

func actorID(ctx context.Context) int64 {
	if p := auth.FromContext(ctx); p != nil {
		return p.UserID
	}
	return 0
}

// guard applies the tenancy rule: a customer user sees only its company's records; others
// are "not found".
func guard(ctx context.Context, customerID int64, what string) error {
	if err := auth.Guard(auth.FromContext(ctx), customerID); err != nil {
		if problem.StatusOf(err) == 404 {
			return problem.NotFound(what)
		}
		return err
	}
	return nil
}

func record(ctx context.Context, tx bun.IDB, now time.Time, entity string, id any, action string, changes any) error {
	return audit.Record(ctx, tx, now, entity, id, action, changes)
}
