package accounts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// The audit log page: filters by entity, record and date (kept in the URL, so the pager and
// a shared link keep them), and each entry's changes as a table of field, before and after.

type auditData struct {
	Rows             []auditRow
	Entities         []string
	Entity, EntityID string
	From, To         string
	Next             string
	CSV              string // the export of what the filters select
}

// auditRow is an audit entry as a person reads it.
type auditRow struct {
	audit.Entry
	Record  string // "Customer Acme Zorg B.V." (nameAuditRows)
	Changes []auditChange
	Raw     string // changes that are not a map of fields, shown as they are
}

// auditChange is one changed field: Before is empty when the entry only records a value.
type auditChange struct {
	Field, Before, After string
	HasBefore            bool
	Path                 string // the recorded field ("customer_id", "note.gross"), for nameAuditChanges
}

func (m *Module) auditPage(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	d := auditData{Entity: c.Query("entity"), EntityID: c.Query("entity_id"), From: c.Query("from"), To: c.Query("to")}
	f := AuditFilter{Entity: d.Entity, EntityID: d.EntityID}
	var fe problem.Fields
	if d.From != "" {
		if f.From, err = civil.Parse(d.From); err != nil {
			fe.Add("from", "must be a date")
		}
	}
	if d.To != "" {
		if f.To, err = civil.Parse(d.To); err != nil {
			fe.Add("to", "must be a date")
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.auditCSV(c, f)
	}
	d.CSV = "/audit?" + url.Values{"entity": {d.Entity}, "entity_id": {d.EntityID}, "from": {d.From}, "to": {d.To}, "format": {"csv"}}.Encode()
	list, err := ListAuditFiltered(c.UserContext(), m.DB, f, page)
	if err != nil {
		return err
	}
	for _, e := range list.Items {
		d.Rows = append(d.Rows, auditRowOf(e))
	}
	if err := m.nameAuditRows(c, d.Rows); err != nil {
		return err
	}
	if d.Entities, err = AuditEntities(c.UserContext(), m.DB); err != nil {
		return err
	}
	if list.Next != nil {
		d.Next = url.Values{"entity": {d.Entity}, "entity_id": {d.EntityID}, "from": {d.From}, "to": {d.To}, "after": {*list.Next}}.Encode()
	}
	return m.Web.Render(c, "accounts/audit", web.Tr(c, "accounts.ui.audit.title"), d)
}

// auditCSV streams the entries the filters select, newest first, page by page through
// the page's own query; changes as "field: before → after" (formula-safe through csvx).
func (m *Module) auditCSV(c *fiber.Ctx, f AuditFilter) error {
	return listq.StreamPages(c, listq.Export[audit.Entry]{File: "audit.csv",
		Header: []string{"When", "Who", "Entity", "Record", "Action", "Changes", "Request id"},
		Row: func(e audit.Entry) []string {
			var ch []string
			r := auditRowOf(e)
			for _, x := range r.Changes {
				if x.HasBefore {
					ch = append(ch, x.Field+": "+x.Before+" → "+x.After)
				} else {
					ch = append(ch, x.Field+": "+x.After)
				}
			}
			if r.Raw != "" {
				ch = append(ch, r.Raw)
			}
			return []string{e.At.UTC().Format(time.RFC3339), e.ActorEmail, e.Entity, e.EntityID, e.Action, strings.Join(ch, "; "), e.RequestID}
		}}, func(ctx context.Context, after string) ([]audit.Entry, string, error) {
		l, err := ListAuditFiltered(ctx, m.DB, f, httpx.Page{Limit: 200, After: after})
		if err != nil || l.Next == nil {
			return l.Items, "", err
		}
		return l.Items, *l.Next, nil
	})
}

// auditRowOf reads an entry's changes: {"field": {"from": a, "to": b}} (audit.Diff) or
// {"field": value}; anything else is shown as recorded.
func auditRowOf(e audit.Entry) auditRow {
	r := auditRow{Entry: e}
	var m map[string]json.RawMessage
	if len(bytes.TrimSpace(e.Changes)) == 0 || string(e.Changes) == "null" {
		return r
	}
	if err := json.Unmarshal(e.Changes, &m); err != nil {
		r.Raw = string(e.Changes)
		return r
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var ft struct {
			From *json.RawMessage `json:"from"`
			To   *json.RawMessage `json:"to"`
		}
		var probe map[string]json.RawMessage
		if json.Unmarshal(m[k], &probe) == nil && len(probe) == 2 && probe["from"] != nil && probe["to"] != nil && json.Unmarshal(m[k], &ft) == nil {
			r.Changes = append(r.Changes, changedPaths(k, *ft.From, *ft.To)...)
			continue
		}
		for _, f := range flatten(k, m[k]) {
			r.Changes = append(r.Changes, auditChange{Field: web.FieldLabel(f.path), After: auditValue(f.value), Path: f.path})
		}
	}
	return r
}

// leaf is one scalar of a nested value, at its dotted path ("address.city", "lines[0].price").
type leaf struct {
	path  string
	value json.RawMessage
}

// flatten walks objects and arrays down to their scalars, keys in order, so nested
// changes read as rows ("address.city") and never as raw JSON.
func flatten(path string, v json.RawMessage) []leaf {
	var obj map[string]json.RawMessage
	if json.Unmarshal(v, &obj) == nil && obj != nil {
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []leaf
		for _, k := range keys {
			out = append(out, flatten(path+"."+k, obj[k])...)
		}
		if len(out) == 0 {
			return []leaf{{path, json.RawMessage("null")}}
		}
		return out
	}
	var arr []json.RawMessage
	if json.Unmarshal(v, &arr) == nil && arr != nil {
		var out []leaf
		for i, e := range arr {
			out = append(out, flatten(fmt.Sprintf("%s[%d]", path, i), e)...)
		}
		if len(out) == 0 {
			return []leaf{{path, json.RawMessage("null")}}
		}
		return out
	}
	return []leaf{{path, v}}
}

// changedPaths compares a before and an after value leaf by leaf: one row per path that
// changed (a scalar change is one row), in path order.
func changedPaths(field string, from, to json.RawMessage) []auditChange {
	before, after := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	var order []string
	for _, l := range flatten(field, from) {
		before[l.path] = l.value
		order = append(order, l.path)
	}
	for _, l := range flatten(field, to) {
		if _, ok := before[l.path]; !ok {
			order = append(order, l.path)
		}
		after[l.path] = l.value
	}
	sort.Strings(order)
	var out []auditChange
	for _, p := range order {
		b, a := before[p], after[p]
		if b == nil {
			b = json.RawMessage("null")
		}
		if a == nil {
			a = json.RawMessage("null")
		}
		bv, av := auditValue(b), auditValue(a)
		if bv == av && len(order) > 1 {
			continue
		}
		out = append(out, auditChange{Field: web.FieldLabel(p), HasBefore: true, Before: bv, After: av, Path: p})
	}
	return out
}

var auditCode = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// auditValue writes a JSON value for a person: text without quotes, "—" for nothing,
// yes/no, and other values compactly.
func auditValue(v json.RawMessage) string {
	var x any
	if err := json.Unmarshal(v, &x); err != nil {
		return string(v)
	}
	switch t := x.(type) {
	case nil:
		return "—"
	case string:
		if t == "" {
			return "—"
		}
		if ts, err := time.Parse(time.RFC3339Nano, t); err == nil {
			return web.DateTime(ts) // an instant as the pages write it, not 2026-12-01T23:46:14.579Z
		}
		if d, err := civil.Parse(t); err == nil {
			return web.Date(d)
		}
		if auditCode.MatchString(t) {
			return web.Title(t) // a status or other code: its label
		}
		return t
	case bool:
		if t {
			return "yes"
		}
		return "no"
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%f", t), "0"), ".")
	}
	var b bytes.Buffer
	_ = json.Compact(&b, v)
	return b.String()
}
