package orders

import (
	"github.com/shopspring/decimal"
)

// NoticeMethod is how a termination notice must be given.
type NoticeMethod string

// Notice methods named in the source terms.
const (
	NoticeInWriting         NoticeMethod = "in_writing"        // e-mail counts (004:6.1, 12.8)
	NoticeRegisteredLetter  NoticeMethod = "registered_letter" // aangetekende brief (003:13.3)
	NoticeWrittenOrElectric NoticeMethod = "written_or_electronic"
)

// PriceChangeRule is the announcement rule a contract's yearly price change must respect.
type PriceChangeRule string

// Price change rules.
const (
	// PriceChangeFree: indexation as of 1 January needs no announcement (IDX-1, 004:4.2).
	PriceChangeFree PriceChangeRule = "none"
	// PriceChange31October: announce by 31 October of the year before, else only
	// inflation-driven changes apply (IDX-2, 003:12.2–12.3).
	PriceChange31October PriceChangeRule = "announce_by_31_october"
	// PriceChangeOneMonth: announce at least one month ahead, first contract year at the
	// quoted price, increases above 1.5× flagged (IDX-3, 000:8).
	PriceChangeOneMonth PriceChangeRule = "announce_one_month_first_year_fixed"
)

// Valid reports whether r is a known rule.
func (r PriceChangeRule) Valid() bool {
	return r == PriceChangeFree || r == PriceChange31October || r == PriceChangeOneMonth
}

// ContractTerms are the duration and notice terms of a contract. Exactly one of
// NoticeMonths and NoticeDays is positive.
type ContractTerms struct {
	Profile           string
	InitialTermMonths int
	RenewalTermMonths int
	NoticeMonths      int
	NoticeDays        int
	NoticeMethod      NoticeMethod
	PriceChangeRule   PriceChangeRule
	// RenewWithInitialTerm renews by the initial term whatever its length (003:13.3), so
	// overriding the initial term moves the renewal term with it.
	RenewWithInitialTerm bool
}

// TermsProfile is a named set of contract terms and the default indexation clause that go
// with it; a quote copies one and may override its fields.
type TermsProfile struct {
	Code       string
	Name       string
	Source     string
	Terms      ContractTerms
	Indexation IndexationClause
}

// DefaultTermsProfile is the Cloudwise profile: 4 years, renewing by 1 year, 2 months' notice.
const DefaultTermsProfile = "4y-1y-2m"

// DefaultIndexSeries is the series code of the CBS "Prijsindex commerciële dienstverlening en
// transport (2015=100)" that 004:4.2 names.
const DefaultIndexSeries = "cbs-cdt"

// TermsProfiles lists the built-in profiles taken from the source terms.
func TermsProfiles() []TermsProfile {
	october := IndexationClause{Method: IndexBySeries, SeriesCode: DefaultIndexSeries, ReferenceMonth: 10}
	cpi := IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi", ReferenceMonth: 10}
	return []TermsProfile{
		{
			Code: DefaultTermsProfile, Name: "4 years, renews by 1 year, 2 months' notice", Source: "004:6.1, 4.2",
			Terms: ContractTerms{Profile: DefaultTermsProfile, InitialTermMonths: 48, RenewalTermMonths: 12,
				NoticeMonths: 2, NoticeMethod: NoticeInWriting, PriceChangeRule: PriceChangeFree},
			Indexation: october,
		},
		{
			Code: "1y-1y-3m-registered", Name: "1 year, renews by the initial term, 3 months' notice by registered letter", Source: "003:13.2–13.3, 12.2–12.3",
			Terms: ContractTerms{Profile: "1y-1y-3m-registered", InitialTermMonths: 12, RenewalTermMonths: 12,
				NoticeMonths: 3, NoticeMethod: NoticeRegisteredLetter, PriceChangeRule: PriceChange31October,
				RenewWithInitialTerm: true},
			Indexation: cpi,
		},
		{
			Code: "1y-1y-80d", Name: "1 year, renews by 1 year, 80 days' notice", Source: "000:17, 8",
			Terms: ContractTerms{Profile: "1y-1y-80d", InitialTermMonths: 12, RenewalTermMonths: 12,
				NoticeDays: 80, NoticeMethod: NoticeWrittenOrElectric, PriceChangeRule: PriceChangeOneMonth},
			Indexation: cpi,
		},
		{
			Code: "1y-1y-1m", Name: "1 year, renews by 1 year, 1 calendar month's notice", Source: "001:C.6",
			Terms: ContractTerms{Profile: "1y-1y-1m", InitialTermMonths: 12, RenewalTermMonths: 12,
				NoticeMonths: 1, NoticeMethod: NoticeInWriting, PriceChangeRule: PriceChangeFree},
			Indexation: cpi,
		},
	}
}

// LookupTermsProfile finds a built-in profile by code.
func LookupTermsProfile(code string) (TermsProfile, bool) {
	for _, p := range TermsProfiles() {
		if p.Code == code {
			return p, true
		}
	}
	return TermsProfile{}, false
}

