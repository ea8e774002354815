package db

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// The direct scan's two most frequent decodes, without the detours pgx takes for them
// (issue 14). A numeric column into a decimal.Decimal went through database/sql's
// driver value: the text copied into a string, handed to Decimal.Scan, unquoted and
// parsed again (8 % of a payments page's CPU, `loadtest -profile`). A nullable bigint
// into an *int64 (invoice_id, reverses_id, created_by) went through pgx's reflective
// pointer-to-pointer plan (3 %). Both plans below give exactly the value the detour gave
// (TestFastScanPlansMatchPgx), and leave every other target to pgx's own codec.

// registerFastCodecs replaces numeric's and int8's codecs in one connection's type map.
func registerFastCodecs(_ context.Context, conn *pgx.Conn) error {
	m := conn.TypeMap()
	m.RegisterType(&pgtype.Type{Name: "numeric", OID: pgtype.NumericOID, Codec: numericCodec{}})
	m.RegisterType(&pgtype.Type{Name: "int8", OID: pgtype.Int8OID, Codec: int8Codec{}})
	return nil
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

// int8Codec is pgx's Int8Codec with a plan for binary int8 into **int64 (a nullable
// field): one allocation for a value, none for a NULL.
type int8Codec struct{ pgtype.Int8Codec }

func (c int8Codec) PlanScan(m *pgtype.Map, oid uint32, format int16, target any) pgtype.ScanPlan {
	if _, ok := target.(**int64); ok && format == pgtype.BinaryFormatCode {
		return scanBinaryInt8Ptr{}
	}
	return c.Int8Codec.PlanScan(m, oid, format, target)
}

type scanBinaryInt8Ptr struct{}

func (scanBinaryInt8Ptr) Scan(src []byte, dst any) error {
	p := dst.(**int64)
	if src == nil {
		*p = nil
		return nil
	}
	if len(src) != 8 {
		return fmt.Errorf("invalid length for int8: %v", len(src))
	}
	v := int64(binary.BigEndian.Uint64(src))
	*p = &v
	return nil
}
