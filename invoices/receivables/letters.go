package receivables

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
)

// Letter is what a dunning letter states (INV-3): principal, interest so far, costs, the
// term and what happens next.
type Letter struct {
	Lang         string
	Stage        Stage
	Company      string
	CompanyLine  string // address, IBAN
	IBAN         string
	Customer     []string // name and address lines
	Number       string
	IssueDate    civil.Date
	DueDate      civil.Date
	SentOn       civil.Date
	Deadline     civil.Date
	Principal    decimal.Decimal
	Interest     decimal.Decimal
	InterestNote string
	Costs        decimal.Decimal
	Total        decimal.Decimal
}

//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }

// msg translates a letter text (internal/i18n; Dutch by default and as fallback).
func msg(lang, key string, data ...map[string]any) string {
	return i18n.For(i18n.Lang(lang)).T("receivables."+key, data...)
}

func longDate(lang string, d civil.Date) string { return i18n.Date(i18n.Lang(lang), d) }

// euro formats "€ 1.234,50" (nl) or "€1,234.50" (en).
func euro(lang string, d decimal.Decimal) string {
	s := d.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s[:len(s)-3], s[len(s)-2:]
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			if lang == "en" {
				b.WriteByte(',')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteRune(r)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	if lang == "en" {
		return "€" + sign + b.String() + "." + frac
	}
	return "€ " + sign + b.String() + "," + frac
}

// Subject is the letter's subject line.
func (l Letter) Subject() string {
	return msg(l.Lang, "subject."+string(l.Stage), map[string]any{"Number": l.Number})
}

// Text is the letter as plain text (the e-mail body).
func (l Letter) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", msg(l.Lang, "intro", map[string]any{"Number": l.Number, "IssueDate": longDate(l.Lang, l.IssueDate), "DueDate": longDate(l.Lang, l.DueDate)}))
	fmt.Fprintf(&b, "%s\n\n", msg(l.Lang, "body."+string(l.Stage), map[string]any{"Deadline": longDate(l.Lang, l.Deadline)}))
	for _, r := range l.rows() {
		fmt.Fprintf(&b, "%-40s %s\n", r[0], r[1])
	}
	if l.IBAN != "" {
		fmt.Fprintf(&b, "\n%s\n", msg(l.Lang, "payto", map[string]any{"IBAN": l.IBAN, "Number": l.Number}))
	}
	fmt.Fprintf(&b, "\n%s\n%s\n", msg(l.Lang, "regards"), l.Company)
	return b.String()
}

func (l Letter) rows() [][2]string {
	rows := [][2]string{{msg(l.Lang, "principal"), euro(l.Lang, l.Principal)}}
	in := euro(l.Lang, l.Interest)
	if l.InterestNote != "" {
		in += " " + l.InterestNote
	}
	rows = append(rows, [2]string{msg(l.Lang, "interest"), in})
	if l.Costs.IsPositive() {
		rows = append(rows, [2]string{msg(l.Lang, "costs"), euro(l.Lang, l.Costs)})
	}
	return append(rows, [2]string{msg(l.Lang, "total"), euro(l.Lang, l.Total)})
}

// PDF renders the letter on A4.
func (l Letter) PDF(now time.Time) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle(tr(l.Subject()), false)
	pdf.SetAuthor(tr(l.Company), false)
	pdf.SetCreationDate(now)
	pdf.SetMargins(20, 20, 20)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 15)
	pdf.CellFormat(0, 8, tr(l.Company), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 9)
	if l.CompanyLine != "" {
		pdf.CellFormat(0, 4.5, tr(l.CompanyLine), "", 1, "L", false, 0, "")
	}
	pdf.Ln(12)
	pdf.SetFont("Helvetica", "", 10)
	for _, c := range l.Customer {
		if strings.TrimSpace(c) != "" {
			pdf.CellFormat(0, 5, tr(c), "", 1, "L", false, 0, "")
		}
	}
	pdf.Ln(10)
	pdf.CellFormat(0, 5, tr(msg(l.Lang, "date")+": "+longDate(l.Lang, l.SentOn)), "", 1, "L", false, 0, "")
	pdf.CellFormat(0, 5, tr(msg(l.Lang, "invoice")+": "+l.Number), "", 1, "L", false, 0, "")
	pdf.Ln(6)
	pdf.SetFont("Helvetica", "B", 12)
	pdf.MultiCell(0, 6, tr(l.Subject()), "", "L", false)
	pdf.Ln(3)
	pdf.SetFont("Helvetica", "", 10)
	pdf.MultiCell(0, 5, tr(msg(l.Lang, "intro", map[string]any{"Number": l.Number, "IssueDate": longDate(l.Lang, l.IssueDate), "DueDate": longDate(l.Lang, l.DueDate)})), "", "L", false)
	pdf.Ln(3)
	pdf.MultiCell(0, 5, tr(msg(l.Lang, "body."+string(l.Stage), map[string]any{"Deadline": longDate(l.Lang, l.Deadline)})), "", "L", false)
	pdf.Ln(5)
	for i, r := range l.rows() {
		last := i == len(l.rows())-1
		if last {
			pdf.SetFont("Helvetica", "B", 10)
		}
		border := ""
		if last {
			border = "T"
		}
		amount, note := r[1], ""
		if j := strings.Index(amount, " ("); j >= 0 {
			amount, note = amount[:j], amount[j+1:]
		}
		pdf.CellFormat(100, 6, tr(r[0]), border, 0, "L", false, 0, "")
		pdf.CellFormat(40, 6, tr(amount), border, 1, "R", false, 0, "")
		if note != "" {
			pdf.SetFont("Helvetica", "I", 8)
			pdf.CellFormat(0, 4, tr(note), "", 1, "L", false, 0, "")
			pdf.SetFont("Helvetica", "", 10)
		}
	}
	pdf.SetFont("Helvetica", "", 10)
	pdf.Ln(6)
	if l.IBAN != "" {
		pdf.MultiCell(0, 5, tr(msg(l.Lang, "payto", map[string]any{"IBAN": l.IBAN, "Number": l.Number})), "", "L", false)
		pdf.Ln(4)
	}
	pdf.CellFormat(0, 5, tr(msg(l.Lang, "regards")), "", 1, "L", false, 0, "")
	pdf.Ln(8)
	pdf.CellFormat(0, 5, tr(l.Company), "", 1, "L", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
