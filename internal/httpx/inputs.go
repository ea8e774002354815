package httpx

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// Length bounds for text fields that declare no `max` of their own: a single-line field
// (a name, a code, a reference) holds at most MaxLine characters, a multi-line field
// (description, message, body, notes, reason, …) at most MaxText. Declare a `max=` tag
// to choose another bound; mark a multi-line field with `text:"multiline"` when its name
// does not say so.
const (
	MaxLine = 200
	MaxText = 10000
)

var multilineNames = []string{"description", "message", "body", "note", "comment", "reason", "text", "resolution", "address", "definition", "terms", "remarks", "summary"}

// Multiline reports whether a field of this JSON name (and struct tag) holds multi-line
// text: such fields may contain \n, \r and \t; single-line fields no control character at all.
func Multiline(name string, tag reflect.StructTag) bool {
	if tag.Get("text") == "multiline" {
		return true
	}
	n := strings.ToLower(name)
	for _, m := range multilineNames {
		if strings.Contains(n, m) {
			return true
		}
	}
	return false
}

// TextProblem says what is wrong with a text value, or "" when it is acceptable:
// invalid UTF-8, a control character (C0, DEL, C1; \n \r \t only in multi-line text),
// or more than max characters (max < 0: unbounded).
func TextProblem(s string, multiline bool, max int) string {
	if !utf8.ValidString(s) {
		return "must be valid UTF-8 text"
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			if multiline {
				continue
			}
			return "must be a single line without control characters"
		}
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return "must not contain control characters"
		}
	}
	if max >= 0 && utf8.RuneCountInString(s) > max {
		return "must be at most " + strconv.Itoa(max) + " characters"
	}
	return ""
}

var (
	decimalType  = reflect.TypeOf(decimal.Decimal{})
	amountType   = reflect.TypeOf(money.Amount{})
	timeType     = reflect.TypeOf(time.Time{})
	dateType     = reflect.TypeOf(civil.Date{})
	monthType    = reflect.TypeOf(civil.Month{})
	optionalType = reflect.TypeFor[interface{ OptionalElem() reflect.Type }]()
)

// CheckInput inspects a JSON body against the type it will be decoded into, before any
// decoding or arithmetic: every string bound for a string field is checked for control
// characters and length, every value bound for a decimal for the strict number grammar
// (money.ParseStrict), every instant and date for the civil year range. It reports all
// field errors at once (422) and nil when the body is fine or not JSON (DecodeStrict
// reports that).
func CheckInput(body []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	var f problem.Fields
	checkValue(&f, v, reflect.TypeOf(dst), "", "", "")
	return f.Err()
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func checkValue(f *problem.Fields, v any, t reflect.Type, path string, name string, tag reflect.StructTag) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || v == nil {
		return
	}
	if t.Kind() == reflect.Struct && t.Implements(optionalType) { // Optional[T] travels as a T
		checkValue(f, v, reflect.Zero(t).Interface().(interface{ OptionalElem() reflect.Type }).OptionalElem(), path, name, tag)
		return
	}
	field := path
	if field == "" {
		field = "body"
	}
	switch t {
	case decimalType, amountType:
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case json.Number:
			s = string(x)
		default:
			return // DecodeStrict reports the type
		}
		if !money.StrictGrammar(s) {
			f.Add(field, money.ErrNotStrictNumber.Error())
		}
		return
	case timeType:
		if s, ok := v.(string); ok {
			if tm, err := time.Parse(time.RFC3339Nano, s); err == nil && !civil.InstantInRange(tm) {
				f.Add(field, "must lie between "+strconv.Itoa(civil.MinYear)+" and "+strconv.Itoa(civil.MaxYear))
			}
		}
		return
	case dateType:
		if s, ok := v.(string); ok {
			if _, err := civil.Parse(s); err != nil {
				f.Add(field, strings.TrimPrefix(err.Error(), "civil: "))
			}
		}
		return
	case monthType:
		if s, ok := v.(string); ok {
			if _, err := civil.ParseMonth(s); err != nil {
				f.Add(field, "must be a month YYYY-MM from "+strconv.Itoa(civil.MinYear)+" to "+strconv.Itoa(civil.MaxYear))
			}
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return
		}
		// A field with its own `max=` tag is bounded by the validator after decoding (so
		// that length errors come together with the other rule errors); the others by default.
		max := -1
		multi := Multiline(name, tag)
		if maxTag(tag) == 0 {
			max = MaxLine
			if multi {
				max = MaxText
			}
		}
		if msg := TextProblem(s, multi, max); msg != "" {
			f.Add(field, msg)
		}
	case reflect.Slice, reflect.Array:
		arr, ok := v.([]any)
		if !ok {
			return
		}
		for i, e := range arr {
			checkValue(f, e, t.Elem(), path+"["+strconv.Itoa(i)+"]", name, diveTag(tag))
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		for k, e := range m {
			if msg := TextProblem(k, false, MaxLine); msg != "" {
				f.Add(join(path, "key"), msg)
			}
			checkValue(f, e, t.Elem(), join(path, k), k, "")
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		fields := structFields(t)
		for k, e := range m {
			sf, ok := fields[k]
			if !ok {
				// encoding/json matches names case-insensitively; so must this check.
				for n, cand := range fields {
					if strings.EqualFold(n, k) {
						sf, ok = cand, true
						break
					}
				}
			}
			if !ok {
				continue // DecodeStrict reports unknown fields
			}
			checkValue(f, e, sf.Type, join(path, k), k, sf.Tag)
		}
	}
}

// maxTag reads `max=N` from the field's own validate rules (before any dive).
func maxTag(tag reflect.StructTag) int {
	rules, _, _ := strings.Cut(tag.Get("validate"), "dive")
	for _, r := range strings.Split(rules, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(r), "max="); ok {
			if n, err := strconv.Atoi(v); err == nil {
				return n
			}
		}
	}
	return 0
}

// diveTag gives the element rules after `dive` as a tag, so `validate:"dive,max=50"` bounds elements.
func diveTag(tag reflect.StructTag) reflect.StructTag {
	_, after, ok := strings.Cut(tag.Get("validate"), "dive")
	text := tag.Get("text")
	out := ""
	if ok {
		out = `validate:"` + strings.TrimPrefix(after, ",") + `"`
	}
	if text != "" {
		out += ` text:"` + text + `"`
	}
	return reflect.StructTag(out)
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.StructField

// structFields maps JSON names to fields, following embedded structs as encoding/json does.
func structFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	out := map[string]reflect.StructField{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if sf.Anonymous && name == "" {
				et := sf.Type
				for et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					walk(et)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			if _, dup := out[name]; !dup {
				out[name] = sf
			}
		}
	}
	walk(t)
	fieldCache.Store(t, out)
	return out
}
