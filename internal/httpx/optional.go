package httpx

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// Optional is a field of a PATCH body that tells the three cases apart: absent (Set is
// false: leave the value alone), an explicit null (Set and Null: clear it) and a value
// (Set, Value). It is the one way every module reads PATCH bodies.
type Optional[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// UnmarshalJSON records that the field was present (encoding/json calls it for null too).
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	var zero T
	o.Value = zero
	if string(bytes.TrimSpace(b)) == "null" {
		o.Null = true
		return nil
	}
	o.Null = false
	return json.Unmarshal(b, &o.Value)
}

// MarshalJSON writes the value, or null when absent or null.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.Set || o.Null {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// Given reports a present, non-null value.
func (o Optional[T]) Given() bool { return o.Set && !o.Null }

// Ptr is the value, or nil when the field was absent or null.
func (o Optional[T]) Ptr() *T {
	if !o.Given() {
		return nil
	}
	v := o.Value
	return &v
}

// OptionalElem names T for the OpenAPI document (a nullable T).
func (Optional[T]) OptionalElem() reflect.Type { return reflect.TypeFor[T]() }

// Of is a present value, for tests and callers that build a patch in code.
func Of[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: v} }
