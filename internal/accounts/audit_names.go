package accounts

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/audit"
	"backoffice/internal/i18n"
	"backoffice/internal/web"
)

// AuditNames names the customers and users the audit log shows (platform.AuditNamer).
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	var nums []int64
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			nums = append(nums, n)
		}
	}
	return auditNamesOf(ctx, m.DB, entity, nums)
}

// auditNamesFor asks the modules' namers for the names of records by entity
// (audit.AskNamers).
func (m *Module) auditNamesFor(ctx context.Context, byEntity map[string][]string) (map[string]map[string]string, error) {
	if m.Namers == nil {
		return map[string]map[string]string{}, nil
	}
	return audit.AskNamers(ctx, m.Namers(), byEntity)
}

// nameAuditRows sets each row's Record ("Customer Acme Zorg B.V.", "Quote Q2026-0012 v2"):
// the entity in the reader's words and the name its module gives the record, or its id
// when no module names it; then names and formats the changes (nameAuditChanges).
func (m *Module) nameAuditRows(c *fiber.Ctx, rows []auditRow) error {
	byEntity := map[string][]string{}
	for _, r := range rows {
		byEntity[r.Entity] = append(byEntity[r.Entity], r.EntityID)
	}
	names, err := m.auditNamesFor(c.UserContext(), byEntity)
	if err != nil {
		return err
	}
	lang := web.ReaderLang(c)
	for i := range rows {
		r := &rows[i]
		r.Record = web.RecordName(lang, r.Entity, r.EntityID, names[r.Entity])
	}
	return m.nameAuditChanges(c, lang, rows)
}

var auditRef = regexp.MustCompile(`^-?[0-9]+$`)
var auditDecimal = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)

// refEntity is the entity a changed field refers to: "customer_id" → "customer".
func refEntity(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	e, ok := strings.CutSuffix(path, "_id")
	if !ok {
		return ""
	}
	return e
}

// nameAuditChanges writes the changes for a person in lang: a field that refers to a
// record ("customer_id": 1) by the record's name ("Acme Zorg B.V.") where a module names
// it, and a number with decimals the one way staff pages write them (61.954,75, as
// web.Money). The CSV export keeps the recorded values.
func (m *Module) nameAuditChanges(c *fiber.Ctx, lang string, rows []auditRow) error {
	refs := map[string][]string{}
	for _, r := range rows {
		for _, ch := range r.Changes {
			if e := refEntity(ch.Path); e != "" {
				for _, v := range []string{ch.Before, ch.After} {
					if auditRef.MatchString(v) {
						refs[e] = append(refs[e], v)
					}
				}
			}
		}
	}
	names, err := m.auditNamesFor(c.UserContext(), refs)
	if err != nil {
		return err
	}
	value := func(path, v string) string {
		if n := names[refEntity(path)][v]; n != "" && auditRef.MatchString(v) {
			return n
		}
		if auditDecimal.MatchString(v) {
			d, err := decimal.NewFromString(v)
			if err != nil {
				return v
			}
			if len(v)-strings.IndexByte(v, '.') == 3 {
				return i18n.Amount(d) // money-like: 61.954,75, as web.Money writes amounts on every staff page
			}
			return i18n.Quantity(d)
		}
		return v
	}
	for i := range rows {
		for j := range rows[i].Changes {
			ch := &rows[i].Changes[j]
			ch.Before, ch.After = value(ch.Path, ch.Before), value(ch.Path, ch.After)
		}
	}
	return nil
}
