package platform

import "backoffice/internal/audit"

// AuditNamer names audited records by entity (audit.Namer).
type AuditNamer = audit.Namer

// CollectAuditNamers gathers the modules that name audited records into d.AuditNamers.
func CollectAuditNamers(d *Deps, modules []Module) {
	d.AuditNamers = nil
	for _, m := range modules {
		if n, ok := m.(AuditNamer); ok {
			d.AuditNamers = append(d.AuditNamers, n)
		}
	}
}
