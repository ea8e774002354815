package accounts

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/db"
	"backoffice/internal/httpx"
)

// AuditFilter narrows the audit log page: an entity (and one of its records) and a range
// of Amsterdam days, both ends included; zero values do not filter.
type AuditFilter struct {
	Entity, EntityID string
	From, To         civil.Date
}

// ListAuditFiltered pages the audit log newest first through f.
func ListAuditFiltered(ctx context.Context, b bun.IDB, f AuditFilter, page httpx.Page) (httpx.List[audit.Entry], error) {
	var rows []audit.Entry
	p := db.NewParams(b)
	q := b.NewSelect().Model(&rows).Order("id DESC").Limit(page.Fetch())
	if f.Entity != "" {
		q = q.Where("entity = ?", p.Arg(f.Entity))
		if f.EntityID != "" {
			q = q.Where("entity_id = ?", p.Arg(f.EntityID))
		}
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", p.Arg(f.From.Start(clock.Amsterdam)))
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", p.Arg(f.To.AddDays(1).Start(clock.Amsterdam)))
	}
	var cur idCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return httpx.List[audit.Entry]{}, err
	} else if ok {
		q = q.Where("id < ?", p.Arg(cur.ID))
	}
	if err := p.Scan(ctx, q, &rows); err != nil {
		return httpx.List[audit.Entry]{}, err
	}
	return httpx.Paginate(rows, page, func(e audit.Entry) any { return idCursor{e.ID} }), nil
}

// AuditEntities lists the kinds of entity the log holds, for the filter's choice.
func AuditEntities(ctx context.Context, b bun.IDB) ([]string, error) {
	var out []string
	err := b.NewRaw(`WITH RECURSIVE e(entity) AS (
		(SELECT entity FROM audit_log ORDER BY entity LIMIT 1)
		UNION ALL
		SELECT (SELECT a.entity FROM audit_log a WHERE a.entity > e.entity ORDER BY a.entity LIMIT 1) FROM e WHERE e.entity IS NOT NULL)
		SELECT entity FROM e WHERE entity IS NOT NULL LIMIT 100`).Scan(ctx, &out)
	return out, err
}

// auditNamesOf names customers ("Acme Zorg B.V.") and users ("Eva Visser") by id for the
// audit log; ids that are not numbers or no longer exist are left out.
func auditNamesOf(ctx context.Context, b bun.IDB, entity string, ids []int64) (map[string]string, error) {
	// a change's field that refers to a user by its role ("assignee_id": 3) names the user too
	table := map[string]string{"customer": "customers", "user": "users", "assignee": "users", "technician": "users",
		"reporter": "users", "author": "users", "contact": "users"}[entity]
	if table == "" || len(ids) == 0 {
		return nil, nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := b.NewSelect().Table(table).Column("id", "name").Where("id IN (?)", bun.In(ids)).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[strconv.FormatInt(r.ID, 10)] = r.Name
	}
	return out, nil
}
