package orders

import (
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// dec parses a decimal literal in tests.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// ams is a wall-clock instant in Amsterdam.
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, clock.Amsterdam)
}

// werktijden is the nl-werktijden business calendar the order rules run on.
func werktijden(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, ok := calendar.Builtin(calendar.IDWerktijden)
	if !ok {
		t.Fatal("calendar nl-werktijden is not built in")
	}
	return c
}

// line builds a valid quote line; opts adjust it.
func line(kind LineKind, qty, price, vat string, opts ...func(*Line)) Line {
	l := Line{Kind: kind, Description: string(kind) + " line", Quantity: dec(qty), Unit: "pcs", UnitPrice: dec(price), VATRate: dec(vat)}
	if kind == KindRecurring {
		l.Period = PeriodMonth
	}
	for _, o := range opts {
		o(&l)
	}
	return l
}

// validQuote is a draft that passes validation on 2026-03-02.
func validQuote() *Quote {
	p, _ := LookupTermsProfile(DefaultTermsProfile)
	return &Quote{
		ID: 1, Number: "Q2026-0001", Version: 1, CustomerID: 7, Title: "Workplace refresh",
		Status: QuoteDraft, ValidDays: DefaultValidDays, StartDate: civil.D(2026, 4, 1),
		Terms: p.Terms, Indexation: p.Indexation,
		Lines: []Line{
			withID(1, line(KindHardware, "2", "899.00", "21")),
			withID(2, line(KindRecurring, "10", "12.50", "21")),
			withID(3, line(KindTraining, "1", "450.00", "21")),
		},
	}
}

func withID(id int64, l Line) Line { l.ID = id; return l }

// fieldsOf returns the field names of a 422 validation error, failing the test otherwise.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var pe *problem.Error
	if !errors.As(err, &pe) || pe.Status != http.StatusUnprocessableEntity || pe.Code != "validation_failed" {
		t.Fatalf("want a validation_failed error, got %v", err)
	}
	out := make([]string, len(pe.Fields))
	for i, f := range pe.Fields {
		out[i] = f.Field
	}
	return out
}

// sorted is the field list in the order validation errors are reported.
func sorted(fields []string) []string { return slices.Sorted(slices.Values(fields)) }

// wantRule checks that err is the rule error sentinel.
func wantRule(t *testing.T, err error, sentinel *problem.Error) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("want %s, got %v", sentinel.Code, err)
	}
}
