package invoices_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/invoices"
)

func TestNumbering(t *testing.T) {
	cases := []struct {
		format string
		year   int
		seq    int64
		want   string
		ctr    string
	}{
		{"{year}-{seq:5}", 2027, 1, "2027-00001", "invoice:2027"},
		{"C{year}-{seq:5}", 2027, 42, "C2027-00042", "invoice:2027"},
		{"{seq:6}", 2027, 7, "000007", "invoice"},
		{"F{year}/{seq}", 2028, 123, "F2028/123", "invoice:2028"},
	}
	for _, c := range cases {
		t.Run("INV-1_"+c.want, func(t *testing.T) {
			if got := invoices.FormatNumber(c.format, c.year, c.seq); got != c.want {
				t.Errorf("FormatNumber = %s, want %s", got, c.want)
			}
			if got := invoices.CounterName(invoices.SeriesInvoice, c.format, c.year); got != c.ctr {
				t.Errorf("CounterName = %s, want %s", got, c.ctr)
			}
		})
	}
}

func TestVATCategory(t *testing.T) {
	nl := invoices.Buyer{Country: "NL", VATID: "NL812345678B01"}
	be := invoices.Buyer{Country: "BE", VATID: "BE0123456749"}
	beConsumer := invoices.Buyer{Country: "BE"}
	de := invoices.Buyer{Country: "DE", VATID: "DE123456789"}
	us := invoices.Buyer{Country: "US"}
	cases := []struct {
		name, rate, kind string
		b                invoices.Buyer
		want             string
	}{
		{"INV-1_standard_21", billing.VAT21, billing.Services, nl, "S"},
		{"INV-1_reduced_9", billing.VAT9, billing.Goods, nl, "S"},
		{"INV-1_zero", billing.VAT0, billing.Goods, nl, "Z"},
		{"INV-1_exempt", billing.VATExempt, billing.Services, nl, "E"},
		{"INV-1_reverse_charge_EU_services_art35a", billing.VAT21, billing.Services, be, "AE"},
		{"INV-1_EU_without_VAT_id_pays_Dutch_VAT", billing.VAT21, billing.Services, beConsumer, "S"},
		{"INV-1_intra_EU_goods_art35a", billing.VAT21, billing.Goods, de, "K"},
		{"INV-1_export_goods_outside_EU", billing.VAT21, billing.Goods, us, "G"},
		{"INV-1_services_outside_EU", billing.VAT21, billing.Services, us, "O"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := invoices.Category(c.rate, c.kind, c.b); got != c.want {
				t.Errorf("Category = %s, want %s", got, c.want)
			}
		})
	}
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestTotals(t *testing.T) {
	t.Run("INV-1_VAT_rounded_once_per_rate_half_away_from_zero", func(t *testing.T) {
		// three lines of 0.05 at 21 %: per line 0.0105 → 0.01 each (0.03); per rate 0.15 × 21 % = 0.0315 → 0.03
		// 9 %: 10.05 × 9 % = 0.9045 → 0.90; 0.50 × 9 % = 0.045 → 0.05 (half away from zero)
		net, vat, gross, per := invoices.Totals([]decimal.Decimal{d("0.05"), d("0.05"), d("0.05"), d("0.50")},
			[]string{"S", "S", "S", "S"}, []string{"21", "21", "21", "9"})
		if !net.Equal(d("0.65")) || !vat.Equal(d("0.08")) || !gross.Equal(d("0.73")) {
			t.Errorf("totals %s %s %s", net, vat, gross)
		}
		if len(per) != 2 || per[0].Rate != "21" || !per[0].VAT.Equal(d("0.03")) || !per[1].VAT.Equal(d("0.05")) {
			t.Errorf("per rate %+v", per)
		}
	})
	t.Run("Q-7_prices_exclude_VAT", func(t *testing.T) {
		_, vat, gross, _ := invoices.Totals([]decimal.Decimal{d("1249.00")}, []string{"S"}, []string{"21"})
		if !vat.Equal(d("262.29")) || !gross.Equal(d("1511.29")) {
			t.Errorf("vat %s gross %s", vat, gross)
		}
	})
}

func TestDueDate(t *testing.T) {
	issue := civil.D(2026, 1, 15)
	thirty := 30
	seven := 7
	t.Run("INV-2_default_14_days", func(t *testing.T) {
		if got := invoices.DueDate(issue, invoices.PaymentTerm(nil, nil)); got != civil.D(2026, 1, 29) {
			t.Errorf("due %s", got)
		}
	})
	t.Run("INV-2_contract_agreed_term_wins", func(t *testing.T) {
		if got := invoices.PaymentTerm(&thirty, &seven); got != 30 {
			t.Errorf("term %d", got)
		}
	})
	t.Run("INV-2_customer_setting", func(t *testing.T) {
		if got := invoices.PaymentTerm(nil, &seven); got != 7 {
			t.Errorf("term %d", got)
		}
	})
}

func TestSettledStatus(t *testing.T) {
	if s := invoices.SettledStatus(d("100"), d("100"), d("0")); s != invoices.Paid {
		t.Error(s)
	}
	if s := invoices.SettledStatus(d("100"), d("0"), d("100")); s != invoices.Credited {
		t.Error(s)
	}
	if s := invoices.SettledStatus(d("100"), d("50"), d("0")); s != invoices.Issued {
		t.Error(s)
	}
}
