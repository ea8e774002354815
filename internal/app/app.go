// Package app builds the shared dependencies and the foundation's own modules
// (accounts, calendars) so that the binary and the tests assemble the server the same
// way; cmd/backoffice adds the domain modules.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/calendars"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/customerdata"
	"backoffice/internal/db"
	"backoffice/internal/events"
	"backoffice/internal/outbox"
	"backoffice/internal/platform"
	"backoffice/internal/web"
)

// Deps builds the shared dependencies over an open database.
func Deps(cfg *config.Config, database *db.DB, clk clock.Clock, log *slog.Logger) (*platform.Deps, error) {
	eng, err := web.New(clk)
	if err != nil {
		return nil, err
	}
	eng.SetBrand(cfg.CompanyName)
	web.StaffLang = cfg.StaffLanguage // BACKOFFICE_STAFF_LANGUAGE (validated: en or nl)
	return &platform.Deps{DB: database.Bun, Clock: clk, Calendars: calendars.NewRegistry(database.Bun), Web: eng, Config: cfg, Log: log,
		Events: events.NewBus(database.Bun, clk, log), Home: &platform.HomeBoard{}}, nil
}

// Foundation returns the foundation's modules. testClock is nil unless the test clock
// is enabled.
func Foundation(d *platform.Deps, testClock *clock.Settable) []platform.Module {
	return []platform.Module{
		&accounts.Module{DB: d.DB, Clock: d.Clock, TestClock: testClock, Throttle: auth.NewThrottle(d.DB), Web: d.Web, Home: d.Home,
			Tabs:   func() []platform.CustomerTab { return d.CustomerTabs },
			Namers: func() []platform.AuditNamer { return d.AuditNamers },
			Reset:  accounts.ResetMail{PublicURL: d.Config.PublicURL, Company: d.Config.CompanyName}},
		&customerdata.Module{DB: d.DB, Clock: d.Clock, Log: d.Log},
		&calendars.Module{Reg: d.Calendars, Clock: d.Clock, Web: d.Web, DB: d.DB},
		&billing.Module{DB: d.DB, Web: d.Web},
		&events.Module{DB: d.DB, Clock: d.Clock, Web: d.Web, Namers: func() []platform.AuditNamer { return d.AuditNamers }},
	}
}

// DemoPassword is the password of every demo login (printed by `make run`).
const DemoPassword = "backoffice-demo"

// DemoLogins are the demo accounts, printed at start.
var DemoLogins = [][2]string{
	{"admin@demo.backoffice.test", "admin"},
	{"am@demo.backoffice.test", "account manager"},
	{"tech@demo.backoffice.test", "technician"},
	{"tech2@demo.backoffice.test", "technician"},
	{"contact@acme.demo.backoffice.test", "customer contact of Acme Zorg B.V."},
	{"contact@bakker.demo.backoffice.test", "customer contact of Bakkerij De Korenschoof"},
	{"contact@vandijk.demo.backoffice.test", "customer contact of Notariskantoor Van Dijk"},
}

// SeedDemo loads demo data when the database has no users yet; it reports whether it did.
func SeedDemo(ctx context.Context, d *platform.Deps, modules []platform.Module) (bool, error) {
	// The demo's events must reach the modules' subscribers, also when `backoffice seed`
	// runs without a server: register the subscriptions first (idempotent).
	if err := platform.RegisterSubscriptions(ctx, d.Events, modules); err != nil {
		return false, err
	}
	seeded := false
	err := d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Serialise concurrent seeders and re-check emptiness inside the transaction.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(727002)"); err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*auth.User)(nil)).Count(ctx)
		if err != nil || n > 0 {
			return err
		}
		seeded = true
		return seedDemo(ctx, tx, d, modules)
	})
	return seeded && err == nil, err
}

