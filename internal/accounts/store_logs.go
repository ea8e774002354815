package accounts

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/httpx"
	"backoffice/internal/outbox"
)

// ListAudit pages the audit log newest first, optionally for one entity.
func ListAudit(ctx context.Context, b bun.IDB, entity, entityID string, page httpx.Page) (httpx.List[audit.Entry], error) {
	var rows []audit.Entry
	q := b.NewSelect().Model(&rows).Order("id DESC").Limit(page.Fetch())
	if entity != "" {
		q = q.Where("entity = ?", entity)
		if entityID != "" {
			q = q.Where("entity_id = ?", entityID)
		}
	}
	var cur idCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return httpx.List[audit.Entry]{}, err
	} else if ok {
		q = q.Where("id < ?", cur.ID)
	}
	if err := q.Scan(ctx); err != nil {
		return httpx.List[audit.Entry]{}, err
	}
	return httpx.Paginate(rows, page, func(e audit.Entry) any { return idCursor{e.ID} }), nil
}

// ListOutbox pages the outbox newest first.
func ListOutbox(ctx context.Context, b bun.IDB, status string, page httpx.Page) (httpx.List[outbox.Message], error) {
	var rows []outbox.Message
	q := b.NewSelect().Model(&rows).Order("id DESC").Limit(page.Fetch())
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var cur idCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return httpx.List[outbox.Message]{}, err
	} else if ok {
		q = q.Where("id < ?", cur.ID)
	}
	if err := q.Scan(ctx); err != nil {
		return httpx.List[outbox.Message]{}, err
	}
	return httpx.Paginate(rows, page, func(m outbox.Message) any { return idCursor{m.ID} }), nil
}
