// Package pdfdoc is the one document style of every PDF a customer receives (quote,
// order confirmation, delivery note, invoice, credit note, letters, statements): A4, the
// company block (name, address, KvK, BTW/VAT id, IBAN, BIC from BACKOFFICE_COMPANY_*) on
// the left with the title on the right, the addressee beside a facts block, a line table,
// a totals block, text sections and a footer with the registered details and the page
// number — every label in the reader's language (internal/i18n).
package pdfdoc

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"backoffice/internal/config"
	"backoffice/internal/i18n"
)

//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }

// Company is who sends the document; details not configured are left out, never invented.
type Company struct {
	Name, Address, KvK, VATID, IBAN, BIC string
}

// CompanyFrom reads the company details of the configuration.
func CompanyFrom(c *config.Config) Company {
	if c == nil {
		return Company{}
	}
	t := strings.TrimSpace
	return Company{Name: t(c.CompanyName), Address: t(c.CompanyAddress), KvK: t(c.CompanyKvK), VATID: t(c.CompanyVATID), IBAN: t(c.CompanyIBAN), BIC: t(c.CompanyBIC)}
}

// Lines are the company's details under its name: the address, then the registrations.
func (co Company) Lines(l *i18n.Localizer) []string {
	var out []string
	if co.Address != "" {
		out = append(out, co.Address)
	}
	var reg []string
	for _, f := range [][2]string{{"pdfdoc.kvk", co.KvK}, {"pdfdoc.vat_id", co.VATID}, {"pdfdoc.iban", co.IBAN}, {"pdfdoc.bic", co.BIC}} {
		if f[1] != "" {
			reg = append(reg, l.T(f[0])+" "+f[1])
		}
	}
	if len(reg) > 0 {
		out = append(out, strings.Join(reg, " · "))
	}
	return out
}

// Margin is the left and right margin; the page is 210 mm wide.
const Margin = 18.0

// Doc is a document being written. Its methods write top to bottom.
type Doc struct {
	*fpdf.Fpdf
	L   *i18n.Localizer
	Co  Company
	tr  func(string) string
	now time.Time
}