func seedDemo(ctx context.Context, tx bun.Tx, d *platform.Deps, modules []platform.Module) error {
	var err error
	now := d.Clock.Now()
	demo := &platform.Demo{}
	user := func(email, name string, role auth.Role, cust *int64) (int64, error) {
		u, err := accounts.CreateUser(ctx, tx, accounts.UserInput{Email: email, Name: name, Role: string(role), CustomerID: cust, Password: DemoPassword}, now)
		if err != nil {
			return 0, fmt.Errorf("demo user %s: %w", email, err)
		}
		return u.ID, nil
	}
	if demo.AdminID, err = user("admin@demo.backoffice.test", "Anna de Vries", auth.Admin, nil); err != nil {
		return err
	}
	if demo.AccountManagerID, err = user("am@demo.backoffice.test", "Mark Jansen", auth.AccountManager, nil); err != nil {
		return err
	}
	for _, t := range [][2]string{{"tech@demo.backoffice.test", "Sanne Bakker"}, {"tech2@demo.backoffice.test", "Youssef El Amrani"}} {
		id, err := user(t[0], t[1], auth.Technician, nil)
		if err != nil {
			return err
		}
		demo.TechnicianIDs = append(demo.TechnicianIDs, id)
	}
	companies := []struct {
		name, kvk, vat, street, postalCode, city, email, contact, contactName string
		months                                                                int // a customer for this many months (Acme since before its 2024 quote)
	}{
		{"Acme Zorg B.V.", "30567890", "NL856789012B01", "Stationsplein 1", "3511 ED", "Utrecht", "facturen@acme.demo.backoffice.test", "contact@acme.demo.backoffice.test", "Eva Visser", 25},
		{"Bakkerij De Korenschoof", "87654321", "NL987654321B01", "Diezerstraat 42", "8011 RJ", "Zwolle", "admin@bakker.demo.backoffice.test", "contact@bakker.demo.backoffice.test", "Henk Smit", 20},
		{"Notariskantoor Van Dijk", "11223344", "NL112233445B01", "Nassaulaan 8", "2011 PC", "Haarlem", "boekhouding@vandijk.demo.backoffice.test", "contact@vandijk.demo.backoffice.test", "Lotte van Dijk", 14},
	}
	for _, co := range companies {
		name, kvk, vat, city, email, street, pc := co.name, co.kvk, co.vat, co.city, co.email, co.street, co.postalCode
		c, err := accounts.CreateCustomer(ctx, tx, accounts.CustomerInput{Name: &name, KvKNumber: &kvk, VATID: &vat, City: &city, BillingEmail: &email, Street: &street, PostalCode: &pc}, now.AddDate(0, -co.months, 0))
		if err != nil {
			return fmt.Errorf("demo customer: %w", err)
		}
		demo.CustomerIDs = append(demo.CustomerIDs, c.ID)
		id, err := user(co.contact, co.contactName, auth.Customer, &c.ID)
		if err != nil {
			return err
		}
		demo.ContactIDs = append(demo.ContactIDs, id)
	}
	for _, m := range modules {
		if s, ok := m.(platform.DemoSeeder); ok {
			if err := s.SeedDemo(ctx, tx, demo); err != nil {
				return fmt.Errorf("demo data of %s: %w", m.Name(), err)
			}
		}
	}
	return seedDemoFailures(ctx, tx, now)
}

// seedDemoFailures gives the admin's home something to act on: an e-mail whose address
// bounced after every retry, and one event delivery that failed all its attempts (a retry
// from /events/undeliverable delivers it: the handlers are idempotent).
func seedDemoFailures(ctx context.Context, tx bun.Tx, now time.Time) error {
	m := &outbox.Message{Kind: "notice", To: "old-address@vandijk.demo.backoffice.test", Subject: "Factuur 2026-00004",
		Body: "Beste Lotte van Dijk,\n\nIn de bijlage vindt u factuur 2026-00004.\n\nMet vriendelijke groet,\nBackoffice IT B.V.", Entity: "demo"}
	if err := outbox.Enqueue(ctx, tx, now, m); err != nil {
		return err
	}
	if _, err := tx.NewUpdate().Table("outbox").Set("status = 'failed', attempts = 5").
		Set("last_error = ?", "550 5.1.1 <old-address@vandijk.demo.backoffice.test>: mailbox unavailable").
		Where("id = ?", m.ID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewUpdate().Table("event_deliveries").Set("status = 'dead', attempts = ?", events.MaxAttempts).
		Set("last_error = ?", "demo: the handler timed out on every attempt").
		Where("(subscriber, event_id) = (SELECT subscriber, event_id FROM event_deliveries ORDER BY event_id DESC, subscriber LIMIT 1)").Exec(ctx)
	return err
}
