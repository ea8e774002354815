package hardware

import (
	"testing"

	"backoffice/internal/testkit"
)

// The defect-report and RMA lists write their rows by hand (issue 14): exactly what
// encoding/json writes, for every field.
func TestRowJSONMatchesEncodingJSON(t *testing.T) {
	testkit.CheckRowJSON[DefectOut](t)
	testkit.CheckRowJSON[RMAOut](t)
}
