package orders

import (
	"backoffice/internal/db"
	"backoffice/internal/problem"
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

type changeRequestRow struct {
	bun.BaseModel `bun:"table:change_requests,alias:cr"`

	ID               int64           `bun:"id,pk,autoincrement"`
	OrderID          int64           `bun:"order_id"`
	Description      string          `bun:"description"`
	Necessary        bool            `bun:"necessary"`
	Status           string          `bun:"status"`
	ApprovalRequired bool            `bun:"approval_required"`
	FixedPrice       bool            `bun:"fixed_price"`
	Net              decimal.Decimal `bun:"net,type:numeric"`
	VAT              decimal.Decimal `bun:"vat,type:numeric"`
	Gross            decimal.Decimal `bun:"gross,type:numeric"`
	OrderNetBefore   decimal.Decimal `bun:"order_net_before,type:numeric"`
	OrderNetAfter    decimal.Decimal `bun:"order_net_after,type:numeric"`
	Consequence      string          `bun:"consequence"`
	RequestedAt      time.Time       `bun:"requested_at"`
	RequestedBy      *int64          `bun:"requested_by"`
	DecidedAt        *time.Time      `bun:"decided_at"`
	DecidedBy        *string         `bun:"decided_by"`
}

type changeLineRow struct {
	bun.BaseModel `bun:"table:change_request_lines,alias:crl"`
	lineRow
	ChangeRequestID int64  `bun:"change_request_id"`
	PriceSource     string `bun:"price_source"`
}

func insertChangeRequest(ctx context.Context, idb bun.IDB, cr *ChangeRequest) error {
	r := &changeRequestRow{OrderID: cr.OrderID, Description: cr.Description, Necessary: cr.Necessary, Status: string(cr.Status),
		ApprovalRequired: cr.ApprovalRequired, FixedPrice: cr.FixedPrice, Net: cr.Totals.Net, VAT: cr.Totals.VAT,
		Gross: cr.Totals.Gross, OrderNetBefore: cr.OrderNetBefore, OrderNetAfter: cr.OrderNetAfter,
		Consequence: cr.Consequence, RequestedAt: cr.RequestedAt}
	if cr.RequestedBy != 0 {
		r.RequestedBy = &cr.RequestedBy
	}
	if _, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("change request"), nil)
	}
	cr.ID = r.ID
	rows := make([]changeLineRow, len(cr.Lines))
	for i, l := range cr.Lines {
		rows[i] = changeLineRow{lineRow: toLineRow(l.Line), ChangeRequestID: cr.ID, PriceSource: string(l.Source)}
		rows[i].ID = 0
	}
	if _, err := idb.NewInsert().Model(&rows).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("change request line"), nil)
	}
	for i := range rows {
		cr.Lines[i].ID = rows[i].ID
	}
	return nil
}

func (r *changeRequestRow) changeRequest(lines []ChangeLine) *ChangeRequest {
	cr := &ChangeRequest{ID: r.ID, OrderID: r.OrderID, Description: r.Description, Necessary: r.Necessary,
		Status: ChangeStatus(r.Status), ApprovalRequired: r.ApprovalRequired, FixedPrice: r.FixedPrice,
		OrderNetBefore: r.OrderNetBefore, OrderNetAfter: r.OrderNetAfter, Consequence: r.Consequence,
		RequestedAt: r.RequestedAt, DecidedAt: r.DecidedAt, DecidedBy: deref(r.DecidedBy), Lines: lines}
	plain := make([]Line, len(lines))
	for i, l := range lines {
		plain[i] = l.Line
	}
	cr.Totals = ComputeTotals(plain)
	if r.RequestedBy != nil {
		cr.RequestedBy = *r.RequestedBy
	}
	return cr
}

// listChangeRequests loads an order's change requests with their lines.
func listChangeRequests(ctx context.Context, idb bun.IDB, orderID int64) ([]*ChangeRequest, error) {
	var rows []changeRequestRow
	if err := idb.NewSelect().Model(&rows).Where("order_id = ?", orderID).Order("id").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]*ChangeRequest, 0, len(rows))
	for i := range rows {
		lines, err := changeLines(ctx, idb, rows[i].ID)
		if err != nil {
			return nil, err
		}
		out = append(out, rows[i].changeRequest(lines))
	}
	return out, nil
}

func changeLines(ctx context.Context, idb bun.IDB, id int64) ([]ChangeLine, error) {
	var lrows []changeLineRow
	if err := idb.NewSelect().Model(&lrows).Where("change_request_id = ?", id).Order("position").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]ChangeLine, len(lrows))
	for i, l := range lrows {
		out[i] = ChangeLine{Line: l.line(), Source: PriceSource(l.PriceSource)}
	}
	return out, nil
}

// getChangeRequest loads one change request of an order, locked for a decision.
func getChangeRequest(ctx context.Context, idb bun.IDB, orderID, id int64) (*ChangeRequest, error) {
	r := new(changeRequestRow)
	if err := idb.NewSelect().Model(r).Where("id = ? AND order_id = ?", id, orderID).For("UPDATE").Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound(fmt.Sprintf("change request %d", id)), nil)
	}
	lines, err := changeLines(ctx, idb, id)
	if err != nil {
		return nil, err
	}
	return r.changeRequest(lines), nil
}

func saveChangeDecision(ctx context.Context, idb bun.IDB, cr *ChangeRequest) error {
	r := &changeRequestRow{ID: cr.ID, Status: string(cr.Status), DecidedAt: cr.DecidedAt, DecidedBy: &cr.DecidedBy}
	_, err := idb.NewUpdate().Model(r).Column("status", "decided_at", "decided_by").WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("change request"), nil)
}

type standardRateRow struct {
	bun.BaseModel `bun:"table:standard_rates,alias:sr"`

	SKU         string          `bun:"sku,pk"`
	Description string          `bun:"description"`
	Kind        string          `bun:"kind"`
	Unit        string          `bun:"unit"`
	UnitPrice   decimal.Decimal `bun:"unit_price,type:numeric"`
	VATRate     decimal.Decimal `bun:"vat_rate,type:numeric"`
	UpdatedAt   time.Time       `bun:"updated_at"`
}

func (r standardRateRow) rate() StandardRate {
	return StandardRate{SKU: r.SKU, Description: r.Description, Kind: LineKind(r.Kind), Unit: r.Unit, UnitPrice: r.UnitPrice, VATRate: r.VATRate}
}

// standardRates loads the standard rate list.
func standardRates(ctx context.Context, idb bun.IDB) ([]StandardRate, error) {
	var rows []standardRateRow
	if err := idb.NewSelect().Model(&rows).Order("sku").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]StandardRate, len(rows))
	for i, r := range rows {
		out[i] = r.rate()
	}
	return out, nil
}

func upsertStandardRate(ctx context.Context, idb bun.IDB, s StandardRate, now time.Time) error {
	r := &standardRateRow{SKU: s.SKU, Description: s.Description, Kind: string(s.Kind), Unit: s.Unit, UnitPrice: s.UnitPrice, VATRate: s.VATRate, UpdatedAt: now}
	_, err := idb.NewInsert().Model(r).On("CONFLICT (sku) DO UPDATE").
		Set("description = EXCLUDED.description, kind = EXCLUDED.kind, unit = EXCLUDED.unit").
		Set("unit_price = EXCLUDED.unit_price, vat_rate = EXCLUDED.vat_rate, updated_at = EXCLUDED.updated_at").Exec(ctx)
	return db.Translate(err, problem.NotFound("standard rate"), nil)
}
