package invoices

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
)

// UBL writes an issued invoice as UBL 2.1 per Peppol BIS Billing 3.0 with the Dutch
// rules (NL-R-*): KvK as legal entity id (schemeID 0106), complete NL addresses, payment
// means with our IBAN.
func UBL(d *Document) ([]byte, error) {
	inv := d.Invoice
	if inv.Number == nil || inv.IssueDate == nil {
		return nil, fmt.Errorf("invoices: a draft has no UBL")
	}
	doc := ublBase(inv, "Invoice", *inv.Number, *inv.IssueDate, inv.VATPerRate, inv.Net, inv.VAT, inv.Gross, inv.Balance())
	doc.DueDate = inv.DueDate.String()
	doc.InvoiceType = "380"
	doc.Note = inv.Note
	l := i18n.For(inv.Language)
	doc.PaymentTerms = &uPaymentTerms{Note: l.T("invoice.payment_terms", map[string]any{"Days": inv.PaymentTermDays, "Due": i18n.Date(inv.Language, *inv.DueDate)})}
	for _, ln := range d.Lines {
		ul := ublLine(ln.Position, ln.Description, ln.Unit, ln.Quantity, ln.UnitPrice, ln.Net, ln.VATCategory, ln.VATRate)
		ul.InvoicedQty = &uQty{Unit: unitCode(ln.Unit), Value: ln.Quantity.String()}
		if ln.PeriodStart != nil && ln.PeriodEnd != nil {
			ul.Period = &uPeriod{Start: ln.PeriodStart.String(), End: ln.PeriodEnd.String()}
		}
		doc.InvoiceLines = append(doc.InvoiceLines, ul)
	}
	return marshal(doc)
}

// CreditUBL writes a credit note as a UBL CreditNote referring to its invoice (NL-R-001).
func CreditUBL(d *CreditDocument) ([]byte, error) {
	inv, cn := d.Invoice, d.Note
	doc := ublBase(inv, "CreditNote", cn.Number, cn.IssueDate, cn.VATPerRate, cn.Net, cn.VAT, cn.Gross, cn.Gross)
	doc.CreditNoteType = "381"
	doc.Note = cn.Reason
	doc.BillingRef = &uBillingRef{Invoice: uDocRef{ID: inv.NumberOr(), IssueDate: inv.IssueDate.String()}}
	for _, ln := range d.Lines {
		ul := ublLine(ln.Position, ln.Description, ln.Unit, ln.Quantity, ln.UnitPrice, ln.Net, ln.VATCategory, ln.VATRate)
		ul.CreditedQty = &uQty{Unit: unitCode(ln.Unit), Value: ln.Quantity.String()}
		doc.CreditLines = append(doc.CreditLines, ul)
	}
	return marshal(doc)
}

func marshal(doc *ublDoc) ([]byte, error) {
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), b...), nil
}

func amt(d decimal.Decimal) uAmount { return uAmount{Currency: "EUR", Value: d.StringFixed(2)} }

func hasCategory(per []VATAmount, cat string) bool {
	for _, p := range per {
		if p.Category == cat {
			return true
		}
	}
	return false
}

