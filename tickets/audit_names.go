package tickets

import (
	"context"

	"backoffice/internal/audit"
)

// AuditNames names the tickets and SLA policies the audit log shows (platform.AuditNamer):
// "Ticket T2026-00010", an SLA policy by its name ("Standaard"), not "SLA policy 1".
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	switch entity {
	case "ticket":
		return audit.NamesByID(ctx, m.svc.DB, "tickets", "number", ids)
	case "sla_policy":
		return audit.NamesByID(ctx, m.svc.DB, "sla_policies", "name", ids)
	}
	return nil, nil
}
