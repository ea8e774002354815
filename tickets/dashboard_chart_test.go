package tickets

import (
	"strings"
	"testing"
)

// TestComplianceChartTellsNoDataFromZero: on the SLA dashboard a month in which no ticket
// was resolved is "no data", never a 0 % bar, and a year without any reads "no data yet"
// (issue 13).
func TestComplianceChartTellsNoDataFromZero(t *testing.T) {
	empty := string(complianceChart([]MonthCompliance{{Month: "2026-01", Percent: 100}, {Month: "2026-02", Percent: 100}}).SVG())
	if !strings.Contains(empty, `data-empty="true"`) || !strings.Contains(empty, "no data yet") || strings.Contains(empty, "chart-bar") {
		t.Fatalf("a year without resolved tickets must read no data yet:\n%s", empty)
	}
	svg := string(complianceChart([]MonthCompliance{
		{Month: "2026-01", Percent: 100},                      // nothing resolved
		{Month: "2026-02", Resolved: 4, Met: 0, Percent: 0},   // all missed
		{Month: "2026-03", Resolved: 10, Met: 9, Percent: 90}, // below 95 %
		{Month: "2026-04", Resolved: 2, Met: 2, Percent: 100},
	}).SVG())
	for _, want := range []string{
		`<title>Jan 2026, met both targets: no data</title>`,
		`class="chart-bar chart-low" data-series="met both targets" data-value="0"><title>Feb 2026, met both targets: 0` + "\u00a0" + `%</title>`,
		`class="chart-bar chart-mid" data-series="met both targets" data-value="90"`,
		`class="chart-bar chart-s1" data-series="met both targets" data-value="100"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("missing %q in\n%s", want, svg)
		}
	}
	if strings.Count(svg, `class="chart-bar `) != 3 {
		t.Errorf("three months with data, three bars:\n%s", svg)
	}
}
