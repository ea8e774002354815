package orders

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/testkit"
)

// TestExplainOrderLists proves the quote, order and contract lists are index range
// scans at 100,000 quotes, orders and contracts (issue 14): the SQL each store function
// sends, explained, neither scans its table nor sorts, for staff and for a contact.
func TestExplainOrderLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	seedListVolume(t, tx)
	staff := &auth.Principal{UserID: 1, Role: auth.AccountManager}
	cid := int64(17)
	contact := &auth.Principal{UserID: 2, Role: auth.Customer, CustomerID: &cid}
	today := civil.Date{Year: 2026, Month: 3, Day: 2}
	cases := []struct {
		name, table string
		run         func() error
	}{
		{"GET_/quotes", "quotes", func() error {
			_, err := listQuotes(ctx, tx, QuoteFilter{Limit: 51, Principal: staff, Today: today})
			return err
		}},
		{"GET_/quotes_after", "quotes", func() error {
			_, err := listQuotes(ctx, tx, QuoteFilter{Limit: 51, AfterID: 60000, Principal: staff, Today: today})
			return err
		}},
		{"GET_/portal/quotes", "quotes", func() error {
			_, err := listQuotes(ctx, tx, QuoteFilter{Limit: 51, Principal: contact, Today: today})
			return err
		}},
		{"GET_/orders", "orders", func() error { _, err := listOrders(ctx, tx, staff, nil, 0, 51); return err }},
		{"GET_/orders_after", "orders", func() error { _, err := listOrders(ctx, tx, staff, nil, 60000, 51); return err }},
		{"GET_/orders_contact", "orders", func() error { _, err := listOrders(ctx, tx, contact, nil, 0, 51); return err }},
		{"GET_/contracts", "contracts", func() error {
			_, err := listContracts(ctx, tx, ContractFilter{Limit: 51, Principal: staff})
			return err
		}},
		{"GET_/contracts_after", "contracts", func() error {
			_, err := listContracts(ctx, tx, ContractFilter{Limit: 51, AfterID: 60000, Principal: staff})
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sqls.Queries = nil
			if err := c.run(); err != nil {
				t.Fatal(err)
			}
			var main string
			for _, q := range sqls.Queries {
				if strings.HasPrefix(q, "SELECT") && strings.Contains(q, `FROM "`+c.table+`"`) {
					main = q
					break
				}
			}
			if main == "" {
				t.Fatalf("no list query on %s among %q", c.table, sqls.Queries)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, main), c.table)
		})
	}
}

// seedListVolume shadows quotes, orders and contracts in tx and fills each with 100,000
// rows (for the EXPLAIN tests of the lists).
func seedListVolume(t *testing.T, tx bun.Tx) {
	t.Helper()
	ctx := context.Background()
	for _, table := range []string{"quotes", "orders", "contracts"} {
		testkit.ShadowTable(t, tx, table)
	}
	for _, load := range []string{
		`INSERT INTO quotes (id, number, version, customer_id, title, status, valid_days, terms_profile, initial_term_months,
			renewal_term_months, notice_months, notice_method, price_change_rule, index_method, net, vat, gross, created_at, updated_at,
			sent_at, valid_until)
		 SELECT g, 'Q2025-' || g, 1, 1 + g % 200, 'Offerte', CASE WHEN g % 4 = 0 THEN 'draft' ELSE 'sent' END, 30, 'standard', 12, 12, 1, 'email', 'none', 'none', 100, 21, 121, now(), now(),
			CASE WHEN g % 4 <> 0 THEN now() END, CASE WHEN g % 4 <> 0 THEN date '2026-06-01' END
		 FROM generate_series(1, 100000) g`,
		`INSERT INTO orders (id, number, quote_id, customer_id, title, status, start_date, cancellable, fixed_price, quote_accepted_on, net, vat, gross, created_at)
		 SELECT g, 'O2025-' || g, g, 1 + g % 200, 'Order', 'open', '2026-01-01', false, false, '2025-12-01', 100, 21, 121, now()
		 FROM generate_series(1, 100000) g`,
		`INSERT INTO contracts (id, number, customer_id, order_id, quote_id, start_date, terms_profile, initial_term_months, renewal_term_months,
			notice_months, notice_method, price_change_rule, index_method, created_at)
		 SELECT g, 'C2025-' || g, 1 + g % 200, g, g, '2026-01-01', 'standard', 12, 12, 1, 'email', 'none', 'none', now()
		 FROM generate_series(1, 100000) g`,
		// every row read, not a random sample of 30,000: the same statistics, so the same
		// plans, on every run (a sample let contracts_sort_number choose an incremental
		// sort now and then)
		`SET LOCAL default_statistics_target = 10000`,
		`ANALYZE quotes, orders, contracts`,
	} {
		if _, err := tx.ExecContext(ctx, load); err != nil {
			t.Fatal(err)
		}
	}
}
