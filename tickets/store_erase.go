package tickets

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/customerdata"
)

// registerErase takes part in a customer's erasure (DATA-2): ticket subjects,
// descriptions and every comment may name people, so they are replaced; numbers, dates and
// the SLA history stay (they name no one).
func registerErase() {
	customerdata.RegisterEraser("tickets", func(ctx context.Context, tx bun.Tx, customerID int64, now time.Time) (int, error) {
		res, err := tx.NewRaw(`UPDATE tickets SET subject = 'Erased ticket', description = '', updated_at = ? WHERE customer_id = ?`, now, customerID).Exec(ctx)
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		if _, err := tx.NewRaw(`UPDATE ticket_comments SET body = '[erased]' WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = ?)`, customerID).Exec(ctx); err != nil {
			return 0, err
		}
		if _, err := tx.NewRaw(`UPDATE ticket_time_entries SET note = '[erased]' WHERE ticket_id IN (SELECT id FROM tickets WHERE customer_id = ?)`, customerID).Exec(ctx); err != nil {
			return 0, err
		}
		return int(n), nil
	})
}
