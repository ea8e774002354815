package orders

import (
	"backoffice/internal/civil"
	"slices"
	"strings"
	"testing"
	"time"
)

// statLineWeb is the shape of a StatLine web download: a title line, a header, decimal
// commas, provisional marks, a year row and a source footer.
const statLineWeb = "\ufeff\"Consumentenprijzen; prijsindex 2015=100\"\n" +
	"\"Bestedingscategorieën\";\"Perioden\";\"CPI (2015=100)\"\n" +
	"\"000000 Alle bestedingen\";\"2025 september\";\"133,05\"\n" +
	"\"000000 Alle bestedingen\";\"2025 oktober*\";\"133,52\"\n" +
	"\"000000 Alle bestedingen\";\"2025\";\"132,80\"\n" +
	"\"000000 Alle bestedingen\";\"2025 november\";\".\"\n" +
	"\"Bron: CBS\"\n"

const statLineOData = "ID,Bestedingscategorieen,Perioden,CPI_1,JaarmutatieCPI_2\n" +
	"1,T001112,2024MM10,128.93,3.5\n" +
	"2,T001112,2024KW04,129.10,3.6\n" +
	"3,T001112,2025MM10,133.52,3.6\n"

func TestParseStatLineCSV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    string
		column  string
		values  []string // "YYYY-MM=value"
		skipped int
		fields  []string
		col     string
	}{
		{name: "IDX-1_statline_web_export", data: statLineWeb, values: []string{"2025-09=133.05", "2025-10=133.52"}, skipped: 3, col: "CPI (2015=100)"},
		{name: "IDX-1_statline_odata_export_pick_column", data: statLineOData, column: "cpi_1", values: []string{"2024-10=128.93", "2025-10=133.52"}, skipped: 1, col: "CPI_1"},
		{name: "IDX-1_several_value_columns_need_a_choice", data: statLineOData, fields: []string{"column"}},
		{name: "IDX-1_unknown_column", data: statLineOData, column: "nope", fields: []string{"column"}},
		{name: "IDX-1_no_header", data: "a;b\n1;2\n", fields: []string{"file"}},
		{name: "IDX-1_bad_and_duplicate_values", data: "Perioden;Index\n2025 januari;abc\n2025 februari;-1\n2025 maart;101,0\nmaart 2025;101,1\n",
			fields: []string{"file:2", "file:3", "file:5"}},
		{name: "IDX-1_english_month_names", data: "Periods,Index\n2025 October,101.5\nNovember 2025,101.7\n", values: []string{"2025-10=101.5", "2025-11=101.7"}, col: "Index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseStatLineCSV([]byte(tt.data), tt.column)
			if tt.fields != nil {
				if f := fieldsOf(t, err); !slices.Equal(f, sorted(tt.fields)) {
					t.Fatalf("fields %v, want %v (%v)", f, tt.fields, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var vals []string
			for _, v := range got.Values {
				vals = append(vals, v.Period.String()+"="+v.Value.String())
			}
			if !slices.Equal(vals, tt.values) || got.Skipped != tt.skipped || got.Column != tt.col {
				t.Fatalf("values %v skipped %d column %q, want %v %d %q", vals, got.Skipped, got.Column, tt.values, tt.skipped, tt.col)
			}
		})
	}
}

func TestParseStatLinePeriod(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"2025MM10": "2025-10", "2025 oktober": "2025-10", "2025 mei*": "2025-05", "maart 2024": "2024-03",
		"2025-01": "2025-01", "2025 December": "2025-12",
		"2025": "", "2025JJ00": "", "2025KW01": "", "2025 1e kwartaal": "", "2025MM13": "", "": "",
	} {
		m, ok := parseStatLinePeriod(in)
		got := ""
		if ok {
			got = m.String()
		}
		if got != want {
			t.Errorf("IDX-1 period %q = %q, want %q", in, got, want)
		}
	}
	if m, _ := civil.ParseMonth("2025-10"); m != (civil.Month{Year: 2025, Month: time.October}) {
		t.Fatalf("civil.ParseMonth = %v", m)
	}
	if _, err := civil.ParseMonth("2025-13"); err == nil || !strings.Contains(err.Error(), "YYYY-MM") {
		t.Fatalf("civil.ParseMonth accepted a bad month: %v", err)
	}
}
