package orders

import (
	"context"
	"fmt"
	"testing"
	"time"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// env is the real server with the orders module, a customer with a portal contact, an
// account manager, an admin and a contact of another company.
type env struct {
	a       *testkit.App
	mod     *Module
	am      testkit.As
	admin   testkit.As
	cust    *accounts.Customer
	contact testkit.As
	other   testkit.As
}

// monday2March is 2 March 2026 10:00 in Amsterdam, the default test "now".
var monday2March = time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam)

func setup(t *testing.T, now time.Time) *env {
	t.Helper()
	e := &env{}
	e.a = testkit.NewApp(t, now, func(d *platform.Deps) []platform.Module {
		e.mod = New(d)
		return []platform.Module{e.mod}
	})
	e.cust = testkit.Customer(t, testkit.CustomerOpts{})
	otherCust := testkit.Customer(t, testkit.CustomerOpts{})
	e.am = testkit.Login(t, auth.AccountManager, nil)
	e.admin = testkit.Login(t, auth.Admin, nil)
	e.contact = testkit.Login(t, auth.Customer, &e.cust.ID)
	e.other = testkit.Login(t, auth.Customer, &otherCust.ID)
	return e
}

// quoteBody is a valid quote request: hardware, a monthly recurring service and a training.
func quoteBody(customerID int64, extra map[string]any) map[string]any {
	b := map[string]any{
		"customer_id": customerID,
		"title":       "Workplace refresh",
		"start_date":  "2026-06-15",
		"lines": []map[string]any{
			{"kind": "hardware", "description": "Laptop 14\"", "quantity": "2", "unit": "pcs", "unit_price": "899.00", "vat_rate": "21", "sku": "LAP-14"},
			{"kind": "recurring", "description": "Managed workplace", "quantity": "10", "unit": "user", "unit_price": "12.50", "vat_rate": "21", "period": "month", "sku": "MW-USER"},
			{"kind": "service", "description": "Installation", "quantity": "4", "unit": "hour", "unit_price": "95.00", "vat_rate": "21", "sku": "ENG-HOUR"},
		},
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// createQuote posts a quote and returns it.
func (e *env) createQuote(t *testing.T, extra map[string]any) QuoteOut {
	t.Helper()
	var q QuoteOut
	e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, extra)).Expect(t, 201).JSON(t, &q)
	return q
}

// sentQuote creates and sends a quote.
func (e *env) sentQuote(t *testing.T, extra map[string]any) QuoteOut {
	t.Helper()
	q := e.createQuote(t, extra)
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", q.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &q)
	return q
}

// accept accepts a quote as the portal contact.
func (e *env) accept(t *testing.T, id int64) AcceptOut {
	t.Helper()
	var out AcceptOut
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", id), e.contact.Token,
		map[string]any{"accepted_by": "Anna de Vries", "method": "portal"}).Expect(t, 200).JSON(t, &out)
	return out
}

// outboxCount counts queued messages of a kind for an entity.
func outboxCount(t *testing.T, kind, entity string, id int64) int {
	t.Helper()
	n, err := testkit.DB(t).Bun.NewSelect().TableExpr("outbox").
		Where("kind = ? AND entity = ? AND entity_id = ?", kind, entity, fmt.Sprint(id)).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// auditCount counts audit entries of an entity action.
func auditCount(t *testing.T, entity string, id any, action string) int {
	t.Helper()
	n, err := testkit.DB(t).Bun.NewSelect().TableExpr("audit_log").
		Where("entity = ? AND entity_id = ? AND action = ?", entity, fmt.Sprint(id), action).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func quotesOf(t *testing.T, customerID int64) int {
	t.Helper()
	n, err := testkit.DB(t).Bun.NewSelect().TableExpr("quotes").Where("customer_id = ?", customerID).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
