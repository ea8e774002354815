package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"backoffice/internal/clock"
	"backoffice/internal/db"
)

// quoteBody is a valid quote: hardware, a monthly managed service and installation work.
func quoteBody(customerID int64, start time.Time) map[string]any {
	return map[string]any{
		"customer_id": customerID,
		"title":       "Werkplekvernieuwing",
		"start_date":  start.In(clock.Amsterdam).Format("2006-01-02"),
		"lines": []map[string]any{
			{"kind": "hardware", "description": "Laptop 14\"", "quantity": "2", "unit": "pcs", "unit_price": "899.00", "vat_rate": "21", "sku": "LAP-14"},
			{"kind": "recurring", "description": "Managed workplace", "quantity": "10", "unit": "user", "unit_price": "12.50", "vat_rate": "21", "period": "month", "sku": "MW-USER"},
			{"kind": "service", "description": "Installation", "quantity": "4", "unit": "hour", "unit_price": "95.00", "vat_rate": "21", "sku": "ENG-HOUR"},
		},
	}
}

// seedOrders creates one quote through the API (the domain computes its totals) and
// clones it with SQL into the quote volume; the oldest clones are accepted and become
// orders, and their recurring lines contracts. It then closes the first month of hours
// of every placement through the API (final statements).
func seedOrders(ctx context.Context, d *db.DB, base, admin string, v volumes, s *seeded, now time.Time, log io.Writer) error {
	t0 := time.Now()
	var q struct {
		ID int64 `json:"id"`
	}
	if err := call(ctx, base, "POST", "/quotes", admin, quoteBody(1, now.AddDate(0, 1, 0)), &q); err != nil {
		return err
	}
	p := d.Pool
	// (r).* on a subquery's column, so nextval runs once per row, not once per column
	if _, err := p.Exec(ctx, `INSERT INTO quotes
		SELECT (r).* FROM (SELECT jsonb_populate_record(NULL::quotes, to_jsonb(q) || jsonb_build_object(
		        'id', nextval('quotes_id_seq'), 'number', 'Q2025-' || lpad(i::text, 6, '0'), 'customer_id', 1 + i % $3,
		        'created_at', $4::timestamptz - (($2 - i) || ' minutes')::interval)) AS r
		FROM quotes q, generate_series(1, $2) i WHERE q.id = $1 OFFSET 0) s`, q.ID, v.Quotes-1, v.Customers, now); err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	if _, err := p.Exec(ctx, `INSERT INTO quote_lines (quote_id, position, kind, description, quantity, unit, unit_price, vat_rate, period, sku, line_total)
		SELECT q.id, l.position, l.kind, l.description, l.quantity, l.unit, l.unit_price, l.vat_rate, l.period, l.sku, l.line_total
		FROM quotes q CROSS JOIN quote_lines l WHERE q.id <> $1 AND l.quote_id = $1`, q.ID); err != nil {
		return fmt.Errorf("quote lines: %w", err)
	}
	fmt.Fprintf(log, "  seeded %-34s in %5.1fs\n", fmt.Sprintf("%d quotes (API + SQL clones)", v.Quotes), time.Since(t0).Seconds())
	t0 = time.Now()
	if _, err := p.Exec(ctx, `UPDATE quotes SET status = 'accepted', sent_at = created_at, valid_until = (created_at + interval '30 days')::date,
		accepted_at = created_at + interval '1 day', accepted_by = 'Inkoop', acceptance_method = 'email'
		WHERE id IN (SELECT id FROM quotes WHERE id <> $1 ORDER BY id LIMIT $2)`, q.ID, v.Orders); err != nil {
		return fmt.Errorf("accept quotes: %w", err)
	}
	if _, err := p.Exec(ctx, `INSERT INTO orders (number, quote_id, customer_id, title, status, start_date, cancellable, fixed_price, lead_time_days,
		quote_accepted_on, advance_payment_required, net, vat, gross, created_at)
		SELECT 'O2025-' || lpad(row_number() OVER (ORDER BY id)::text, 6, '0'), id, customer_id, title, 'open', coalesce(start_date, accepted_at::date),
		       cancellable, fixed_price, lead_time_days, accepted_at::date, advance_payment, net, vat, gross, accepted_at
		FROM quotes WHERE status = 'accepted' ORDER BY id`); err != nil {
		return fmt.Errorf("orders: %w", err)
	}
	if _, err := p.Exec(ctx, `INSERT INTO order_lines (order_id, quote_line_id, position, kind, description, quantity, unit, unit_price, vat_rate, period, sku, line_total)
		SELECT o.id, l.id, l.position, l.kind, l.description, l.quantity, l.unit, l.unit_price, l.vat_rate, l.period, l.sku, l.line_total
		FROM orders o JOIN quote_lines l ON l.quote_id = o.quote_id`); err != nil {
		return fmt.Errorf("order lines: %w", err)
	}
	if _, err := p.Exec(ctx, `INSERT INTO contracts (number, customer_id, order_id, quote_id, start_date, terms_profile, initial_term_months,
		renewal_term_months, notice_months, notice_days, notice_method, price_change_rule, index_method, index_series, index_reference_month,
		index_floor, index_cap, index_fixed_percent, created_at)
		SELECT 'C2025-' || lpad(row_number() OVER (ORDER BY o.id)::text, 6, '0'), o.customer_id, o.id, q.id, o.start_date, q.terms_profile,
		       q.initial_term_months, q.renewal_term_months, q.notice_months, q.notice_days, q.notice_method, q.price_change_rule,
		       q.index_method, q.index_series, q.index_reference_month, q.index_floor, q.index_cap, q.index_fixed_percent, o.created_at
		FROM orders o JOIN quotes q ON q.id = o.quote_id ORDER BY o.id`); err != nil {
		return fmt.Errorf("contracts: %w", err)
	}
	if _, err := p.Exec(ctx, `INSERT INTO contract_lines (contract_id, order_line_id, description, quantity, unit, sku, fee, period, vat_rate, fee_since)
		SELECT k.id, l.id, l.description, l.quantity, l.unit, l.sku, l.line_total, l.period, l.vat_rate, k.start_date
		FROM contracts k JOIN order_lines l ON l.order_id = k.order_id WHERE l.period IS NOT NULL`); err != nil {
		return fmt.Errorf("contract lines: %w", err)
	}
	fmt.Fprintf(log, "  seeded %-34s in %5.1fs\n", fmt.Sprintf("%d orders and contracts", v.Orders), time.Since(t0).Seconds())
	t0 = time.Now()
	m := fmt.Sprintf("%04d-%02d", s.ClosedMonth.Year, int(s.ClosedMonth.Month))
	for i := range s.Technicians {
		if err := call(ctx, base, "POST", fmt.Sprintf("/placements/%d/statements/%s/close", i+1, m), admin, nil, nil); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "  seeded %-34s in %5.1fs\n", fmt.Sprintf("%d final statements of %s", len(s.Technicians), m), time.Since(t0).Seconds())
	return nil
}

