package accounts

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"

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

// nameAuditRows sets each row's Record ("Customer Acme Zorg B.V.", "Quote Q2026-0012 v2"):
// the entity in the reader's words and the name its module gives the record, or its id
// when no module names it. One call per namer and entity on the page.
func (m *Module) nameAuditRows(c *fiber.Ctx, rows []auditRow) error {
	byEntity := map[string][]string{}
	for _, r := range rows {
		byEntity[r.Entity] = append(byEntity[r.Entity], r.EntityID)
	}
	names := map[string]map[string]string{}
	if m.Namers != nil {
		for entity, ids := range byEntity {
			for _, n := range m.Namers() {
				got, err := n.AuditNames(c.UserContext(), entity, ids)
				if err != nil {
					return err
				}
				if got != nil {
					names[entity] = got
					break
				}
			}
		}
	}
	lang := web.ReaderLang(c)
	for i := range rows {
		r := &rows[i]
		label := web.Title(r.Entity)
		if key := "accounts.ui.audit.entity." + r.Entity; i18n.Has(lang, key) {
			label = web.T(lang, key)
		}
		name := names[r.Entity][r.EntityID]
		if name == "" {
			name = r.EntityID
		}
		r.Record = label + " " + name
	}
	return nil
}