func ublBase(inv *Invoice, root, number string, issue civil.Date, per []VATAmount, net, vat, gross, payable decimal.Decimal) *ublDoc {
	doc := &ublDoc{XMLName: xml.Name{Local: root}, NSCAC: nsCAC, NSCBC: nsCBC, NS: "urn:oasis:names:specification:ubl:schema:xsd:" + root + "-2",
		Customization: ublCustomization, Profile: ublProfile, ID: number, IssueDate: issue.String(), Currency: "EUR"}
	// Peppol wants a buyer reference or an order reference (PEPPOL-EN16931-R003).
	doc.BuyerReference = inv.PurchaseOrder
	if doc.BuyerReference == "" {
		doc.BuyerReference = inv.NumberOr()
	}
	// Category O (not subject to VAT) carries no VAT ids at all (BR-O-02).
	noVATIDs := hasCategory(per, CatOutOfScope)
	sup := inv.Supplier
	street, postal, city := splitAddress(sup.Address)
	doc.Supplier.Party = uParty{Endpoint: uID{SchemeID: "0106", Value: sup.KvK}, Name: uPartyName{Name: sup.Name},
		Address: uAddress{Street: street, City: city, Postal: postal, Country: uCountry{Code: HomeCountry}},
		Legal:   uLegal{Name: sup.Name, CompanyID: &uID{SchemeID: "0106", Value: sup.KvK}}}
	if sup.VATID != "" && !noVATIDs {
		doc.Supplier.Party.Tax = &uPartyTax{CompanyID: sup.VATID, TaxScheme: uTaxScheme{ID: "VAT"}}
	}
	cp := uParty{Endpoint: buyerEndpoint(inv), Name: uPartyName{Name: inv.CustomerName},
		Address: uAddress{Street: inv.CustomerStreet, City: inv.CustomerCity, Postal: inv.CustomerPostalCode, Country: uCountry{Code: inv.CustomerCountry}},
		Legal:   uLegal{Name: inv.CustomerName}}
	if inv.CustomerKvK != "" && inv.CustomerCountry == HomeCountry {
		cp.Legal.CompanyID = &uID{SchemeID: "0106", Value: inv.CustomerKvK}
	}
	if inv.CustomerVATID != "" && !noVATIDs {
		cp.Tax = &uPartyTax{CompanyID: inv.CustomerVATID, TaxScheme: uTaxScheme{ID: "VAT"}}
	}
	if inv.BillingContact != "" || inv.BillingEmail != "" {
		cp.Contact = &uContact{Name: inv.BillingContact, Email: inv.BillingEmail}
	}
	doc.Customer.Party = cp
	// Intra-EU goods need the delivery date and country (BR-IC-11, BR-IC-12).
	if hasCategory(per, CatIntraEU) || inv.DeliveryDate != nil {
		dl := &uDelivery{}
		if inv.DeliveryDate != nil {
			dl.Date = inv.DeliveryDate.String()
		} else {
			dl.Date = issue.String()
		}
		dl.Location = &struct {
			Address uAddress `xml:"cac:Address"`
		}{uAddress{Street: inv.CustomerStreet, City: inv.CustomerCity, Postal: inv.CustomerPostalCode, Country: uCountry{Code: inv.CustomerCountry}}}
		doc.Delivery = dl
	}
	pm := &uPaymentMeans{PaymentID: inv.PaymentReference, Account: uAccount{ID: sup.IBAN, Name: sup.Name}}
	pm.Code.Name, pm.Code.Value = "Credit transfer", "30"
	if sup.BIC != "" {
		pm.Account.Branch = &uBranch{ID: sup.BIC}
	}
	doc.PaymentMeans = pm
	doc.TaxTotal = uTaxTotal{Tax: amt(vat)}
	for _, p := range per {
		tc := uTaxCategory{ID: p.Category, Percent: percentText(p.Category, p.Percent), TaxScheme: uTaxScheme{ID: "VAT"}}
		tc.ReasonCode, tc.Reason = exemptionCode(p.Category), ExemptionReason(inv.Language, p.Category)
		doc.TaxTotal.Subtotals = append(doc.TaxTotal.Subtotals, uSubtotal{Taxable: amt(p.Base), Tax: amt(p.VAT), Category: tc})
	}
	doc.Monetary = uMonetary{LineExtension: amt(net), TaxExclusive: amt(net), TaxInclusive: amt(gross), Payable: amt(payable)}
	if settled := gross.Sub(payable); !settled.IsZero() { // paid or credited since issue (BR-CO-16)
		a := amt(settled)
		doc.Monetary.Prepaid = &a
	}
	return doc
}

func ublLine(pos int, desc, unit string, qty, price, net decimal.Decimal, cat, rate string) uLine {
	return uLine{ID: fmt.Sprint(pos), LineExtension: amt(net),
		Item:  uItem{Name: truncate(desc, 200), Category: uClassified{ID: cat, Percent: percentText(cat, Percent(cat, rate)), TaxScheme: uTaxScheme{ID: "VAT"}}},
		Price: uPrice{Amount: amt(price)}}
}

