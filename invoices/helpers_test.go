package invoices_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/accounts"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// jan15 is a Thursday in 2026: the yearly series of these tests is 2026 (tokens are made on the real clock, so test clocks lie in the past).
var jan15 = time.Date(2026, 1, 15, 10, 0, 0, 0, clock.Amsterdam)

type setup struct {
	app *testkit.App
	mod *invoices.Module
	svc *invoices.Service
}

func newApp(t *testing.T, now time.Time) *setup {
	t.Helper()
	s := &setup{}
	s.app = testkit.NewApp(t, now, func(d *platform.Deps) []platform.Module {
		s.mod = invoices.New(d)
		return []platform.Module{s.mod}
	})
	s.svc = s.mod.Service()
	return s
}

type custOpts struct {
	Country, VATID, Language string
	NoAddress                bool
}

// customer makes a customer with a complete Dutch address (or as opts say).
func customer(t *testing.T, o custOpts) *accounts.Customer {
	t.Helper()
	c := testkit.Customer(t, testkit.CustomerOpts{})
	str := func(s string) *string { return &s }
	in := accounts.CustomerInput{Street: str("Europalaan 100"), PostalCode: str("3526 KS"), City: str("Utrecht"), Country: str("NL")}
	if o.NoAddress {
		in = accounts.CustomerInput{}
	}
	if o.Country != "" {
		in.Country = &o.Country
	}
	if o.VATID != "" {
		in.VATID = &o.VATID
	}
	if o.Language != "" {
		in.Language = &o.Language
	}
	kvk := testkit.Unique("")
	for len(kvk) < 8 {
		kvk = "1" + kvk
	}
	kvk = kvk[len(kvk)-8:]
	if o.Country == "" || o.Country == "NL" {
		in.KvKNumber = &kvk
	}
	c, err := accounts.UpdateCustomer(context.Background(), testkit.DB(t).Bun, c.ID, in, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type chargeOpts struct {
	Domain, Kind, AgreementKind string
	AgreementID                 int64
	Description, Qty, Price     string
	Unit                        string
	VAT, LineKind               string
	Billable                    civil.Date
	TermDays                    *int
	Period                      *[2]civil.Date
}

var chargeSeq int64 = 1000

// charge adds an open charge directly to the ledger (the test factory).
func charge(t *testing.T, customerID int64, o chargeOpts) *billing.Charge {
	t.Helper()
	chargeSeq++
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&o.Domain, "orders")
	def(&o.Kind, "order_line")
	def(&o.AgreementKind, "order")
	def(&o.Description, "Werkplek inrichting")
	def(&o.Qty, "1")
	def(&o.Price, "100.00")
	def(&o.LineKind, billing.Services)
	if o.AgreementID == 0 {
		o.AgreementID = chargeSeq
	}
	if o.Billable.IsZero() {
		o.Billable = civil.D(2026, 1, 10)
	}
	n := billing.New{CustomerID: customerID, Source: billing.Source{Domain: o.Domain, Kind: o.Kind, ID: chargeSeq},
		Agreement: billing.Agreement{Kind: o.AgreementKind, ID: o.AgreementID}, Key: testkit.Unique("test-charge-"),
		Description: o.Description, LineKind: o.LineKind, Quantity: decimal.RequireFromString(o.Qty), Unit: o.Unit,
		UnitPrice: decimal.RequireFromString(o.Price), VATRate: o.VAT, BillableOn: o.Billable, PaymentTermDays: o.TermDays, TermsProfile: "004"}
	if o.Period != nil {
		n.PeriodStart, n.PeriodEnd = &o.Period[0], &o.Period[1]
	}
	c, _, err := billing.Add(context.Background(), testkit.DB(t).Bun, time.Now(), n)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func jan15Date() civil.Date { return civil.D(2026, 1, 15) }

type civilDate = civil.Date
