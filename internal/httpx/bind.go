package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// Validate is the shared validator with JSON field names and decimal rules:
// `dgt=0` (greater than), `dgte=0` (at least), `dlte=100`, `scale=2` (at most 2 decimals).
var Validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	dec := func(fl validator.FieldLevel) (decimal.Decimal, bool) {
		switch d := fl.Field().Interface().(type) {
		case decimal.Decimal:
			return d, true
		case *decimal.Decimal:
			if d == nil {
				return decimal.Zero, false
			}
			return *d, true
		case money.Amount:
			return d.Decimal, true
		case *money.Amount:
			if d == nil {
				return decimal.Zero, false
			}
			return d.Decimal, true
		}
		return decimal.Zero, false
	}
	param := func(fl validator.FieldLevel) decimal.Decimal { return decimal.RequireFromString(fl.Param()) }
	must := func(name string, fn validator.Func) {
		if err := v.RegisterValidation(name, fn); err != nil {
			panic(err)
		}
	}
	must("dgt", func(fl validator.FieldLevel) bool { d, ok := dec(fl); return !ok || d.GreaterThan(param(fl)) })
	must("dgte", func(fl validator.FieldLevel) bool { d, ok := dec(fl); return !ok || d.GreaterThanOrEqual(param(fl)) })
	must("dlte", func(fl validator.FieldLevel) bool { d, ok := dec(fl); return !ok || d.LessThanOrEqual(param(fl)) })
	must("scale", func(fl validator.FieldLevel) bool {
		d, ok := dec(fl)
		if !ok {
			return true
		}
		max := int32(decimal.RequireFromString(fl.Param()).IntPart())
		return -d.Exponent() <= max || d.Equal(d.Round(max))
	})
	return v
}

// Bind decodes the JSON body strictly into dst and validates it. Malformed JSON and
// unknown fields are 400; wrong types and failed rules are 422 listing every field.
func Bind(c *fiber.Ctx, dst any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return problem.BadRequest("empty_body", "the request needs a JSON body")
	}
	if err := DecodeStrict(body, dst); err != nil {
		return err
	}
	return Struct(dst)
}

// DecodeStrict decodes JSON, refusing unknown fields and trailing data. Before decoding it
// checks every value against its target type (CheckInput): control characters and length
// in text, the strict number grammar for decimals, the year range for dates and instants.
func DecodeStrict(body []byte, dst any) error {
	if err := CheckInput(body, dst); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			return problem.BadRequest("malformed_json", "the body holds more than one JSON value")
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return problem.BadRequest("malformed_json", "the body is not valid JSON: "+err.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return problem.BadRequest("malformed_json", "the body must be a JSON "+kindName(reflect.TypeOf(dst)))
		}
		return problem.Invalid(field, "must be "+typeName(typ.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return problem.BadRequest("unknown_field", fmt.Sprintf("unknown field %q", name))
	default:
		// Errors from custom UnmarshalJSON (dates, decimals) name no field in encoding/json;
		// report them as a 422 on the body so the client sees the reason.
		return problem.Invalid("body", err.Error())
	}
}

func kindName(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		return "array"
	}
	return "object"
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "of type " + t.String()
}

// Struct validates dst's `validate` tags and reports every failed field as a 422.
func Struct(dst any) error {
	err := Validate.Struct(dst)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	var f problem.Fields
	for _, fe := range ves {
		f.Add(fieldPath(fe), message(fe))
	}
	return f.Err()
}

// fieldPath turns "Req.lines[0].quantity" into "lines[0].quantity".
func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if i := strings.Index(ns, "."); i >= 0 {
		return ns[i+1:]
	}
	return ns
}

func message(fe validator.FieldError) string {
	p := fe.Param()
	switch fe.Tag() {
	case "required", "required_if", "required_with", "required_without":
		return "is required"
	case "email":
		return "must be an e-mail address"
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(p, " ", ", ")
	case "min":
		if fe.Kind() == reflect.String {
			return "must be at least " + p + " characters"
		}
		if fe.Kind() == reflect.Slice {
			return "must have at least " + p + " items"
		}
		return "must be at least " + p
	case "max":
		if fe.Kind() == reflect.String {
			return "must be at most " + p + " characters"
		}
		if fe.Kind() == reflect.Slice {
			return "must have at most " + p + " items"
		}
		return "must be at most " + p
	case "gt", "dgt":
		return "must be greater than " + p
	case "gte", "dgte":
		return "must be at least " + p
	case "lt":
		return "must be less than " + p
	case "lte", "dlte":
		return "must be at most " + p
	case "scale":
		return "must have at most " + p + " decimals"
	case "len":
		return "must be exactly " + p + " characters"
	case "uppercase":
		return "must be upper case"
	case "alpha":
		return "must be letters only"
	case "numeric":
		return "must be digits only"
	case "url":
		return "must be a URL"
	case "dive":
		return "is invalid"
	}
	return "fails rule " + fe.Tag()
}
