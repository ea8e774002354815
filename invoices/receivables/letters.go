package receivables

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
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

// messages are the letters' texts, Dutch by default.
var messages = map[string]map[string]string{
	"nl": {
		"subject.first_reminder":  "Betalingsherinnering factuur %s",
		"subject.second_reminder": "Tweede herinnering factuur %s",
		"subject.suspension":      "Aankondiging opschorting dienstverlening – factuur %s",
		"subject.default_notice":  "Ingebrekestelling factuur %s",
		"subject.collection":      "Overdracht ter incasso – factuur %s",
		"intro":                   "Volgens onze administratie is factuur %s van %s, met vervaldatum %s, nog niet (volledig) betaald.",
		"body.first_reminder":     "Wij verzoeken u het openstaande bedrag uiterlijk %s te voldoen. Heeft u inmiddels betaald, dan kunt u deze herinnering als niet verzonden beschouwen.",
		"body.second_reminder":    "Ondanks onze eerdere herinnering hebben wij uw betaling nog niet ontvangen. Wij verzoeken u het openstaande bedrag uiterlijk %s te voldoen. Blijft betaling uit, dan kunnen wij onze dienstverlening opschorten; uw betalingsverplichting blijft bestaan.",
		"body.suspension":         "Omdat betaling uitblijft, zullen wij onze dienstverlening opschorten als het volledige bedrag (inclusief rente en kosten) niet uiterlijk %s is ontvangen. Na volledige betaling herstellen wij de dienstverlening.",
		"body.default_notice":     "Wij stellen u hierbij in gebreke. Wij geven u een laatste termijn van veertien dagen: betaal het openstaande bedrag uiterlijk %s. Betaalt u niet binnen deze termijn, dan bent u daarnaast de buitengerechtelijke incassokosten verschuldigd en dragen wij de vordering over ter incasso.",
		"body.collection":         "Omdat betaling ook na onze ingebrekestelling uitbleef, dragen wij de vordering per %s over ter incasso. Alle gerechtelijke en buitengerechtelijke kosten komen voor uw rekening.",
		"principal":               "Openstaande hoofdsom", "interest": "Wettelijke handelsrente tot heden", "costs": "Buitengerechtelijke incassokosten",
		"total": "Totaal te voldoen", "payto": "Graag overmaken naar %s onder vermelding van factuurnummer %s.",
		"interest.notyet": "(berekend; wordt in rekening gebracht als betaling na deze herinnering uitblijft)",
		"regards":         "Met vriendelijke groet,", "date": "Datum", "invoice": "Factuur",
	},
	"en": {
		"subject.first_reminder":  "Payment reminder invoice %s",
		"subject.second_reminder": "Second reminder invoice %s",
		"subject.suspension":      "Notice of suspension of service – invoice %s",
		"subject.default_notice":  "Notice of default invoice %s",
		"subject.collection":      "Transfer for collection – invoice %s",
		"intro":                   "According to our records invoice %s of %s, due on %s, has not been paid (in full).",
		"body.first_reminder":     "Please pay the amount outstanding by %s at the latest. If you have paid in the meantime, please disregard this reminder.",
		"body.second_reminder":    "Despite our earlier reminder we have not received your payment. Please pay the amount outstanding by %s at the latest. Otherwise we may suspend our services; your obligation to pay remains.",
		"body.suspension":         "As payment has not been made, we will suspend our services unless the full amount (interest and costs included) is received by %s. Service is restored once everything is paid.",
		"body.default_notice":     "We hereby give you notice of default and a final term of fourteen days: please pay the amount outstanding by %s. Otherwise the extrajudicial collection costs become due as well and we will hand the claim over for collection.",
		"body.collection":         "As payment was not made after our notice of default, we hand the claim over for collection as of %s. All judicial and extrajudicial costs are for your account.",
		"principal":               "Principal outstanding", "interest": "Statutory commercial interest to date", "costs": "Extrajudicial collection costs",
		"total": "Total to pay", "payto": "Please transfer to %s quoting invoice number %s.",
		"interest.notyet": "(computed; charged if payment fails after this reminder)",
		"regards":         "Kind regards,", "date": "Date", "invoice": "Invoice",
	},
}

func msg(lang, key string, args ...any) string {
	m, ok := messages[lang]
	if !ok {
		m = messages["nl"]
	}
	s, ok := m[key]
	if !ok {
		s = messages["nl"][key]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

var monthsNL = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

func longDate(lang string, d civil.Date) string {
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month.String(), d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, monthsNL[d.Month-1], d.Year)
}

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
func (l Letter) Subject() string { return msg(l.Lang, "subject."+string(l.Stage), l.Number) }

// Text is the letter as plain text (the e-mail body).
func (l Letter) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", msg(l.Lang, "intro", l.Number, longDate(l.Lang, l.IssueDate), longDate(l.Lang, l.DueDate)))
	fmt.Fprintf(&b, "%s\n\n", msg(l.Lang, "body."+string(l.Stage), longDate(l.Lang, l.Deadline)))
	for _, r := range l.rows() {
		fmt.Fprintf(&b, "%-40s %s\n", r[0], r[1])
	}
	if l.IBAN != "" {
		fmt.Fprintf(&b, "\n%s\n", msg(l.Lang, "payto", l.IBAN, l.Number))
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
	pdf.MultiCell(0, 5, tr(msg(l.Lang, "intro", l.Number, longDate(l.Lang, l.IssueDate), longDate(l.Lang, l.DueDate))), "", "L", false)
	pdf.Ln(3)
	pdf.MultiCell(0, 5, tr(msg(l.Lang, "body."+string(l.Stage), longDate(l.Lang, l.Deadline))), "", "L", false)
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
		pdf.MultiCell(0, 5, tr(msg(l.Lang, "payto", l.IBAN, l.Number)), "", "L", false)
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
