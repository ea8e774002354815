package secondment

import (
	"backoffice/internal/money"
	"fmt"
)

func placementOut(p *Placement) PlacementOut {
	o := PlacementOut{ID: p.ID, CustomerID: p.CustomerID, CustomerName: p.CustomerName, TechnicianID: p.TechnicianID,
		TechnicianName: p.TechnicianName, Role: p.Role, HourlyRate: money.Of(p.HourlyRate), KmRate: money.Of(p.KmRate),
		StartDate: p.StartDate, CalendarID: p.CalendarID, Bands: p.Bands, NoticeMonths: p.NoticeMonths,
		NoticeReceivedAt: p.NoticeReceivedAt, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if !p.EndDate.IsZero() {
		d := p.EndDate
		o.EndDate = &d
	}
	if !p.NoticeDeemedOn.IsZero() {
		d := p.NoticeDeemedOn
		o.NoticeDeemedOn = &d
	}
	return o
}

func segmentsOut(segs []Segment) []SegmentOut {
	out := make([]SegmentOut, len(segs))
	for i, s := range segs {
		out[i] = SegmentOut{StartedAt: s.StartedAt.UTC(), EndedAt: s.EndedAt.UTC(), Minutes: s.Minutes, Band: s.Band,
			SurchargePercent: s.SurchargePercent.String(), Rate: rateString(s.Rate), Amount: money.Of(s.Amount)}
	}
	return out
}

func pricingOut(p Pricing) PricingOut {
	return PricingOut{Minutes: p.Minutes, Amount: money.Of(p.Amount), Segments: segmentsOut(p.Segments)}
}

func entryOut(e *HourEntry) EntryOut {
	return EntryOut{ID: e.ID, PlacementID: e.PlacementID, TechnicianID: e.TechnicianID, TechnicianName: e.TechnicianName,
		StartedAt: e.StartedAt.UTC(), EndedAt: e.EndedAt.UTC(), Description: e.Description, Status: e.Status,
		HourlyRate: money.Of(e.HourlyRate), Minutes: e.Minutes, Amount: money.Of(e.Amount), Segments: segmentsOut(e.Segments),
		DecidedAt: e.DecidedAt, RejectReason: e.RejectReason}
}

func expenseOut(x *Expense) ExpenseOut {
	o := ExpenseOut{ID: x.ID, PlacementID: x.PlacementID, Date: x.Date, Kind: x.Kind, Amount: money.Of(x.Amount), Description: x.Description,
		CreatedBy: x.CreatedBy}
	if x.KM != nil {
		s := x.KM.StringFixed(1)
		o.KM = &s
	}
	return o
}

func replacementOut(r *Replacement) ReplacementOut {
	o := ReplacementOut{ID: r.ID, PlacementID: r.PlacementID, FromTechnicianID: r.FromTechnicianID, ToTechnicianID: r.ToTechnicianID,
		FromTechnician: r.FromTechnicianName, ToTechnician: r.ToTechnicianName,
		Reason: r.Reason, RequestedBy: r.RequestedBy, ConsultationNote: r.ConsultationNote, CreatedAt: r.CreatedAt}
	if !r.ConsultedOn.IsZero() {
		d := r.ConsultedOn
		o.ConsultedOn = &d
	}
	return o
}

func statementOut(v *StatementView) StatementOut {
	st, p := v.Statement, v.Placement
	o := StatementOut{PlacementID: p.ID, CustomerID: p.CustomerID, CustomerName: p.CustomerName, TechnicianName: p.TechnicianName,
		Month: st.Month.String(), Status: string(st.Status), Closable: v.Closable, ClosedAt: v.ClosedAt,
		HourlyRate: money.Of(p.HourlyRate), Minutes: st.Minutes, HoursAmount: money.Of(st.HoursAmount),
		ExpensesAmount: money.Of(st.ExpensesAmount), Total: money.Of(st.Total), OpenCount: st.OpenCount,
		Entries: make([]EntryOut, len(st.Entries)), Bands: make([]BandTotalOut, len(st.Bands)), Expenses: make([]ExpenseOut, len(st.Expenses))}
	for i, e := range st.Entries {
		o.Entries[i] = EntryOut{ID: e.ID, PlacementID: p.ID, TechnicianID: e.TechnicianID, StartedAt: e.StartedAt.UTC(), EndedAt: e.EndedAt.UTC(),
			Description: e.Description, Status: e.Status, HourlyRate: money.Of(e.HourlyRate), Minutes: e.Minutes,
			Amount: money.Of(e.Amount), Segments: segmentsOut(e.Segments)}
	}
	for i, b := range st.Bands {
		o.Bands[i] = BandTotalOut{Band: b.Band, Minutes: b.Minutes, Amount: money.Of(b.Amount)}
	}
	for i, x := range st.Expenses {
		o.Expenses[i] = ExpenseOut{ID: x.ID, PlacementID: p.ID, Date: x.Date, Kind: x.Kind, KM: x.KM, Amount: money.Of(x.Amount), Description: x.Description}
	}
	if st.OpenCount > 0 {
		o.Warning = fmt.Sprintf("%d entries of this month await approval and are not included", st.OpenCount)
	}
	return o
}

func statementSummaryOut(s *StatementSummary) StatementSummaryOut {
	p := s.Placement
	return StatementSummaryOut{PlacementID: p.ID, CustomerID: p.CustomerID, CustomerName: p.CustomerName, TechnicianName: p.TechnicianName,
		Role: p.Role, Month: s.Month.String(), Status: string(s.Status), Closable: s.Closable, ClosedAt: s.ClosedAt,
		HourlyRate: money.Of(p.HourlyRate), Minutes: s.Minutes, HoursAmount: money.Of(s.HoursAmount),
		ExpensesAmount: money.Of(s.ExpensesAmount), Total: money.Of(s.Total), OpenCount: s.OpenCount}
}
