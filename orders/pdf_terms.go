package orders

import (
	"strings"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

// The text blocks of the quote and order documents: the terms in plain words (the rule
// IDs stay in the code and tests, not on a customer's document) and the acceptance record.

// termsBlock prints the terms that apply to q.
func termsBlock(d *pdfdoc.Doc, q *Quote) {
	d.Heading(d.T("orders.pdf.terms"))
	var terms []string // how long it can be accepted, until it is
	switch {
	case !acceptable(q):
	case !q.ValidUntil.IsZero():
		terms = append(terms, d.T("orders.terms.valid_until", map[string]any{"Date": i18n.Date(d.L.Lang, q.ValidUntil)}))
	default:
		terms = append(terms, d.T("orders.terms.valid_days", map[string]any{"Days": q.ValidDays}))
	}
	terms = append(terms, d.T("orders.terms.prices"), d.T("orders.terms.whole"))
	if q.Cancellable {
		terms = append(terms, d.T("orders.terms.cancellable"))
	} else {
		terms = append(terms, d.T("orders.terms.not_cancellable"))
	}
	if q.FixedPrice {
		terms = append(terms, d.T("orders.terms.fixed_price"))
	} else {
		terms = append(terms, d.T("orders.terms.extra_work"))
	}
	terms = append(terms, d.T("orders.terms.delivery"))
	if hasKind(q.Lines, KindHardware) {
		terms = append(terms, d.T("orders.terms.hardware"))
	}
	if hasKind(q.Lines, KindRecurring) {
		t := q.Terms
		terms = append(terms, d.T("orders.terms.recurring", map[string]any{"Initial": months(d.L, t.InitialTermMonths),
			"Renewal": months(d.L, t.RenewalTermMonths), "Notice": notice(d.L, t)}), clause(d.L, q.Indexation))
	}
	d.Bullets(terms)
}

func hasKind(lines []Line, k LineKind) bool {
	for _, l := range lines {
		if l.Kind == k {
			return true
		}
	}
	return false
}

// acceptable: a draft or sent quote can still be accepted; an accepted, declined,
// withdrawn, superseded or expired one cannot.
func acceptable(q *Quote) bool {
	return q.Acceptance == nil && !closed(q)
}

func closed(q *Quote) bool {
	switch q.Status {
	case QuoteDeclined, QuoteWithdrawn, QuoteSuperseded, QuoteExpired:
		return true
	}
	return false
}

// acceptanceBlock prints the acceptance record of an accepted quote (who, when, how) — and
// then no signature lines —, that a closed quote can no longer be accepted, else how to
// accept.
func acceptanceBlock(d *pdfdoc.Doc, q *Quote) {
	if a := q.Acceptance; a != nil {
		d.Heading(d.T("orders.pdf.accepted"))
		d.Text(acceptanceText(d.L, a))
		return
	}
	if closed(q) {
		d.Text(d.T("orders.pdf.closed." + string(q.Status)))
		return
	}
	d.Keep(32)
	d.Text(d.T("orders.pdf.how_to_accept"))
	d.Signature("", "")
}

// acceptanceText is "… aanvaard door Anna de Vries op 3 maart 2026 om 10:15, in het klantportaal."
func acceptanceText(l *i18n.Localizer, a *Acceptance) string {
	at := a.At.In(clock.Amsterdam)
	how := howAccepted(l, a.Method)
	if a.SignedFileID != 0 {
		how = l.T("orders.accept.signed_copy", map[string]any{"Date": i18n.Date(l.Lang, civil.Of(at))})
	}
	return l.T("orders.pdf.accepted_text", map[string]any{"Name": a.AcceptedBy, "Date": i18n.Date(l.Lang, civil.Of(at)),
		"Time": at.Format("15:04"), "How": how})
}

func howAccepted(l *i18n.Localizer, m AcceptanceMethod) string {
	switch m {
	case AcceptPortal:
		return l.T("orders.accept.portal")
	case AcceptSignedPDF:
		return l.T("orders.accept.signed_pdf")
	}
	return l.T("orders.accept.email")
}

func months(l *i18n.Localizer, n int) string {
	if n == 1 {
		return l.T("orders.terms.month")
	}
	return l.T("orders.terms.months", map[string]any{"N": n})
}

func notice(l *i18n.Localizer, t ContractTerms) string {
	if t.NoticeDays > 0 {
		if t.NoticeDays == 1 {
			return l.T("orders.terms.day")
		}
		return l.T("orders.terms.days", map[string]any{"N": t.NoticeDays})
	}
	return months(l, t.NoticeMonths)
}

// clause is the indexation clause in words, naming the index (not its code).
func clause(l *i18n.Localizer, c IndexationClause) string {
	pct := func(p decimal.Decimal) map[string]any { return map[string]any{"Percent": i18n.Percent(l.Lang, p)} }
	var s string
	switch c.Method {
	case IndexBySeries:
		index := l.T("orders.index.agreed")
		switch code := strings.ToLower(c.SeriesCode); {
		case strings.HasPrefix(code, DefaultIndexSeries):
			index = l.T("orders.index.cdt")
		case strings.HasPrefix(code, "cbs-cpi"):
			index = l.T("orders.index.cpi")
		}
		s = l.T("orders.index.series", map[string]any{"Index": index})
	case IndexFixedPercent:
		s = l.T("orders.index.fixed", pct(c.FixedPercent))
	default:
		return l.T("orders.index.none")
	}
	if c.Floor != nil {
		s += l.T("orders.index.floor", pct(*c.Floor))
	}
	if c.Cap != nil {
		s += l.T("orders.index.cap", pct(*c.Cap))
	}
	return s + "."
}
