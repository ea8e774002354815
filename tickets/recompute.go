package tickets

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// RecomputeStored recomputes the stored SLA columns of every ticket from its event log at
// now, in batches of batch tickets each in its own transaction. Bulk loads (the load
// command seeds tickets and events with SQL) and backfills of new SLA columns use it, so
// the stored due times come from the same SLA clock as every event's refresh.
func RecomputeStored(ctx context.Context, db bun.IDB, now time.Time, batch int64) (int, error) {
	if batch <= 0 {
		batch = 2000
	}
	last, err := maxTicketID(ctx, db)
	if err != nil {
		return 0, err
	}
	contexts := map[int64]clockOf{}
	done := 0
	for from := int64(0); from < last; from += batch {
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			rows, err := ticketsInRange(ctx, tx, from, from+batch)
			if err != nil {
				return err
			}
			events, err := eventsInRange(ctx, tx, from, from+batch)
			if err != nil {
				return err
			}
			for _, t := range rows {
				sc, ok := contexts[t.PolicyID]
				if !ok {
					if sc, err = slaContext(ctx, tx, t.PolicyID); err != nil {
						return err
					}
					contexts[t.PolicyID] = sc
				}
				t.apply(Compute(factsOf(t, events[t.ID], sc), now))
				if err := saveTicket(ctx, tx, t); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			return done, err
		}
	}
	return done, nil
}
