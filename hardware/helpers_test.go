package hardware

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/events"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

var seq atomic.Int64

func init() { seq.Store(time.Now().UnixMilli() % 1_000_000_000 * 100) }

func next() int64 { return seq.Add(1) }

// bundle is the server with hardware, a customer with a contact, another customer, staff.
type bundle struct {
	app            *testkit.App
	mod            *Module
	cust, other    int64
	contact, alien testkit.As
	am, tech       testkit.As
}

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam)

func setup(t *testing.T) *bundle {
	t.Helper()
	b := &bundle{}
	b.app = testkit.NewApp(t, t0, func(d *platform.Deps) []platform.Module {
		b.mod = New(d)
		return []platform.Module{b.mod}
	})
	b.cust = testkit.Customer(t, testkit.CustomerOpts{}).ID
	b.other = testkit.Customer(t, testkit.CustomerOpts{}).ID
	b.contact = testkit.Login(t, auth.Customer, &b.cust)
	b.alien = testkit.Login(t, auth.Customer, &b.other)
	b.am = testkit.Login(t, auth.AccountManager, nil)
	b.tech = testkit.Login(t, auth.Technician, nil)
	return b
}

func (b *bundle) db(t *testing.T) *bun.DB { return testkit.DB(t).Bun }

// publish writes an event and delivers everything due.
func (b *bundle) publish(t *testing.T, kind, entity string, id int64, payload any) {
	t.Helper()
	ctx := context.Background()
	err := b.db(t).RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := events.Publish(ctx, tx, b.app.Clock.Now(), kind, entity, id, payload)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b.deliver(t)
}

func (b *bundle) deliver(t *testing.T) {
	t.Helper()
	if _, failed, err := b.app.Deps.Events.DeliverDue(context.Background()); err != nil || failed > 0 {
		t.Fatalf("deliver events: %d failed, %v", failed, err)
	}
}

// product adds a product and returns it.
func (b *bundle) product(t *testing.T, serialised bool, months int, cond string) Product {
	t.Helper()
	var p Product
	b.app.Do(t, "POST", "/api/v1/products", b.am.Token, map[string]any{"sku": testkit.Unique("LAT-5450-"), "name": "Latitude 5450 14\"",
		"manufacturer": "Dell", "warranty_months": months, "serialised": serialised, "condition": cond}).Expect(t, 201).JSON(t, &p)
	return p
}

type order struct {
	ID, HWLine, ServiceLine int64
}

// accept publishes quote.accepted for an order of qty laptops (sku) and an installation service.
func (b *bundle) accept(t *testing.T, customer int64, sku string, qty int64, discount string, profile string) order {
	t.Helper()
	o := order{ID: next(), HWLine: next(), ServiceLine: next()}
	b.publish(t, events.QuoteAccepted, "order", o.ID, events.QuoteAcceptedPayload{QuoteID: next(), OrderID: o.ID, OrderNumber: fmt.Sprintf("O2026-%04d", o.ID%10000), CustomerID: customer,
		TermsProfile: profile, AcceptedAt: b.app.Clock.Now(), Lines: []events.OrderLine{
			{OrderLineID: o.HWLine, Kind: "hardware", SKU: sku, Description: "Dell Latitude 5450", Quantity: decimal.NewFromInt(qty), Unit: "pcs",
				UnitPrice: decimal.RequireFromString("1149.00"), Discount: decimal.RequireFromString(discount), VATRate: "21"},
			{OrderLineID: o.ServiceLine, Kind: "service", Description: "Installation", Quantity: decimal.NewFromInt(4), Unit: "hour",
				UnitPrice: decimal.RequireFromString("95.00"), VATRate: "21"},
		}})
	return o
}

// serviceCharge is the charge orders make for the installation line at acceptance.
func (b *bundle) serviceCharge(t *testing.T, customer int64, o order) *billing.Charge {
	t.Helper()
	c, _, err := billing.Add(context.Background(), b.db(t), b.app.Clock.Now(), billing.New{CustomerID: customer,
		Source: billing.Source{Domain: "orders", Kind: "order_line", ID: o.ServiceLine}, Agreement: billing.Agreement{Kind: "order", ID: o.ID},
		Description: "Installation", LineKind: billing.Services, Quantity: decimal.NewFromInt(4), UnitPrice: decimal.RequireFromString("95"),
		BillableOn: civil.In(b.app.Clock.Now(), clock.Amsterdam)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (b *bundle) charges(t *testing.T, src billing.Source) []billing.Charge {
	t.Helper()
	cs, err := billing.List(context.Background(), b.db(t), billing.Filter{Source: &src, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func ref(c *billing.Charge) events.ChargeRef {
	return events.ChargeRef{ChargeID: c.ID, SourceDomain: c.SourceDomain, SourceKind: c.SourceKind, SourceID: c.SourceID,
		AgreementKind: c.AgreementKind, AgreementID: c.AgreementID}
}

// planAndDeliver plans a delivery of serials for the order and delivers it now.
func (b *bundle) planAndDeliver(t *testing.T, o order, serials ...string) DeliveryOut {
	t.Helper()
	var d DeliveryOut
	b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o.ID, "planned_on": "2026-03-02",
		"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": fmt.Sprint(len(serials)), "serials": serials}}}).Expect(t, 201).JSON(t, &d)
	b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/deliver", d.ID), b.tech.Token, map[string]any{"received_by": "Sanne de Vries"}).Expect(t, 200).JSON(t, &d)
	return d
}