// TermsOverride holds the per-quote deviations from a profile; nil fields keep the profile.
type TermsOverride struct {
	InitialTermMonths *int
	RenewalTermMonths *int
	NoticeMonths      *int
	NoticeDays        *int
}

// ApplyOverride returns the profile's terms with the override's fields replaced. Setting
// notice in days clears notice in months and vice versa, so exactly one stays in force.
func (t ContractTerms) ApplyOverride(o TermsOverride) ContractTerms {
	if o.InitialTermMonths != nil {
		t.InitialTermMonths = *o.InitialTermMonths
	}
	switch {
	case o.RenewalTermMonths != nil:
		t.RenewalTermMonths = *o.RenewalTermMonths
	case t.RenewWithInitialTerm:
		t.RenewalTermMonths = t.InitialTermMonths
	}
	if o.NoticeMonths != nil {
		t.NoticeMonths, t.NoticeDays = *o.NoticeMonths, 0
	}
	if o.NoticeDays != nil {
		t.NoticeDays, t.NoticeMonths = *o.NoticeDays, 0
	}
	return t
}

// validate checks the terms; field names are prefixed with prefix ("terms.").
func (t ContractTerms) validate(prefix string, fe *fieldErrors) {
	if t.InitialTermMonths < 1 || t.InitialTermMonths > 120 {
		fe.add(prefix+"initial_term_months", "must be between 1 and 120 months")
	}
	if t.RenewalTermMonths < 1 || t.RenewalTermMonths > 120 {
		fe.add(prefix+"renewal_term_months", "must be between 1 and 120 months")
	}
	switch {
	case t.NoticeMonths > 0 && t.NoticeDays > 0:
		fe.add(prefix+"notice_days", "give the notice period in months or in days, not both")
	case t.NoticeMonths < 0 || t.NoticeMonths > 24:
		fe.add(prefix+"notice_months", "must be between 1 and 24 months")
	case t.NoticeDays < 0 || t.NoticeDays > 730:
		fe.add(prefix+"notice_days", "must be between 1 and 730 days")
	case t.NoticeMonths == 0 && t.NoticeDays == 0:
		fe.add(prefix+"notice_months", "a notice period is required")
	}
}

// IndexMethod says how a contract's fees move each 1 January.
type IndexMethod string

// Indexation methods (IDX-1).
const (
	IndexNone         IndexMethod = "none"
	IndexBySeries     IndexMethod = "series"
	IndexFixedPercent IndexMethod = "fixed_percentage"
)

// IndexationClause is a contract's indexation agreement. ReferenceMonth 1–12 compares that
// month of the previous year with the same month a year earlier; 0 compares yearly averages.
// Floor and Cap bound the change in percent (e.g. 0 forbids decreases, 5 caps at +5%).
type IndexationClause struct {
	Method         IndexMethod
	SeriesCode     string
	ReferenceMonth int
	Floor          *decimal.Decimal
	Cap            *decimal.Decimal
	FixedPercent   decimal.Decimal
}

// InflationDriven reports whether a change under the clause follows inflation: a price index
// does, a fixed percentage does not (IDX-2 lets only inflation-driven changes through when
// the 31 October announcement was missed).
func (c IndexationClause) InflationDriven() bool { return c.Method == IndexBySeries }

func (c IndexationClause) validate(prefix string, fe *fieldErrors) {
	switch c.Method {
	case IndexNone:
	case IndexBySeries:
		if c.SeriesCode == "" {
			fe.add(prefix+"series", "name the index series")
		}
		if c.ReferenceMonth < 0 || c.ReferenceMonth > 12 {
			fe.add(prefix+"reference", "must be a month 1–12 or the yearly average")
		}
	case IndexFixedPercent:
		if c.FixedPercent.LessThan(decimal.NewFromInt(-50)) || c.FixedPercent.GreaterThan(decimal.NewFromInt(50)) {
			fe.add(prefix+"fixed_percentage", "must be between -50 and 50")
		}
		if !c.FixedPercent.Equal(c.FixedPercent.Round(3)) {
			fe.add(prefix+"fixed_percentage", "at most 3 decimals")
		}
	default:
		fe.add(prefix+"method", "must be one of none, series, fixed_percentage")
	}
	if c.Floor != nil && c.Cap != nil && c.Floor.GreaterThan(*c.Cap) {
		fe.add(prefix+"floor", "the floor is above the cap")
	}
	bounds := []struct {
		name string
		v    *decimal.Decimal
	}{{"floor", c.Floor}, {"cap", c.Cap}}
	for _, b := range bounds {
		if b.v != nil && (b.v.LessThan(decimal.NewFromInt(-50)) || b.v.GreaterThan(decimal.NewFromInt(100))) {
			fe.add(prefix+b.name, "must be between -50 and 100 percent")
		}
	}
}
