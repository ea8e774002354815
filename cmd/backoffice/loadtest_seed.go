package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/calendars"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/db"
	"backoffice/secondment"
	"backoffice/tickets"
)

// volumes are the sizes the load command seeds.
type volumes struct {
	Customers, Tickets, Quotes, Orders, Placements, Hours, Audit int
	Invoices, Items                                              int
}

// seeded is what the drivers need to know of the seeded data.
type seeded struct {
	AdminID      int64
	Technicians  []int64 // technician of placement i+1
	FirstQuoteID int64
	Base         time.Time // the first day of the hours (Amsterdam midnight)
	EntryDays    int       // days covered by each placement's entries
	ClosedMonth  civil.Month
}

// seedBulk loads the volumes with SQL where no arithmetic matters and through the domain
// code where it does: ticket due times come from the SLA clock (tickets.RecomputeStored),
// hour entry amounts from the overtime bands (secondment.Price). Quotes, orders and
// contracts are cloned by SQL from one quote the API creates (seedQuotes, after the
// server is up), so their totals are the domain's too.
func seedBulk(ctx context.Context, d *db.DB, v volumes, now time.Time, log io.Writer) (*seeded, error) {
	s := &seeded{}
	step := func(what string, start time.Time) {
		fmt.Fprintf(log, "  seeded %-34s in %5.1fs\n", what, time.Since(start).Seconds())
	}
	hash, err := auth.HashPassword("loadtest-password")
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	p := d.Pool
	if _, err := p.Exec(ctx, `INSERT INTO customers (name, kvk_number, street, postal_code, city, created_at, updated_at)
		SELECT 'Klant ' || i, lpad(i::text, 8, '0'), 'Straat ' || i, '1234 AB', 'Utrecht', $2, $2 FROM generate_series(1, $1) i`,
		v.Customers, now); err != nil {
		return nil, fmt.Errorf("customers: %w", err)
	}
	if err := p.QueryRow(ctx, `INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
		VALUES ('admin@load.test', 'Load Admin', 'admin', $1, $2, $2) RETURNING id`, hash, now).Scan(&s.AdminID); err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	rows, err := p.Query(ctx, `INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
		SELECT 'tech' || i || '@load.test', 'Technician ' || i, 'technician', $2, $3, $3 FROM generate_series(1, $1) i RETURNING id`,
		v.Placements, hash, now)
	if err != nil {
		return nil, fmt.Errorf("technicians: %w", err)
	}
	if s.Technicians, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		return nil, err
	}
	step(fmt.Sprintf("%d customers, %d users", v.Customers, v.Placements+1), t0)
	if err := seedTickets(ctx, d, v, now, s.AdminID); err != nil {
		return nil, err
	}
	t0 = time.Now()
	n, err := tickets.RecomputeStored(ctx, d.Bun, now, 5000)
	if err != nil {
		return nil, fmt.Errorf("ticket SLA: %w", err)
	}
	step(fmt.Sprintf("%d tickets (SLA clock)", n), t0)
	t0 = time.Now()
	if err := seedHours(ctx, d, v, now, s); err != nil {
		return nil, err
	}
	step(fmt.Sprintf("%d placements, %d hour entries", v.Placements, v.Hours), t0)
	t0 = time.Now()
	if _, err := p.Exec(ctx, `INSERT INTO audit_log (at, actor_id, actor_email, entity, entity_id, action, changes)
		SELECT $2::timestamptz - (($1 - i) || ' minutes')::interval, $3, 'admin@load.test', 'ticket', (i % 1000)::text, 'update',
		       jsonb_build_object('status', 'open') FROM generate_series(1, $1) i`, v.Audit, now, s.AdminID); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	step(fmt.Sprintf("%d audit entries", v.Audit), t0)
	_, err = p.Exec(ctx, "VACUUM ANALYZE")
	return s, err
}

