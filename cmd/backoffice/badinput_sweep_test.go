package main

import (
	"encoding/json"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// badValues are the probes of issue 9 for a property of the given OpenAPI type/format.
func badValues(typ, format string) []any {
	out := []any{"a\u0000b", "\u0007bell", json.RawMessage(`1e400`)}
	switch {
	case format == "decimal":
		out = append(out, "1e-10000000", "99999999999999999999.99", "1E400", json.RawMessage(`1e-100000000`), json.RawMessage(`99999999999999999999.99`))
	case format == "date":
		out = append(out, "0001-01-01", "9999-12-31")
	case format == "date-time":
		out = append(out, "9999-12-30T08:00:00Z", "0001-01-01T00:00:00Z")
	case typ == "integer":
		out = append(out, json.RawMessage(`99999999999999999999`), json.RawMessage(`-99999999999999999999`))
	case typ == "string":
		out = append(out, strings.Repeat("x", 300_000), strings.Repeat("é", 5000))
	}
	return out
}

type probe struct {
	path string
	body any
}

// probes builds, for every property reachable in schema (objects, arrays of objects), one
// body per bad value with only that property set.
func probes(doc map[string]any, schema map[string]any, depth int) []probe {
	schema = resolve(doc, schema)
	if depth > 4 || schema == nil {
		return nil
	}
	var out []probe
	if items, ok := schema["items"].(map[string]any); ok && schema["type"] == "array" {
		for _, p := range probes(doc, items, depth+1) {
			out = append(out, probe{"[0]" + p.path, []any{p.body}})
		}
		return out
	}
	props, _ := schema["properties"].(map[string]any)
	for name, raw := range props {
		ps := resolve(doc, raw.(map[string]any))
		typ, _ := ps["type"].(string)
		if list, ok := ps["type"].([]any); ok && len(list) > 0 { // nullable: ["string","null"]
			typ, _ = list[0].(string)
		}
		format, _ := ps["format"].(string)
		if typ == "object" || typ == "array" || ps["properties"] != nil {
			for _, p := range probes(doc, ps, depth+1) {
				out = append(out, probe{"." + name + p.path, map[string]any{name: p.body}})
			}
			continue
		}
		for _, v := range badValues(typ, format) {
			out = append(out, probe{"." + name, map[string]any{name: v}})
		}
	}
	return out
}

func resolve(doc map[string]any, s map[string]any) map[string]any {
	for i := 0; i < 5 && s != nil; i++ {
		if ref, ok := s["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/components/schemas/")
			s, _ = doc["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
			continue
		}
		if all, ok := s["allOf"].([]any); ok && len(all) == 1 {
			s, _ = all[0].(map[string]any)
			continue
		}
		if alts, ok := s["anyOf"].([]any); ok && len(alts) > 0 {
			s, _ = alts[0].(map[string]any)
			continue
		}
		if one, ok := s["oneOf"].([]any); ok && len(one) > 0 {
			s, _ = one[0].(map[string]any)
			continue
		}
		return s
	}
	return s
}

// TestBadInputSweep sends the probes of issue 9 (control characters, huge numbers,
// exponents, extreme dates, oversized strings) into every body field the OpenAPI document
// declares, as an admin and as a customer: no answer may be a 500.
func TestBadInputSweep(t *testing.T) {
	a := fullApp(t)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	tokens := map[string]string{"admin": testkit.Login(t, auth.Admin, nil).Token, "customer": testkit.Login(t, auth.Customer, &cust.ID).Token}
	var doc map[string]any
	a.Do(t, "GET", "/api/openapi.json", "", nil).Expect(t, 200).JSON(t, &doc)
	n := 0
	for path, item := range doc["paths"].(map[string]any) {
		for method, rawOp := range item.(map[string]any) {
			op, _ := rawOp.(map[string]any)
			rb, _ := op["requestBody"].(map[string]any)
			if rb == nil || path == "/api/v1/auth/login" {
				continue // login bodies are covered by the throttle tests; probing them would throttle
			}
			schema, _ := rb["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
			for _, p := range probes(doc, schema, 0) {
				for who, tok := range tokens {
					res := a.Do(t, strings.ToUpper(method), fillPath(path), tok, p.body)
					n++
					if res.Status >= 500 && res.Status != 501 {
						t.Errorf("%s %s as %s with %s = %.60v: %d %s", strings.ToUpper(method), path, who, p.path, p.body, res.Status, res.Body)
					}
				}
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d probes: the sweep did not find the body fields", n)
	}
	t.Logf("%d probes", n)
}
