package invoices

import "encoding/xml"

// UBL 2.1 elements as Peppol BIS Billing 3.0 uses them, in the schema's order. Written
// with encoding/xml; amounts are decimal strings (never floats).

const (
	ublCustomization = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
	ublProfile       = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
	nsCAC            = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsCBC            = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
)

type uID struct {
	SchemeID string `xml:"schemeID,attr,omitempty"`
	Value    string `xml:",chardata"`
}

type uAmount struct {
	Currency string `xml:"currencyID,attr"`
	Value    string `xml:",chardata"`
}

type uQty struct {
	Unit  string `xml:"unitCode,attr"`
	Value string `xml:",chardata"`
}

type uCountry struct {
	Code string `xml:"cbc:IdentificationCode"`
}

type uAddress struct {
	Street  string   `xml:"cbc:StreetName,omitempty"`
	City    string   `xml:"cbc:CityName,omitempty"`
	Postal  string   `xml:"cbc:PostalZone,omitempty"`
	Country uCountry `xml:"cac:Country"`
}

type uTaxScheme struct {
	ID string `xml:"cbc:ID"`
}

type uPartyTax struct {
	CompanyID string     `xml:"cbc:CompanyID"`
	TaxScheme uTaxScheme `xml:"cac:TaxScheme"`
}

type uLegal struct {
	Name      string `xml:"cbc:RegistrationName"`
	CompanyID *uID   `xml:"cbc:CompanyID,omitempty"`
}

type uContact struct {
	Name  string `xml:"cbc:Name,omitempty"`
	Email string `xml:"cbc:ElectronicMail,omitempty"`
}

type uPartyName struct {
	Name string `xml:"cbc:Name"`
}

type uParty struct {
	Endpoint uID        `xml:"cbc:EndpointID"`
	Name     uPartyName `xml:"cac:PartyName"`
	Address  uAddress   `xml:"cac:PostalAddress"`
	Tax      *uPartyTax `xml:"cac:PartyTaxScheme,omitempty"`
	Legal    uLegal     `xml:"cac:PartyLegalEntity"`
	Contact  *uContact  `xml:"cac:Contact,omitempty"`
}

type uPartyWrap struct {
	Party uParty `xml:"cac:Party"`
}

type uDocRef struct {
	ID        string `xml:"cbc:ID"`
	IssueDate string `xml:"cbc:IssueDate,omitempty"`
}

type uBillingRef struct {
	Invoice uDocRef `xml:"cac:InvoiceDocumentReference"`
}

type uOrderRef struct {
	ID string `xml:"cbc:ID"`
}

type uDelivery struct {
	Date     string `xml:"cbc:ActualDeliveryDate,omitempty"`
	Location *struct {
		Address uAddress `xml:"cac:Address"`
	} `xml:"cac:DeliveryLocation,omitempty"`
}

type uBranch struct {
	ID string `xml:"cbc:ID"`
}

type uAccount struct {
	ID     string   `xml:"cbc:ID"`
	Name   string   `xml:"cbc:Name,omitempty"`
	Branch *uBranch `xml:"cac:FinancialInstitutionBranch,omitempty"`
}

type uPaymentMeans struct {
	Code struct {
		Name  string `xml:"name,attr,omitempty"`
		Value string `xml:",chardata"`
	} `xml:"cbc:PaymentMeansCode"`
	PaymentID string   `xml:"cbc:PaymentID,omitempty"`
	Account   uAccount `xml:"cac:PayeeFinancialAccount"`
}

type uPaymentTerms struct {
	Note string `xml:"cbc:Note"`
}

type uTaxCategory struct {
	ID         string     `xml:"cbc:ID"`
	Percent    string     `xml:"cbc:Percent,omitempty"`
	ReasonCode string     `xml:"cbc:TaxExemptionReasonCode,omitempty"`
	Reason     string     `xml:"cbc:TaxExemptionReason,omitempty"`
	TaxScheme  uTaxScheme `xml:"cac:TaxScheme"`
}

