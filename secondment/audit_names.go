package secondment

import (
	"context"
	"strconv"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/web"
)

// AuditNames names the placements, statements, expenses and hour entries the audit log
// shows (platform.AuditNamer): "Placement Systeembeheerder · Acme Zorg B.V. · Eva
// Visser", "Statement November 2026 · Systeembeheerder · Acme Zorg B.V.", never
// "Placement 3"; the log is a staff page, so a month reads in the staff language.
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	if entity != "placement_statement" {
		return auditNamesOf(ctx, m.svc.db, entity, ids)
	}
	rows, err := statementLabels(ctx, m.svc.db, audit.Numbers(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		month := i18n.MonthYear(web.StaffLang, civil.Month{Year: r.Month.Year, Month: r.Month.Month})
		out[strconv.FormatInt(r.ID, 10)] = month + " · " + r.Role + " · " + r.Customer
	}
	return out, nil
}
