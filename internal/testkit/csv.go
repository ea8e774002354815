package testkit

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// ReadCSV parses a CSV export's body into its records (the header first), failing the
// test on malformed CSV.
func ReadCSV(t testing.TB, body []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return rows
}