// endpoints lists what the load command drives, each list with its main SQL.
func endpoints(ctx context.Context, pool *pgxpool.Pool, base, admin string, techs []string, v volumes, s *seeded, now time.Time) ([]endpoint, error) {
	// the cursor of the page after the first 1,000 tickets
	var page struct {
		Next *string `json:"next"`
	}
	path := "/tickets?limit=200"
	for range 5 {
		if err := call(ctx, base, "GET", path, admin, nil, &page); err != nil {
			return nil, err
		}
		if page.Next == nil {
			return nil, fmt.Errorf("ticket list ended before 1,000 tickets")
		}
		path = "/tickets?limit=200&after=" + *page.Next
	}
	var cur struct {
		ID int64 `json:"id"`
	}
	if err := decodeCursor(*page.Next, &cur); err != nil {
		return nil, err
	}
	adm := func(uint64) string { return admin }
	fixed := func(p string) func(uint64) string { return func(uint64) string { return "/api/v1" + p } }
	spread := func(f string, n int) func(uint64) string {
		return func(i uint64) string { return fmt.Sprintf("/api/v1"+f, 1+(i*7919)%uint64(n)) }
	}
	j := func(v any) []byte { b, _ := json.Marshal(v); return b }
	clients := uint64(len(techs))
	hoursFrom := s.Base.AddDate(0, 0, s.EntryDays+1)
	const tq = `SELECT ticket.*, c.name AS customer_name, coalesce(u.name, '') AS assignee_name FROM tickets AS ticket
		JOIN customers c ON c.id = ticket.customer_id LEFT JOIN users u ON u.id = ticket.assignee_id`
	// a ticket page replays the event log of its paused tickets (tickets.withSLA): the
	// ceiling reads the same events, for the same tickets
	replay := func(where string, args ...any) ([]ceiling, error) {
		ids, err := pageIDs(ctx, pool, `SELECT ticket.id FROM tickets AS ticket WHERE `+where+` LIMIT 51`, args...)
		if err != nil {
			return nil, err
		}
		var paused []int64
		if len(ids) > 0 {
			if paused, err = pageIDs(ctx, pool, `SELECT t.id FROM tickets t JOIN sla_policies p ON p.id = t.sla_policy_id
				WHERE t.id = ANY($1) AND (t.paused_seconds IS NULL OR t.status = ANY(p.pause_statuses)) ORDER BY t.id`, ids); err != nil {
				return nil, err
			}
		}
		if len(paused) == 0 {
			return nil, nil
		}
		return []ceiling{{SQL: `SELECT id, ticket_id, at, actor_id, kind, old_value, new_value, resolution FROM ticket_events
			WHERE ticket_id = ANY($1) ORDER BY ticket_id, id`, Args: []any{paused}}}, nil
	}
	firstPage, err := replay(`true ORDER BY ticket.id DESC`)
	if err != nil {
		return nil, err
	}
	afterPage, err := replay(`ticket.id < $1 ORDER BY ticket.id DESC`, cur.ID)
	if err != nil {
		return nil, err
	}
	duePage, err := replay(`ticket.next_due_at IS NOT NULL ORDER BY ticket.next_due_at, ticket.id`)
	if err != nil {
		return nil, err
	}
	contracts, err := pageIDs(ctx, pool, `SELECT id FROM contracts ORDER BY id DESC LIMIT 51`)
	if err != nil {
		return nil, err
	}
	const hq = `SELECT hour_entry.*, u.name AS technician_name, p.customer_id, c.name AS customer_name FROM hour_entries AS hour_entry
		JOIN placements AS p ON p.id = hour_entry.placement_id JOIN users AS u ON u.id = hour_entry.technician_id
		JOIN customers AS c ON c.id = p.customer_id`
	return []endpoint{
		{Name: "GET /tickets?limit=50", Method: "GET", Path: fixed("/tickets?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: tq + ` ORDER BY ticket.id DESC LIMIT 51`, Then: firstPage}},
		{Name: "GET /tickets cursor after 1,000", Method: "GET", Path: fixed("/tickets?limit=50&after=" + *page.Next), Token: adm,
			Ceiling: &ceiling{SQL: tq + ` WHERE ticket.id < $1 ORDER BY ticket.id DESC LIMIT 51`, Args: []any{cur.ID}, Then: afterPage}},
		{Name: "GET /tickets?sort=due", Method: "GET", Path: fixed("/tickets?limit=50&sort=due"), Token: adm,
			Ceiling: &ceiling{SQL: tq + ` WHERE ticket.next_due_at IS NOT NULL ORDER BY ticket.next_due_at, ticket.id LIMIT 51`, Then: duePage}},
		{Name: "GET /tickets/{id}", Method: "GET", Path: spread("/tickets/%d", v.Tickets), Token: adm},
		{Name: "POST /tickets", Method: "POST", Path: fixed("/tickets"), Token: adm, Body: func(i uint64) []byte {
			return j(map[string]any{"customer_id": 1 + i%uint64(v.Customers), "subject": fmt.Sprintf("Printer %d doet het niet", i),
				"description": "Sinds vanochtend geen afdrukken meer.", "category": "incident"})
		}},
		{Name: "GET /quotes?limit=50", Method: "GET", Path: fixed("/quotes?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT q.*, c.name AS customer_name FROM quotes AS q JOIN customers AS c ON c.id = q.customer_id ORDER BY q.id DESC LIMIT 51`}},
		{Name: "GET /quotes/{id}", Method: "GET", Path: spread("/quotes/%d", v.Quotes), Token: adm},
		{Name: "POST /quotes", Method: "POST", Path: fixed("/quotes"), Token: adm, Body: func(i uint64) []byte {
			return j(quoteBody(int64(1+i%uint64(v.Customers)), now.AddDate(0, 1, 0)))
		}},
		{Name: "GET /orders?limit=50", Method: "GET", Path: fixed("/orders?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT o.*, q.number AS quote_number, c.name AS customer_name FROM orders AS o
				JOIN quotes AS q ON q.id = o.quote_id JOIN customers AS c ON c.id = o.customer_id ORDER BY o.id DESC LIMIT 51`}},
		{Name: "GET /orders/{id}", Method: "GET", Path: spread("/orders/%d", v.Orders), Token: adm},
		{Name: "GET /contracts?limit=50", Method: "GET", Path: fixed("/contracts?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT k.*, c.name AS customer_name FROM contracts AS k JOIN customers AS c ON c.id = k.customer_id ORDER BY k.id DESC LIMIT 51`,
				Then: []ceiling{{SQL: `SELECT * FROM contract_lines WHERE contract_id = ANY($1) ORDER BY contract_id, id`, Args: []any{contracts}}}}},
		{Name: "GET /contracts/{id}", Method: "GET", Path: spread("/contracts/%d", v.Orders), Token: adm},
		{Name: "GET /placements?limit=50", Method: "GET", Path: fixed("/placements?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT placement.*, c.name AS customer_name, u.name AS technician_name FROM placements AS placement
				JOIN customers AS c ON c.id = placement.customer_id JOIN users AS u ON u.id = placement.technician_id
				ORDER BY placement.start_date DESC, placement.id DESC LIMIT 51`}},
		{Name: "GET /placements/{id}", Method: "GET", Path: spread("/placements/%d", v.Placements), Token: adm},
		{Name: "GET /placements/{id}/hours?limit=50", Method: "GET", Path: spread("/placements/%d/hours?limit=50", v.Placements), Token: adm,
			Ceiling: &ceiling{SQL: hq + ` WHERE hour_entry.placement_id = $1 ORDER BY hour_entry.started_at, hour_entry.id LIMIT 51`, Args: []any{int64(v.Placements / 2)}}},
		{Name: "GET /hours?limit=50 (all entries)", Method: "GET", Path: fixed("/hours?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: hq + ` ORDER BY hour_entry.started_at, hour_entry.id LIMIT 51`}},
		{Name: "GET /hours?status=submitted", Method: "GET", Path: fixed("/hours?status=submitted&limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: hq + ` WHERE hour_entry.status = 'submitted' ORDER BY hour_entry.started_at, hour_entry.id LIMIT 51`}},
		{Name: "POST /placements/{id}/hours", Method: "POST", Token: func(i uint64) string { return techs[i%clients] },
			Path: func(i uint64) string { return fmt.Sprintf("/api/v1/placements/%d/hours", 1+i%clients) },
			Body: func(i uint64) []byte {
				st := hoursFrom.Add(time.Duration(i/clients) * time.Minute)
				return j(map[string]any{"started_at": st, "ended_at": st.Add(time.Minute), "description": "Storing verholpen"})
			}},
		{Name: "GET /audit?limit=50", Method: "GET", Path: fixed("/audit?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM audit_log ORDER BY id DESC LIMIT 51`}},
	}, nil
}

// allEndpoints are the endpoints above followed by the invoice, receivables, hardware
// and statement lists (load_lists_targets.go).
func allEndpoints(ctx context.Context, pool *pgxpool.Pool, base, admin string, techs []string, v volumes, s *seeded, now time.Time) ([]endpoint, error) {
	eps, err := endpoints(ctx, pool, base, admin, techs, v, s, now)
	if err != nil {
		return nil, err
	}
	lists, err := listEndpoints(ctx, pool, admin, v, s)
	if err != nil {
		return nil, err
	}
	// the floor under every row: a request through the same server, middleware and load
	// generator that reads no database and encodes one small object
	floor := endpoint{Name: "GET /healthz (HTTP only, no database)", Method: "GET", Path: func(uint64) string { return "/healthz" },
		Token: func(uint64) string { return admin }}
	return append(append(eps, lists...), floor), nil
}

// pageIDs runs a query of ids (the rows a page shows, for a ceiling's batch look-ups).
func pageIDs(ctx context.Context, pool *pgxpool.Pool, sql string, args ...any) ([]int64, error) {
	rows, err := pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
