package hardware

import "context"

// AuditNames names the deliveries, items, defect reports, RMAs and products the audit log
// shows (platform.AuditNamer): "Delivery O2026-0012", "Item NM-123 · ThinkPad T14" rather
// than "Delivery 3" and "Hw item 3".
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	return auditNames(ctx, m.Service.DB, entity, ids)
}
