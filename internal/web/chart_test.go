package web

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestChartDrawsABarPerValue(t *testing.T) {
	c := &Chart{ID: "pipeline", Title: "Quotes per month", Labels: []string{"2026-01", "2026-02", "2026-03"},
		Series: []ChartSeries{
			{Name: "sent", Class: "chart-s1", Values: []*int{Val(4), Val(0), Val(2)}},
			{Name: "accepted", Class: "chart-s2", Values: []*int{Val(1), Val(0), Val(3)}},
		}}
	svg := string(c.SVG())
	if n := strings.Count(svg, `class="chart-bar `); n != 6 {
		t.Fatalf("want 6 bars, got %d:\n%s", n, svg)
	}
	for _, want := range []string{`role="img"`, `<title id="pipeline-t">Quotes per month</title>`, `data-value="4"`,
		`<title>2026-03, accepted: 3</title>`, `2026-02: sent 0, accepted 0`, `>2026-01</text>`, `class="chart-legend"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("missing %q in\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "no data") {
		t.Errorf("a month with zero counts is data, not a gap:\n%s", svg)
	}
	// heights follow the values on a scale of 4 (the maximum): 4 → full, 2 → half, 0 → none
	h := regexp.MustCompile(`height="(\d+)" class="chart-bar chart-s1"[^>]*data-value="(\d+)"`).FindAllStringSubmatch(svg, -1)
	want := map[string]string{"4": "180", "2": "90", "0": "0"}
	for _, m := range h {
		if want[m[2]] != m[1] {
			t.Errorf("value %s drawn %s high, want %s", m[2], m[1], want[m[2]])
		}
	}
}

func TestChartEmptyStateIsNotZero(t *testing.T) {
	c := &Chart{ID: "sla", Title: "SLA compliance", Unit: "%", Max: 100, Labels: []string{"2026-01", "2026-02"},
		Series: []ChartSeries{{Name: "met", Values: []*int{nil, nil}}}}
	svg := string(c.SVG())
	if !strings.Contains(svg, `data-empty="true"`) || !strings.Contains(svg, ">no data yet</text>") {
		t.Fatalf("no empty state:\n%s", svg)
	}
	if strings.Contains(svg, "chart-bar") || strings.Contains(svg, "0%") {
		t.Errorf("an empty chart draws no bars and no 0 %%:\n%s", svg)
	}
	// one month with data, one without: the gap is hatched and labelled, not a 0 % bar
	c.Series[0].Values[1] = Val(0)
	svg = string(c.SVG())
	if !strings.Contains(svg, `<title>2026-01, met: no data</title>`) || !strings.Contains(svg, `<title>2026-02, met: 0%</title>`) {
		t.Errorf("gap and zero must differ:\n%s", svg)
	}
}

func TestNiceCeil(t *testing.T) {
	for in, want := range map[int]int{0: 2, 1: 2, 3: 4, 9: 10, 12: 20, 130: 200, 1000: 1000} {
		if got := niceCeil(in); got != want {
			t.Errorf("niceCeil(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestUntilReadsLikeAPerson(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		135 * time.Minute: "due in 2 hours 15 min", 45*time.Minute + 30*time.Second: "due in 45 min",
		-61 * time.Minute: "overdue by 1 hour 1 min",
	} {
		if got := Until(now, now.Add(d)); got != want {
			t.Errorf("Until(%v) = %q, want %q", d, got, want)
		}
	}
	if n, more := Capped(51, 50); n != 50 || !more {
		t.Errorf("Capped(51, 50) = %d %v", n, more)
	}
}
