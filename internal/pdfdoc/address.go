package pdfdoc

import (
	"strings"

	"backoffice/internal/i18n"
)

// HomeCountry is the country a document's addressee needs no country line for.
const HomeCountry = "NL"

// Addressee is whom a document is addressed to; every document prints it the same way.
type Addressee struct {
	Name, Attn, Street, PostalCode, City, Country, KvK, VATID string
}

// Lines are the address block: the name, "t.a.v." the contact, the street, postal code and
// city, the country by its name (not its code; none at home), then the KvK and BTW numbers.
// Empty parts are left out.
func (a Addressee) Lines(l *i18n.Localizer) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	add(a.Name)
	if strings.TrimSpace(a.Attn) != "" {
		add(l.T("pdfdoc.attn") + " " + a.Attn)
	}
	add(a.Street)
	add(strings.TrimSpace(a.PostalCode) + " " + strings.TrimSpace(a.City))
	if c := strings.ToUpper(strings.TrimSpace(a.Country)); c != "" && c != HomeCountry {
		add(CountryName(l, c))
	}
	if a.KvK != "" {
		add(l.T("pdfdoc.kvk") + " " + a.KvK)
	}
	if a.VATID != "" {
		add(l.T("pdfdoc.vat_id") + " " + a.VATID)
	}
	return out
}

// CountryName is a country's name in the reader's language ("BE" → "België"); a code
// without a name is printed as it is.
func CountryName(l *i18n.Localizer, code string) string {
	if id := "pdfdoc.country." + strings.ToUpper(code); i18n.Has(l.Lang, id) {
		return l.T(id)
	}
	return code
}
