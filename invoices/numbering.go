package invoices

import (
	"fmt"
	"regexp"
	"strings"
)

// Number series. A series' format holds {year} (a yearly series, restarting at 1 each
// year) or not (one running series), and {seq} or {seq:N} (zero-padded to N digits):
// "{year}-{seq:5}" gives 2027-00001, "C{year}-{seq:5}" C2027-00001, "{seq:6}" 000001.
// The counter row of the series is locked by the issuing transaction, so numbers are
// unique and gapless, and an aborted issue consumes none (INV-1).
const (
	SeriesInvoice    = "invoice"
	SeriesCreditNote = "credit_note"
)

var seqRe = regexp.MustCompile(`\{seq(?::([1-9]))?\}`)

// CounterName is the counters row of a series in a year.
func CounterName(series, format string, year int) string {
	if strings.Contains(format, "{year}") {
		return fmt.Sprintf("%s:%d", series, year)
	}
	return series
}

// FormatNumber renders the seq-th number of a series in a year.
func FormatNumber(format string, year int, seq int64) string {
	s := strings.ReplaceAll(format, "{year}", fmt.Sprintf("%04d", year))
	return seqRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := seqRe.FindStringSubmatch(m)
		width := 1
		if sub[1] != "" {
			width = int(sub[1][0] - '0')
		}
		return fmt.Sprintf("%0*d", width, seq)
	})
}
