package orders

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
)

// The Dutch text blocks of the quote PDF: the terms in plain words (the rule IDs stay in
// the code and tests, not on a customer's document), the acceptance record and the
// company's details.

// termsBlock prints the terms that apply to q.
func termsBlock(pdf *fpdf.Fpdf, tr func(string) string, q *Quote) {
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(0, 6, "Voorwaarden", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 8.5)
	validity := fmt.Sprintf("Deze offerte is %d dagen geldig", q.ValidDays)
	if !q.ValidUntil.IsZero() {
		validity = fmt.Sprintf("U kunt deze offerte aanvaarden tot en met %s", i18n.Date("nl", q.ValidUntil))
	}
	terms := []string{
		validity + "; daarna vervalt zij en is een nieuwe offerte nodig.",
		"Alle prijzen zijn in euro's en exclusief btw; de btw staat per tarief vermeld. Vergoedingen voor diensten worden vooraf gefactureerd, tenzij anders afgesproken.",
		"De offerte wordt in haar geheel aanvaard; voor een deel ervan is een nieuwe offerte nodig. Wij leggen vast wie, wanneer en hoe heeft aanvaard en bevestigen dat per e-mail; de aanvaarde offerte maakt deel uit van de overeenkomst en gaat voor de algemene voorwaarden.",
	}
	if q.Cancellable {
		terms = append(terms, "Annuleren kan tot 5 werkdagen voor de startdatum; daarna is de volledige vergoeding verschuldigd.")
	} else {
		terms = append(terms, "Na aanvaarding kan de opdracht niet worden geannuleerd; trainingen kunnen tot 5 dagen voor de datum kosteloos worden geannuleerd.")
	}
	if q.FixedPrice {
		terms = append(terms, "Vaste prijs: meerwerk voeren wij alleen uit en brengen wij alleen in rekening nadat u de financiële gevolgen hebt goedgekeurd.")
	} else {
		terms = append(terms, "Meerwerk op uw verzoek rekenen wij af tegen de afgesproken tarieven, anders tegen onze standaardtarieven.")
	}
	terms = append(terms, "Leverdata zijn streefdata; de levertijd begint zodra alle details zijn afgesproken, de gegevens zijn aangeleverd, deze offerte is aanvaard en een eventuele vooruitbetaling is ontvangen.")
	for _, l := range q.Lines {
		if l.Kind == KindHardware {
			terms = append(terms, "Hardware wordt verkocht en geleverd op uw vestigingsadres, tenzij anders afgesproken. Niet inbegrepen, tenzij schriftelijk afgesproken: bevestigingsmateriaal, accessoires zoals kabels, verbruiksartikelen (batterijen, inkt, toner), licenties van ingebouwde software, en installatie en configuratie. De goederen blijven ons eigendom tot volledige betaling; meld zichtbare gebreken binnen 24 uur na levering.")
			break
		}
	}
	for _, l := range q.Lines {
		if l.Kind == KindRecurring {
			t := q.Terms
			terms = append(terms, fmt.Sprintf("Doorlopende diensten lopen %s vanaf de startdatum en worden daarna steeds met %s verlengd, tenzij u uiterlijk %s voor het einde van de lopende termijn opzegt. Bij beëindiging worden alle openstaande vorderingen direct opeisbaar.",
				nlMonths(t.InitialTermMonths), nlMonths(t.RenewalTermMonths), nlNotice(t)))
			terms = append(terms, clauseNL(q.Indexation))
			break
		}
	}
	for _, t := range terms {
		pdf.MultiCell(0, 4.3, tr("• "+t), "", "L", false)
		pdf.Ln(0.8)
	}
	pdf.Ln(4)
}

// acceptanceBlock prints the acceptance record of an accepted quote, else how to accept.
func acceptanceBlock(pdf *fpdf.Fpdf, tr func(string) string, q *Quote) {
	if a := q.Acceptance; a != nil {
		how := map[AcceptanceMethod]string{AcceptPortal: "in het klantportaal", AcceptSignedPDF: "met een ondertekende offerte", AcceptEmail: "per e-mail"}[a.Method]
		at := a.At.In(clock.Amsterdam)
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(0, 6, "Aanvaard", "", 1, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		pdf.MultiCell(0, 5, tr(fmt.Sprintf("Deze offerte is aanvaard door %s op %s om %s, %s.", a.AcceptedBy, i18n.Date("nl", civil.Of(at)), at.Format("15:04"), how)), "", "L", false)
		return
	}
	pdf.SetFont("Helvetica", "", 9)
	pdf.CellFormat(0, 5, tr("Aanvaarden kan online in het klantportaal, of onderteken en stuur dit document terug:"), "", 1, "L", false, 0, "")
	pdf.Ln(8)
	pdf.CellFormat(80, 5, "Naam en handtekening", "T", 0, "L", false, 0, "")
	pdf.CellFormat(10, 5, "", "", 0, "L", false, 0, "")
	pdf.CellFormat(50, 5, "Datum", "T", 1, "L", false, 0, "")
}

func nlMonths(n int) string {
	if n == 1 {
		return "1 maand"
	}
	return fmt.Sprintf("%d maanden", n)
}

func nlNotice(t ContractTerms) string {
	if t.NoticeDays > 0 {
		if t.NoticeDays == 1 {
			return "1 dag"
		}
		return fmt.Sprintf("%d dagen", t.NoticeDays)
	}
	return nlMonths(t.NoticeMonths)
}

// clauseNL is the indexation clause in Dutch, naming the index in words (not its code).
func clauseNL(c IndexationClause) string {
	var s string
	switch c.Method {
	case IndexBySeries:
		index := "de afgesproken prijsindex"
		if strings.HasPrefix(strings.ToLower(c.SeriesCode), "cbs") {
			index = "de consumentenprijsindex (CPI) van het CBS"
		}
		s = "De vergoedingen worden elk jaar per 1 januari geïndexeerd met " + index
	case IndexFixedPercent:
		s = fmt.Sprintf("De vergoedingen stijgen elk jaar per 1 januari met vast %s%%", strings.ReplaceAll(c.FixedPercent.String(), ".", ","))
	default:
		return "De vergoedingen worden niet geïndexeerd."
	}
	if c.Floor != nil {
		s += fmt.Sprintf(", minimaal %s%%", strings.ReplaceAll(c.Floor.String(), ".", ","))
	}
	if c.Cap != nil {
		s += fmt.Sprintf(", maximaal %s%%", strings.ReplaceAll(c.Cap.String(), ".", ","))
	}
	return s + "."
}

// lines are the company's details for the head of a document; details that are not
// configured are left out, never invented.
func (co Company) lines() []string {
	var out []string
	if co.Address != "" {
		out = append(out, co.Address)
	}
	var reg []string
	for _, f := range [][2]string{{"KvK ", co.KvK}, {"BTW ", co.VATID}, {"IBAN ", co.IBAN}} {
		if f[1] != "" {
			reg = append(reg, f[0]+f[1])
		}
	}
	if len(reg) > 0 {
		out = append(out, strings.Join(reg, " · "))
	}
	return out
}

// footer is the page footer: the company's registered details that are configured, then
// the page number.
func (co Company) footer(page int) string {
	parts := []string{}
	if co.Name != "" {
		parts = append(parts, co.Name)
	}
	parts = append(parts, co.lines()...)
	return strings.Join(append(parts, fmt.Sprintf("pagina %d", page)), " · ")
}
