package orders

import (
	"errors"
	"slices"
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

func TestValidUntil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sentAt time.Time
		days   int
		want   civil.Date
	}{
		{"Q-1_30_days_from_the_date_of_sending", ams(2026, 3, 2, 10, 0), 30, civil.D(2026, 4, 1)},
		// 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam: the Amsterdam date counts.
		{"Q-1_amsterdam_date_not_utc_date", time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), 30, civil.D(2026, 4, 1)},
		{"Q-1_summer_time_evening", time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC), 30, civil.D(2026, 8, 1)},
		{"Q-1_own_term_of_14_days", ams(2026, 12, 20, 9, 0), 14, civil.D(2027, 1, 3)},
		{"Q-1_leap_day", ams(2028, 2, 1, 9, 0), 28, civil.D(2028, 2, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ValidUntil(tt.sentAt, tt.days); got != tt.want {
				t.Fatalf("ValidUntil = %s, want %s", got, tt.want)
			}
		})
	}
}

// sentQuote is validQuote sent on 2 March 2026 10:00 Amsterdam, valid until 1 April 2026.
func sentQuote(t *testing.T) *Quote {
	t.Helper()
	q := validQuote()
	if err := q.Send(ams(2026, 3, 2, 10, 0)); err != nil {
		t.Fatal(err)
	}
	return q
}

func TestQuoteAccept(t *testing.T) {
	t.Parallel()
	all := []int64{1, 2, 3}
	tests := []struct {
		name    string
		prepare func(q *Quote)
		req     AcceptRequest
		at      time.Time
		wantErr error
		fields  []string
	}{
		{name: "Q-3_accept_in_portal_with_typed_name", req: AcceptRequest{AcceptedBy: "Anna de Vries", Method: AcceptPortal}, at: ams(2026, 3, 10, 9, 0)},
		{name: "Q-1_last_minute_of_the_last_day", req: AcceptRequest{AcceptedBy: "A", Method: AcceptEmail}, at: ams(2026, 4, 1, 23, 59)},
		// 1 April 23:30 UTC is 2 April 01:30 in Amsterdam (summer time): expired.
		{name: "Q-1_utc_evening_is_already_next_day_in_amsterdam", req: AcceptRequest{AcceptedBy: "A", Method: AcceptEmail}, at: time.Date(2026, 4, 1, 23, 30, 0, 0, time.UTC), wantErr: ErrQuoteExpired},
		{name: "Q-1_midnight_after_the_last_day", req: AcceptRequest{AcceptedBy: "A", Method: AcceptEmail}, at: ams(2026, 4, 2, 0, 0), wantErr: ErrQuoteExpired},
		{name: "Q-2_all_lines_named_is_whole_acceptance", req: AcceptRequest{AcceptedBy: "A", Method: AcceptSignedPDF, LineIDs: all}, at: ams(2026, 3, 10, 9, 0)},
		{name: "Q-2_strict_subset_refused", req: AcceptRequest{AcceptedBy: "A", Method: AcceptPortal, LineIDs: []int64{1, 3}}, at: ams(2026, 3, 10, 9, 0), wantErr: ErrPartialAcceptance},
		{name: "Q-2_duplicates_do_not_make_a_whole", req: AcceptRequest{AcceptedBy: "A", Method: AcceptPortal, LineIDs: []int64{1, 1, 3}}, at: ams(2026, 3, 10, 9, 0), wantErr: ErrPartialAcceptance},
		{name: "Q-2_line_of_another_quote_is_invalid", req: AcceptRequest{AcceptedBy: "A", Method: AcceptPortal, LineIDs: []int64{1, 2, 3, 99}}, at: ams(2026, 3, 10, 9, 0), fields: []string{"line_ids[3]"}},
		{name: "Q-3_name_and_method_required", req: AcceptRequest{AcceptedBy: " ", Method: "fax"}, at: ams(2026, 3, 10, 9, 0), fields: []string{"accepted_by", "method"}},
		{name: "Q-3_accepting_twice_refused", prepare: func(q *Quote) {
			if err := q.Accept(AcceptRequest{AcceptedBy: "A", Method: AcceptPortal}, ams(2026, 3, 5, 9, 0)); err != nil {
				panic(err)
			}
		}, req: AcceptRequest{AcceptedBy: "B", Method: AcceptPortal}, at: ams(2026, 3, 6, 9, 0), wantErr: ErrQuoteAlreadyAccepted},
		{name: "Q-1_draft_cannot_be_accepted", prepare: func(q *Quote) { q.Status, q.SentAt, q.ValidUntil = QuoteDraft, nil, civil.Date{} },
			req: AcceptRequest{AcceptedBy: "A", Method: AcceptPortal}, at: ams(2026, 3, 6, 9, 0), wantErr: ErrQuoteNotOpen},
		{name: "Q-1_declined_cannot_be_accepted", prepare: func(q *Quote) { q.Status = QuoteDeclined },
			req: AcceptRequest{AcceptedBy: "A", Method: AcceptPortal}, at: ams(2026, 3, 6, 9, 0), wantErr: ErrQuoteNotOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := sentQuote(t)
			if tt.prepare != nil {
				tt.prepare(q)
			}
			before := q.Status
			err := q.Accept(tt.req, tt.at)
			switch {
			case tt.fields != nil:
				got := fieldsOf(t, err)
				if !slices.Equal(got, sorted(tt.fields)) {
					t.Fatalf("fields = %v, want %v", got, tt.fields)
				}
			case tt.wantErr != nil:
				wantRule(t, err, tt.wantErr.(*problem.Error))
			default:
				if err != nil {
					t.Fatalf("accept: %v", err)
				}
				if q.Status != QuoteAccepted || q.Acceptance == nil || !q.Acceptance.At.Equal(tt.at) ||
					q.Acceptance.AcceptedBy != tt.req.AcceptedBy || q.Acceptance.Method != tt.req.Method {
					t.Fatalf("acceptance not recorded: status %s, %+v", q.Status, q.Acceptance)
				}
				return
			}
			if q.Status != before {
				t.Fatalf("a refused acceptance changed the status from %s to %s", before, q.Status)
			}
		})
	}
}

