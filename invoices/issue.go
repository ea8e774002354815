package invoices

import (
	"strings"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
)

// Pure rules of issuing: the customer snapshot, the payment term and the VAT notes.

// snapshot copies the customer as it is today onto the invoice (art. 35a: names and
// addresses as on the day of issue).
func snapshot(inv *Invoice, c *Customer) {
	inv.CustomerName, inv.CustomerStreet, inv.CustomerPostalCode, inv.CustomerCity = c.Name, c.Street, c.PostalCode, c.City
	inv.CustomerCountry, inv.CustomerKvK, inv.CustomerVATID = strings.ToUpper(c.Country), c.KvK, c.VATID
	inv.BillingContact, inv.BillingEmail, inv.Language = c.BillingContact, c.BillingEmail, i18n.Lang(c.Language)
}

// PaymentTerm is INV-2: the term a contract agreed (the shortest agreed term of the
// invoice's charges), else the customer's setting, else 14 days.
func PaymentTerm(agreed, customer *int) int {
	switch {
	case agreed != nil:
		return *agreed
	case customer != nil:
		return *customer
	default:
		return DefaultPaymentTermDays
	}
}

// DueDate is the issue date plus the payment term (INV-2).
func DueDate(issue civil.Date, termDays int) civil.Date { return issue.AddDays(termDays) }

// VATNote is the legal text the categories of an invoice need (art. 35a lid 1 Wet OB):
// "btw verlegd" for reverse charge, "intracommunautaire levering" for intra-EU goods,
// the export and out-of-scope notes, and exemption; in the customer's language.
func VATNote(lang string, cats []string) string {
	l := i18n.For(lang)
	var parts []string
	for _, c := range cats {
		if id := vatNoteID(c); id != "" {
			parts = append(parts, l.T(id))
		}
	}
	return strings.Join(parts, " ")
}

func vatNoteID(cat string) string {
	switch cat {
	case CatReverseCharge:
		return "invoice.vat_note.AE"
	case CatIntraEU:
		return "invoice.vat_note.K"
	case CatExport:
		return "invoice.vat_note.G"
	case CatOutOfScope:
		return "invoice.vat_note.O"
	case CatExempt:
		return "invoice.vat_note.E"
	}
	return ""
}

// ExemptionReason is the short reason UBL carries per category (BR-AE-10, BR-IC-10 …),
// in Dutch or English.
func ExemptionReason(lang, cat string) string {
	if id := vatNoteID(cat); id != "" {
		return i18n.For(lang).T(id + ".reason")
	}
	return ""
}
