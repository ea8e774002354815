package orders

import (
	"backoffice/internal/accounts"
	"context"

	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/problem"
)

// Service holds the use cases of quotes, orders, contracts and indexation. Every use case
// runs in one transaction: load (locked), apply the rules, save, audit, queue mail.
type Service struct {
	DB       bun.IDB // the pool, or a caller's transaction (InTx)
	Clock    clock.Clock
	Calendar BusinessCalendar // nl-werktijden: Q-4 working days, CAL-3 notices
	BaseURL  string           // for links in e-mails
	Company  Company
}

// Company is the provider's details printed on quotes and signed under e-mails. They come
// from the configuration (BACKOFFICE_COMPANY_*); an empty field is left off a document
// rather than printed as a placeholder.
type Company = pdfdoc.Company

// CompanyFromConfig reads the company details of the configuration (nil: none).
func CompanyFromConfig(c *config.Config) Company { return pdfdoc.CompanyFrom(c) }

// NewService builds the service; Company starts empty and BaseURL is the public URL that
// links in e-mails start with.
func NewService(db bun.IDB, clk clock.Clock, cal BusinessCalendar, baseURL string) *Service {
	return &Service{DB: db, Clock: clk, Calendar: cal, BaseURL: baseURL}
}

// InTx is the service bound to a caller's transaction: reads run in tx and every use case
// runs in a savepoint of it (the demo seed builds its data through the use cases in the one
// seed transaction).
func (s *Service) InTx(tx bun.Tx) *Service {
	c := *s
	c.DB = tx
	return &c
}

// At is the service with its clock pinned at t (the demo seed back-dates its history).
func (s *Service) At(t time.Time) *Service {
	c := *s
	c.Clock = clock.Fixed(t)
	return &c
}

func (s *Service) now() time.Time { return s.Clock.Now() }

func (s *Service) today(now time.Time) civil.Date { return civil.In(now, clock.Amsterdam) }

// tx runs fn in a transaction (a savepoint when the service is bound to one). fn gets the
// caller's ctx: a bun.Tx hands its savepoint the context the transaction began with, which
// would lose the principal.
func (s *Service) tx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, func(_ context.Context, tx bun.Tx) error { return fn(ctx, tx) })
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

// CustomerOptions are the customers to pick from in the quote forms and filters.
func (s *Service) CustomerOptions(ctx context.Context) ([]accounts.Option, error) {
	return accounts.CustomerOptions(ctx, s.DB, 500)
}

// ContactOptions are the active contact persons of a customer, by name: the quote editor's
// contact picker (the quote mail goes to the chosen one).
func (s *Service) ContactOptions(ctx context.Context, customerID int64) ([]accounts.Option, error) {
	users, err := accounts.Contacts(ctx, s.DB, customerID)
	if err != nil {
		return nil, err
	}
	out := make([]accounts.Option, 0, len(users))
	for _, u := range users {
		if u.Active {
			out = append(out, accounts.Option{ID: u.ID, Name: u.Name})
		}
	}
	return out, nil
}

// ContactName is the name of the contact person a quote is addressed to.
func (s *Service) ContactName(ctx context.Context, userID int64) (string, error) {
	return accounts.UserName(ctx, s.DB, userID)
}
