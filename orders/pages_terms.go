package orders

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Per-quote overrides of the terms profile in the quote editor. An empty field keeps
// the profile's value, so switching the profile is never undone by stale numbers; the editor
// shows a field filled only where the quote deviates from its profile.

// termsOverrideForm is the editor's view of the overrides: the inputs (empty = the profile's
// value) and the profile's values as placeholders.
type termsOverrideForm struct {
	Initial, Renewal, NoticeMonths, NoticeDays string
	Profile                                    ContractTerms
}

// overridesOf shows where t deviates from its profile.
func overridesOf(t ContractTerms) termsOverrideForm {
	p, ok := LookupTermsProfile(t.Profile)
	if !ok {
		p, _ = LookupTermsProfile(DefaultTermsProfile)
	}
	f := termsOverrideForm{Profile: p.Terms}
	differs := func(v, profile int) string {
		if v == profile {
			return ""
		}
		return strconv.Itoa(v)
	}
	f.Initial = differs(t.InitialTermMonths, p.Terms.InitialTermMonths)
	renewal := p.Terms.RenewalTermMonths
	if p.Terms.RenewWithInitialTerm {
		renewal = t.InitialTermMonths // follows the initial term unless overridden
	}
	f.Renewal = differs(t.RenewalTermMonths, renewal)
	if t.NoticeMonths != p.Terms.NoticeMonths || t.NoticeDays != p.Terms.NoticeDays {
		if t.NoticeDays > 0 {
			f.NoticeDays = strconv.Itoa(t.NoticeDays)
		} else {
			f.NoticeMonths = strconv.Itoa(t.NoticeMonths)
		}
	}
	return f
}

// termsForm reads the profile and its overrides from the editor form. A value that is not a
// whole number becomes 0, which the terms validation reports as out of range on that field.
func termsForm(c *fiber.Ctx) *TermsIn {
	in := &TermsIn{Profile: c.FormValue("terms_profile")}
	num := func(name string) *int {
		s := strings.TrimSpace(c.FormValue(name))
		if s == "" {
			return nil
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			v = 0
		}
		return &v
	}
	in.InitialTermMonths = num("terms.initial_term_months")
	in.RenewalTermMonths = num("terms.renewal_term_months")
	in.NoticeMonths = num("terms.notice_months")
	in.NoticeDays = num("terms.notice_days")
	if in.Profile == "" && in.InitialTermMonths == nil && in.RenewalTermMonths == nil && in.NoticeMonths == nil && in.NoticeDays == nil {
		return nil
	}
	return in
}
