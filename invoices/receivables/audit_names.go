package receivables

import (
	"context"
	"strconv"

	"backoffice/internal/audit"
	"backoffice/internal/i18n"
	"backoffice/internal/web"
)

// AuditNames names the payments the audit log shows (platform.AuditNamer) by payer,
// amount and day, "Acme Zorg B.V. · € 1.210,00 · 3 maart 2026", never "Payment 2"; the
// log is a staff page, so the day reads in the staff language.
func (m *Module) AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error) {
	if entity != "payment" && entity != "reversal" {
		return nil, nil
	}
	rows, err := paymentLabels(ctx, m.d.DB, audit.Numbers(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[strconv.FormatInt(r.ID, 10)] = web.T(web.StaffLang, "receivables.ui.payments.row", "Payer", r.Payer, "Amount", i18n.Euro(r.Amount), "Date", i18n.Date(web.StaffLang, r.ReceivedOn))
	}
	return out, nil
}
