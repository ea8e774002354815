package web

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"time"
)

// Chart is a bar chart drawn as SVG on the server: no JavaScript, readable by screen
// readers (role="img" with <title> and <desc>, every bar its own <title>), and an empty
// state that says "no data yet" instead of drawing zero bars that read as 0.
type Chart struct {
	ID     string
	Title  string
	Desc   string
	Labels []string      // one per group on the x axis ("2026-04")
	Series []ChartSeries // bars per group, side by side
	// Max fixes the top of the y axis (100 for percentages); 0 scales to the data.
	Max int
	// Unit follows a value in labels ("\u00a0%", as every percentage is written), empty for counts.
	Unit string
	// Empty is the message shown when there is no data at all ("no data yet").
	Empty string
}

// ChartSeries is one kind of bar. A nil entry in Values is "no data" for that group: the
// group shows a hatched placeholder, never a bar of 0.
type ChartSeries struct {
	Name   string
	Class  string // CSS class of its bars and legend swatch (chart-s1 …)
	Values []*int
	// Classes, when set, overrides Class per value (chart-low for a compliance below target).
	Classes []string
}

// MonthLabel writes "2026-04" as "Apr 2026" for a chart's x axis (other text as is).
func MonthLabel(yyyymm string) string {
	t, err := time.Parse("2006-01", yyyymm)
	if err != nil {
		return yyyymm
	}
	return t.Format("Jan 2006")
}

// Val is a value for ChartSeries.Values.
func Val(n int) *int { return &n }

// HasData reports whether any group of any series holds a value.
func (c *Chart) HasData() bool {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				return true
			}
		}
	}
	return false
}

const (
	chartH      = 180 // plot height
	chartTop    = 16
	chartBottom = 34 // room for the month labels
	chartLeft   = 34
	chartGroupW = 56
)

