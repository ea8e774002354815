package orders

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"backoffice/internal/clock"
)

func TestQuoteCreateAPI(t *testing.T) {
	e := setup(t, monday2March)
	t.Run("201_Q-7_draft_with_number_lines_and_totals", func(t *testing.T) {
		q := e.createQuote(t, nil)
		if !regexp.MustCompile(`^Q2026-\d{4}$`).MatchString(q.Number) || q.Version != 1 || q.Status != "draft" || q.ValidDays != 30 {
			t.Fatalf("quote %+v", q)
		}
		if len(q.Lines) != 3 || q.Lines[0].ID == 0 || q.Lines[0].LineTotal.StringFixed(2) != "1798.00" || q.Lines[1].LineTotal.StringFixed(2) != "125.00" {
			t.Fatalf("lines %+v", q.Lines)
		}
		// 1798 + 125 + 380 = 2303; VAT 21% = 483.63
		if q.Totals.Net.StringFixed(2) != "2303.00" || q.Totals.VAT.StringFixed(2) != "483.63" || q.Totals.Gross.StringFixed(2) != "2786.63" {
			t.Fatalf("totals %+v", q.Totals)
		}
		if q.Terms.InitialTermMonths != 48 || q.Terms.RenewalTermMonths != 12 || q.Terms.NoticeMonths != 2 || q.Indexation.Series != DefaultIndexSeries {
			t.Fatalf("Q-8 default terms %+v %+v", q.Terms, q.Indexation)
		}
		if auditCount(t, "quote", q.ID, "create") != 1 {
			t.Fatal("DATA-1: no audit entry for the creation")
		}
	})
	t.Run("201_Q-8_terms_profile_and_override", func(t *testing.T) {
		q := e.createQuote(t, map[string]any{"terms": map[string]any{"profile": "1y-1y-80d"}, "valid_days": 14})
		if q.Terms.InitialTermMonths != 12 || q.Terms.NoticeDays != 80 || q.Terms.PriceChangeRule != string(PriceChangeOneMonth) || q.ValidDays != 14 {
			t.Fatalf("terms %+v", q.Terms)
		}
		q = e.createQuote(t, map[string]any{"terms": map[string]any{"initial_term_months": 36, "notice_months": 3}})
		if q.Terms.InitialTermMonths != 36 || q.Terms.NoticeMonths != 3 || q.Terms.RenewalTermMonths != 12 {
			t.Fatalf("override %+v", q.Terms)
		}
	})
	t.Run("422_bad_input_every_field_at_once_nothing_stored", func(t *testing.T) {
		before := quotesOf(t, e.cust.ID)
		body := quoteBody(e.cust.ID, map[string]any{"valid_days": 0, "start_date": "2026-03-01", "lines": []map[string]any{
			{"kind": "hardware", "description": "x", "quantity": "0", "unit": "pcs", "unit_price": "10.00", "vat_rate": "21"},
			{"kind": "service", "description": "y", "quantity": "-2", "unit": "h", "unit_price": "10.005", "vat_rate": "19"},
			{"kind": "recurring", "description": "z", "quantity": "1", "unit": "u", "unit_price": "abc", "vat_rate": "21"},
		}})
		r := e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, body).Expect(t, 422)
		want := []string{"lines[0].quantity", "lines[1].quantity", "lines[1].unit_price", "lines[1].vat_rate", "lines[2].period", "lines[2].unit_price", "start_date", "valid_days"}
		if got := r.FieldErrors(t); !slices.Equal(got, want) || r.Code(t) != "validation_failed" {
			t.Fatalf("fields %v, want %v", got, want)
		}
		e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, map[string]any{"valid_days": 366})).Expect(t, 422)
		e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(999999, nil)).Expect(t, 422)
		if quotesOf(t, e.cust.ID) != before {
			t.Fatal("a refused quote was stored")
		}
	})
	t.Run("400_malformed_and_unknown_fields", func(t *testing.T) {
		e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, `{"title":`).Expect(t, 400)
		e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, map[string]any{"colour": "red"})).Expect(t, 400)
	})
	t.Run("403_customer_and_401_anonymous", func(t *testing.T) {
		e.a.Do(t, "POST", "/api/v1/quotes", e.contact.Token, quoteBody(e.cust.ID, nil)).Expect(t, 403)
		e.a.Do(t, "POST", "/api/v1/quotes", "", quoteBody(e.cust.ID, nil)).Expect(t, 401)
	})
}

