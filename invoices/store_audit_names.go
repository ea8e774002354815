package invoices

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
)

// auditTables are the invoices and credit notes by the audit log's entity (and the field
// that refers to them, "invoice_id"; hardware records an invoice as "hw_invoice"): a
// number, or for a draft its customer's name, never "Invoice 10" (issue 13).
var auditTables = map[string][2]string{
	"invoice":     {"invoices", invoiceName},
	"hw_invoice":  {"invoices", invoiceName},
	"credit_note": {"credit_notes", "number"},
}

const invoiceName = "COALESCE(number, (SELECT c.name FROM customers AS c WHERE c.id = invoices.customer_id))"

// auditNames names invoices and credit notes for the audit log, one query per entity;
// other entities answer nil.
func auditNames(ctx context.Context, idb bun.IDB, entity string, ids []string) (map[string]string, error) {
	t, ok := auditTables[entity]
	if !ok {
		return nil, nil
	}
	return audit.NamesByID(ctx, idb, t[0], t[1], ids)
}
