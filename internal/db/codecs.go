package db

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// The direct scan's two most frequent decodes, without the detours pgx takes for them
// (issue 14). A numeric column into a decimal.Decimal went through database/sql's
// driver value: the text copied into a string, handed to Decimal.Scan, unquoted and
// parsed again (8 % of a payments page's CPU, `loadtest -profile`). A nullable column
// into a pointer field (invoice_id, approved_at, remedy) went through pgx's reflective
// pointer-to-pointer plan (3 % of payments, 6 % of RMAs). The plans below give exactly
// the value the detour gave (TestFastScanPlansMatchPgx) and leave every other target to
// pgx's own plans.

// registerFastCodecs puts both into one connection's type map.
func registerFastCodecs(_ context.Context, conn *pgx.Conn) error {
	fastTypes(conn.TypeMap())
	return nil
}

func fastTypes(m *pgtype.Map) {
	m.TryWrapScanPlanFuncs = append([]pgtype.TryWrapScanPlanFunc{tryPtrPtr}, m.TryWrapScanPlanFuncs...)
	m.RegisterType(&pgtype.Type{Name: "numeric", OID: pgtype.NumericOID, Codec: numericCodec{}}) // (and forgets the plans made so far)
}

// numericCodec is pgx's NumericCodec with a plan for numeric text into *decimal.Decimal.
type numericCodec struct{ pgtype.NumericCodec }

func (c numericCodec) PlanScan(m *pgtype.Map, oid uint32, format int16, target any) pgtype.ScanPlan {
	if _, ok := target.(*decimal.Decimal); ok && format == pgtype.TextFormatCode {
		return scanTextDecimal{}
	}
	return c.NumericCodec.PlanScan(m, oid, format, target)
}

type scanTextDecimal struct{}

func (scanTextDecimal) Scan(src []byte, dst any) error {
	d := dst.(*decimal.Decimal)
	if src == nil {
		return d.Scan(nil) // decimal's own error for a NULL: the direct scan hands the statement to bun
	}
	if v, ok := parseDecimal(src); ok {
		*d = v
		return nil
	}
	return d.Scan(string(src)) // NaN, infinities and more than 18 digits, as before
}

// parseDecimal reads PostgreSQL's text form of a numeric ([-]digits[.digits]) of at most
// 18 digits into the Decimal decimal.NewFromString makes of it (the same coefficient and
// exponent); ok is false for anything else.
func parseDecimal(b []byte) (d decimal.Decimal, ok bool) {
	i, neg := 0, false
	if len(b) > 0 && b[0] == '-' {
		i, neg = 1, true
	}
	var coef int64
	digits, frac := 0, -1
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			if digits == 18 {
				return decimal.Decimal{}, false
			}
			coef = coef*10 + int64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, false
	}
	if neg {
		coef = -coef
	}
	return decimal.New(coef, -int32(max(frac, 0))), true
}

// ptrPtrPlan scans a nullable column into a **T (the field of an optional value): nil
// for NULL, else a new T scanned by pgx's own plan for *T. pgx's generic plan for a
// pointer to a pointer does the same through reflection on every value of every row.
type ptrPtrPlan[T any] struct{ next pgtype.ScanPlan }

func (p *ptrPtrPlan[T]) SetNext(next pgtype.ScanPlan) { p.next = next }

func (p *ptrPtrPlan[T]) Scan(src []byte, dst any) error {
	pp := dst.(**T)
	if src == nil {
		*pp = nil
		return nil
	}
	v := new(T)
	*pp = v
	return p.next.Scan(src, v)
}

// tryPtrPtr offers ptrPtrPlan for the optional fields the models have, ahead of pgx's
// reflective pgtype.TryPointerPointerScanPlan.
func tryPtrPtr(target any) (pgtype.WrappedScanPlanNextSetter, any, bool) {
	switch target.(type) {
	case **string:
		return &ptrPtrPlan[string]{}, (*string)(nil), true
	case **int64:
		return &ptrPtrPlan[int64]{}, (*int64)(nil), true
	case **int:
		return &ptrPtrPlan[int]{}, (*int)(nil), true
	case **int32:
		return &ptrPtrPlan[int32]{}, (*int32)(nil), true
	case **bool:
		return &ptrPtrPlan[bool]{}, (*bool)(nil), true
	case **float64:
		return &ptrPtrPlan[float64]{}, (*float64)(nil), true
	case **time.Time:
		return &ptrPtrPlan[time.Time]{}, (*time.Time)(nil), true
	case **decimal.Decimal:
		return &ptrPtrPlan[decimal.Decimal]{}, (*decimal.Decimal)(nil), true
	}
	return nil, nil, false
}
