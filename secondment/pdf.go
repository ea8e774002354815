package secondment

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }

// WritePDF renders the statement in the customer's language (h.Language) in the house
// document style (internal/pdfdoc): the placement by its name (role, consultant, customer —
// never its id) and its facts, the approved hours per
// segment with their band and surcharge, the totals per band, the expenses and the total
// — billed monthly in arrears, said in plain words.
func WritePDF(w io.Writer, h StatementHeading, st Statement, loc *time.Location) error {
	l := i18n.For(h.Language)
	lang := l.Lang
	month := i18n.MonthYear(lang, h.Month)
	d := pdfdoc.New(h.Company, lang, l.T("secondment.pdf.title"), l.T("secondment.pdf.doc_title", map[string]any{"Month": month}), h.PrintedAt)
	addr := h.Address
	if len(addr) == 0 {
		addr = []string{h.Customer}
	}
	d.Parties(l.T("secondment.pdf.to"), addr, []pdfdoc.Fact{{Label: l.T("secondment.pdf.month"), Value: month},
		{Label: l.T("secondment.pdf.placement"), Value: l.T("secondment.pdf.placement_value", map[string]any{"Role": h.Role, "Technician": h.Technician, "Customer": h.Customer})},
		{Label: l.T("secondment.pdf.rate"), Value: l.T("secondment.pdf.rate_value", map[string]any{"Rate": i18n.Money(lang, h.HourlyRate)})},
		{Label: l.T("secondment.pdf.status"), Value: l.T("secondment.status." + string(st.Status))}})
	d.Title(l.T("secondment.pdf.title") + " " + month)
	d.Text(l.T("secondment.pdf.billing"))
	if st.OpenCount > 0 {
		d.SetTextColor(170, 60, 0)
		key := "secondment.pdf.open_warning"
		if st.OpenCount == 1 {
			key += "_one"
		}
		d.Text(l.T(key, map[string]any{"Count": st.OpenCount}))
		d.SetTextColor(0, 0, 0)
	}
	d.Heading(l.T("secondment.pdf.hours"))
	cols := []pdfdoc.Column{{Head: l.T("secondment.pdf.col.date"), Width: 40}, {Head: l.T("secondment.pdf.col.time"), Width: 26},
		{Head: l.T("secondment.pdf.col.band"), Width: 30}, {Head: l.T("secondment.pdf.col.surcharge"), Width: 18, Right: true},
		{Head: l.T("secondment.pdf.col.hours"), Width: 16, Right: true}, {Head: l.T("secondment.pdf.col.rate"), Width: 20, Right: true},
		{Head: l.T("secondment.pdf.col.amount"), Width: 24, Right: true}}
	var rows []pdfdoc.Row
	for _, e := range st.Entries {
		for _, s := range e.Segments {
			a, b := s.StartedAt.In(loc), s.EndedAt.In(loc)
			rows = append(rows, pdfdoc.Row{Cells: []string{i18n.Date(lang, civil.Of(a)), a.Format("15:04") + "–" + b.Format("15:04"), l.T("secondment.band." + string(s.Band)),
				i18n.Percent(lang, s.SurchargePercent), HoursMinutes(s.Minutes), i18n.Money(lang, s.Rate), i18n.Money(lang, s.Amount)}})
		}
	}
	d.Table(cols, rows)
	d.Heading(l.T("secondment.pdf.bands"))
	rows = nil
	for _, b := range st.Bands {
		rows = append(rows, pdfdoc.Row{Cells: []string{l.T("secondment.band." + string(b.Band)), HoursMinutes(b.Minutes), i18n.Money(lang, b.Amount)}})
	}
	d.Table([]pdfdoc.Column{{Head: l.T("secondment.pdf.col.band"), Width: 110}, {Head: l.T("secondment.pdf.col.hours"), Width: 30, Right: true},
		{Head: l.T("secondment.pdf.col.amount"), Width: 34, Right: true}}, rows)
	if len(st.Expenses) > 0 {
		d.Heading(l.T("secondment.pdf.expenses"))
		rows = nil
		for _, x := range st.Expenses {
			desc := x.Description
			if x.KM != nil {
				km := *x.KM
				if lang == i18n.NL {
					km = strings.Replace(km, ".", ",", 1)
				}
				desc = l.T("secondment.pdf.km", map[string]any{"KM": km}) + " " + desc
			}
			rows = append(rows, pdfdoc.Row{Cells: []string{desc, i18n.Date(lang, x.Date), l.T("secondment.expense." + string(x.Kind)), i18n.Money(lang, x.Amount)}})
		}
		d.Table([]pdfdoc.Column{{Head: l.T("secondment.pdf.col.description"), Width: 84}, {Head: l.T("secondment.pdf.col.date"), Width: 36},
			{Head: l.T("secondment.pdf.col.kind"), Width: 26}, {Head: l.T("secondment.pdf.col.amount"), Width: 28, Right: true}}, rows)
	}
	d.Totals([]pdfdoc.Total{{Label: l.T("secondment.pdf.total_hours", map[string]any{"Hours": HoursMinutes(st.Minutes)}), Value: i18n.Money(lang, st.HoursAmount)},
		{Label: l.T("secondment.pdf.total_expenses"), Value: i18n.Money(lang, st.ExpensesAmount)},
		{Label: l.T("secondment.pdf.total"), Value: i18n.Money(lang, st.Total), Bold: true, Rule: true}})
	b, err := d.Bytes()
	if err != nil {
		return fmt.Errorf("secondment: write pdf: %w", err)
	}
	_, err = w.Write(b)
	return err
}
