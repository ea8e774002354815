package hardware

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
)

// auditTables are the audited hardware records by the audit log's entity (and by the
// field that refers to them, "item_id" → "item"): the table and how it names a row, one
// query per entity for a page of the log (issue 13).
var auditTables = map[string][2]string{
	"hw_delivery":      {"hw_deliveries", "COALESCE(NULLIF(order_number, ''), order_id::text)"},
	"hw_item":          {"hw_items", "COALESCE(serial || ' · ', '') || (SELECT p.name FROM hw_products AS p WHERE p.id = hw_items.product_id)"},
	"hw_defect_report": {"hw_defect_reports", "COALESCE(item_serial || ' · ', '') || item_product"},
	"hw_rma":           {"hw_rmas", "COALESCE(item_serial || ' · ', '') || item_product"},
	"hw_product":       {"hw_products", "name"},
}

func init() {
	for ref, entity := range map[string]string{"item": "hw_item", "replacement_item": "hw_item", "replaces_item": "hw_item",
		"delivery": "hw_delivery", "product": "hw_product", "defect_report": "hw_defect_report", "rma": "hw_rma"} {
		auditTables[ref] = auditTables[entity]
	}
}

// auditNames names hardware records for the audit log; other entities answer nil.
func auditNames(ctx context.Context, idb bun.IDB, entity string, ids []string) (map[string]string, error) {
	t, ok := auditTables[entity]
	if !ok {
		return nil, nil
	}
	return audit.NamesByID(ctx, idb, t[0], t[1], ids)
}