// seedTickets inserts tickets and their event logs: 70 % went open → waiting → open →
// resolved → closed (7 events), the newest 30 % are still open (3 events), one in three
// of them waiting on the customer (4).
func seedTickets(ctx context.Context, d *db.DB, v volumes, now time.Time, adminID int64) error {
	_, err := d.Pool.Exec(ctx, `
	INSERT INTO tickets (number, customer_id, reporter_id, subject, description, category, priority, status, resolution,
	                     assignee_id, sla_policy_id, received_at, created_at, updated_at, first_response_at, resolved_at,
	                     response_due_at, resolution_due_at, sla_state, alerts_sent)
	SELECT 'L' || lpad(i::text, 7, '0'), 1 + i % $2, $3, 'Storing ' || i, 'Beschrijving van storing ' || i,
	       (ARRAY['incident','defect','question','request'])[1 + i % 4], (ARRAY['P1','P2','P3','P4'])[1 + i % 4],
	       CASE WHEN i <= $1 * 7 / 10 THEN 'closed' WHEN i % 3 = 0 THEN 'waiting_on_customer' ELSE 'open' END,
	       CASE WHEN i <= $1 * 7 / 10 THEN 'fix' END,
	       CASE WHEN i % 5 <> 0 THEN $3::bigint END,
	       (SELECT id FROM sla_policies WHERE is_default), r, r, r, r + interval '45 minutes',
	       CASE WHEN i <= $1 * 7 / 10 THEN r + interval '26 hours' END,
	       r, r, 'running', '{response_warning,response_breach,resolution_warning,resolution_breach}'
	FROM generate_series(1, $1) i, LATERAL (SELECT $4::timestamptz - (($1 - i) * 5 || ' minutes')::interval - interval '1 hour' AS r) x`,
		v.Tickets, v.Customers, adminID, now)
	if err != nil {
		return fmt.Errorf("tickets: %w", err)
	}
	_, err = d.Pool.Exec(ctx, `
	INSERT INTO ticket_events (ticket_id, at, actor_id, kind, old_value, new_value, resolution)
	SELECT t.id, t.received_at + e.off, $1, e.kind, e.old, e.new, e.res
	FROM tickets t
	CROSS JOIN LATERAL (VALUES
	    (0, interval '0', 'created', NULL, 'new', NULL),
	    (1, interval '30 minutes', 'status', 'new', 'open', NULL),
	    (2, interval '45 minutes', 'first_response', NULL, NULL, NULL),
	    (3, interval '2 hours', 'status', 'open', 'waiting_on_customer', NULL),
	    (4, interval '20 hours', 'status', 'waiting_on_customer', 'open', NULL),
	    (5, interval '26 hours', 'status', 'open', 'resolved', 'fix'),
	    (6, interval '74 hours', 'status', 'resolved', 'closed', NULL)) AS e (n, off, kind, old, new, res)
	WHERE t.status = 'closed' OR e.n < 3 OR (e.n = 3 AND t.status = 'waiting_on_customer')
	ORDER BY t.id, e.n`, adminID)
	if err != nil {
		return fmt.Errorf("ticket events: %w", err)
	}
	return nil
}