type uSubtotal struct {
	Taxable  uAmount      `xml:"cbc:TaxableAmount"`
	Tax      uAmount      `xml:"cbc:TaxAmount"`
	Category uTaxCategory `xml:"cac:TaxCategory"`
}

type uTaxTotal struct {
	Tax       uAmount     `xml:"cbc:TaxAmount"`
	Subtotals []uSubtotal `xml:"cac:TaxSubtotal"`
}

type uMonetary struct {
	LineExtension uAmount  `xml:"cbc:LineExtensionAmount"`
	TaxExclusive  uAmount  `xml:"cbc:TaxExclusiveAmount"`
	TaxInclusive  uAmount  `xml:"cbc:TaxInclusiveAmount"`
	Prepaid       *uAmount `xml:"cbc:PrepaidAmount,omitempty"`
	Payable       uAmount  `xml:"cbc:PayableAmount"`
}

type uPeriod struct {
	Start string `xml:"cbc:StartDate"`
	End   string `xml:"cbc:EndDate"`
}

type uClassified struct {
	ID        string     `xml:"cbc:ID"`
	Percent   string     `xml:"cbc:Percent,omitempty"`
	TaxScheme uTaxScheme `xml:"cac:TaxScheme"`
}

type uItem struct {
	Name     string      `xml:"cbc:Name"`
	Category uClassified `xml:"cac:ClassifiedTaxCategory"`
}

type uPrice struct {
	Amount uAmount `xml:"cbc:PriceAmount"`
}

type uLine struct {
	ID            string   `xml:"cbc:ID"`
	InvoicedQty   *uQty    `xml:"cbc:InvoicedQuantity,omitempty"`
	CreditedQty   *uQty    `xml:"cbc:CreditedQuantity,omitempty"`
	LineExtension uAmount  `xml:"cbc:LineExtensionAmount"`
	Period        *uPeriod `xml:"cac:InvoicePeriod,omitempty"`
	Item          uItem    `xml:"cac:Item"`
	Price         uPrice   `xml:"cac:Price"`
}

// ublDoc is an Invoice or a CreditNote; the fields that only one of them has are
// left empty for the other.
type ublDoc struct {
	XMLName        xml.Name
	NSCAC          string         `xml:"xmlns:cac,attr"`
	NSCBC          string         `xml:"xmlns:cbc,attr"`
	NS             string         `xml:"xmlns,attr"`
	Customization  string         `xml:"cbc:CustomizationID"`
	Profile        string         `xml:"cbc:ProfileID"`
	ID             string         `xml:"cbc:ID"`
	IssueDate      string         `xml:"cbc:IssueDate"`
	DueDate        string         `xml:"cbc:DueDate,omitempty"`
	InvoiceType    string         `xml:"cbc:InvoiceTypeCode,omitempty"`
	CreditNoteType string         `xml:"cbc:CreditNoteTypeCode,omitempty"`
	Note           string         `xml:"cbc:Note,omitempty"`
	Currency       string         `xml:"cbc:DocumentCurrencyCode"`
	BuyerReference string         `xml:"cbc:BuyerReference,omitempty"`
	OrderReference *uOrderRef     `xml:"cac:OrderReference,omitempty"`
	BillingRef     *uBillingRef   `xml:"cac:BillingReference,omitempty"`
	Supplier       uPartyWrap     `xml:"cac:AccountingSupplierParty"`
	Customer       uPartyWrap     `xml:"cac:AccountingCustomerParty"`
	Delivery       *uDelivery     `xml:"cac:Delivery,omitempty"`
	PaymentMeans   *uPaymentMeans `xml:"cac:PaymentMeans,omitempty"`
	PaymentTerms   *uPaymentTerms `xml:"cac:PaymentTerms,omitempty"`
	TaxTotal       uTaxTotal      `xml:"cac:TaxTotal"`
	Monetary       uMonetary      `xml:"cac:LegalMonetaryTotal"`
	InvoiceLines   []uLine        `xml:"cac:InvoiceLine,omitempty"`
	CreditLines    []uLine        `xml:"cac:CreditNoteLine,omitempty"`
}
