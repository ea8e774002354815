package httpx

import (
	"strconv"
	"time"

	segjson "github.com/segmentio/encoding/json"
)

// RowJSON is a list row that writes its own JSON: exactly the bytes encoding/json writes
// for it (TestRowJSONMatchesEncodingJSON in each domain, over every field with random
// values), without the encoder's reflection and the re-validation it gives every
// MarshalJSON value (an amount, a date). The cheapest lists, whose SQL answers 15,000–
// 20,000 times a second, spent a fifth of their CPU in the encoder (issue 14).
type RowJSON interface {
	AppendJSON(b []byte) []byte
}

// AppendJSON writes the page when its rows write themselves (a *T is a RowJSON); ok is
// false for any other T, which Send then writes through segmentio/encoding.
func (l List[T]) AppendJSON(b []byte) (_ []byte, ok bool) {
	var zero *T
	if _, ok := any(zero).(RowJSON); !ok {
		return b, false
	}
	if l.Items == nil {
		b = append(b, `{"items":null`...)
	} else {
		b = append(b, `{"items":[`...)
	}
	for i := range l.Items {
		if i > 0 {
			b = append(b, ',')
		}
		b = any(&l.Items[i]).(RowJSON).AppendJSON(b)
	}
	if l.Items != nil {
		b = append(b, ']')
	}
	b = append(b, `,"next":`...)
	if l.Next == nil {
		return append(b, "null}"...), true
	}
	return append(JSONString(b, *l.Next), '}'), true
}

// JSONString appends s as encoding/json writes a string (HTML characters, line
// separators and invalid UTF-8 escaped as it escapes them).
func JSONString(b []byte, s string) []byte { return segjson.AppendEscape(b, s, segjson.EscapeHTML) }

// JSONOptString appends *s, or null.
func JSONOptString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return JSONString(b, *s)
}

// JSONOptInt appends *n, or null.
func JSONOptInt(b []byte, n *int64) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, *n, 10)
}

// JSONBool appends true or false.
func JSONBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// JSONOptBool appends *v, or null.
func JSONOptBool(b []byte, v *bool) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	return JSONBool(b, *v)
}

// JSONTime appends t as time.Time's MarshalJSON writes it (RFC 3339 with the
// nanoseconds it has, quoted). A year outside 0–9999, which MarshalJSON refuses (failing
// the whole answer), is written as null; no column of ours holds one.
func JSONTime(b []byte, t time.Time) []byte {
	if y := t.Year(); y < 0 || y > 9999 {
		return append(b, "null"...)
	}
	b = append(b, '"')
	return append(t.AppendFormat(b, time.RFC3339Nano), '"')
}

// JSONOptTime appends *t, or null.
func JSONOptTime(b []byte, t *time.Time) []byte {
	if t == nil {
		return append(b, "null"...)
	}
	return JSONTime(b, *t)
}

// JSONValue appends v through the server's encoder (the rare field a row does not write
// by hand: a non-empty list of attachments, allocations).
func JSONValue(b []byte, v any) []byte {
	out, err := segjson.Append(b, v, segjson.EscapeHTML|segjson.SortMapKeys)
	if err != nil {
		return append(b, "null"...)
	}
	return out
}
