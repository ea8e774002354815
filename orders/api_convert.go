package orders

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
)

func datePtr(d civil.Date) *civil.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

func decPtr(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}

func lineOut(l Line) LineOut {
	o := LineOut{ID: l.ID, Position: l.Position, Kind: string(l.Kind), Description: l.Description, Quantity: l.Quantity.String(),
		Unit: l.Unit, UnitPrice: money.Of(l.UnitPrice), VATRate: l.VATRate.String(), SKU: l.SKU, LineTotal: money.Of(l.Total())}
	if l.Period != "" {
		p := string(l.Period)
		o.Period = &p
	}
	return o
}

func totalsOut(t Totals) TotalsOut {
	o := TotalsOut{Net: money.Of(t.Net), VAT: money.Of(t.VAT), Gross: money.Of(t.Gross), OneOff: money.Of(t.OneOff),
		RecurringMonthly: money.Of(t.RecurringMonthly), RecurringYearly: money.Of(t.RecurringYearly)}
	for _, r := range t.PerRate {
		o.PerRate = append(o.PerRate, VATOut{Rate: r.Rate.String(), Base: money.Of(r.Base), VAT: money.Of(r.VAT)})
	}
	return o
}

func termsOut(t ContractTerms) TermsOut {
	return TermsOut{Profile: t.Profile, InitialTermMonths: t.InitialTermMonths, RenewalTermMonths: t.RenewalTermMonths,
		NoticeMonths: t.NoticeMonths, NoticeDays: t.NoticeDays, NoticeMethod: string(t.NoticeMethod), PriceChangeRule: string(t.PriceChangeRule)}
}

func clauseOut(c IndexationClause) ClauseOut {
	o := ClauseOut{Method: string(c.Method), Floor: decPtr(c.Floor), Cap: decPtr(c.Cap), Text: ClauseText(c)}
	switch c.Method {
	case IndexBySeries:
		o.Series, o.Reference = c.SeriesCode, ReferenceName(c.ReferenceMonth)
	case IndexFixedPercent:
		s := c.FixedPercent.String()
		o.FixedPercentage = &s
	}
	return o
}

// ClauseText says the indexation clause in words, for pages, PDFs and letters; written by
// concatenation, not fmt (every contract and quote of a list page says its clause).
func ClauseText(c IndexationClause) string {
	var s string
	switch c.Method {
	case IndexBySeries:
		ref := "the yearly average of the previous year against the year before"
		if c.ReferenceMonth >= 1 && c.ReferenceMonth <= 12 {
			m := time.Month(c.ReferenceMonth).String()
			ref = m + " of the previous year against " + m + " a year earlier"
		}
		s = "Fees are indexed every 1 January by index series " + c.SeriesCode + ": " + ref + " (IDX-1)"
	case IndexFixedPercent:
		s = "Fees rise by a fixed " + c.FixedPercent.String() + "% every 1 January"
	default:
		return "Fees are not indexed"
	}
	if c.Floor != nil {
		s += ", at least " + c.Floor.String() + "%"
	}
	if c.Cap != nil {
		s += ", at most " + c.Cap.String() + "%"
	}
	return s + "."
}

func quoteOut(q *Quote, now time.Time, orderID, contractID int64) QuoteOut {
	o := QuoteOut{ID: q.ID, Number: q.Number, Version: q.Version, CustomerID: q.CustomerID, CustomerName: q.CustomerName, ContactID: q.ContactID,
		Title: q.Title, Status: string(q.EffectiveStatus(now)), ValidDays: q.ValidDays, Cancellable: q.Cancellable,
		FixedPrice: q.FixedPrice, AdvancePayment: q.AdvancePayment, LeadTimeDays: q.LeadTimeDays, StartDate: datePtr(q.StartDate),
		Terms: termsOut(q.Terms), Indexation: clauseOut(q.Indexation), CreatedAt: q.CreatedAt, SentAt: q.SentAt,
		ValidUntil: datePtr(q.ValidUntil), ReminderDueOrSent: q.ReminderDue(now),
		AcceptanceMethods: []string{string(AcceptPortal), string(AcceptSignedPDF), string(AcceptEmail)}, ConfirmationByMail: true}
	if !q.ValidUntil.IsZero() {
		t := AcceptanceClosesAt(q.ValidUntil)
		o.AcceptableUntil = &t
	}
	if q.Lines != nil {
		for _, l := range q.Lines {
			o.Lines = append(o.Lines, lineOut(l))
		}
		o.Totals = totalsOut(ComputeTotals(q.Lines))
	} else if st := q.StoredTotals; st != nil {
		o.Totals = TotalsOut{Net: money.Of(st.Net), VAT: money.Of(st.VAT), Gross: money.Of(st.Gross)}
	}
	if a := q.Acceptance; a != nil {
		o.Acceptance = &AcceptanceOut{AcceptedBy: a.AcceptedBy, Method: string(a.Method), At: a.At}
		if a.SignedFileID != 0 {
			o.Acceptance.SignedPDF = fmt.Sprintf("/api/v1/quotes/%d/signed-pdf", q.ID)
		}
	}
	if d := q.Declined; d != nil {
		o.DeclineReason = &d.Reason
	}
	if orderID != 0 {
		o.OrderID = &orderID
	}
	if contractID != 0 {
		o.ContractID = &contractID
	}
	return o
}

