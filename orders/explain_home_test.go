package orders

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// TestExplainHomeCounts: the account manager's home cards read indexes, not tables, at
// 100,000 quotes, orders and contracts of which few are counted (issue 13: each card's
// query indexed and cheap): quotes expiring (quotes_open_idx), orders waiting
// (orders_lead_time_waiting_idx), contracts near their notice deadline
// (contracts_running_idx), and the pipeline per month (quotes_sent_at_idx and friends).
func TestExplainHomeCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	for _, table := range []string{"quotes", "orders", "contracts"} {
		testkit.ShadowTable(t, tx, table)
	}
	for _, load := range []string{
		// a quote in 50 is still open; the rest were accepted or declined long ago
		`INSERT INTO quotes (id, number, version, customer_id, title, status, valid_days, terms_profile, initial_term_months,
			renewal_term_months, notice_months, notice_method, price_change_rule, index_method, net, vat, gross, created_at, updated_at,
			sent_at, valid_until, accepted_at)
		 SELECT g, 'Q2020-' || g, 1, 1 + g % 200, 'Offerte', CASE WHEN g % 50 = 0 THEN 'sent' ELSE 'accepted' END, 30, 'standard', 12, 12, 1, 'email', 'none', 'none',
			100, 21, 121, now(), now(), timestamp '2020-01-01' + g * interval '1 minute', date '2020-03-01' + g % 2000,
			CASE WHEN g % 50 <> 0 THEN timestamp '2020-01-02' + g * interval '1 minute' END
		 FROM generate_series(1, 100000) g`,
		`INSERT INTO orders (id, number, quote_id, customer_id, title, status, start_date, cancellable, fixed_price, quote_accepted_on,
			details_agreed_on, data_supplied_on, net, vat, gross, created_at)
		 SELECT g, 'O2020-' || g, g, 1 + g % 200, 'Order', 'open', '2026-01-01', false, false, '2025-12-01',
			'2025-12-02', CASE WHEN g % 100 <> 0 THEN date '2025-12-03' END, 100, 21, 121, now()
		 FROM generate_series(1, 100000) g`,
		// one contract in 20 still runs; the others ended
		`INSERT INTO contracts (id, number, customer_id, order_id, quote_id, start_date, terms_profile, initial_term_months, renewal_term_months,
			notice_months, notice_method, price_change_rule, index_method, created_at, end_date)
		 SELECT g, 'C2020-' || g, 1 + g % 200, g, g, date '2020-01-01' + g % 700, 'standard', 12, 12, 1, 'email', 'none', 'none', now(),
			CASE WHEN g % 20 <> 0 THEN date '2024-01-01' END
		 FROM generate_series(1, 100000) g`,
		`ANALYZE quotes, orders, contracts`,
	} {
		if _, err := tx.ExecContext(ctx, load); err != nil {
			t.Fatal(err)
		}
	}
	staff := &auth.Principal{UserID: 1, Role: auth.AccountManager}
	today := civil.Date{Year: 2026, Month: 3, Day: 2}
	from := time.Date(2025, 4, 1, 0, 0, 0, 0, clock.Amsterdam)
	cases := []struct {
		name, table string
		run         func() error
	}{
		{"quotes_expiring", "quotes", func() error { _, err := countQuotesExpiring(ctx, tx, staff, today, 7, HomeCap); return err }},
		{"orders_waiting", "orders", func() error { _, err := countOrdersWaiting(ctx, tx, staff, HomeCap); return err }},
		{"notice_deadlines", "contracts", func() error {
			_, err := countContractsNoticeWithin(ctx, tx, staff, today, HomeNoticeWindowDays, HomeCap)
			return err
		}},
		{"pipeline", "quotes", func() error {
			_, err := quotePipeline(ctx, tx, from, civil.Date{Year: 2025, Month: 4, Day: 1}, today)
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sqls.Queries = nil
			if err := c.run(); err != nil {
				t.Fatal(err)
			}
			if len(sqls.Queries) != 1 {
				t.Fatalf("one query per card, got %q", sqls.Queries)
			}
			plan := testkit.Plan(t, tx, sqls.Queries[0])
			if regexp.MustCompile(`Seq Scan on ` + c.table + `\b`).MatchString(plan) {
				t.Errorf("the card scans all of %s:\n%s", c.table, plan)
			}
			if !strings.Contains(plan, " on "+c.table) || !regexp.MustCompile(`Index (Only )?Scan|Bitmap Index Scan`).MatchString(plan) {
				t.Errorf("the card reads %s without an index:\n%s", c.table, plan)
			}
		})
	}
}
