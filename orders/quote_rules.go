package orders

import (
	"strconv"
	"strings"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/uploads"
)

// ReminderDaysBeforeExpiry is when the account manager is reminded of a sent quote.
const ReminderDaysBeforeExpiry = 7

// ValidUntil is the last day a quote can be accepted: the Amsterdam date of sending
// plus the quote's validity in days.
func ValidUntil(sentAt time.Time, validDays int) civil.Date {
	return civil.In(sentAt, clock.Amsterdam).AddDays(validDays)
}

// AcceptanceClosesAt is the first instant at which a quote valid until d can no longer be
// accepted: midnight at the start of the next day, Amsterdam time.
func AcceptanceClosesAt(validUntil civil.Date) time.Time {
	return validUntil.AddDays(1).Start(clock.Amsterdam)
}

// IsExpired reports whether a sent quote's validity has run out at now.
func (q *Quote) IsExpired(now time.Time) bool {
	return q.Status == QuoteSent && !q.ValidUntil.IsZero() && !now.Before(AcceptanceClosesAt(q.ValidUntil))
}

// EffectiveStatus is the status as read at now: a sent quote past its validity reads expired;
// every other stored status is final and never overwritten by expiry.
func (q *Quote) EffectiveStatus(now time.Time) QuoteStatus {
	if q.IsExpired(now) {
		return QuoteExpired
	}
	return q.Status
}

// ExpiresWithin reports whether a quote that is open at now expires within days days
// (validUntil no later than today + days): the "expiring soon" filter.
func (q *Quote) ExpiresWithin(now time.Time, days int) bool {
	if q.EffectiveStatus(now) != QuoteSent {
		return false
	}
	today := civil.In(now, clock.Amsterdam)
	return !q.ValidUntil.After(today.AddDays(days))
}

// ReminderDue reports whether the account manager should now be reminded that the quote
// expires: it is open and at most ReminderDaysBeforeExpiry days of validity remain.
func (q *Quote) ReminderDue(now time.Time) bool {
	return q.ExpiresWithin(now, ReminderDaysBeforeExpiry)
}

// CheckEditable refuses changes to anything but a draft.
func (q *Quote) CheckEditable() error {
	if q.Status != QuoteDraft {
		return refuse(ErrQuoteNotEditable, "quote %s v%d is %s; only a draft can be changed — revise it to make a new version", q.Number, q.Version, q.Status)
	}
	return nil
}

// Send marks a draft as sent at now and fixes its validity.
func (q *Quote) Send(now time.Time) error {
	if q.Status != QuoteDraft {
		return refuse(ErrQuoteNotSendable, "quote %s v%d is %s; only a draft can be sent", q.Number, q.Version, q.Status)
	}
	if len(q.Lines) == 0 {
		return refuse(ErrQuoteNotSendable, "a quote without lines cannot be sent")
	}
	sent := now
	q.Status = QuoteSent
	q.SentAt = &sent
	q.ValidUntil = ValidUntil(now, q.ValidDays)
	return nil
}

// AcceptRequest is a customer's acceptance. LineIDs, when given, must name every line of the
// quote.
type AcceptRequest struct {
	AcceptedBy string
	Method     AcceptanceMethod
	LineIDs    []int64
	UserID     int64
	// Signed is the signed quote of an acceptance by signed PDF: checked by its
	// content, kept with the acceptance record.
	Signed *uploads.File
}

