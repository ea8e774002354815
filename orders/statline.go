package orders

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
)

// MonthValue is one monthly index value.
type MonthValue struct {
	Period civil.Month
	Value  decimal.Decimal
}

// StatLineImport is the result of reading a CBS StatLine CSV export.
type StatLineImport struct {
	Column  string       // the header of the value column that was read
	Values  []MonthValue // monthly values in file order
	Skipped int          // rows that are not months (years, quarters) or carry no value
}

var monthNames = map[string]time.Month{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
	"augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
	"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
	"august": 8, "october": 10,
}

var (
	reODataMonth = regexp.MustCompile(`^(\d{4})MM(\d{2})$`)
	reISOMonth   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reYearName   = regexp.MustCompile(`^(\d{4})\s+([a-z]+)$`)
	reNameYear   = regexp.MustCompile(`^([a-z]+)\s+(\d{4})$`)
)

// parseStatLinePeriod reads a StatLine period label: "2025 oktober", "2025 October",
// "oktober 2025", "2025MM10" (OData) or "2025-10". Provisional marks ("2025 oktober*") are
// ignored. ok is false for years, quarters and anything else that is not a month.
func parseStatLinePeriod(s string) (civil.Month, bool) {
	s = strings.ToLower(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "*")))
	if m := reODataMonth.FindStringSubmatch(strings.ToUpper(s)); m != nil {
		return monthOf(m[1], m[2])
	}
	if m := reISOMonth.FindStringSubmatch(s); m != nil {
		return monthOf(m[1], m[2])
	}
	year, name := "", ""
	if m := reYearName.FindStringSubmatch(s); m != nil {
		year, name = m[1], m[2]
	} else if m := reNameYear.FindStringSubmatch(s); m != nil {
		year, name = m[2], m[1]
	} else {
		return civil.Month{}, false
	}
	mon, ok := monthNames[name]
	if !ok {
		return civil.Month{}, false
	}
	y, err := strconv.Atoi(year)
	if err != nil {
		return civil.Month{}, false
	}
	return civil.Month{Year: y, Month: mon}, true
}

func monthOf(year, month string) (civil.Month, bool) {
	y, yerr := strconv.Atoi(year)
	m, merr := strconv.Atoi(month)
	if yerr != nil || merr != nil || m < 1 || m > 12 {
		return civil.Month{}, false
	}
	return civil.Month{Year: y, Month: time.Month(m)}, true
}

// ParseStatLineCSV reads a CBS StatLine CSV export (the web download with ";" and decimal
// commas, or the OData CSV with "," and decimal points). The header row is the first row with
// a "Perioden"/"Periods" column. column picks the value column by a case-insensitive part of
// its header; it may be empty when the export has exactly one column after the periods.
// Every problem is reported as a field error naming the file line.
func ParseStatLineCSV(data []byte, column string) (*StatLineImport, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = detectDelimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var fe fieldErrors
	out := &StatLineImport{}
	periodCol, valueCol := -1, -1
	seen := make(map[civil.Month]int)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fe.add("file", "%v", err)
			return nil, fe.err()
		}
		line, _ := r.FieldPos(0)
		if periodCol < 0 {
			periodCol, valueCol = findColumns(rec, column, &fe)
			if periodCol >= 0 && valueCol >= 0 {
				out.Column = strings.TrimSpace(rec[valueCol])
			}
			if fe.any() {
				return nil, fe.err()
			}
			continue
		}
		if len(rec) <= periodCol || len(rec) <= valueCol {
			out.Skipped++ // footer lines ("Bron: CBS") have fewer fields
			continue
		}
		m, ok := parseStatLinePeriod(rec[periodCol])
		raw := strings.TrimSpace(rec[valueCol])
		if !ok || raw == "" || raw == "." || raw == "x" || raw == "-" {
			out.Skipped++
			continue
		}
		v, err := money.ParseStrict(normaliseNumber(raw))
		switch {
		case err != nil:
			fe.add(fmt.Sprintf("file:%d", line), "%q is not a number", raw)
			continue
		case !v.IsPositive():
			fe.add(fmt.Sprintf("file:%d", line), "an index value must be positive, got %s", raw)
			continue
		}
		if first, dup := seen[m]; dup {
			fe.add(fmt.Sprintf("file:%d", line), "%s appears again (first on line %d); export one category only", m, first)
			continue
		}
		seen[m] = line
		out.Values = append(out.Values, MonthValue{Period: m, Value: v})
	}
	if periodCol < 0 {
		fe.add("file", "no header row with a Perioden/Periods column was found")
	} else if len(out.Values) == 0 && !fe.any() {
		fe.add("file", "the export holds no monthly values")
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func detectDelimiter(data []byte) rune {
	first := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		first = data[:i] // no header found: judge by the first line
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		l := bytes.ToLower(line)
		if bytes.Contains(l, []byte("perioden")) || bytes.Contains(l, []byte("periods")) {
			first = line
			break
		}
	}
	if bytes.Count(first, []byte(";")) >= bytes.Count(first, []byte(",")) {
		return ';'
	}
	return ','
}

// normaliseNumber turns "134,56" and "1.234,56" into "134.56" and "1234.56".
func normaliseNumber(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.ReplaceAll(s, ",", ".")
	}
	return s
}

// findColumns locates the period column and the value column in a header row; it returns
// -1, -1 when rec is not the header (title lines above it).
func findColumns(rec []string, column string, fe *fieldErrors) (int, int) {
	periodCol := -1
	for i, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "perioden" || h == "periods" || h == "periode" || h == "period" {
			periodCol = i
			break
		}
	}
	if periodCol < 0 {
		return -1, -1
	}
	if column != "" {
		want := strings.ToLower(column)
		for i, h := range rec {
			if i != periodCol && strings.Contains(strings.ToLower(h), want) {
				return periodCol, i
			}
		}
		fe.add("column", "no column header contains %q (columns: %s)", column, strings.Join(rec, " | "))
		return periodCol, -1
	}
	if len(rec) == periodCol+2 {
		return periodCol, periodCol + 1
	}
	fe.add("column", "the export has several value columns (%s); choose one with column", strings.Join(rec[periodCol+1:], " | "))
	return periodCol, -1
}
