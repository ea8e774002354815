package receivables

import (
	"testing"

	"backoffice/internal/testkit"
)

// The payment and bank-entry lists write their rows by hand (issue 14): exactly what
// encoding/json writes, for every field.
func TestRowJSONMatchesEncodingJSON(t *testing.T) {
	testkit.CheckRowJSON[PaymentOut](t)
	testkit.CheckRowJSON[BankEntryOut](t)
}
