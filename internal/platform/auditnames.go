package platform

import "context"

// AuditNamer is implemented by a module whose records appear in the audit log: it names
// them the way its pages do ("Acme Zorg B.V.", "Q2026-0012 v2"), so the log reads
// "Quote Q2026-0012 v2" instead of "Quote 12". The audit page asks each namer once per
// page for the ids it shows, by entity; a namer answers only the entities it knows
// (others: nil) and may leave out ids it no longer has (deleted, erased).
type AuditNamer interface {
	AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error)
}

// CollectAuditNamers gathers the modules that name audited records into d.AuditNamers.
func CollectAuditNamers(d *Deps, modules []Module) {
	d.AuditNamers = nil
	for _, m := range modules {
		if n, ok := m.(AuditNamer); ok {
			d.AuditNamers = append(d.AuditNamers, n)
		}
	}
}