// percentText: category O carries no rate (BR-O-05); all others do.
func percentText(cat string, p decimal.Decimal) string {
	if cat == CatOutOfScope {
		return ""
	}
	return p.String()
}

func exemptionCode(cat string) string {
	switch cat {
	case CatReverseCharge:
		return "VATEX-EU-AE"
	case CatIntraEU:
		return "VATEX-EU-IC"
	case CatExport:
		return "VATEX-EU-G"
	case CatOutOfScope:
		return "VATEX-EU-O"
	}
	return ""
}

// vatEAS are the Peppol electronic-address schemes of VAT numbers per country.
var vatEAS = map[string]string{"AT": "9914", "BE": "9925", "DE": "9930", "EE": "9931", "GR": "9933", "HR": "9934", "IE": "9935",
	"LT": "9937", "LU": "9938", "LV": "9939", "MT": "9943", "NL": "9944", "PL": "9945", "PT": "9946", "RO": "9947", "SI": "9949",
	"SK": "9950", "FR": "9957", "ES": "9920", "IT": "0211", "SE": "0007", "DK": "0184", "FI": "0213", "HU": "9910", "CZ": "9929",
	"BG": "9926", "CY": "9928", "GB": "9932"}

// buyerEndpoint is the customer's Peppol address: its KvK number (0106) in the
// Netherlands, else its VAT number in its country's scheme, else a placeholder GLN.
func buyerEndpoint(inv *Invoice) uID {
	if inv.CustomerCountry == HomeCountry && inv.CustomerKvK != "" {
		return uID{SchemeID: "0106", Value: inv.CustomerKvK}
	}
	if inv.CustomerVATID != "" {
		if s, ok := vatEAS[inv.CustomerCountry]; ok {
			return uID{SchemeID: s, Value: inv.CustomerVATID}
		}
	}
	if inv.CustomerKvK != "" {
		return uID{SchemeID: "0106", Value: inv.CustomerKvK}
	}
	return uID{SchemeID: "0088", Value: placeholderGLN(inv.CustomerID)}
}

// placeholderGLN is a GS1-valid 13-digit number made from our customer number: an
// address for a buyer that has no Peppol id (only when it has neither a KvK nor a VAT
// number; such a buyer receives the PDF, the UBL file is a courtesy copy).
func placeholderGLN(customerID int64) string {
	s := fmt.Sprintf("%012d", customerID)
	sum := 0
	for i := 0; i < 12; i++ {
		n := int(s[i] - '0')
		if i%2 == 1 {
			n *= 3
		}
		sum += n
	}
	return s + fmt.Sprint((10-sum%10)%10)
}

var nlPostcode = regexp.MustCompile(`^([0-9]{4} ?[A-Z]{2})\s+(.+)$`)

// splitAddress reads a one-line address "Keizersgracht 1, 1015 CC Amsterdam" into
// street, postal code and city.
func splitAddress(s string) (street, postal, city string) {
	i := strings.LastIndex(s, ",")
	if i < 0 {
		return strings.TrimSpace(s), "", ""
	}
	street = strings.TrimSpace(s[:i])
	rest := strings.TrimSpace(s[i+1:])
	if m := nlPostcode.FindStringSubmatch(rest); m != nil {
		return street, m[1], m[2]
	}
	return street, "", rest
}

// unitCode maps our units to UN/ECE Recommendation 20 codes (PEPPOL-EN16931-R130 …).
func unitCode(u string) string {
	switch strings.ToLower(strings.TrimSpace(u)) {
	case "hour", "hours", "uur", "h":
		return "HUR"
	case "day", "days", "dag":
		return "DAY"
	case "month", "months", "maand":
		return "MON"
	case "year", "jaar":
		return "ANN"
	case "km":
		return "KMT"
	case "piece", "pieces", "stuk", "pcs":
		return "H87"
	}
	return "C62"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
