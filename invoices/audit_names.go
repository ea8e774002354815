package invoices

import "context"

// AuditNames names the invoices and credit notes the audit log shows (platform.AuditNamer):
// "Invoice 2026-00012", "Credit note C2026-00001".
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	return auditNames(ctx, m.svc.DB, entity, ids)
}