// New starts a document in lang with our company block and title on its first page.
func New(co Company, lang, title, docTitle string, now time.Time) *Doc {
	pdf := fpdf.New("P", "mm", "A4", "")
	d := &Doc{Fpdf: pdf, L: i18n.For(lang), Co: co, tr: pdf.UnicodeTranslatorFromDescriptor(""), now: now}
	pdf.SetTitle(d.tr(docTitle), false)
	pdf.SetAuthor(d.tr(co.Name), false)
	pdf.SetCreationDate(now)
	pdf.SetMargins(Margin, Margin, Margin)
	pdf.SetAutoPageBreak(true, 22)
	pdf.AliasNbPages(pagesAlias)
	pdf.SetHeaderFunc(func() { d.runningHead(docTitle) })
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 7.5)
		pdf.SetTextColor(110, 110, 110)
		parts := append([]string{co.Name}, co.Lines(d.L)...)
		pdf.CellFormat(0, 4, d.tr(strings.Join(parts, " · ")), "", 1, "C", false, 0, "")
		pdf.CellFormat(0, 4, d.tr(d.pageOf()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 15)
	pdf.CellFormat(105, 8, d.tr(co.Name), "", 0, "L", false, 0, "")
	pdf.SetFont("Helvetica", "B", 18)
	pdf.SetTextColor(30, 60, 110)
	pdf.CellFormat(0, 8, d.tr(title), "", 1, "R", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont("Helvetica", "", 9)
	for _, s := range co.Lines(d.L) {
		pdf.CellFormat(0, 4.5, d.tr(s), "", 1, "L", false, 0, "")
	}
	pdf.Ln(8)
	return d
}

// pagesAlias stands for the number of pages until the document is finished.
const pagesAlias = "{nb}"

// pageOf is "pagina 2 van 3".
func (d *Doc) pageOf() string {
	return d.L.T("pdfdoc.page", map[string]any{"Page": d.PageNo(), "Pages": pagesAlias})
}

// runningHead heads every page after the first with who sent which document and the page
// ("Backoffice IT B.V. · Offerte Q2026-0004 (versie 1)   pagina 2 van 3"), so a loose
// page is still known; the first page has the company block and the title instead.
func (d *Doc) runningHead(docTitle string) {
	if d.PageNo() < 2 {
		return
	}
	d.SetFont("Helvetica", "", 8)
	d.SetTextColor(110, 110, 110)
	head := docTitle
	if d.Co.Name != "" {
		head = d.Co.Name + " · " + docTitle
	}
	d.CellFormat(130, 4.5, d.tr(head), "", 0, "L", false, 0, "")
	d.CellFormat(0, 4.5, d.tr(d.pageOf()), "", 1, "R", false, 0, "")
	d.SetTextColor(0, 0, 0)
	d.SetDrawColor(200, 200, 200)
	d.Line(Margin, d.GetY()+1, 210-Margin, d.GetY()+1)
	d.SetDrawColor(0, 0, 0)
	d.SetY(d.GetY() + 6)
}

// Unit is a line's unit in the reader's language ("pcs" → "stuks", "hour" → "uur"); a
// unit typed in words of its own is printed as typed.
func Unit(l *i18n.Localizer, unit string) string {
	if id := "pdfdoc.unit." + strings.ToLower(strings.TrimSpace(unit)); i18n.Has(l.Lang, id) {
		return l.T(id)
	}
	return unit
}

// bottom is where the text of a page ends (A4 minus the footer's margin).
const bottom = 297 - 22

// Keep starts a new page unless h mm are left on this one, so that a block that belongs
// together (a sentence and the lines to sign on, a heading and its text) is not split.
func (d *Doc) Keep(h float64) {
	if d.GetY()+h > bottom {
		d.AddPage()
	}
}

// Tr converts UTF-8 to the PDF's cp1252 (€, ë, é).
func (d *Doc) Tr(s string) string { return d.tr(s) }

// T translates a message id in the document's language.
func (d *Doc) T(id string, data ...map[string]any) string { return d.L.T(id, data...) }

// Fact is one label and value of the facts block.
type Fact struct{ Label, Value string }

// Parties prints the addressee on the left (heading optional, first line bold) and the
// facts (number, date, …) on the right, and continues below the longer of the two.
func (d *Doc) Parties(heading string, address []string, facts []Fact) {
	y := d.GetY()
	if heading != "" {
		d.SetFont("Helvetica", "", 8)
		d.SetTextColor(110, 110, 110)
		d.CellFormat(95, 4.5, d.tr(heading), "", 1, "L", false, 0, "")
		d.SetTextColor(0, 0, 0)
	}
	first := true
	for _, s := range address {
		if strings.TrimSpace(s) == "" {
			continue
		}
		style := ""
		if first {
			style = "B"
		}
		first = false
		d.SetFont("Helvetica", style, 10)
		d.CellFormat(95, 5, d.tr(s), "", 1, "L", false, 0, "")
	}
	left := d.GetY()
	d.SetY(y)
	for _, f := range facts {
		d.SetX(108)
		d.SetFont("Helvetica", "B", 9)
		d.CellFormat(34, 5, d.tr(f.Label), "", 0, "L", false, 0, "")
		d.SetFont("Helvetica", "", 9)
		d.MultiCell(0, 5, d.tr(f.Value), "", "L", false)
	}
	d.SetY(max(left, d.GetY()) + 8)
}

// Heading prints a section heading; Title a document's subject (larger).
func (d *Doc) Heading(s string) {
	d.Keep(25)
	d.SetFont("Helvetica", "B", 10.5)
	d.CellFormat(0, 6, d.tr(s), "", 1, "L", false, 0, "")
}

// Title prints the subject of the document (the quote's title, a letter's subject).
func (d *Doc) Title(s string) {
	d.SetFont("Helvetica", "B", 13)
	d.MultiCell(0, 7, d.tr(s), "", "L", false)
	d.Ln(2)
}

// Text prints a paragraph; Bullets a list of them (terms, notes).
func (d *Doc) Text(s string) {
	d.SetFont("Helvetica", "", 9.5)
	d.MultiCell(0, 5, d.tr(s), "", "L", false)
	d.Ln(2)
}

// bulletIndent is where an item's text starts, right of its bullet.
const bulletIndent = 4.0

// Bullets prints a list in small type.
func (d *Doc) Bullets(items []string) {
	d.SetFont("Helvetica", "", 8.5)
	for _, t := range items {
		d.Keep(8.6) // at least two lines of an item on a page
		d.CellFormat(bulletIndent, 4.3, d.tr("•"), "", 0, "L", false, 0, "")
		d.MultiCell(0, 4.3, d.tr(t), "", "L", false) // wrapped lines hang under the text, not the bullet
		d.Ln(0.8)
	}
	d.Ln(3)
}

// Note prints a small grey remark (under totals, under a table).
func (d *Doc) Note(s string) {
	d.SetFont("Helvetica", "I", 8)
	d.SetTextColor(90, 90, 90)
	d.MultiCell(0, 4, d.tr(s), "", "L", false)
	d.SetTextColor(0, 0, 0)
	d.Ln(2)
}

// Signature prints the lines to sign on: name and signature, date (or the labels given).
func (d *Doc) Signature(name, date string) {
	if name == "" {
		name, date = d.T("pdfdoc.signature"), d.T("pdfdoc.date")
	}
	d.Keep(16)
	d.Ln(10)
	d.SetFont("Helvetica", "", 9)
	d.CellFormat(80, 5, d.tr(name), "T", 0, "L", false, 0, "")
	d.CellFormat(10, 5, "", "", 0, "L", false, 0, "")
	d.CellFormat(50, 5, d.tr(date), "T", 1, "L", false, 0, "")
}

// Bytes finishes the document.
func (d *Doc) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdfdoc: %w", err)
	}
	return buf.Bytes(), nil
}