func changeRequestOut(cr *ChangeRequest) ChangeRequestOut {
	o := ChangeRequestOut{ID: cr.ID, OrderID: cr.OrderID, Description: cr.Description, Necessary: cr.Necessary, Status: string(cr.Status),
		ApprovalRequired: cr.ApprovalRequired, WorkMayStart: cr.WorkMayStart(), Totals: totalsOut(cr.Totals), FixedPrice: cr.FixedPrice,
		OrderNetBefore: money.Of(cr.OrderNetBefore), OrderNetAfter: money.Of(cr.OrderNetAfter), Consequence: cr.Consequence,
		RequestedAt: cr.RequestedAt, DecidedAt: cr.DecidedAt, DecidedBy: cr.DecidedBy}
	for _, l := range cr.Lines {
		lo := lineOut(l.Line)
		lo.PriceSource = string(l.Source)
		o.Lines = append(o.Lines, lo)
	}
	return o
}

func orderOut(o *Order) OrderOut {
	out := OrderOut{ID: o.ID, Number: o.Number, QuoteID: o.QuoteID, QuoteNumber: o.QuoteNumber, CustomerID: o.CustomerID,
		CustomerName: o.CustomerName, Title: o.Title, Status: string(o.Status), StartDate: o.StartDate, Cancellable: o.Cancellable,
		FixedPrice: o.FixedPrice, CreatedAt: o.CreatedAt, CancelledAt: o.CancelledAt, CancellationReason: o.CancellationReason,
		Net: money.Of(o.StoredNet),
		Preconditions: PreconditionsOut{DetailsAgreed: datePtr(o.Preconditions.DetailsAgreed), DataSupplied: datePtr(o.Preconditions.DataSupplied),
			QuoteAccepted: datePtr(o.Preconditions.QuoteAccepted), AdvancePaymentRequired: o.Preconditions.AdvancePaymentRequired,
			AdvancePaymentReceived: datePtr(o.Preconditions.AdvancePaymentReceived)}}
	if o.CancellationFee != nil {
		f := money.Of(*o.CancellationFee)
		out.CancellationFee = &f
	}
	return out
}

func orderViewOut(v *OrderView) OrderOut {
	out := orderOut(v.Order)
	for _, l := range v.Order.Lines {
		out.Lines = append(out.Lines, lineOut(l))
	}
	t := totalsOut(ComputeTotals(v.Order.Lines))
	out.Totals, out.Net = &t, t.Net
	p := v.Plan
	out.Plan = &PlanOut{LeadTimeStarted: p.LeadTimeStarted, LeadTimeStart: datePtr(p.LeadTimeStart), Missing: p.Missing,
		LeadTimeDays: p.LeadTimeDays, ExtensionDays: p.ExtensionDays, TargetDate: datePtr(p.TargetDate), Indicative: true}
	if out.Plan.Missing == nil {
		out.Plan.Missing = []string{}
	}
	for _, e := range v.Order.Extensions {
		out.Extensions = append(out.Extensions, ExtensionOut{ID: e.ID, WorkingDays: e.WorkingDays, Reason: string(e.Reason), Note: e.Note, RecordedAt: e.RecordedAt})
	}
	for _, cr := range v.ChangeRequests {
		out.ChangeRequests = append(out.ChangeRequests, changeRequestOut(cr))
	}
	if v.Order.ContractID != 0 {
		out.ContractID = &v.Order.ContractID
	}
	if v.FreeUntil != "" {
		out.FreeCancelUntil = &v.FreeUntil
	}
	return out
}