func TestQuoteNumbersUniqueUnderConcurrency(t *testing.T) {
	e := setup(t, monday2March)
	const n = 12
	numbers := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := e.a.Do(t, "POST", "/api/v1/quotes", e.am.Token, quoteBody(e.cust.ID, nil))
			var q QuoteOut
			if r.Status == 201 {
				r.JSON(t, &q)
			}
			numbers[i] = q.Number
		}()
	}
	wg.Wait()
	slices.Sort(numbers)
	if slices.Contains(numbers, "") || len(slices.Compact(slices.Clone(numbers))) != n {
		t.Fatalf("Q-1 numbers not unique: %v", numbers)
	}
	var first, last int
	fmt.Sscanf(numbers[0], "Q2026-%d", &first)
	fmt.Sscanf(numbers[n-1], "Q2026-%d", &last)
	if last-first != n-1 {
		t.Fatalf("numbers have gaps: %v", numbers)
	}
}

func TestQuoteLifecycleAPI(t *testing.T) {
	e := setup(t, monday2March)
	t.Run("409_patch_only_while_draft", func(t *testing.T) {
		q := e.createQuote(t, nil)
		var p QuoteOut
		e.a.Do(t, "PATCH", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.am.Token, map[string]any{"title": "Renamed", "lines": []map[string]any{
			{"kind": "service", "description": "Audit", "quantity": "1", "unit": "day", "unit_price": "800.00", "vat_rate": "21"}}}).Expect(t, 200).JSON(t, &p)
		if p.Title != "Renamed" || len(p.Lines) != 1 || p.Totals.Gross.StringFixed(2) != "968.00" {
			t.Fatalf("patched %+v", p)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", q.ID), e.am.Token, nil).Expect(t, 200)
		r := e.a.Do(t, "PATCH", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.am.Token, map[string]any{"title": "Again"}).Expect(t, 409)
		if r.Code(t) != "quote_not_editable" {
			t.Fatalf("code %s", r.Code(t))
		}
	})
	t.Run("Q-1_send_sets_valid_until_in_amsterdam", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		if q.Status != "sent" || q.SentAt == nil || q.ValidUntil == nil || q.ValidUntil.String() != "2026-04-01" {
			t.Fatalf("sent %+v", q)
		}
		if !q.AcceptableUntil.Equal(time.Date(2026, 4, 2, 0, 0, 0, 0, clock.Amsterdam)) {
			t.Fatalf("acceptable until %v", q.AcceptableUntil)
		}
		if outboxCount(t, MailQuoteSent, "quote", q.ID) != 1 {
			t.Fatal("the customer got no e-mail with the quote")
		}
	})
	t.Run("404_other_company_200_own_company", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.other.Token, nil).Expect(t, 404)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.other.Token, map[string]any{"accepted_by": "X", "method": "portal"}).Expect(t, 404)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/pdf", q.ID), e.other.Token, nil).Expect(t, 404)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.contact.Token, nil).Expect(t, 200)
		var list struct{ Items []QuoteOut }
		e.a.Do(t, "GET", "/api/v1/quotes", e.other.Token, nil).Expect(t, 200).JSON(t, &list)
		for _, x := range list.Items {
			if x.CustomerID == e.cust.ID {
				t.Fatal("a customer user sees another company's quotes")
			}
		}
	})
	t.Run("Q-2_partial_acceptance_refused", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token,
			map[string]any{"accepted_by": "Anna", "method": "portal", "line_ids": []int64{q.Lines[0].ID}}).Expect(t, 409)
		if r.Code(t) != "partial_acceptance_not_allowed" {
			t.Fatalf("code %s", r.Code(t))
		}
		other := e.sentQuote(t, nil)
		r = e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token,
			map[string]any{"accepted_by": "Anna", "method": "portal", "line_ids": []int64{q.Lines[0].ID, q.Lines[1].ID, other.Lines[2].ID}}).Expect(t, 422)
		if got := r.FieldErrors(t); !slices.Equal(got, []string{"line_ids[2]"}) {
			t.Fatalf("fields %v", got)
		}
	})
	t.Run("Q-3_accept_creates_order_contract_and_confirmation", func(t *testing.T) {
		q := e.sentQuote(t, map[string]any{"cancellable": true})
		out := e.accept(t, q.ID)
		if out.Quote.Status != "accepted" || out.Quote.Acceptance == nil || out.Quote.Acceptance.AcceptedBy != "Anna de Vries" || out.Quote.Acceptance.Method != "portal" {
			t.Fatalf("quote %+v", out.Quote)
		}
		if out.Order.Status != "open" || out.Order.StartDate.String() != "2026-06-15" || !out.Order.Cancellable || len(out.Order.Lines) != 3 {
			t.Fatalf("order %+v", out.Order)
		}
		if out.Contract == nil || len(out.Contract.Lines) != 1 || out.Contract.Lines[0].Fee.StringFixed(2) != "125.00" ||
			out.Contract.CurrentTermEnd.String() != "2030-06-14" || out.Contract.NoticeDeadline.String() != "2030-04-14" {
			t.Fatalf("contract %+v", out.Contract)
		}
		if outboxCount(t, MailQuoteAccepted, "quote", q.ID) != 1 || outboxCount(t, MailQuoteAcceptedAM, "quote", q.ID) != 1 {
			t.Fatal("Q-3 acceptance not confirmed by e-mail")
		}
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token, map[string]any{"accepted_by": "Anna", "method": "portal"}).Expect(t, 409)
		if r.Code(t) != "quote_already_accepted" {
			t.Fatalf("code %s", r.Code(t))
		}
		var got QuoteOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &got)
		if got.OrderID == nil || *got.OrderID != out.Order.ID || got.ContractID == nil {
			t.Fatalf("quote does not link its order: %+v", got)
		}
	})
	t.Run("portal_accept_needs_method_portal", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token, map[string]any{"accepted_by": "Anna", "method": "email"}).Expect(t, 422)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.am.Token, map[string]any{"accepted_by": "Anna (by e-mail)", "method": "email"}).Expect(t, 200)
	})
	t.Run("decline_withdraw_revise", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		var d QuoteOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/decline", q.ID), e.contact.Token, map[string]any{"reason": "Too expensive"}).Expect(t, 200).JSON(t, &d)
		if d.Status != "declined" || d.DeclineReason == nil {
			t.Fatalf("declined %+v", d)
		}
		var v2 QuoteOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/revise", q.ID), e.am.Token, nil).Expect(t, 201).JSON(t, &v2)
		if v2.Number != q.Number || v2.Version != 2 || v2.Status != "draft" || len(v2.Lines) != 3 || v2.Lines[0].ID == q.Lines[0].ID {
			t.Fatalf("revision %+v", v2)
		}
		var old QuoteOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &old)
		if old.Status != "superseded" {
			t.Fatalf("old version %s", old.Status)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/withdraw", v2.ID), e.am.Token, nil).Expect(t, 200)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/withdraw", v2.ID), e.am.Token, nil).Expect(t, 409)
	})
	t.Run("pdf", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		r := e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/pdf", q.ID), e.contact.Token, nil).Expect(t, 200)
		if r.Header.Get("Content-Type") != "application/pdf" || string(r.Body[:5]) != "%PDF-" || len(r.Body) < 2000 {
			t.Fatalf("not a PDF: %s %d bytes", r.Header.Get("Content-Type"), len(r.Body))
		}
	})
}

