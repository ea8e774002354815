package secondment

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// ams is a wall-clock instant in Europe/Amsterdam; it must not be inside a DST gap.
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, clock.Amsterdam)
}

// utc is an instant in UTC, for DST cases where the wall clock is ambiguous.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func date(s string) civil.Date { return civil.MustParse(s) }

// werktijden is the SEC-2/SEC-3 default calendar, the one the SLA clock uses too.
func werktijden(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, ok := calendar.Builtin(calendar.IDWerktijden)
	if !ok {
		t.Fatalf("calendar %s missing", calendar.IDWerktijden)
	}
	return c
}

// fieldsOf returns the field errors of a 422 validation_failed problem, failing when err
// is another error.
func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	v, ok := err.(*problem.Error)
	if !ok || v.Status != 422 || v.Code != "validation_failed" {
		t.Fatalf("error %v (%T) is not a 422 validation_failed problem", err, err)
	}
	out := map[string]string{}
	for _, f := range v.Fields {
		if _, dup := out[f.Field]; !dup {
			out[f.Field] = f.Message
		}
	}
	return out
}
