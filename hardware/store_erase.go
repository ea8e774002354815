package hardware

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/customerdata"
)

// registerErase takes part in a customer's erasure (DATA-2): defect descriptions and RMA
// reasons may name people, and so does who signed for a delivery; serials, dates and
// title history stay (they support the kept invoices and name no one).
func registerErase() {
	customerdata.RegisterEraser("hardware", func(ctx context.Context, tx bun.Tx, customerID int64, _ time.Time) (int, error) {
		res, err := tx.NewRaw(`UPDATE hw_defect_reports SET description = '[erased]' WHERE customer_id = ?`, customerID).Exec(ctx)
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		if _, err := tx.NewRaw(`UPDATE hw_deliveries SET received_by = 'Erased' WHERE customer_id = ? AND received_by IS NOT NULL`, customerID).Exec(ctx); err != nil {
			return 0, err
		}
		if _, err := tx.NewRaw(`UPDATE hw_rmas SET reason = '[erased]' WHERE item_id IN (SELECT id FROM hw_items WHERE customer_id = ?)`, customerID).Exec(ctx); err != nil {
			return 0, err
		}
		return int(n), nil
	})
}