func TestEffectiveStatus(t *testing.T) {
	t.Parallel()
	after := ams(2026, 4, 2, 0, 0)
	tests := []struct {
		name   string
		stored QuoteStatus
		at     time.Time
		want   QuoteStatus
	}{
		{"Q-1_sent_within_validity_reads_sent", QuoteSent, ams(2026, 4, 1, 23, 59), QuoteSent},
		{"Q-1_sent_past_validity_reads_expired", QuoteSent, after, QuoteExpired},
		{"Q-1_expiry_never_overwrites_accepted", QuoteAccepted, after, QuoteAccepted},
		{"Q-1_expiry_never_overwrites_declined", QuoteDeclined, after, QuoteDeclined},
		{"Q-1_expiry_never_overwrites_withdrawn", QuoteWithdrawn, after, QuoteWithdrawn},
		{"Q-1_expiry_never_overwrites_superseded", QuoteSuperseded, after, QuoteSuperseded},
		{"Q-1_persisted_expired_stays_expired", QuoteExpired, ams(2026, 3, 3, 0, 0), QuoteExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := sentQuote(t)
			q.Status = tt.stored
			if got := q.EffectiveStatus(tt.at); got != tt.want {
				t.Fatalf("status = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestQuoteReminder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"Q-1_reminder_not_yet_8_days_before", ams(2026, 3, 24, 23, 59), false},
		{"Q-1_reminder_due_7_days_before_expiry", ams(2026, 3, 25, 0, 0), true},
		{"Q-1_reminder_due_on_the_last_day", ams(2026, 4, 1, 12, 0), true},
		{"Q-1_no_reminder_after_expiry", ams(2026, 4, 2, 0, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := sentQuote(t).ReminderDue(tt.at); got != tt.want {
				t.Fatalf("ReminderDue = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQuoteTransitions(t *testing.T) {
	t.Parallel()
	inValidity, expired := ams(2026, 3, 10, 9, 0), ams(2026, 4, 5, 9, 0)
	t.Run("Q-1_only_a_draft_is_editable", func(t *testing.T) {
		t.Parallel()
		if err := validQuote().CheckEditable(); err != nil {
			t.Fatal(err)
		}
		wantRule(t, sentQuote(t).CheckEditable(), ErrQuoteNotEditable)
	})
	t.Run("Q-1_send_sets_sent_at_and_valid_until", func(t *testing.T) {
		t.Parallel()
		q := sentQuote(t)
		if q.Status != QuoteSent || q.SentAt == nil || q.ValidUntil != civil.D(2026, 4, 1) {
			t.Fatalf("after send: %s %v %s", q.Status, q.SentAt, q.ValidUntil)
		}
		wantRule(t, q.Send(inValidity), ErrQuoteNotSendable)
	})
	t.Run("decline_needs_reason_and_open_quote", func(t *testing.T) {
		t.Parallel()
		q := sentQuote(t)
		if got := fieldsOf(t, q.Decline(" ", inValidity)); got[0] != "reason" {
			t.Fatalf("fields %v", got)
		}
		if err := q.Decline("too expensive", inValidity); err != nil {
			t.Fatal(err)
		}
		if q.Status != QuoteDeclined || q.Declined.Reason != "too expensive" {
			t.Fatalf("not declined: %s %+v", q.Status, q.Declined)
		}
		wantRule(t, q.Decline("again", inValidity), ErrQuoteNotOpen)
		wantRule(t, sentQuote(t).Decline("late", expired), ErrQuoteExpired)
	})
	t.Run("withdraw_open_quotes_only", func(t *testing.T) {
		t.Parallel()
		for _, q := range []*Quote{validQuote(), sentQuote(t)} {
			if err := q.Withdraw(expired); err != nil || q.Status != QuoteWithdrawn {
				t.Fatalf("withdraw: %v %s", err, q.Status)
			}
		}
		q := sentQuote(t)
		q.Status = QuoteAccepted
		wantRule(t, q.Withdraw(inValidity), ErrQuoteNotOpen)
	})
	t.Run("Q-1_revise_expired_quote_to_new_version_same_number", func(t *testing.T) {
		t.Parallel()
		q := sentQuote(t)
		next, err := q.Revise(expired)
		if err != nil {
			t.Fatal(err)
		}
		if q.Status != QuoteSuperseded {
			t.Fatalf("old version is %s, want superseded", q.Status)
		}
		if next.Number != q.Number || next.Version != 2 || next.Status != QuoteDraft || next.ID != 0 ||
			next.SentAt != nil || !next.ValidUntil.IsZero() || len(next.Lines) != 3 || next.Lines[0].ID != 0 {
			t.Fatalf("new version wrong: %+v", next)
		}
		if q.Lines[0].ID != 1 {
			t.Fatal("revising changed the old version's lines")
		}
	})
	t.Run("Q-1_accepted_and_draft_quotes_are_not_revised", func(t *testing.T) {
		t.Parallel()
		q := sentQuote(t)
		q.Status = QuoteAccepted
		_, err := q.Revise(inValidity)
		wantRule(t, err, ErrQuoteNotRevisable)
		_, err = validQuote().Revise(inValidity)
		wantRule(t, err, ErrQuoteNotRevisable)
	})
	t.Run("rule_errors_keep_their_code_with_detail", func(t *testing.T) {
		t.Parallel()
		err := error(refuse(ErrQuoteExpired, "x"))
		if !errors.Is(err, ErrQuoteExpired) || errors.Is(err, ErrQuoteNotOpen) {
			t.Fatal("errors.Is must match by code")
		}
	})
}

func TestQuoteNumber(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ got, want string }{
		{QuoteNumber(2026, 1), "Q2026-0001"}, {QuoteNumber(2026, 12345), "Q2026-12345"},
		{OrderNumber(2027, 42), "O2027-0042"}, {ContractNumber(2026, 7), "C2026-0007"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
