package receivables

import "testing"

func TestAllocation(t *testing.T) {
	open := []OpenItem{
		{InvoiceID: 3, Number: "2026-00012", DueDate: day("2026-03-01"), Owed: dec("300.00")},
		{InvoiceID: 1, Number: "2026-00001", DueDate: day("2026-01-15"), Owed: dec("100.00")},
		{InvoiceID: 2, Number: "2026-00002", DueDate: day("2026-02-15"), Owed: dec("200.00"), PaymentRef: "RF18 5390 0754 7034"},
	}
	t.Run("INV-2_oldest_open_first_rest_is_credit", func(t *testing.T) {
		sh, left := Distribute(dec("350.00"), open, 0)
		// 100 to the oldest (due 15 Jan), 200 to the next, 50 to the newest
		if len(sh) != 3 || sh[0].InvoiceID != 1 || !sh[0].Amount.Equal(dec("100")) || sh[1].InvoiceID != 2 ||
			!sh[1].Amount.Equal(dec("200")) || sh[2].InvoiceID != 3 || !sh[2].Amount.Equal(dec("50")) || !left.IsZero() {
			t.Fatalf("%+v left %s", sh, left)
		}
		sh, left = Distribute(dec("700.00"), open, 0)
		if len(sh) != 3 || !left.Equal(dec("100")) {
			t.Fatalf("%+v left %s", sh, left)
		}
	})
	t.Run("INV-2_named_invoice_only", func(t *testing.T) {
		sh, left := Distribute(dec("350.00"), open, 3)
		if len(sh) != 1 || sh[0].InvoiceID != 3 || !sh[0].Amount.Equal(dec("300")) || !left.Equal(dec("50")) {
			t.Fatalf("%+v left %s", sh, left)
		}
	})
	t.Run("reference_match", func(t *testing.T) {
		for _, c := range []struct {
			rem  string
			want int64
		}{
			{"Factuur 2026-00012 dank u", 3},
			{"fact.nr 2026 00001", 1},
			{"betreft RF18539007547034", 2},
			{"RF18 5390 0754 7034", 2},
			{"2026-000012", 0},              // not the same number
			{"2026-00001 en 2026-00002", 0}, // two invoices: an account manager decides
			{"contributie", 0},
		} {
			got, ok := MatchReference(c.rem, open)
			if (c.want == 0) == ok || (ok && got.InvoiceID != c.want) {
				t.Errorf("%q: got %d %v, want %d", c.rem, got.InvoiceID, ok, c.want)
			}
		}
	})
}
