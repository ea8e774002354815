package tickets

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// insertTimeEntry stores a time entry; it fills the id and the technician's name.
func insertTimeEntry(ctx context.Context, idb bun.IDB, e *TimeEntry) error {
	if _, err := idb.NewInsert().Model(e).Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("tickets: log time: %w", err)
	}
	return idb.NewSelect().Table("users").Column("name").Where("id = ?", e.TechnicianID).Scan(ctx, &e.TechnicianName)
}

// timeEntries lists a ticket's logged time, oldest first.
func timeEntries(ctx context.Context, idb bun.IDB, ticketID int64) ([]TimeEntry, error) {
	var out []TimeEntry
	err := idb.NewSelect().Model(&out).ColumnExpr("te.*").ColumnExpr("u.name AS technician_name").
		Join("JOIN users u ON u.id = te.technician_id").Where("te.ticket_id = ?", ticketID).OrderExpr("te.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("tickets: time of ticket %d: %w", ticketID, err)
	}
	return out, nil
}
