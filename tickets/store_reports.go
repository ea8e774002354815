package tickets

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// The reads of the dashboard, the SLA alert sweep and the availability report.

// monthCompliance is one month's count of resolved tickets and of those within both targets.
type monthCompliance struct {
	Month    string `bun:"month"`
	Resolved int    `bun:"resolved"`
	Met      int    `bun:"met"`
}

func complianceByMonth(ctx context.Context, idb bun.IDB, since time.Time) ([]monthCompliance, error) {
	var rows []monthCompliance
	err := idb.NewRaw(`SELECT to_char(resolved_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
			count(*) AS resolved,
			count(*) FILTER (WHERE NOT response_breached AND NOT resolution_breached) AS met
		FROM tickets WHERE resolved_at >= ? GROUP BY 1 ORDER BY 1`, since).Scan(ctx, &rows)
	return rows, err
}

// openDataBreaches are the unclosed data breaches by their controller-notice deadline (T-6).
func openDataBreaches(ctx context.Context, idb bun.IDB, limit int64) ([]*Ticket, error) {
	var out []*Ticket
	err := ticketQuery(idb, &out).
		Where("ticket.category = 'data_breach' AND ticket.status <> 'closed'").
		OrderExpr("ticket.controller_notice_due_at, ticket.id").Limit(limit).Scan(ctx)
	return out, err
}

type statusCount struct {
	Status Status `bun:"status"`
	N      int    `bun:"n"`
}

func countsByStatus(ctx context.Context, idb bun.IDB) ([]statusCount, error) {
	var out []statusCount
	err := idb.NewRaw("SELECT status, count(*) AS n FROM tickets GROUP BY status").Scan(ctx, &out)
	return out, err
}

// claimAlertDue locks (SKIP LOCKED) a batch of tickets whose next SLA alert is due.
func claimAlertDue(ctx context.Context, idb bun.IDB, now time.Time, batch int64) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().Table("tickets").Column("id").Where("next_alert_at <= ?", now).
		OrderExpr("next_alert_at, id").Limit(batch).For("UPDATE SKIP LOCKED").Scan(ctx, &ids)
	return ids, err
}

func insertOutage(ctx context.Context, idb bun.IDB, row *outageRow) error {
	_, err := idb.NewInsert().Model(row).Returning("id").Exec(ctx)
	return err
}

func outageServices(ctx context.Context, idb bun.IDB) ([]string, error) {
	var out []string
	err := idb.NewSelect().Table("outages").ColumnExpr("DISTINCT service").Order("service").Scan(ctx, &out)
	return out, err
}

// outagesFor loads the outages of service that concern customerID (those of all
// customers plus its own; with no customer only the service-wide ones) up to end.
func outagesFor(ctx context.Context, idb bun.IDB, service string, customerID *int64, end time.Time) ([]Outage, error) {
	var rows []*outageRow
	q := idb.NewSelect().Model(&rows).Where("service = ?", service).Where("started_at < ?", end).Order("started_at")
	if customerID != nil {
		q = q.Where("(customer_id IS NULL OR customer_id = ?)", *customerID)
	} else {
		q = q.Where("customer_id IS NULL")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Outage, len(rows))
	for i, r := range rows {
		out[i] = r.outage()
	}
	return out, nil
}