func TestQuoteExpiryAPI(t *testing.T) {
	e := setup(t, monday2March)
	expiring := e.sentQuote(t, nil)
	accepted := e.sentQuote(t, nil)
	e.accept(t, accepted.ID)
	declined := e.sentQuote(t, nil)
	e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/decline", declined.ID), e.contact.Token, map[string]any{"reason": "no"}).Expect(t, 200)

	t.Run("Q-1_expiring_soon_filter", func(t *testing.T) {
		e.a.Clock.Set(time.Date(2026, 3, 26, 9, 0, 0, 0, clock.Amsterdam))
		var list struct{ Items []QuoteOut }
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes?customer_id=%d&expiring_within_days=7", e.cust.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != expiring.ID || !list.Items[0].ReminderDueOrSent {
			t.Fatalf("expiring soon: %+v", list.Items)
		}
	})
	t.Run("Q-1_reminder_7_days_before_expiry_once", func(t *testing.T) {
		e.a.Clock.Set(time.Date(2026, 3, 26, 9, 0, 0, 0, clock.Amsterdam))
		if _, _, err := e.mod.Service().SweepQuotes(t.Context()); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.mod.Service().SweepQuotes(t.Context()); err != nil {
			t.Fatal(err)
		}
		if n := outboxCount(t, MailQuoteReminder, "quote", expiring.ID); n != 1 {
			t.Fatalf("%d reminders, want 1", n)
		}
		// the account manager reads money and dates formatted, not "EUR 7706.50" or "2026-04-01" (issue 13)
		m := mailOf(t, MailQuoteReminder, expiring.ID)
		if !strings.Contains(m.Subject, "expires on 1 April 2026") || !strings.Contains(m.Body, "valid until 1 April 2026") ||
			!strings.Contains(m.Body, "€") || strings.Contains(m.Body, "EUR") || strings.Contains(m.Body+m.Subject, "2026-04-01") {
			t.Errorf("reminder %q:\n%s", m.Subject, m.Body)
		}
	})
	t.Run("Q-1_accept_after_valid_until_refused", func(t *testing.T) {
		e.a.Clock.Set(time.Date(2026, 4, 2, 0, 0, 0, 0, clock.Amsterdam))
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", expiring.ID), e.contact.Token, map[string]any{"accepted_by": "A", "method": "portal"}).Expect(t, 409)
		if r.Code(t) != "quote_expired" {
			t.Fatalf("code %s", r.Code(t))
		}
	})
	t.Run("Q-1_status_derived_and_expiry_never_overwrites", func(t *testing.T) {
		e.a.Clock.Set(time.Date(2026, 4, 2, 0, 0, 0, 0, clock.Amsterdam))
		for id, want := range map[int64]string{expiring.ID: "expired", accepted.ID: "accepted", declined.ID: "declined"} {
			var q QuoteOut
			e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", id), e.am.Token, nil).Expect(t, 200).JSON(t, &q)
			if q.Status != want {
				t.Errorf("quote %d reads %s, want %s", id, q.Status, want)
			}
		}
		var list struct{ Items []QuoteOut }
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes?customer_id=%d&status=expired", e.cust.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != expiring.ID {
			t.Fatalf("expired filter %+v", list.Items)
		}
		_, expired, err := e.mod.Service().SweepQuotes(t.Context())
		if err != nil || expired < 1 {
			t.Fatalf("sweep persisted %d: %v", expired, err)
		}
		if auditCount(t, "quote", expiring.ID, "expire") != 1 || auditCount(t, "quote", accepted.ID, "expire") != 0 {
			t.Fatal("expiry persisted for the wrong quotes")
		}
	})
}

func TestConcurrentAcceptExactlyOneWins(t *testing.T) {
	e := setup(t, monday2March)
	q := e.sentQuote(t, nil)
	const n = 8
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token,
				map[string]any{"accepted_by": fmt.Sprintf("Person %d", i), "method": "portal"}).Status
		}()
	}
	wg.Wait()
	ok, conflict := 0, 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case 409:
			conflict++
		}
	}
	if ok != 1 || conflict != n-1 {
		t.Fatalf("codes %v: want exactly one 200 and %d 409", codes, n-1)
	}
	var orders struct{ Items []OrderOut }
	e.a.Do(t, "GET", fmt.Sprintf("/api/v1/orders?customer_id=%d", e.cust.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &orders)
	if len(orders.Items) != 1 {
		t.Fatalf("%d orders for one quote", len(orders.Items))
	}
}
