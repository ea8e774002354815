package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"backoffice/internal/db"
)

// seedLists loads the invoice, receivables and hardware volumes with bulk SQL (their
// lists show stored figures; the totals come from the orders, which the domain priced):
// v.Invoices issued invoices over the orders with the orders' lines (60 % paid, by a
// payment allocated in full; a fifth of the payments arrived as a bank entry, and as
// many bank entries wait unmatched), v.Items delivered items two per delivery, and a
// defect report and an RMA for every tenth item.
func seedLists(ctx context.Context, d *db.DB, v volumes, now time.Time, log io.Writer) error {
	p := d.Pool
	t0 := time.Now()
	steps := []struct {
		what, sql string
		args      []any
	}{
		{"invoices", `INSERT INTO invoices (customer_id, status, number, issue_date, due_date, agreement_kind, agreement_id, terms_profile,
			customer_name, customer_street, customer_postal_code, customer_city, net, vat, gross, paid, settled_on, created_at, updated_at, issued_at)
			SELECT o.customer_id, CASE WHEN i % 10 < 6 THEN 'paid' ELSE 'issued' END, 'F2025-' || lpad(i::text, 7, '0'), x.d::date, x.d::date + 14,
			       'order', o.id, '004', c.name, c.street, c.postal_code, c.city, o.net, o.vat, o.gross,
			       CASE WHEN i % 10 < 6 THEN o.gross ELSE 0 END, CASE WHEN i % 10 < 6 THEN x.d::date + 10 END, x.d, x.d, x.d
			FROM generate_series(1, $1::int) i
			JOIN orders o ON o.id = 1 + i % $2::int JOIN customers c ON c.id = o.customer_id,
			LATERAL (SELECT $3::timestamptz - (($1::int - i) || ' minutes')::interval AS d) x
			ORDER BY i`, []any{v.Invoices, v.Orders, now}},
		// issued lines are immutable (a trigger); the throwaway database loads them in bulk past it
		{"invoice lines", `ALTER TABLE invoice_lines DISABLE TRIGGER invoice_lines_immutable`, nil},
		{"invoice lines", `INSERT INTO invoice_lines (invoice_id, position, description, line_kind, quantity, unit, unit_price, vat_rate, net,
			source_domain, source_kind, source_id, agreement_kind, agreement_id)
			SELECT i.id, l.position, l.description, CASE WHEN l.kind = 'hardware' THEN 'goods' ELSE 'services' END, l.quantity, l.unit, l.unit_price,
			       trim_scale(l.vat_rate)::text, l.line_total, 'orders', 'order_line', l.id, 'order', i.agreement_id
			FROM invoices i JOIN order_lines l ON l.order_id = i.agreement_id`, nil},
		{"invoice lines", `ALTER TABLE invoice_lines ENABLE TRIGGER invoice_lines_immutable`, nil},
		{"payments", `INSERT INTO payments (customer_id, kind, amount, received_on, reference, invoice_id, created_at)
			SELECT customer_id, 'payment', gross, settled_on, number, id, issued_at + interval '10 days' FROM invoices WHERE status = 'paid' ORDER BY id`, nil},
		{"allocations", `INSERT INTO allocations (payment_id, invoice_id, applied_on, amount, to_principal, created_at)
			SELECT id, invoice_id, received_on, amount, amount, created_at FROM payments ORDER BY id`, nil},
		{"bank statement", `INSERT INTO bank_statements (account, filename, credits, added, created_at) VALUES ('NL91ABNA0417164300', 'load.xml', 0, 0, $1)`,
			[]any{now}},
		{"bank entries", `INSERT INTO bank_entries (statement_id, ref, booked_on, amount, debtor_name, remittance, payment_id, created_at)
			SELECT (SELECT max(id) FROM bank_statements), 'LOAD-' || p.id, p.received_on, p.amount, 'Klant', p.reference,
			       CASE WHEN p.id % 2 = 0 THEN p.id END, p.created_at
			FROM payments p WHERE p.id % 5 < 2 ORDER BY p.id`, nil},
		{"hardware product", `INSERT INTO hw_products (sku, name, manufacturer, warranty_months, serialised, condition, created_at, updated_at)
			VALUES ('LAP-14', 'Laptop 14"', 'Lenovo', 36, true, 'new', $1, $1)`, []any{now}},
		{"hardware order lines", `INSERT INTO hw_order_lines (order_line_id, order_id, customer_id, terms_profile, sku, description, quantity, unit, unit_price, vat_rate, accepted_at)
			SELECT l.id, o.id, o.customer_id, '004', l.sku, l.description, l.quantity, l.unit, l.unit_price, trim_scale(l.vat_rate)::text, o.created_at
			FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.kind = 'hardware'`, nil},
		{"deliveries", `INSERT INTO hw_deliveries (order_id, customer_id, terms_profile, status, planned_on, street, postal_code, city, country,
			dispatched_at, delivered_at, risk_since, received_by, created_at, updated_at)
			SELECT ol.order_id, ol.customer_id, '004', 'delivered', ol.accepted_at::date + 7, 'Straat 1', '1234 AB', 'Utrecht', 'NL',
			       ol.accepted_at + interval '7 days', ol.accepted_at + interval '7 days', ol.accepted_at + interval '7 days', 'Receptie',
			       ol.accepted_at, ol.accepted_at
			FROM generate_series(1, $1::int) k JOIN hw_order_lines ol ON ol.order_line_id = (SELECT min(order_line_id) FROM hw_order_lines) + (k % (SELECT count(*) FROM hw_order_lines))
			ORDER BY k`, []any{v.Items / 2}},
		{"delivery lines", `INSERT INTO hw_delivery_lines (delivery_id, order_line_id, product_id, quantity, serials)
			SELECT d.id, ol.order_line_id, (SELECT id FROM hw_products WHERE sku = 'LAP-14'), 2, ARRAY['SN' || d.id || 'A', 'SN' || d.id || 'B']
			FROM hw_deliveries d JOIN hw_order_lines ol ON ol.order_id = d.order_id ORDER BY d.id`, nil},
		{"items", `INSERT INTO hw_items (delivery_id, delivery_line_id, product_id, customer_id, order_id, serial, delivered_at, risk_since, title,
			title_transferred_at, warranty_until, warranty_covered, warranty_reason, created_at, updated_at)
			SELECT d.id, l.id, l.product_id, d.customer_id, d.order_id, s.serial, d.delivered_at, d.risk_since,
			       CASE WHEN d.id % 3 = 0 THEN 'retained' ELSE 'transferred' END, CASE WHEN d.id % 3 <> 0 THEN d.delivered_at::date + 20 END,
			       d.delivered_at::date + 1095, true, 'manufacturer warranty', d.created_at, d.created_at
			FROM hw_deliveries d JOIN hw_delivery_lines l ON l.delivery_id = d.id CROSS JOIN LATERAL unnest(l.serials) AS s (serial)
			ORDER BY d.id, s.serial`, nil},
		{"defect reports", `INSERT INTO hw_defect_reports (item_id, customer_id, kind, description, reported_at, deadline, in_time, created_at)
			SELECT id, customer_id, 'visible', 'Scherm heeft een kras', delivered_at + interval '2 hours', delivered_at + interval '24 hours', true,
			       delivered_at + interval '2 hours'
			FROM hw_items WHERE id % 10 = 0 ORDER BY id`, nil},
		{"RMAs", `INSERT INTO hw_rmas (item_id, customer_id, reason, status, created_at, updated_at)
			SELECT id, customer_id, 'Start niet op', 'requested', delivered_at + interval '30 days', delivered_at + interval '30 days'
			FROM hw_items WHERE id % 10 = 5 ORDER BY id`, nil},
	}
	for _, st := range steps {
		if _, err := p.Exec(ctx, st.sql, st.args...); err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
	}
	fmt.Fprintf(log, "  seeded %-34s in %5.1fs\n", fmt.Sprintf("%d invoices, %d items (SQL)", v.Invoices, v.Items), time.Since(t0).Seconds())
	return nil
}
