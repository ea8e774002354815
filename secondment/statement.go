package secondment

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// StatementStatus is open until the account manager closes the month, then final.
type StatementStatus string

// Statement statuses. A final statement is immutable and is what invoicing bills.
const (
	StatementOpen  StatementStatus = "open"
	StatementFinal StatementStatus = "final"
)

// StatementEntry is an hour entry as a statement counts it.
type StatementEntry struct {
	ID           int64           `json:"id"`
	TechnicianID int64           `json:"technician_id"`
	HourlyRate   decimal.Decimal `json:"hourly_rate"`
	Status       EntryStatus     `json:"status"`
	StartedAt    time.Time       `json:"started_at"`
	EndedAt      time.Time       `json:"ended_at"`
	Description  string          `json:"description"`
	Minutes      int             `json:"minutes"`
	Amount       decimal.Decimal `json:"amount"`
	Segments     []Segment       `json:"segments"`
}

// StatementExpense is an expense as a statement counts it.
type StatementExpense struct {
	ID          int64           `json:"id"`
	Date        civil.Date      `json:"date"`
	Kind        ExpenseKind     `json:"kind"`
	KM          *string         `json:"km,omitempty"`
	Description string          `json:"description"`
	Amount      decimal.Decimal `json:"amount"`
}

// BandTotal is the minutes and amount of one band in a statement.
type BandTotal struct {
	Band    Band            `json:"band"`
	Minutes int             `json:"minutes"`
	Amount  decimal.Decimal `json:"amount"`
}

// Statement is a placement's monthly statement in arrears (SEC-4): the approved hours
// that started in the month (wall-clock time), their totals per band, the expenses of the
// month, and how many entries still await approval.
type Statement struct {
	Month          civil.Month        `json:"-"`
	Status         StatementStatus    `json:"status"`
	Entries        []StatementEntry   `json:"entries"`
	Bands          []BandTotal        `json:"bands"`
	Minutes        int                `json:"minutes"`
	HoursAmount    decimal.Decimal    `json:"hours_amount"`
	Expenses       []StatementExpense `json:"expenses"`
	ExpensesAmount decimal.Decimal    `json:"expenses_amount"`
	Total          decimal.Decimal    `json:"total"`
	OpenCount      int                `json:"open_count"`
}

// BuildStatement totals a month (SEC-4). Of entries it counts the approved ones that
// started inside the month in loc and counts the submitted ones as open; rejected and
// withdrawn entries and entries of other months are left out. Band totals are sums of
// the segments' rounded amounts, so they add up to the hours amount to the cent.
func BuildStatement(m civil.Month, entries []StatementEntry, expenses []StatementExpense, loc *time.Location) Statement {
	st := Statement{
		Month:          m,
		Status:         StatementOpen,
		Entries:        make([]StatementEntry, 0, len(entries)),
		Expenses:       make([]StatementExpense, 0, len(expenses)),
		HoursAmount:    decimal.Zero,
		ExpensesAmount: decimal.Zero,
	}
	from, to := m.Bounds(loc)
	var minutes [4]int
	amounts := [4]decimal.Decimal{decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero}
	for _, e := range entries {
		if e.StartedAt.Before(from) || !e.StartedAt.Before(to) {
			continue
		}
		switch e.Status {
		case StatusSubmitted:
			st.OpenCount++
			continue
		case StatusApproved:
		default:
			continue
		}
		st.Entries = append(st.Entries, e)
		st.Minutes += e.Minutes
		st.HoursAmount = st.HoursAmount.Add(e.Amount)
		for _, s := range e.Segments {
			i := bandIndex(s.Band)
			minutes[i] += s.Minutes
			amounts[i] = amounts[i].Add(s.Amount)
		}
	}
	st.Bands = make([]BandTotal, len(Bands))
	for i, b := range Bands {
		st.Bands[i] = BandTotal{Band: b, Minutes: minutes[i], Amount: amounts[i]}
	}
	first, last := m.First(), m.Last()
	for _, x := range expenses {
		if x.Date.Before(first) || x.Date.After(last) {
			continue
		}
		st.Expenses = append(st.Expenses, x)
		st.ExpensesAmount = st.ExpensesAmount.Add(x.Amount)
	}
	st.Total = st.HoursAmount.Add(st.ExpensesAmount)
	return st
}

func bandIndex(b Band) int {
	for i, x := range Bands {
		if x == b {
			return i
		}
	}
	return 0
}

// CheckClose guards closing a month (SEC-4): only after the month is over, only once,
// and only when no hours of the month await approval — a final statement is billed as
// is and never changes, so hours still open would be lost to invoicing.
func CheckClose(m civil.Month, now time.Time, loc *time.Location, openCount int, status StatementStatus) error {
	switch {
	case status == StatementFinal:
		return ErrStatementFinal
	case !m.Over(now, loc):
		return ErrMonthNotOver
	case openCount > 0:
		return fmt.Errorf("%w: %d entries", ErrOpenHours, openCount)
	}
	return nil
}

// Hours formats the segment's minutes as h:mm for pages.
func (s Segment) Hours() string { return HoursMinutes(s.Minutes) }

// Hours formats the band's minutes as h:mm for pages.
func (b BandTotal) Hours() string { return HoursMinutes(b.Minutes) }

// Hours formats the statement's minutes as h:mm for pages.
func (s Statement) Hours() string { return HoursMinutes(s.Minutes) }

// Hours formats the entry's minutes as h:mm for pages.
func (e StatementEntry) Hours() string { return HoursMinutes(e.Minutes) }

// StatementSummary is a statement's totals without its lines, as the invoice run lists
// every placement of a month (SEC-4): the stored totals of a final month, the live sums
// of an open one. Its figures equal the full statement's (BuildStatement).
type StatementSummary struct {
	Placement      *Placement
	Month          civil.Month
	Status         StatementStatus
	Minutes        int
	HoursAmount    decimal.Decimal
	ExpensesAmount decimal.Decimal
	Total          decimal.Decimal
	OpenCount      int
	Closable       bool
	ClosedAt       *time.Time
}

// Hours formats the summary's minutes as h:mm for pages.
func (s StatementSummary) Hours() string { return HoursMinutes(s.Minutes) }
