package receivables

import (
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// OpenItem is an open invoice as allocation sees it.
type OpenItem struct {
	InvoiceID  int64
	CustomerID int64
	Number     string
	PaymentRef string
	IssueDate  civil.Date
	DueDate    civil.Date
	Owed       decimal.Decimal // the claim's total on the payment day
}

// Share is the part of a payment that goes to one invoice.
type Share struct {
	InvoiceID int64
	Amount    decimal.Decimal
}

// Distribute allocates a payment: all to the named invoice (up to what it owes), else to
// the open invoices oldest first (by due date, then number). What is left is the
// customer's unallocated credit.
func Distribute(amount decimal.Decimal, open []OpenItem, named int64) ([]Share, decimal.Decimal) {
	left := amount
	var out []Share
	for _, it := range oldestFirst(open) {
		if named != 0 && it.InvoiceID != named {
			continue
		}
		if !left.IsPositive() {
			break
		}
		x := decimal.Min(left, it.Owed)
		if x.IsPositive() {
			out = append(out, Share{it.InvoiceID, x})
			left = left.Sub(x)
		}
	}
	return out, left
}

func oldestFirst(open []OpenItem) []OpenItem {
	s := append([]OpenItem(nil), open...)
	for i := 1; i < len(s); i++ { // insertion sort: small lists, stable
		for j := i; j > 0 && older(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

func older(a, b OpenItem) bool {
	if a.DueDate != b.DueDate {
		return a.DueDate.Before(b.DueDate)
	}
	if a.IssueDate != b.IssueDate {
		return a.IssueDate.Before(b.IssueDate)
	}
	return a.InvoiceID < b.InvoiceID
}

// MatchReference finds the one open invoice whose number or payment reference appears in
// a bank transfer's remittance information as a whole word (ignoring case, spaces and
// dashes inside a reference). None or more than one: no match.
func MatchReference(remittance string, open []OpenItem) (OpenItem, bool) {
	words := tokens(remittance)
	var found []OpenItem
	for _, it := range open {
		for _, key := range []string{it.Number, it.PaymentRef} {
			if k := compact(key); k != "" && hasToken(words, k) {
				found = append(found, it)
				break
			}
		}
	}
	if len(found) != 1 {
		return OpenItem{}, false
	}
	return found[0], true
}

// compact upper-cases and drops everything but letters and digits.
func compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// tokens splits on whitespace and punctuation other than '-', '/' and '.', which occur
// inside references, and returns each word compacted, plus every pair of neighbouring
// words joined (a reference split by a space: "RF18 5390 0754 7034").
func tokens(s string) map[string]bool {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '/' || r == '.')
	})
	out := map[string]bool{}
	for i := range f {
		acc := ""
		for j := i; j < len(f) && j < i+5; j++ {
			acc += compact(f[j])
			out[acc] = true
		}
	}
	return out
}

func hasToken(words map[string]bool, k string) bool { return words[k] }
