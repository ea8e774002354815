package config

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// Invoice numbering and the company details every invoice must carry (art. 35a Wet OB).
var (
	kvkRe   = regexp.MustCompile(`^[0-9]{8}$`)
	nlVATRe = regexp.MustCompile(`^NL[0-9]{9}B[0-9]{2}$`)
	bicRe   = regexp.MustCompile(`^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	ibanRe  = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$`)
	numRe   = regexp.MustCompile(`^[A-Za-z0-9/-]*(\{year\}[A-Za-z0-9/-]*)?\{seq(:[1-9])?\}[A-Za-z0-9/-]*$`)
)

// Development defaults: a demo company so documents are complete without configuration.
// Production refuses to start without the real values.
const (
	demoAddress = "Keizersgracht 1, 1015 CC Amsterdam"
	demoKvK     = "12345678"
	demoVATID   = "NL123456789B01"
	demoIBAN    = "NL91ABNA0417164300"
	demoBIC     = "ABNANL2A"
)

// companyVars documents the variables of this file (appended to Vars).
var companyVars = [][2]string{
	{"BACKOFFICE_COMPANY_BIC", "company BIC on invoices (e.g. ABNANL2A)"},
	{"BACKOFFICE_INVOICE_NUMBER_FORMAT", "invoice numbers, default {year}-{seq:5} (2027-00001); {seq:6} for a running series"},
	{"BACKOFFICE_CREDIT_NOTE_NUMBER_FORMAT", "credit note numbers, default C{year}-{seq:5}"},
}

func init() { Vars = append(Vars, companyVars...) }

// company reads and checks the company details and number formats: KvK 8 digits, IBAN
// with valid check digits (ISO 13616 mod 97), NL VAT id NL999999999B99, BIC; all
// required in production, demo values in development.
func (c *Config) company(get func(string) string) []string {
	var errs []string
	norm := func(s string) string { return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", "")) }
	c.CompanyKvK = strings.TrimSpace(c.CompanyKvK)
	c.CompanyVATID = norm(c.CompanyVATID)
	c.CompanyIBAN = norm(c.CompanyIBAN)
	c.CompanyBIC = norm(get("BACKOFFICE_COMPANY_BIC"))
	c.CompanyAddress = strings.TrimSpace(c.CompanyAddress)
	c.InvoiceNumberFormat = def(get("BACKOFFICE_INVOICE_NUMBER_FORMAT"), "{year}-{seq:5}")
	c.CreditNoteNumberFormat = def(get("BACKOFFICE_CREDIT_NOTE_NUMBER_FORMAT"), "C{year}-{seq:5}")
	for _, f := range []struct{ name, v string }{{"BACKOFFICE_INVOICE_NUMBER_FORMAT", c.InvoiceNumberFormat}, {"BACKOFFICE_CREDIT_NOTE_NUMBER_FORMAT", c.CreditNoteNumberFormat}} {
		if !numRe.MatchString(f.v) {
			errs = append(errs, f.name+" must contain {seq} or {seq:N} (optionally {year}) and letters, digits, - or /")
		}
	}
	if c.InvoiceNumberFormat == c.CreditNoteNumberFormat {
		errs = append(errs, "BACKOFFICE_CREDIT_NOTE_NUMBER_FORMAT must differ from the invoice number format")
	}
	fields := []struct {
		name string
		v    *string
		demo string
	}{
		{"BACKOFFICE_COMPANY_ADDRESS", &c.CompanyAddress, demoAddress},
		{"BACKOFFICE_COMPANY_KVK", &c.CompanyKvK, demoKvK},
		{"BACKOFFICE_COMPANY_VAT_ID", &c.CompanyVATID, demoVATID},
		{"BACKOFFICE_COMPANY_IBAN", &c.CompanyIBAN, demoIBAN},
		{"BACKOFFICE_COMPANY_BIC", &c.CompanyBIC, demoBIC},
	}
	for _, f := range fields {
		if *f.v == "" {
			if c.Env == "production" {
				errs = append(errs, f.name+" is required in production (it is on every invoice)")
				continue
			}
			*f.v = f.demo
		}
	}
	if c.CompanyKvK != "" && !kvkRe.MatchString(c.CompanyKvK) {
		errs = append(errs, "BACKOFFICE_COMPANY_KVK must be 8 digits")
	}
	if c.CompanyVATID != "" && !nlVATRe.MatchString(c.CompanyVATID) {
		errs = append(errs, "BACKOFFICE_COMPANY_VAT_ID must look like NL123456789B01")
	}
	if c.CompanyIBAN != "" && !ValidIBAN(c.CompanyIBAN) {
		errs = append(errs, "BACKOFFICE_COMPANY_IBAN is not a valid IBAN (check digits)")
	}
	if c.CompanyBIC != "" && !bicRe.MatchString(c.CompanyBIC) {
		errs = append(errs, "BACKOFFICE_COMPANY_BIC must be 8 or 11 characters, e.g. ABNANL2A")
	}
	return errs
}

// ValidIBAN checks an IBAN's form and its ISO 13616 mod-97 check digits.
func ValidIBAN(iban string) bool {
	iban = strings.ToUpper(strings.ReplaceAll(iban, " ", ""))
	if !ibanRe.MatchString(iban) {
		return false
	}
	var digits strings.Builder
	for _, r := range iban[4:] + iban[:4] {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		} else {
			digits.WriteRune(r)
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// CompanyString prints the company details and number formats (`backoffice config`).
func (c *Config) CompanyString() string {
	return fmt.Sprintf("company=%q address=%q kvk=%s vat_id=%s iban=%s bic=%s invoice_numbers=%s credit_note_numbers=%s",
		c.CompanyName, c.CompanyAddress, c.CompanyKvK, c.CompanyVATID, c.CompanyIBAN, c.CompanyBIC, c.InvoiceNumberFormat, c.CreditNoteNumberFormat)
}
