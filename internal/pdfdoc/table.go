package pdfdoc

// Column is one column of a line table; the first column wraps, the others do not.
type Column struct {
	Head  string
	Width float64 // mm; the widths add up to 174 (A4 minus the margins)
	Right bool
}

// Row is one line of a table: its cells and an optional small grey line under the first
// cell (a period, serial numbers, "delivered on …").
type Row struct {
	Cells []string
	Sub   string
	Bold  bool
}

// Table prints a line table with a shaded header, repeated after a page break.
func (d *Doc) Table(cols []Column, rows []Row) {
	head := func() {
		d.SetFont("Helvetica", "B", 9)
		d.SetFillColor(235, 238, 243)
		for _, c := range cols {
			d.CellFormat(c.Width, 7, d.tr(c.Head), "B", 0, align(c.Right), true, 0, "")
		}
		d.Ln(-1)
	}
	head()
	for _, r := range rows {
		style := ""
		if r.Bold {
			style = "B"
		}
		if d.GetY()+d.rowHeight(cols[0].Width, r, style) > bottom { // a row is never split over two pages
			d.AddPage()
			head()
		}
		x, y := d.GetXY()
		d.SetFont("Helvetica", style, 9)
		d.MultiCell(cols[0].Width, 5, d.tr(r.Cells[0]), "", "L", false)
		if r.Sub != "" {
			d.SetFont("Helvetica", "", 7.5)
			d.SetTextColor(90, 90, 90)
			d.MultiCell(cols[0].Width, 4, d.tr(r.Sub), "", "L", false)
			d.SetTextColor(0, 0, 0)
			d.SetFont("Helvetica", style, 9)
		}
		h := d.GetY() - y
		d.SetXY(x+cols[0].Width, y)
		for i, c := range cols[1:] {
			v := ""
			if i+1 < len(r.Cells) {
				v = r.Cells[i+1]
			}
			d.CellFormat(c.Width, 5, d.tr(v), "", 0, align(c.Right), false, 0, "")
		}
		d.SetXY(x, y+max(h, 5)+1)
	}
	d.Line(Margin, d.GetY(), 210-Margin, d.GetY())
	d.Ln(2)
}

// rowHeight is the height a row takes: its wrapped first cell and the line under it.
func (d *Doc) rowHeight(w float64, r Row, style string) float64 {
	d.SetFont("Helvetica", style, 9)
	h := 5 * float64(max(1, len(d.SplitLines([]byte(d.tr(r.Cells[0])), w))))
	if r.Sub != "" {
		d.SetFont("Helvetica", "", 7.5)
		h += 4 * float64(len(d.SplitLines([]byte(d.tr(r.Sub)), w)))
	}
	return max(h, 5) + 1
}

func align(right bool) string {
	if right {
		return "R"
	}
	return "L"
}

// Total is one row of the totals block; Rule draws a line above it.
type Total struct {
	Label, Value string
	Bold, Rule   bool
}

// Totals prints the totals block on the right half of the page.
func (d *Doc) Totals(rows []Total) {
	d.Keep(5.5*float64(len(rows)) + 4)
	for _, t := range rows {
		if t.Rule {
			d.Line(96, d.GetY(), 210-Margin, d.GetY())
		}
		style := ""
		if t.Bold {
			style = "B"
		}
		d.SetX(96)
		d.SetFont("Helvetica", style, 9.5)
		d.CellFormat(66, 5.5, d.tr(t.Label), "", 0, "L", false, 0, "")
		d.CellFormat(30, 5.5, d.tr(t.Value), "", 1, "R", false, 0, "")
	}
	d.Ln(4)
}
