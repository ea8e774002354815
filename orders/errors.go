package orders

import (
	"fmt"
	"net/http"

	"backoffice/internal/problem"
)

// Sentinel domain errors, each with the stable code the API answers with. They are
// *problem.Error values, so the shared ErrorHandler maps them to problem+json; a detailed
// copy made by refuse still matches its sentinel with errors.Is.
var (
	ErrQuoteNotEditable        = problem.Conflict("quote_not_editable", "only a draft quote can be changed")
	ErrQuoteNotSendable        = problem.Conflict("quote_not_sendable", "only a draft quote can be sent")
	ErrQuoteExpired            = problem.Conflict("quote_expired", "the quote's validity has ended; ask for a revised quote (Q-1)")
	ErrQuoteAlreadyAccepted    = problem.Conflict("quote_already_accepted", "the quote has already been accepted")
	ErrQuoteNotOpen            = problem.Conflict("quote_not_open", "the quote is not open for this action")
	ErrPartialAcceptance       = problem.Conflict("partial_acceptance_not_allowed", "a composite quote is accepted as a whole; ask the account manager to re-price the part you want (Q-2)")
	ErrQuoteNotRevisable       = problem.Conflict("quote_not_revisable", "this quote cannot be revised")
	ErrCancellationNotAgreed   = problem.Conflict("cancellation_not_agreed", "no cancellation option was agreed in the quote (Q-4)")
	ErrOrderNotCancellable     = problem.Conflict("order_not_cancellable", "the order is no longer open")
	ErrOrderNotOpen            = problem.Conflict("order_not_open", "the order is cancelled")
	ErrPreconditionAlreadyMet  = problem.Conflict("precondition_already_met", "that precondition is already recorded")
	ErrAdvancePaymentNotAgreed = problem.Conflict("advance_payment_not_agreed", "the order has no agreed advance payment")
	ErrChangeRequestNotOpen    = problem.Conflict("change_request_not_open", "the change request has already been decided")
	ErrContractAlreadyNotified = problem.Conflict("contract_already_terminated", "a termination notice has already been recorded")
	ErrIndexationNotProposed   = problem.Conflict("indexation_not_proposed", "only a proposed indexation run can be applied")
	ErrIndexationStale         = problem.Conflict("indexation_stale", "the proposal no longer matches what applying it today would do; run a new proposal")
	ErrIndexSeriesNoOverlap    = problem.Conflict("index_series_no_overlap", "the rebased series has no overlapping period with its predecessor")
	ErrIndexSeriesCycle        = problem.Conflict("index_series_cycle", "the rebasing chain loops or is too long")
	ErrIndexSeriesUnknown      = problem.New(http.StatusNotFound, "index_series_not_found", "the index series does not exist")
)

// refuse returns a copy of sentinel with a specific detail; errors.Is still matches it.
func refuse(sentinel *problem.Error, format string, args ...any) error {
	return &problem.Error{Status: sentinel.Status, Code: sentinel.Code, Detail: fmt.Sprintf(format, args...)}
}

// fieldErrors collects field errors while a request is checked, so that every invalid field
// is reported at once (a 422 validation_failed).
type fieldErrors struct{ problem.Fields }

func (f *fieldErrors) add(field, format string, args ...any) { f.Addf(field, format, args...) }

func (f fieldErrors) err() error { return f.Fields.Err() }

func (f fieldErrors) any() bool { return len(f.Fields) > 0 }
