package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// listEndpoints are the invoice, receivables, hardware and statement lists and gets the
// load command drives, each list with the SQL it runs per page for the ceiling.
func listEndpoints(ctx context.Context, pool *pgxpool.Pool, admin string, v volumes, s *seeded) ([]endpoint, error) {
	adm := func(uint64) string { return admin }
	fixed := func(p string) func(uint64) string { return func(uint64) string { return "/api/v1" + p } }
	spread := func(f string, n int) func(uint64) string {
		return func(i uint64) string { return fmt.Sprintf("/api/v1"+f, 1+(i*7919)%uint64(max(n, 1))) }
	}
	deliveries := int64(v.Items / 2)
	// each batch look-up of a page reads what that page shows: its rows' ids first
	var page, itemProducts, openIDs []int64
	for _, q := range []struct {
		out  *[]int64
		sql  string
		args []any
	}{
		{&page, `SELECT id FROM hw_deliveries ORDER BY id DESC LIMIT 51`, nil},
		{&itemProducts, `SELECT DISTINCT product_id FROM (SELECT product_id FROM hw_items ORDER BY id LIMIT 51) i`, nil},
		{&openIDs, statementPage, []any{s.ClosedMonth.Next().Last().String(), s.ClosedMonth.Next().First().String()}},
	} {
		var err error
		if *q.out, err = pageIDs(ctx, pool, q.sql, q.args...); err != nil {
			return nil, err
		}
	}
	month := fmt.Sprintf("%04d-%02d", s.ClosedMonth.Year, int(s.ClosedMonth.Month))
	open := s.ClosedMonth.Next() // the placements' calendar (nl-werktijden) counts in Amsterdam time: the month's kept totals
	// the invoice run's page: the placements with their month's finals
	const placements = `SELECT placement.id, placement.customer_id, placement.technician_id, placement.role, placement.hourly_rate,
				placement.start_date, placement.end_date, placement.calendar_id, c.name AS customer_name, u.name AS technician_name,
				fs.minutes, fs.hours_amount, fs.expenses_amount, fs.total, fs.closed_at
				FROM placements AS placement JOIN customers AS c ON c.id = placement.customer_id JOIN users AS u ON u.id = placement.technician_id
				LEFT JOIN placement_statements AS fs ON fs.placement_id = placement.id AND fs.month = $2
				WHERE placement.start_date <= $1 AND (placement.end_date IS NULL OR placement.end_date >= $2)
				ORDER BY placement.customer_id, placement.id LIMIT 51`
	return []endpoint{
		{Name: "GET /statements?month&limit=50", Method: "GET", Path: fixed("/statements?month=" + month + "&limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: placements, Args: []any{s.ClosedMonth.Last().String(), s.ClosedMonth.First().String()}}},
		{Name: "GET /statements?month (open month)", Method: "GET", Path: fixed("/statements?month=" + s.ClosedMonth.Next().String() + "&limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: placements, Args: []any{open.Last().String(), open.First().String()},
				Then: []ceiling{{SQL: `SELECT coalesce(h.placement_id, x.placement_id), coalesce(h.minutes, 0), coalesce(h.hours_amount, 0),
				coalesce(h.open_count, 0), coalesce(x.expenses_amount, 0)
				FROM (SELECT placement_id, approved_minutes AS minutes, approved_amount AS hours_amount, submitted_count AS open_count
				  FROM hour_month_totals WHERE placement_id = ANY($1) AND month = $2) AS h
				FULL JOIN (SELECT placement_id, sum(amount) AS expenses_amount FROM placement_expenses
				  WHERE placement_id = ANY($1) AND date BETWEEN $2 AND $3 GROUP BY placement_id) AS x ON x.placement_id = h.placement_id`,
					Args: []any{openIDs, open.First().String(), open.Last().String()}}}}},
		{Name: "GET /invoices?limit=50", Method: "GET", Path: fixed("/invoices?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM invoices AS q ORDER BY q.id DESC LIMIT 51`}},
		{Name: "GET /invoices?status=issued", Method: "GET", Path: fixed("/invoices?status=issued&limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM invoices AS q WHERE q.status = 'issued' ORDER BY q.id DESC LIMIT 51`}},
		{Name: "GET /invoices/{id}", Method: "GET", Path: spread("/invoices/%d", v.Invoices), Token: adm},
		{Name: "GET /invoices/{id}/claim", Method: "GET", Path: spread("/invoices/%d/claim", v.Invoices), Token: adm},
		{Name: "GET /payments?limit=50", Method: "GET", Path: fixed("/payments?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM payments AS p ORDER BY p.id DESC LIMIT 51`}},
		{Name: "GET /bank-entries?unmatched&limit=50", Method: "GET", Path: fixed("/bank-entries?unmatched=true&limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM bank_entries AS b WHERE b.payment_id IS NULL ORDER BY b.id DESC LIMIT 51`}},
		{Name: "GET /deliveries?limit=50", Method: "GET", Path: fixed("/deliveries?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM hw_deliveries ORDER BY id DESC LIMIT 51`,
				Then: []ceiling{{SQL: `SELECT delivery_line.*, ol.*, p.* FROM hw_delivery_lines AS delivery_line
					JOIN hw_order_lines AS ol ON ol.order_line_id = delivery_line.order_line_id JOIN hw_products AS p ON p.id = delivery_line.product_id
					WHERE delivery_line.delivery_id = ANY($1) ORDER BY delivery_line.delivery_id, delivery_line.id`, Args: []any{page}}}}},
		{Name: "GET /deliveries/{id}", Method: "GET", Path: spread("/deliveries/%d", int(deliveries)), Token: adm},
		{Name: "GET /hardware/items?limit=50", Method: "GET", Path: fixed("/hardware/items?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT item.*, (SELECT c.name FROM customers AS c WHERE c.id = item.customer_id) AS customer_name
				FROM hw_items AS item ORDER BY id LIMIT 51`,
				Then: []ceiling{{SQL: `SELECT * FROM hw_products WHERE id = ANY($1)`, Args: []any{itemProducts}}}}},
		{Name: "GET /hardware/items/{id}", Method: "GET", Path: spread("/hardware/items/%d", v.Items), Token: adm},
		{Name: "GET /defect-reports?limit=50", Method: "GET", Path: fixed("/defect-reports?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM hw_defect_reports ORDER BY id DESC LIMIT 51`}},
		{Name: "GET /defect-reports/{id}", Method: "GET", Path: spread("/defect-reports/%d", v.Items/10), Token: adm},
		{Name: "GET /rmas?limit=50", Method: "GET", Path: fixed("/rmas?limit=50"), Token: adm,
			Ceiling: &ceiling{SQL: `SELECT * FROM hw_rmas ORDER BY id DESC LIMIT 51`}},
		{Name: "GET /rmas/{id}", Method: "GET", Path: spread("/rmas/%d", v.Items/10), Token: adm},
	}, nil
}

// statementPage is the ids of an invoice run's first page of placements running in a
// month (its last and first day).
const statementPage = `SELECT id FROM placements WHERE start_date <= $1 AND (end_date IS NULL OR end_date >= $2) ORDER BY customer_id, id LIMIT 51`
