package secondment

import (
	"backoffice/internal/civil"
	"backoffice/internal/csvx"
	"backoffice/internal/money"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"
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

// WritePDF renders the statement as an A4 PDF document.
func WritePDF(w io.Writer, h StatementHeading, st Statement, loc *time.Location) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle("Statement "+h.Month.String(), false)
	pdf.SetMargins(15, 15, 15)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 15)
	pdf.CellFormat(0, 8, tr(fmt.Sprintf("Secondment statement %s", h.Month)), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	for _, line := range []string{
		fmt.Sprintf("Placement %d — %s", h.PlacementID, h.Role),
		"Customer: " + h.Customer,
		"Technician: " + h.Technician,
		"Hourly rate: € " + rateString(h.HourlyRate) + " excl. VAT; billed monthly in arrears (SEC-4)",
		"Status: " + string(st.Status),
	} {
		pdf.CellFormat(0, 5, tr(line), "", 1, "L", false, 0, "")
	}
	if st.OpenCount > 0 {
		pdf.SetTextColor(170, 60, 0)
		pdf.CellFormat(0, 5, tr(fmt.Sprintf("Warning: %d entries of this month await approval and are not included.", st.OpenCount)), "", 1, "L", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	}
	pdf.Ln(3)
	widths := []float64{22, 26, 38, 16, 14, 26, 38}
	row := func(style string, cells ...string) {
		pdf.SetFont("Helvetica", style, 9)
		for i, c := range cells {
			align := "L"
			if i >= 3 {
				align = "R"
			}
			pdf.CellFormat(widths[i], 6, tr(c), "B", 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	row("B", "Date", "Time", "Band", "Surch.", "Hours", "Rate", "Amount (€)")
	for _, e := range st.Entries {
		for _, s := range e.Segments {
			a, b := s.StartedAt.In(loc), s.EndedAt.In(loc)
			row("", a.Format("Mon 02-01"), a.Format("15:04")+"–"+b.Format("15:04"), string(s.Band),
				s.SurchargePercent.String()+"%", HoursMinutes(s.Minutes), rateString(s.Rate), money.String(s.Amount))
		}
	}
	pdf.Ln(3)
	row("B", "Band totals", "", "", "", "Hours", "", "Amount (€)")
	for _, b := range st.Bands {
		row("", string(b.Band), "", "", "", HoursMinutes(b.Minutes), "", money.String(b.Amount))
	}
	row("B", "Hours", "", "", "", HoursMinutes(st.Minutes), "", money.String(st.HoursAmount))
	if len(st.Expenses) > 0 {
		pdf.Ln(3)
		row("B", "Expenses", "", "", "", "", "", "Amount (€)")
		for _, x := range st.Expenses {
			desc := x.Description
			if x.KM != nil {
				desc = *x.KM + " km " + desc
			}
			if r := []rune(desc); len(r) > 30 {
				desc = string(r[:30])
			}
			row("", x.Date.String(), string(x.Kind), desc, "", "", "", money.String(x.Amount))
		}
	}
	row("B", "Expenses", "", "", "", "", "", money.String(st.ExpensesAmount))
	row("B", "Total excl. VAT", "", "", "", "", "", money.String(st.Total))
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("secondment: write pdf: %w", err)
	}
	return nil
}
