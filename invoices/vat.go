package invoices

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/money"
)

// VAT categories of EN 16931 (UNCL 5305).
const (
	CatStandard      = "S"  // 21 % or 9 %
	CatZero          = "Z"  // 0 %
	CatExempt        = "E"  // vrijgesteld
	CatReverseCharge = "AE" // btw verlegd: EU B2B services
	CatIntraEU       = "K"  // intracommunautaire levering: EU B2B goods
	CatExport        = "G"  // goods exported outside the EU
	CatOutOfScope    = "O"  // services to a customer outside the EU: not taxed in NL
)

// HomeCountry is our company's country: a Dutch supplier.
const HomeCountry = "NL"

var euCountries = map[string]bool{"AT": true, "BE": true, "BG": true, "CY": true, "CZ": true, "DE": true, "DK": true, "EE": true,
	"ES": true, "FI": true, "FR": true, "GR": true, "HR": true, "HU": true, "IE": true, "IT": true, "LT": true, "LU": true, "LV": true,
	"MT": true, "NL": true, "PL": true, "PT": true, "RO": true, "SE": true, "SI": true, "SK": true}

// InEU reports whether a country (ISO 3166 alpha-2) is an EU member state.
func InEU(country string) bool { return euCountries[strings.ToUpper(country)] }

// Buyer is what the VAT treatment depends on: the customer's country and VAT id.
type Buyer struct {
	Country string
	VATID   string
}

// Category decides a line's VAT category (INV-1, art. 35a Wet OB) from its rate, its kind
// (goods or services) and the buyer:
//   - a buyer in the Netherlands, or in another EU country without a VAT id (no business
//     registration): Dutch VAT — S at 21 % / 9 %, Z at 0 %, E when exempt;
//   - a business in another EU country with a VAT id: services are reverse charged (AE,
//     "btw verlegd"), goods are an intra-EU supply (K), both at 0 %;
//   - a buyer outside the EU: goods are an export (G), services are not taxed in the
//     Netherlands (O), both at 0 %.
//
// Exempt lines stay exempt (E) everywhere.
func Category(rate, lineKind string, b Buyer) string {
	if rate == billing.VATExempt {
		return CatExempt
	}
	country := strings.ToUpper(b.Country)
	switch {
	case country == "" || country == HomeCountry || (InEU(country) && strings.TrimSpace(b.VATID) == ""):
		if rate == billing.VAT0 {
			return CatZero
		}
		return CatStandard
	case InEU(country):
		if lineKind == billing.Goods {
			return CatIntraEU
		}
		return CatReverseCharge
	default:
		if lineKind == billing.Goods {
			return CatExport
		}
		return CatOutOfScope
	}
}

// Percent is the VAT percentage a line of that category and rate carries.
func Percent(category, rate string) decimal.Decimal {
	if category != CatStandard {
		return decimal.Zero
	}
	p, err := decimal.NewFromString(rate)
	if err != nil {
		return decimal.Zero
	}
	return p
}

// LineNet is quantity × unit price rounded to cents half away from zero.
func LineNet(qty, price decimal.Decimal) decimal.Decimal { return money.Cents(qty.Mul(price)) }

// Totals sums the lines per category and rate; VAT is computed on each rate's base and
// rounded once per rate, half away from zero (Q-7: prices exclude VAT).
func Totals(nets []decimal.Decimal, cats, rates []string) (net, vat, gross decimal.Decimal, per []VATAmount) {
	idx := map[string]int{}
	for i := range nets {
		k := cats[i] + "/" + rates[i]
		j, ok := idx[k]
		if !ok {
			j = len(per)
			idx[k] = j
			per = append(per, VATAmount{Rate: rates[i], Category: cats[i], Percent: Percent(cats[i], rates[i]), Base: decimal.Zero})
		}
		per[j].Base = per[j].Base.Add(nets[i])
	}
	sort.SliceStable(per, func(a, b int) bool {
		if !per[a].Percent.Equal(per[b].Percent) {
			return per[a].Percent.GreaterThan(per[b].Percent)
		}
		return per[a].Category < per[b].Category
	})
	net, vat = decimal.Zero, decimal.Zero
	for i := range per {
		per[i].VAT = money.Cents(per[i].Base.Mul(per[i].Percent).Div(decimal.NewFromInt(100)))
		net = net.Add(per[i].Base)
		vat = vat.Add(per[i].VAT)
	}
	return net, vat, net.Add(vat), per
}

// Categories lists the distinct categories of the VAT summary (for the notes).
func Categories(per []VATAmount) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range per {
		if !seen[p.Category] {
			seen[p.Category] = true
			out = append(out, p.Category)
		}
	}
	return out
}

// PriceInvoice applies the VAT rules to a draft about to be issued: each line's category
// from the buyer, the totals, and the delivery date of goods (the last billable day of a
// goods line; intra-EU supplies must show it). Pure: the caller saves the result.
func PriceInvoice(inv *Invoice, lines []Line) {
	b := Buyer{Country: inv.CustomerCountry, VATID: inv.CustomerVATID}
	nets := make([]decimal.Decimal, len(lines))
	cats := make([]string, len(lines))
	rates := make([]string, len(lines))
	var delivery *civil.Date
	for i := range lines {
		l := &lines[i]
		l.VATCategory = Category(l.VATRate, l.LineKind, b)
		l.Net = LineNet(l.Quantity, l.UnitPrice)
		nets[i], cats[i], rates[i] = l.Net, l.VATCategory, l.VATRate
		if l.LineKind == billing.Goods && l.BillableOn != nil && (delivery == nil || l.BillableOn.After(*delivery)) {
			d := *l.BillableOn
			delivery = &d
		}
	}
	inv.Net, inv.VAT, inv.Gross, inv.VATPerRate = Totals(nets, cats, rates)
	inv.DeliveryDate = delivery
}
