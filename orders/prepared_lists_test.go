package orders

import (
	"context"
	"fmt"
	"testing"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/testkit"
)

// TestPreparedListsMatchBun: the quote, order and contract lists return the same rows on
// the prepared read path (the root handle: placeholders, a prepared statement over
// DB.Pool) as through bun with every value inlined (a transaction), for every offered
// sort in both directions paged to the end through the cursors, for the derived status
// filters (a date argument) and for a search.
func TestPreparedListsMatchBun(t *testing.T) {
	ctx := context.Background()
	d := testkit.DB(t)
	var cust int64
	if err := d.Pool.QueryRow(ctx, `INSERT INTO customers (name, created_at, updated_at) VALUES ('Parameter Pieters BV', now(), now()) RETURNING id`).Scan(&cust); err != nil {
		t.Fatal(err)
	}
	for _, seed := range []string{`
		INSERT INTO quotes (number, version, customer_id, title, status, valid_days, terms_profile, initial_term_months,
			renewal_term_months, notice_months, notice_method, price_change_rule, index_method, net, vat, gross, created_at, updated_at, sent_at, valid_until)
		SELECT 'Q8' || lpad(($1::bigint % 1000)::text, 3, '0') || '-' || lpad(g::text, 4, '0'), 1, $1, 'Offerte ' || (g % 7), CASE WHEN g % 4 = 0 THEN 'draft' ELSE 'sent' END, 30, 'standard', 12, 12, 1, 'email',
		       'none', 'none', (g % 9) * 10.5, 21, 121, now(), now(), CASE WHEN g % 4 <> 0 THEN now() END, CASE WHEN g % 4 <> 0 THEN date '2026-03-01' + (g % 5) END
		FROM generate_series(1, 60) g`, `
		INSERT INTO orders (number, quote_id, customer_id, title, status, start_date, cancellable, fixed_price, quote_accepted_on, net, vat, gross, created_at)
		SELECT 'OP' || $1::bigint || '-' || q.number, q.id, $1, 'Order', 'open', date '2026-01-01' + (q.id % 6)::int, false, false, '2025-12-01', q.net, 21, 121, now()
		FROM quotes q WHERE q.customer_id = $1 AND q.status = 'sent'`, `
		INSERT INTO contracts (number, customer_id, order_id, quote_id, start_date, terms_profile, initial_term_months, renewal_term_months,
			notice_months, notice_method, price_change_rule, index_method, created_at)
		SELECT 'CP' || o.number, $1, o.id, o.quote_id, o.start_date, 'standard', 12, 12, 1, 'email', 'none', 'none', now()
		FROM orders o WHERE o.customer_id = $1`} {
		if _, err := d.Pool.Exec(ctx, seed, cust); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := d.Bun.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if !db.NewParams(d.Bun).Prepared() || db.NewParams(tx).Prepared() {
		t.Fatal("the root handle must be prepared, a transaction not")
	}
	pick := func(root bool) bun.IDB {
		if root {
			return d.Bun
		}
		return tx
	}
	staff := &auth.Principal{UserID: 1, Role: auth.AccountManager}
	today := civil.Date{Year: 2026, Month: 3, Day: 3}
	// walk pages the list from the first page to the last through its cursors and
	// returns the ids in order, with the path: prepared (root) or bun (tx).
	walk := func(t *testing.T, name string, query string, page func(root bool, raw string) ([]int64, string)) {
		t.Run(name, func(t *testing.T) {
			var got [2][]int64
			for i, root := range []bool{true, false} {
				raw, pages := query, 0
				for {
					ids, next := page(root, raw)
					got[i] = append(got[i], ids...)
					if pages++; next == "" || pages > 100 {
						break
					}
					raw = query + "&after=" + next
				}
			}
			if len(got[0]) == 0 || fmt.Sprint(got[0]) != fmt.Sprint(got[1]) {
				t.Fatalf("prepared %v\nbun      %v", got[0], got[1])
			}
		})
	}
	quotes := func(status QuoteStatus) func(bool, string) ([]int64, string) {
		return func(root bool, raw string) ([]int64, string) {
			lq, err := quoteList.ParseQuery(raw)
			if err != nil {
				t.Fatal(err)
			}
			idb := pick(root)
			rows, err := listQuotes(ctx, idb, QuoteFilter{List: &lq, CustomerID: &cust, Status: status, Principal: staff, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			rows, next := quoteList.Trim(rows, lq)
			return idsOf(rows, func(q *Quote) int64 { return q.ID }), next
		}
	}
	for _, s := range []string{"created", "number", "title", "total"} {
		for _, dir := range []string{"asc", "desc"} {
			walk(t, "quotes_"+s+"_"+dir, "limit=7&sort="+s+"&dir="+dir, quotes(""))
		}
	}
	walk(t, "quotes_sent", "limit=7&sort=total", quotes(QuoteSent))
	walk(t, "quotes_expired", "limit=7&sort=number&dir=asc", quotes(QuoteExpired))
	walk(t, "quotes_search", "limit=7&q=Offerte 3", quotes(""))
	orders := func(root bool, raw string) ([]int64, string) {
		lq, err := orderList.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := searchOrderList(ctx, pick(root), staff, OrderScope{CustomerID: &cust}, lq)
		if err != nil {
			t.Fatal(err)
		}
		rows, next := orderList.Trim(rows, lq)
		return idsOf(rows, func(o *Order) int64 { return o.ID }), next
	}
	for _, s := range []string{"created", "number", "start", "total"} {
		walk(t, "orders_"+s, "limit=6&sort="+s+"&dir=asc", orders)
	}
	contracts := func(root bool, raw string) ([]int64, string) {
		lq, err := contractList.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := listContracts(ctx, pick(root), ContractFilter{List: &lq, CustomerID: &cust, Principal: staff, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		rows, next := contractList.Trim(rows, lq)
		return idsOf(rows, func(k *Contract) int64 { return k.ID }), next
	}
	walk(t, "contracts_start", "limit=5&sort=start&dir=desc", contracts)
}

func idsOf[T any](rows []T, id func(T) int64) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}
