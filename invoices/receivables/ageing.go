package receivables

import (
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// Buckets of the ageing report, by days past the due date.
var Buckets = []string{"not_due", "1_30", "31_60", "61_90", "over_90"}

// BucketOf is the ageing bucket of an invoice due on `due`, seen on `today`.
func BucketOf(due, today civil.Date) int {
	late := today.DaysSince(due)
	switch {
	case late <= 0:
		return 0
	case late <= 30:
		return 1
	case late <= 60:
		return 2
	case late <= 90:
		return 3
	}
	return 4
}

// AgeingRow is one customer's open balance per bucket.
type AgeingRow struct {
	CustomerID int64
	Name       string
	Amounts    [5]decimal.Decimal
	Total      decimal.Decimal
	Invoices   int
}

// Ageing groups open balances per customer and bucket; the last row is the total.
type Ageing struct {
	On     civil.Date
	Rows   []AgeingRow
	Totals AgeingRow
}
