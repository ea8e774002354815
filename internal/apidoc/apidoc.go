// Package apidoc registers JSON API routes together with their documentation, so the
// OpenAPI 3.1 document served at /api/openapi.json is generated from the very routes
// and request/response types the server uses. A test compares it with Fiber's routes.
package apidoc

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
)

// Op documents one operation.
type Op struct {
	Summary     string
	Description string
	Tag         string
	Body        any     // request body type (a zero value), nil for none
	Response    any     // 2xx response body type; nil for 204
	Status      int     // success status; default 200 (201 for POST with Created)
	Query       []Param // query parameters
	Produces    string  // non-JSON success type, e.g. "application/pdf"
	Public      bool    // no authentication needed
}

// Param is a query parameter.
type Param struct {
	Name        string
	Description string
	Type        string // "string" (default), "integer", "boolean"
	Format      string // "date", "date-time", "duration"
}

// Q is shorthand for a string query parameter.
func Q(name, desc string) Param { return Param{Name: name, Description: desc} }

// Doc collects operations.
type Doc struct {
	mu  sync.Mutex
	ops []entry
}

type entry struct {
	method, path string
	op           Op
}

// Router registers routes on a Fiber router and records them in a Doc.
type Router struct {
	fr     fiber.Router
	prefix string
	doc    *Doc
}

// New wraps r, whose routes live under prefix (e.g. "/api/v1").
func New(r fiber.Router, prefix string, doc *Doc) *Router {
	return &Router{fr: r, prefix: prefix, doc: doc}
}

// Group returns a sub-router under path with middleware.
func (r *Router) Group(path string, h ...fiber.Handler) *Router {
	return &Router{fr: r.fr.Group(path, h...), prefix: r.prefix + path, doc: r.doc}
}

func (r *Router) add(method, path string, op Op, h []fiber.Handler) {
	r.fr.Add(method, path, h...)
	r.doc.mu.Lock()
	r.doc.ops = append(r.doc.ops, entry{method, r.prefix + path, op})
	r.doc.mu.Unlock()
}

// Get registers a GET route.
func (r *Router) Get(path string, op Op, h ...fiber.Handler) { r.add(fiber.MethodGet, path, op, h) }

// Post registers a POST route.
func (r *Router) Post(path string, op Op, h ...fiber.Handler) { r.add(fiber.MethodPost, path, op, h) }

// Put registers a PUT route.
func (r *Router) Put(path string, op Op, h ...fiber.Handler) { r.add(fiber.MethodPut, path, op, h) }

// Patch registers a PATCH route.
func (r *Router) Patch(path string, op Op, h ...fiber.Handler) { r.add(fiber.MethodPatch, path, op, h) }

// Delete registers a DELETE route.
func (r *Router) Delete(path string, op Op, h ...fiber.Handler) {
	r.add(fiber.MethodDelete, path, op, h)
}

// Routes lists "METHOD /path/{param}" of every documented operation.
func (d *Doc) Routes() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, e := range d.ops {
		out = append(out, e.method+" "+OpenAPIPath(e.path))
	}
	sort.Strings(out)
	return out
}

// OpenAPIPath turns Fiber's "/quotes/:id" into "/quotes/{id}".
func OpenAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + strings.TrimSuffix(strings.TrimPrefix(s, ":"), "?") + "}"
		}
	}
	return strings.Join(parts, "/")
}

// JSON renders the OpenAPI 3.1 document.
func (d *Doc) JSON() ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	g := &gen{schemas: map[string]any{}}
	paths := map[string]map[string]any{}
	for _, e := range d.ops {
		p := OpenAPIPath(e.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(e.method)] = g.operation(e, p)
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Backoffice API", "version": "1.0.0",
			"description": "JSON API of Backoffice. Money is a decimal string, dates YYYY-MM-DD, instants RFC 3339. Errors are application/problem+json with a stable code."},
		"paths": paths,
		"components": map[string]any{
			"schemas": g.withProblem(),
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "bo_session"},
			},
		},
		"security": []any{map[string]any{"bearer": []any{}}, map[string]any{"session": []any{}}},
	}
	return json.MarshalIndent(doc, "", "  ")
}

type gen struct{ schemas map[string]any }

func (g *gen) withProblem() map[string]any {
	g.schema(reflect.TypeOf(httpx.ProblemBody{}))
	return g.schemas
}