// SVG renders the chart, or its empty state.
func (c *Chart) SVG() template.HTML {
	var b bytes.Buffer
	empty := c.Empty
	if empty == "" {
		empty = "no data yet"
	}
	if !c.HasData() {
		fmt.Fprintf(&b, `<figure class="chart-svg chart-empty" id="%s" data-empty="true"><svg viewBox="0 0 480 120" role="img" aria-labelledby="%[1]s-t %[1]s-d" preserveAspectRatio="xMidYMid meet">`+
			`<title id="%[1]s-t">%[2]s</title><desc id="%[1]s-d">%[3]s</desc>`+
			`<rect x="1" y="1" width="478" height="118" rx="8" class="chart-nodata"/>`+
			`<text x="240" y="66" text-anchor="middle" class="chart-nodata-text">%[4]s</text></svg></figure>`,
			template.HTMLEscapeString(c.ID), template.HTMLEscapeString(c.Title), template.HTMLEscapeString(c.Title+": "+empty), template.HTMLEscapeString(empty))
		return template.HTML(b.String())
	}
	top := c.Max
	if top == 0 {
		for _, s := range c.Series {
			for _, v := range s.Values {
				if v != nil && *v > top {
					top = *v
				}
			}
		}
		top = niceCeil(top)
	}
	n := len(c.Labels)
	w := chartLeft + n*chartGroupW + 8
	h := chartTop + chartH + chartBottom
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<figure class="chart-svg" id="%[1]s"><svg viewBox="0 0 %[2]d %[3]d" role="img" aria-labelledby="%[1]s-t %[1]s-d" preserveAspectRatio="xMinYMin meet">`,
		esc(c.ID), w, h)
	fmt.Fprintf(&b, `<title id="%[1]s-t">%[2]s</title><desc id="%[1]s-d">%[3]s</desc>`, esc(c.ID), esc(c.Title), esc(c.describe()))
	// y axis: 0, half and top
	for _, f := range []int{0, 1, 2} {
		v := top * f / 2
		y := chartTop + chartH - chartH*f/2
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%d" y2="%d" class="chart-grid"/><text x="%d" y="%d" text-anchor="end" class="chart-axis">%d%s</text>`,
			chartLeft, w-4, y, y, chartLeft-4, y+4, v, esc(c.Unit))
	}
	k := len(c.Series)
	barW := (chartGroupW - 12) / max(k, 1)
	for g, label := range c.Labels {
		x0 := chartLeft + g*chartGroupW + 6
		fmt.Fprintf(&b, `<g class="chart-group" data-label="%s">`, esc(label))
		for i, s := range c.Series {
			x := x0 + i*barW
			var v *int
			if g < len(s.Values) {
				v = s.Values[g]
			}
			if v == nil {
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="chart-bar-nodata" data-series="%s"><title>%s, %s: no data</title></rect>`,
					x, chartTop, barW-2, chartH, esc(s.Name), esc(label), esc(s.Name))
				cx, cy := x+(barW-2)/2, chartTop+chartH/2
				fmt.Fprintf(&b, `<text x="%d" y="%d" transform="rotate(-90 %d %d)" text-anchor="middle" dominant-baseline="middle" class="chart-gap-text" aria-hidden="true">no data</text>`,
					cx, cy, cx, cy)
				continue
			}
			bh := 0
			if top > 0 {
				bh = *v * chartH / top
			}
			if *v > 0 && bh < 2 {
				bh = 2
			}
			class := s.Class
			if g < len(s.Classes) && s.Classes[g] != "" {
				class = s.Classes[g]
			}
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="chart-bar %s" data-series="%s" data-value="%d"><title>%s, %s: %d%s</title></rect>`,
				x, chartTop+chartH-bh, barW-2, bh, esc(class), esc(s.Name), *v, esc(label), esc(s.Name), *v, esc(c.Unit))
			// the value above the bar: a 0 reads "0", never an empty column like a gap
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="chart-value" aria-hidden="true">%d</text>`,
				x+(barW-2)/2, max(chartTop+chartH-bh-3, 10), *v)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="chart-label">%s</text></g>`,
			x0+(chartGroupW-12)/2, chartTop+chartH+16, esc(label))
	}
	b.WriteString(`</svg>`)
	if k > 1 || c.hasGaps() {
		b.WriteString(`<figcaption class="chart-legend">`)
		if k > 1 {
			for _, s := range c.Series {
				fmt.Fprintf(&b, `<span><i class="chart-swatch %s"></i>%s</span>`, esc(s.Class), esc(s.Name))
			}
		}
		if c.hasGaps() {
			b.WriteString(`<span><i class="chart-swatch chart-bar-nodata"></i>no data</span>`)
		}
		b.WriteString(`</figcaption>`)
	}
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

func (c *Chart) hasGaps() bool {
	for _, s := range c.Series {
		for g := range c.Labels {
			if g >= len(s.Values) || s.Values[g] == nil {
				return true
			}
		}
	}
	return false
}

// describe is the text alternative: every value, in reading order.
func (c *Chart) describe() string {
	var b bytes.Buffer
	if c.Desc != "" {
		b.WriteString(c.Desc + " ")
	}
	for g, label := range c.Labels {
		if g > 0 {
			b.WriteString("; ")
		}
		b.WriteString(label + ":")
		for i, s := range c.Series {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(" " + s.Name + " ")
			if g < len(s.Values) && s.Values[g] != nil {
				b.WriteString(strconv.Itoa(*s.Values[g]) + c.Unit)
			} else {
				b.WriteString("no data")
			}
		}
	}
	return b.String()
}

// niceCeil rounds a maximum up to 2, 4, 6, 8 or 10 times a power of ten (at least 2, so
// the half-way grid line is a whole number): 3 → 4, 12 → 20, 130 → 200.
func niceCeil(v int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{2, 4, 6, 8, 10} {
			if m*p >= v {
				return m * p
			}
		}
	}
}