// Accept records the customer's acceptance at now. Input errors come first
// (422), then the quote's state (409): accepted twice, not open, expired, then a partial
// acceptance.
func (q *Quote) Accept(r AcceptRequest, now time.Time) error {
	var fe fieldErrors
	name := strings.TrimSpace(r.AcceptedBy)
	checkText(&fe, "accepted_by", name, 200, true)
	if !r.Method.Valid() {
		fe.add("method", "must be one of portal, signed_pdf, email")
	}
	if r.Signed != nil {
		if r.Method != AcceptSignedPDF {
			fe.add("method", "a signed copy is an acceptance by signed_pdf")
		}
		if r.Signed.ContentType != "application/pdf" {
			fe.add(SignedField, "must be a PDF document (the signed quote)")
		}
	}
	own := make(map[int64]bool, len(q.Lines))
	for _, l := range q.Lines {
		own[l.ID] = true
	}
	chosen := make(map[int64]bool, len(r.LineIDs))
	for i, id := range r.LineIDs {
		if !own[id] {
			fe.add("line_ids["+strconv.Itoa(i)+"]", "line %d is not a line of this quote", id)
		}
		chosen[id] = true
	}
	if err := fe.err(); err != nil {
		return err
	}
	switch q.EffectiveStatus(now) {
	case QuoteSent:
	case QuoteAccepted:
		return refuse(ErrQuoteAlreadyAccepted, "quote %s v%d was accepted on %s", q.Number, q.Version, q.Acceptance.At.In(clock.Amsterdam).Format("2006-01-02 15:04"))
	case QuoteExpired:
		return refuse(ErrQuoteExpired, "quote %s v%d was valid until %s (Q-1); ask the account manager for a revised quote", q.Number, q.Version, q.ValidUntil)
	default:
		return refuse(ErrQuoteNotOpen, "quote %s v%d is %s and cannot be accepted", q.Number, q.Version, q.Status)
	}
	if len(r.LineIDs) > 0 && len(chosen) < len(q.Lines) {
		return refuse(ErrPartialAcceptance, "%d of the %d lines were chosen; a composite quote is accepted as a whole (Q-2) — ask the account manager to re-price the part you want", len(chosen), len(q.Lines))
	}
	q.Status = QuoteAccepted
	q.Acceptance = &Acceptance{AcceptedBy: name, Method: r.Method, At: now, UserID: r.UserID}
	return nil
}

// Decline records the customer's refusal of an open quote.
func (q *Quote) Decline(reason string, now time.Time) error {
	var fe fieldErrors
	reason = strings.TrimSpace(reason)
	checkText(&fe, "reason", reason, 2000, true)
	if err := fe.err(); err != nil {
		return err
	}
	if err := q.checkOpen(now, "declined"); err != nil {
		return err
	}
	q.Status = QuoteDeclined
	q.Declined = &Decline{Reason: reason, At: now}
	return nil
}

// Withdraw takes back a draft, sent or expired quote.
func (q *Quote) Withdraw(now time.Time) error {
	switch q.EffectiveStatus(now) {
	case QuoteDraft, QuoteSent, QuoteExpired:
		q.Status = QuoteWithdrawn
		return nil
	}
	return refuse(ErrQuoteNotOpen, "quote %s v%d is %s and cannot be withdrawn", q.Number, q.Version, q.Status)
}

// Revise supersedes this version with a new draft carrying the same number and content
// the way to re-issue an expired quote, Q-2: the way to re-price a part). The new
// version has no id and no line ids yet; the store assigns them.
func (q *Quote) Revise(now time.Time) (*Quote, error) {
	switch q.EffectiveStatus(now) {
	case QuoteSent, QuoteExpired, QuoteDeclined, QuoteWithdrawn:
	default:
		return nil, refuse(ErrQuoteNotRevisable, "quote %s v%d is %s; only a sent, expired, declined or withdrawn quote can be revised", q.Number, q.Version, q.Status)
	}
	next := *q
	next.ID = 0
	next.Version = q.Version + 1
	next.Status = QuoteDraft
	next.SentAt, next.ValidUntil, next.Acceptance, next.Declined = nil, civil.Date{}, nil, nil
	next.CreatedAt = now
	next.Lines = make([]Line, len(q.Lines))
	for i, l := range q.Lines {
		l.ID = 0
		next.Lines[i] = l
	}
	q.Status = QuoteSuperseded
	return &next, nil
}

func (q *Quote) checkOpen(now time.Time, verb string) error {
	switch q.EffectiveStatus(now) {
	case QuoteSent:
		return nil
	case QuoteExpired:
		return refuse(ErrQuoteExpired, "quote %s v%d was valid until %s and can no longer be %s", q.Number, q.Version, q.ValidUntil, verb)
	}
	return refuse(ErrQuoteNotOpen, "quote %s v%d is %s and cannot be %s", q.Number, q.Version, q.Status, verb)
}
