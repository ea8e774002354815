package tickets

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
)

// ticketsInRange loads the tickets with from < id <= to, oldest first (bulk SLA refresh).
func ticketsInRange(ctx context.Context, idb bun.IDB, from, to int64) ([]*Ticket, error) {
	var out []*Ticket
	err := idb.NewSelect().Model(&out).Where("ticket.id > ? AND ticket.id <= ?", from, to).Order("ticket.id").Scan(ctx)
	return out, err
}

// eventsInRange loads the event logs of the tickets with from < id <= to, grouped by ticket.
func eventsInRange(ctx context.Context, idb bun.IDB, from, to int64) (map[int64][]Event, error) {
	var events []Event
	if err := idb.NewSelect().Model(&events).Where("ticket_id > ? AND ticket_id <= ?", from, to).Order("ticket_id", "id").Scan(ctx); err != nil {
		return nil, err
	}
	out := map[int64][]Event{}
	for _, e := range events {
		out[e.TicketID] = append(out[e.TicketID], e)
	}
	return out, nil
}

// maxTicketID is the highest ticket id (0 without tickets).
func maxTicketID(ctx context.Context, idb bun.IDB) (int64, error) {
	var n int64
	err := idb.NewRaw("SELECT coalesce(max(id), 0) FROM tickets").Scan(ctx, &n)
	return n, err
}

// eventsOf loads the event logs of the tickets ids, grouped by ticket, oldest first.
func eventsOf(ctx context.Context, idb bun.IDB, ids []int64) (map[int64][]Event, error) {
	var events []Event
	p := db.NewParams(idb)
	if err := p.Scan(ctx, idb.NewSelect().Model(&events).Where("ticket_id = ANY(?)", p.Array(ids)).Order("ticket_id", "id"), &events); err != nil {
		return nil, err
	}
	out := make(map[int64][]Event, len(ids))
	for _, e := range events {
		out[e.TicketID] = append(out[e.TicketID], e)
	}
	return out, nil
}