// seedHours places one technician per placement and logs hours every six hours (08, 14,
// 20 and 02 o'clock UTC, two hours each, so evenings, nights and weekends fall in their
// overtime bands), each priced by secondment.Price on the placement's calendar.
func seedHours(ctx context.Context, d *db.DB, v volumes, now time.Time, s *seeded) error {
	perPlacement := v.Hours / v.Placements
	s.EntryDays = perPlacement/4 + 1
	base := civilMidnight(now.AddDate(0, 0, -(s.EntryDays + 45)))
	s.Base = base
	s.ClosedMonth = civil.MonthOf(base, clock.Amsterdam)
	bands := secondment.DefaultBands()
	bandJSON, err := json.Marshal(bands)
	if err != nil {
		return err
	}
	startDate := civil.MonthOf(base, clock.Amsterdam).First()
	if _, err := d.Pool.Exec(ctx, `INSERT INTO placements (customer_id, technician_id, role, hourly_rate, km_rate, start_date, calendar_id, bands, created_at, updated_at)
		SELECT 1 + (u.n - 1) % $2, u.id, 'Werkplekbeheerder', 85.00, 0.23, $3, 'nl-werktijden', $4, $5, $5
		FROM unnest($1::bigint[]) WITH ORDINALITY AS u (id, n) ORDER BY u.n`,
		s.Technicians, v.Customers, startDate.String(), string(bandJSON), now); err != nil {
		return fmt.Errorf("placements: %w", err)
	}
	cal, err := calendars.Get(ctx, d.Bun, "nl-werktijden")
	if err != nil {
		return err
	}
	rate := decimal.RequireFromString("85.00")
	type priced struct {
		minutes  int
		segments []byte
		month    time.Time
		amount   pgtype.Numeric
	}
	// Every placement logs the same slots, so each slot is priced once.
	slots := make([]priced, perPlacement)
	for k := range slots {
		start := base.Add(time.Duration(k)*6*time.Hour + 8*time.Hour)
		pr, err := secondment.Price(start, start.Add(2*time.Hour), rate, bands, cal, clock.Amsterdam)
		if err != nil {
			return err
		}
		seg, _ := json.Marshal(pr.Segments)
		m := civil.MonthOf(start, clock.Amsterdam).First()
		slots[k] = priced{minutes: pr.Minutes, segments: seg, month: time.Date(m.Year, time.Month(m.Month), 1, 0, 0, 0, 0, time.UTC)}
		if err := slots[k].amount.Scan(pr.Amount.StringFixed(2)); err != nil {
			return err
		}
	}
	var hourly pgtype.Numeric
	if err := hourly.Scan("85.00"); err != nil {
		return err
	}
	// Bulk load without the per-row exclusion check and month trigger (a million gist
	// probes), then put both back: the constraint is re-validated over all rows at once.
	var exclusion string
	if err := d.Pool.QueryRow(ctx, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'hour_entries_no_overlap'`).Scan(&exclusion); err != nil {
		return err
	}
	if _, err := d.Pool.Exec(ctx, `ALTER TABLE hour_entries DROP CONSTRAINT hour_entries_no_overlap;
		ALTER TABLE hour_entries DISABLE TRIGGER hour_entries_month_open`); err != nil {
		return err
	}
	for pi, tech := range s.Technicians {
		placementID := int64(pi + 1)
		k := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if k >= perPlacement {
				return nil, nil
			}
			sl := slots[k]
			start := base.Add(time.Duration(k)*6*time.Hour + 8*time.Hour)
			end := start.Add(2 * time.Hour)
			k++
			status, decidedBy, decidedAt := "approved", any(s.AdminID), any(end)
			if k > perPlacement-100 { // the last 25 days wait for approval
				status, decidedBy, decidedAt = "submitted", nil, nil
			}
			return []any{placementID, tech, start, end, sl.month, "Beheer werkplekken", status, hourly, sl.minutes,
				sl.amount, string(sl.segments), decidedBy, decidedAt, end, end}, nil
		})
		if _, err := d.Pool.CopyFrom(ctx, pgx.Identifier{"hour_entries"}, []string{"placement_id", "technician_id", "started_at", "ended_at",
			"month", "description", "status", "hourly_rate", "minutes", "amount", "segments", "decided_by", "decided_at", "created_at", "updated_at"}, src); err != nil {
			return fmt.Errorf("hour entries of placement %d: %w", placementID, err)
		}
	}
	_, err = d.Pool.Exec(ctx, `ALTER TABLE hour_entries ADD CONSTRAINT hour_entries_no_overlap `+exclusion+`;
		ALTER TABLE hour_entries ENABLE TRIGGER hour_entries_month_open`)
	return err
}

// civilMidnight is the Amsterdam midnight that starts t's day, in UTC.
func civilMidnight(t time.Time) time.Time {
	a := t.In(clock.Amsterdam)
	return time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, clock.Amsterdam).UTC()
}
