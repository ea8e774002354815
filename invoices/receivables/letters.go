package receivables

import (
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

// Letter is what a dunning letter states (INV-3): principal, interest so far, costs, the
// term and what happens next.
type Letter struct {
	Lang         string
	Stage        Stage
	Company      string
	From         pdfdoc.Company // our company block (BACKOFFICE_COMPANY_*)
	IBAN         string
	To           pdfdoc.Addressee // the customer, t.a.v. its billing contact
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
func euro(lang string, d decimal.Decimal) string { return i18n.Money(i18n.Lang(lang), d) }

// Subject is the letter's subject line.
func (l Letter) Subject() string {
	return msg(l.Lang, "subject."+string(l.Stage), map[string]any{"Number": l.Number})
}

// Text is the letter as plain text (the e-mail body).
func (l Letter) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", l.greeting())
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

// greeting addresses the billing contact by name, else the company.
func (l Letter) greeting() string { return i18n.Greeting(i18n.Lang(l.Lang), l.To.Attn, l.To.Name) }

// PDF renders the letter on A4 in the house document style (internal/pdfdoc).
func (l Letter) PDF(now time.Time) ([]byte, error) {
	co := l.From
	if co.Name == "" {
		co.Name = l.Company
	}
	d := pdfdoc.New(co, i18n.Lang(l.Lang), msg(l.Lang, "title."+string(l.Stage)), l.Subject(), now)
	d.Parties("", l.To.Lines(d.L), []pdfdoc.Fact{{Label: msg(l.Lang, "date"), Value: longDate(l.Lang, l.SentOn)}, {Label: msg(l.Lang, "invoice"), Value: l.Number},
		{Label: msg(l.Lang, "total"), Value: euro(l.Lang, l.Total)}})
	d.Title(l.Subject())
	d.Text(l.greeting())
	d.Text(msg(l.Lang, "intro", map[string]any{"Number": l.Number, "IssueDate": longDate(l.Lang, l.IssueDate), "DueDate": longDate(l.Lang, l.DueDate)}))
	d.Text(msg(l.Lang, "body."+string(l.Stage), map[string]any{"Deadline": longDate(l.Lang, l.Deadline)}))
	var rows []pdfdoc.Row
	for i, r := range l.rows() {
		amount, note := r[1], ""
		if j := strings.Index(amount, " ("); j >= 0 {
			amount, note = amount[:j], amount[j+1:]
		}
		rows = append(rows, pdfdoc.Row{Cells: []string{r[0], amount}, Sub: note, Bold: i == len(l.rows())-1})
	}
	d.Table([]pdfdoc.Column{{Head: msg(l.Lang, "invoice") + " " + l.Number, Width: 134}, {Head: msg(l.Lang, "amount"), Width: 40, Right: true}}, rows)
	d.Ln(2)
	if l.IBAN != "" {
		d.Text(msg(l.Lang, "payto", map[string]any{"IBAN": l.IBAN, "Number": l.Number}))
	}
	d.Text(msg(l.Lang, "regards") + "\n" + co.Name)
	return d.Bytes()
}
