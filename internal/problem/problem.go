// Package problem is the product's error vocabulary: every error a request can meet
// carries an HTTP status and a stable machine code, and the one Fiber ErrorHandler
// (internal/httpx) turns it into application/problem+json (RFC 9457).
//
// Domain packages declare their errors as values of *Error and wrap them with %w for
// context: `fmt.Errorf("%w: valid until %s", ErrQuoteExpired, d)`.
package problem

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// Error is an error with an HTTP status and a stable code.
type Error struct {
	Status int
	Code   string
	Detail string
	Fields []FieldError
}

// FieldError names one invalid input field (JSON path such as "lines[0].quantity").
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Detail
	}
	s := e.Detail
	for i, f := range e.Fields {
		if i == 0 {
			s += ": "
		} else {
			s += "; "
		}
		s += f.Field + " " + f.Message
	}
	return s
}

// Is matches by code so that a wrapped copy matches its sentinel.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Status == e.Status
}

// New builds an error.
func New(status int, code, detail string) *Error {
	return &Error{Status: status, Code: code, Detail: detail}
}

// Generic errors that stores and guards return.
var (
	ErrNotFound     = New(http.StatusNotFound, "not_found", "no such record")
	ErrConflict     = New(http.StatusConflict, "conflict", "the record conflicts with another one")
	ErrForbidden    = New(http.StatusForbidden, "forbidden", "your role may not do this")
	ErrUnauthorized = New(http.StatusUnauthorized, "unauthorized", "log in first")
)

// NotFound says what was not found, with the generic code.
func NotFound(what string) error { return fmt.Errorf("%w: %s", ErrNotFound, what) }

// Conflict is a 409 with a specific code.
func Conflict(code, detail string) *Error { return New(http.StatusConflict, code, detail) }

// Forbidden is a 403 with a detail.
func Forbidden(detail string) error { return fmt.Errorf("%w: %s", ErrForbidden, detail) }

// BadRequest is a 400 (malformed input, not a validation failure).
func BadRequest(code, detail string) *Error { return New(http.StatusBadRequest, code, detail) }

// Fields collects field errors so a request reports all of them at once.
type Fields []FieldError

// Add records a problem with field.
func (f *Fields) Add(field, message string) { *f = append(*f, FieldError{field, message}) }

// Addf records a formatted problem.
func (f *Fields) Addf(field, format string, args ...any) { f.Add(field, fmt.Sprintf(format, args...)) }

// Has reports whether field already has an error.
func (f Fields) Has(field string) bool {
	for _, e := range f {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Merge appends others' errors.
func (f *Fields) Merge(other error) {
	var pe *Error
	if errors.As(other, &pe) {
		*f = append(*f, pe.Fields...)
	}
}

// Err is nil when no field failed, else a 422 validation_failed error listing them.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	out := append([]FieldError(nil), f...)
	sort.SliceStable(out, func(i, j int) bool { return naturalLess(out[i].Field, out[j].Field) })
	return &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed",
		Detail: "some fields are invalid", Fields: out}
}

// Invalid is a single-field 422.
func Invalid(field, message string) error {
	var f Fields
	f.Add(field, message)
	return f.Err()
}

// StatusOf reports the HTTP status for err (500 when it is not a *Error).
func StatusOf(err error) int {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Status
	}
	return http.StatusInternalServerError
}

// CodeOf reports the code for err ("internal_error" when it is not a *Error).
func CodeOf(err error) string {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Code
	}
	return "internal_error"
}

// naturalLess orders field paths with numbers by value: lines[2] before lines[10].
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// FieldErrors are the field errors a validation problem (422) carries, for a form to
// show beside its inputs; ok is false when err names no fields.
func FieldErrors(err error) (fields []FieldError, ok bool) {
	var pe *Error
	if errors.As(err, &pe) && len(pe.Fields) > 0 {
		return pe.Fields, true
	}
	return nil, false
}

// FormErrors is FieldErrors, and for any other 4xx problem its message as one form-level
// error (Field ""): what a page shows when a submission fails. ok is false for anything
// else (a 5xx or a plain error), which the page returns as an error.
func FormErrors(err error) (fields []FieldError, ok bool) {
	if fe, ok := FieldErrors(err); ok {
		return fe, true
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Status >= 500 {
		return nil, false
	}
	return []FieldError{{Field: "", Message: err.Error()}}, true
}
