package hardware

import (
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// Title of a delivered item (HW-4): ours until paid, then the customer's.
const (
	Retained    = "retained"    // eigendomsvoorbehoud: still ours
	Transferred = "transferred" // paid in full: the customer's
)

// Terms profiles that change hardware rules.
const (
	Profile002 = "002" // risk at dispatch (HW-3), title until everything owed is paid (HW-4)
	Profile004 = "004" // the default
)

// ChargeFact is a charge as hardware knows it from an invoice event.
type ChargeFact struct {
	ChargeID      int64  `bun:"charge_id"`
	SourceDomain  string `bun:"source_domain"`
	SourceKind    string `bun:"source_kind"`
	SourceID      int64  `bun:"source_id"`
	AgreementKind string `bun:"agreement_kind"`
	AgreementID   int64  `bun:"agreement_id"`
}

// InvoiceFact is an invoice as hardware knows it: its gross, what was credited, when it
// was paid, and the charges it carries.
type InvoiceFact struct {
	ID        int64
	Gross     decimal.Decimal
	Credited  decimal.Decimal
	CreditOn  *civil.Date // the day of the last credit note
	PaidOn    *civil.Date
	Charges   []ChargeFact
	StageSeen bool // reached the default notice stage
}

// Settled says whether nothing is owed on the invoice any more, and since when: paid in
// full, or credited in full by credit notes (a credit note counts, INV-8).
func (f InvoiceFact) Settled() (bool, civil.Date) {
	if f.PaidOn != nil {
		return true, *f.PaidOn
	}
	if f.Gross.IsPositive() && f.Credited.GreaterThanOrEqual(f.Gross) && f.CreditOn != nil {
		return true, *f.CreditOn
	}
	return false, civil.Date{}
}

// TitleScope names what must be paid for an item's title to pass.
type TitleScope struct {
	Profile        string
	DeliveryLineID int64 // the item's delivery line: its charge is hardware/delivery_line/<id>
	OrderID        int64 // the agreement (order/<id>)
}

// Concerns says whether a charge is one the item's title waits for: under 004 (the
// default) the item's own hardware charge and the related services of the same
// agreement (004:15.1); under 002 everything owed under the agreement (002:10.1).
func (s TitleScope) Concerns(c ChargeFact) bool {
	own := c.SourceDomain == "hardware" && c.SourceKind == "delivery_line" && c.SourceID == s.DeliveryLineID
	if own {
		return true
	}
	if c.AgreementKind != "order" || c.AgreementID != s.OrderID {
		return false
	}
	if s.Profile == Profile002 {
		return true
	}
	return c.SourceDomain != "hardware" // related services, not other hardware
}

// TitleVerdict is the outcome of TitleOf.
type TitleVerdict struct {
	Title  string
	On     *civil.Date // the day title passed (the last of the invoices was settled)
	Reason string
}

// TitleOf decides retention of title (HW-4, INV-8) from the invoices hardware learned
// of and the charges of the scope that are not invoiced yet (openCharges): title passes
// when the item's own charge is invoiced, no charge of the scope is still open, and
// every invoice carrying a charge of the scope is settled; the day is the day the last
// of them was settled. A partly paid invoice keeps title.
func TitleOf(s TitleScope, invoices []InvoiceFact, openCharges int) TitleVerdict {
	ownInvoiced := false
	var last civil.Date
	unpaid := 0
	for _, inv := range invoices {
		concerns := false
		for _, c := range inv.Charges {
			if s.Concerns(c) {
				concerns = true
			}
			if c.SourceDomain == "hardware" && c.SourceKind == "delivery_line" && c.SourceID == s.DeliveryLineID {
				ownInvoiced = true
			}
		}
		if !concerns {
			continue
		}
		ok, on := inv.Settled()
		if !ok {
			unpaid++
			continue
		}
		if on.After(last) {
			last = on
		}
	}
	switch {
	case !ownInvoiced:
		return TitleVerdict{Title: Retained, Reason: "the hardware is not invoiced yet"}
	case unpaid > 0:
		return TitleVerdict{Title: Retained, Reason: plural(unpaid, "invoice") + " for this hardware or its related services not paid in full"}
	case openCharges > 0:
		if s.Profile == Profile002 {
			return TitleVerdict{Title: Retained, Reason: "sums owed under the agreement are not invoiced and paid yet (002:10.1)"}
		}
		return TitleVerdict{Title: Retained, Reason: "related services are not invoiced and paid yet (004:15.1)"}
	}
	return TitleVerdict{Title: Transferred, On: &last, Reason: "paid in full: title passed"}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

// Restrictions apply while title is retained (HW-4, 004:15.2–15.5).
var Restrictions = []string{
	"Do not sell, rent, pledge or otherwise encumber it (004:15.2).",
	"Keep it identifiable as our property (004:15.3).",
	"Tell us at once of any seizure or claim by third parties (004:15.4).",
	"Insure it against fire, explosion, water damage and theft; the insurance payout is assigned to us (004:15.5).",
}

// NotIncluded is what a delivery does not include unless agreed (HW-1, 004:14.4, 14.6).
const NotIncluded = "Not included unless agreed in writing: mounting material, accessories such as cables, consumables (batteries, ink, toner), licences of embedded software, and installation and configuration (HW-1, 004:14.4–14.6)."
