package secondment

import (
	"testing"

	"backoffice/internal/testkit"
)

// The invoice run's statement list writes its rows by hand (issue 14): exactly what
// encoding/json writes, for every field.
func TestRowJSONMatchesEncodingJSON(t *testing.T) {
	testkit.CheckRowJSON[StatementSummaryOut](t)
}