func (g *gen) operation(e entry, path string) map[string]any {
	op := map[string]any{"summary": e.op.Summary, "operationId": opID(e.method, path)}
	if e.op.Description != "" {
		op["description"] = e.op.Description
	}
	tag := e.op.Tag
	if tag == "" {
		rest := strings.TrimPrefix(path, "/api/v1/")
		tag = strings.SplitN(rest, "/", 2)[0]
	}
	op["tags"] = []string{tag}
	var params []any
	for _, s := range strings.Split(path, "/") {
		if strings.HasPrefix(s, "{") {
			params = append(params, map[string]any{"name": strings.Trim(s, "{}"), "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
	}
	for _, q := range e.op.Query {
		typ := q.Type
		if typ == "" {
			typ = "string"
		}
		sch := map[string]any{"type": typ}
		if q.Format != "" {
			sch["format"] = q.Format
		}
		params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Description, "schema": sch})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if e.op.Body != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(e.op.Body))}}}
	}
	status := e.op.Status
	if status == 0 {
		status = 200
	}
	resp := map[string]any{"description": "success"}
	switch {
	case e.op.Produces != "":
		resp["content"] = map[string]any{e.op.Produces: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
	case e.op.Response != nil:
		resp["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(e.op.Response))}}
	}
	problemRef := map[string]any{"description": "problem", "content": map[string]any{
		"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/ProblemBody"}}}}
	op["responses"] = map[string]any{itoa(status): resp, "default": problemRef}
	if e.op.Public {
		op["security"] = []any{}
	}
	return op
}

func opID(method, path string) string {
	s := strings.ToLower(method)
	for _, p := range strings.Split(strings.TrimPrefix(path, "/api/v1"), "/") {
		p = strings.Trim(p, "{}")
		p = strings.ReplaceAll(p, "-", "_")
		if p != "" {
			s += "_" + p
		}
	}
	return s
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

var (
	decType    = reflect.TypeOf(decimal.Decimal{})
	amountType = reflect.TypeOf(money.Amount{})
	timeType   = reflect.TypeOf(time.Time{})
	dateType   = reflect.TypeOf(civil.Date{})
	rawType    = reflect.TypeOf(json.RawMessage{})
)

// optional is httpx.Optional[T]: documented as a nullable T.
type optional interface{ OptionalElem() reflect.Type }

var optionalType = reflect.TypeFor[optional]()

func (g *gen) schema(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Struct && t.Implements(optionalType) {
		return g.schema(reflect.PointerTo(reflect.Zero(t).Interface().(optional).OptionalElem()))
	}
	nullable := false
	for t.Kind() == reflect.Pointer {
		t, nullable = t.Elem(), true
	}
	var s map[string]any
	switch {
	case t == decType || t == amountType:
		s = map[string]any{"type": "string", "format": "decimal", "pattern": `^-?\d+(\.\d+)?$`}
	case t == timeType:
		s = map[string]any{"type": "string", "format": "date-time"}
	case t == dateType:
		s = map[string]any{"type": "string", "format": "date"}
	case t == rawType:
		s = map[string]any{}
	case t.Kind() == reflect.Struct:
		name := t.Name()
		if name == "" || strings.Contains(name, "[") {
			return g.object(t)
		}
		name = refName(t)
		if _, ok := g.schemas[name]; !ok {
			g.schemas[name] = map[string]any{} // recursion guard
			g.schemas[name] = g.object(t)
		}
		s = map[string]any{"$ref": "#/components/schemas/" + name}
		if nullable {
			return map[string]any{"oneOf": []any{s, map[string]any{"type": "null"}}}
		}
		return s
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			s = map[string]any{"type": "string", "format": "byte"}
		} else {
			s = map[string]any{"type": "array", "items": g.schema(t.Elem())}
		}
	case t.Kind() == reflect.Map:
		s = map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case t.Kind() == reflect.String:
		s = map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		s = map[string]any{"type": "integer"}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		s = map[string]any{"type": "number"}
	default:
		s = map[string]any{}
	}
	if nullable {
		if typ, ok := s["type"].(string); ok {
			s["type"] = []string{typ, "null"}
		}
	}
	return s
}

func refName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	if pkg == "" {
		return t.Name()
	}
	if t.Name() == "ProblemBody" {
		return t.Name()
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:] + t.Name()
}

func (g *gen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		sort.Strings(required)
		s["required"] = required
	}
	return s
}

func (g *gen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("json") == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft.PkgPath() != "github.com/uptrace/bun/schema" {
				g.fields(ft, props, required)
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.schema(f.Type)
		if strings.Contains(f.Tag.Get("validate"), "required") && !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}
