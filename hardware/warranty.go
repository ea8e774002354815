package hardware

import (
	"slices"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// Warranty is what HW-7 gives an item: the manufacturer's term from delivery, or none
// with the reason.
type Warranty struct {
	Covered bool        `json:"covered"`
	Reason  string      `json:"reason"`
	Until   *civil.Date `json:"-"`
}

// euCountries are the EU member states (ISO 3166-1 alpha-2; Greece as GR).
var euCountries = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}

// InEU says whether a delivery country is in the EU.
func InEU(country string) bool { return slices.Contains(euCountries, country) }

// WarrantyFor decides an item's warranty (HW-7, 004:17.1 and 17.4): the manufacturer's
// term from the delivery date; none for hardware delivered outside the EU, discounted
// hardware and second-hand hardware.
func WarrantyFor(p *Product, deliveredOn civil.Date, country string, discount decimal.Decimal) Warranty {
	switch {
	case !InEU(country):
		return Warranty{Reason: "delivered outside the EU: no warranty (HW-7, 004:17.4)"}
	case discount.IsPositive():
		return Warranty{Reason: "discounted hardware: no warranty (HW-7, 004:17.4)"}
	case p.Condition == ConditionSecondHand:
		return Warranty{Reason: "second-hand hardware: no warranty (HW-7, 004:17.4)"}
	case p.WarrantyMonths == 0:
		return Warranty{Reason: "the manufacturer gives no warranty (HW-7, 004:17.1)"}
	}
	until := deliveredOn.AddMonths(p.WarrantyMonths)
	return Warranty{Covered: true, Until: &until,
		Reason: "manufacturer's warranty of " + itoa(p.WarrantyMonths) + " months from delivery; repair or replacement only, data conversion after a repair not covered (HW-7)"}
}

// CoveredOn says whether the warranty still runs on day d.
func (w Warranty) CoveredOn(d civil.Date) bool {
	return w.Covered && w.Until != nil && !d.After(*w.Until)
}

// Exclusions an RMA resolved without remedy records (HW-7, 004:17.3), plus the two
// reasons there is nothing to exclude: no warranty at all, or a late report (HW-5).
var Exclusions = []string{"improper_use", "neglected_maintenance", "normal_wear", "own_assembly_or_repair", "external_cause", "no_warranty", "claims_lost"}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }
