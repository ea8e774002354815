package secondment

import (
	"backoffice/internal/civil"
	"backoffice/internal/csvx"
	"backoffice/internal/money"
	"backoffice/internal/pdfdoc"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// StatementHeading names what a statement is about, for its exports.
type StatementHeading struct {
	PlacementID int64
	Customer    string
	Technician  string
	Role        string
	HourlyRate  decimal.Decimal
	Month       civil.Month
	Status      StatementStatus
	// What the PDF prints besides: the customer's address lines and language, our company.
	Address   []string
	Language  string
	Company   pdfdoc.Company
	PrintedAt time.Time
}

// csvHeader is the column row of the statement CSV: one row per segment of every
// approved entry, then one per band total, one per expense and the totals, each marked
// by its kind so a spreadsheet or the invoice run can filter.
var csvHeader = []string{"kind", "entry_id", "date", "started_at", "ended_at", "band", "minutes",
	"surcharge_percent", "rate", "amount", "description"}

// WriteCSV writes the statement as CSV; instants are Amsterdam wall-clock times with
// offset (RFC 3339) and amounts have two decimals.
func WriteCSV(w io.Writer, h StatementHeading, st Statement, loc *time.Location) error {
	cw := csvx.NewWriter(w) // neutralises spreadsheet formulas (issue 9 #8)
	rows := [][]string{csvHeader}
	for _, e := range st.Entries {
		for _, s := range e.Segments {
			lt := s.StartedAt.In(loc)
			rows = append(rows, []string{"segment", strconv.FormatInt(e.ID, 10), lt.Format(time.DateOnly),
				lt.Format(time.RFC3339), s.EndedAt.In(loc).Format(time.RFC3339), string(s.Band),
				strconv.Itoa(s.Minutes), s.SurchargePercent.String(), rateString(s.Rate), money.String(s.Amount), e.Description})
		}
	}
	for _, b := range st.Bands {
		rows = append(rows, []string{"band_total", "", "", "", "", string(b.Band), strconv.Itoa(b.Minutes), "", "", money.String(b.Amount), ""})
	}
	for _, x := range st.Expenses {
		desc := string(x.Kind) + ": " + x.Description
		if x.KM != nil {
			desc += " (" + *x.KM + " km)"
		}
		rows = append(rows, []string{"expense", "", x.Date.String(), "", "", "", "", "", "", money.String(x.Amount), desc})
	}
	rows = append(rows,
		[]string{"hours_total", "", "", "", "", "", strconv.Itoa(st.Minutes), "", rateString(h.HourlyRate), money.String(st.HoursAmount), h.Month.String()},
		[]string{"expenses_total", "", "", "", "", "", "", "", "", money.String(st.ExpensesAmount), ""},
		[]string{"total", "", "", "", "", "", "", "", "", money.String(st.Total), string(st.Status)},
	)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("secondment: write csv: %w", err)
	}
	return nil
}

// rateString shows a rate with at least two decimals and every further decimal it has.
func rateString(d decimal.Decimal) string {
	if d.Equal(d.Round(2)) {
		return d.StringFixed(2)
	}
	return d.String()
}

// HoursMinutes formats minutes as "h:mm" (75 → "1:15").
func HoursMinutes(m int) string { return fmt.Sprintf("%d:%02d", m/60, m%60) }
