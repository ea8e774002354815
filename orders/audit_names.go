package orders

import (
	"context"
	"strconv"
)

// AuditNames names the quotes, orders and contracts the audit log shows
// (platform.AuditNamer): "Quote Q2026-0012 v2" instead of "Quote 12".
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	return m.svc.AuditNames(ctx, entity, ids)
}

// AuditNames is the read behind Module.AuditNames.
func (s *Service) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	var nums []int64
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			nums = append(nums, n)
		}
	}
	return auditNames(ctx, s.DB, entity, nums)
}