func contractOut(c *Contract, today civil.Date) ContractOut {
	v := c.TermsOn(today)
	o := ContractOut{ID: c.ID, Number: c.Number, CustomerID: c.CustomerID, CustomerName: c.CustomerName, OrderID: c.OrderID,
		QuoteID: c.QuoteID, OrderNumber: c.OrderNumber, QuoteNumber: c.QuoteNumber, StartDate: c.StartDate, InitialTermMonths: c.Terms.InitialTermMonths, RenewalTermMonths: c.Terms.RenewalTermMonths,
		NoticeMonths: c.Terms.NoticeMonths, NoticeDays: c.Terms.NoticeDays, Terms: termsOut(c.Terms),
		CurrentTermEnd: v.CurrentTermEnd, NoticeDeadline: v.NoticeDeadline, Status: string(c.Status(today)),
		Indexation: clauseOut(c.Indexation), Lines: []ContractLineOut{}}
	for _, l := range c.Lines {
		o.Lines = append(o.Lines, ContractLineOut{ID: l.ID, Description: l.Description, Quantity: l.Quantity.String(), Unit: l.Unit,
			SKU: l.SKU, Fee: money.Of(l.Fee), Period: string(l.Period), VATRate: l.VATRate.String(), FeeSince: l.FeeSince})
	}
	if t := c.Termination; t != nil {
		o.EndDate = datePtr(t.EndDate)
		o.CurrentTermEnd, o.NoticeDeadline = t.EndDate, t.NoticeDeadline
		o.Termination = &TerminationOut{NoticeReceivedAt: t.NoticeReceivedAt, DeemedDelivered: t.DeemedDelivered,
			NoticeDeadline: t.NoticeDeadline, OnTime: t.OnTime, EndDate: t.EndDate, Rule: t.Rule, Reason: t.Reason}
	}
	return o
}

func pointsOut(ps []IndexPoint) []PointOut {
	out := make([]PointOut, len(ps))
	for i, p := range ps {
		out[i] = PointOut{Period: p.Period.String(), Series: p.Series, Value: p.Value.String(), ChainedValue: p.Chained.Round(4).String()}
	}
	return out
}

func runOut(r *IndexationRun) RunOut {
	o := RunOut{ID: r.ID, Year: r.Year, Status: r.Status, AnnouncedOn: r.AnnouncedOn, Effective: IndexationEffective(r.Year),
		CreatedAt: r.CreatedAt, AppliedAt: r.AppliedAt, Proposals: []ProposalOut{}}
	for _, p := range r.Proposals {
		o.Proposals = append(o.Proposals, ProposalOut{ContractID: p.ContractID, ContractLineID: p.ContractLineID, Effective: p.Effective,
			OldFee: money.Of(p.OldFee), NewFee: money.Of(p.NewFee), Factor: p.Factor.String(), Method: string(p.Method), Series: p.Series,
			IndexNew: pointsOut(p.IndexNew), IndexPrevious: pointsOut(p.IndexPrev), Outcome: string(p.Outcome), Rule: p.Rule,
			Reason: p.Reason, Bounded: p.Bounded, TerminationRight: p.TerminationRight})
		switch p.Outcome {
		case OutcomeChange:
			o.Changes++
		case OutcomeBlocked:
			o.Blocked++
		}
	}
	return o
}

func seriesOut(s *IndexSeries) SeriesOut {
	o := SeriesOut{Code: s.Code, Name: s.Name, Base: s.Base, RebasedFrom: s.RebasedFrom, Values: []ValueOut{}}
	months := make([]civil.Month, 0, len(s.Values))
	for m := range s.Values {
		months = append(months, m)
	}
	slices.SortFunc(months, func(a, b civil.Month) int { return (a.Year*12 + int(a.Month)) - (b.Year*12 + int(b.Month)) })
	for _, m := range months {
		o.Values = append(o.Values, ValueOut{Period: m.String(), Value: s.Values[m].String()})
	}
	return o
}

// NumOne is a quantity of one.
var NumOne = decimal.NewFromInt(1)

func rateOut(r StandardRate) StandardRateOut {
	return StandardRateOut{SKU: r.SKU, Description: r.Description, Kind: string(r.Kind), Unit: r.Unit,
		UnitPrice: money.Of(r.UnitPrice), VATRate: r.VATRate.String()}
}
