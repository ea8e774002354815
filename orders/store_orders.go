package orders

import (
	"backoffice/internal/db"
	"backoffice/internal/problem"
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/listq"
)

type orderRow struct {
	bun.BaseModel `bun:"table:orders,alias:o"`

	ID                       int64            `bun:"id,pk,autoincrement"`
	Number                   string           `bun:"number"`
	QuoteID                  int64            `bun:"quote_id"`
	CustomerID               int64            `bun:"customer_id"`
	Title                    string           `bun:"title"`
	Status                   string           `bun:"status"`
	StartDate                civil.Date       `bun:"start_date,type:date"`
	Cancellable              bool             `bun:"cancellable"`
	FixedPrice               bool             `bun:"fixed_price"`
	LeadTimeDays             int              `bun:"lead_time_days"`
	DetailsAgreedOn          civil.Date       `bun:"details_agreed_on,type:date,nullzero"`
	DataSuppliedOn           civil.Date       `bun:"data_supplied_on,type:date,nullzero"`
	QuoteAcceptedOn          civil.Date       `bun:"quote_accepted_on,type:date"`
	AdvancePaymentRequired   bool             `bun:"advance_payment_required"`
	AdvancePaymentReceivedOn civil.Date       `bun:"advance_payment_received_on,type:date,nullzero"`
	Net                      decimal.Decimal  `bun:"net,type:numeric"`
	VAT                      decimal.Decimal  `bun:"vat,type:numeric"`
	Gross                    decimal.Decimal  `bun:"gross,type:numeric"`
	CreatedAt                time.Time        `bun:"created_at"`
	CancelledAt              *time.Time       `bun:"cancelled_at"`
	CancellationFee          *decimal.Decimal `bun:"cancellation_fee,type:numeric"`
	CancellationReason       *string          `bun:"cancellation_reason"`

	QuoteNumber  string `bun:"quote_number,scanonly"`
	CustomerName string `bun:"customer_name,scanonly"`
	ContractID   int64  `bun:"contract_id,scanonly"`
}

func toOrderRow(o *Order) *orderRow {
	t := ComputeTotals(o.Lines)
	return &orderRow{
		ID: o.ID, Number: o.Number, QuoteID: o.QuoteID, CustomerID: o.CustomerID, Title: o.Title, Status: string(o.Status),
		StartDate: o.StartDate, Cancellable: o.Cancellable, FixedPrice: o.FixedPrice, LeadTimeDays: o.LeadTimeDays,
		DetailsAgreedOn: o.Preconditions.DetailsAgreed, DataSuppliedOn: o.Preconditions.DataSupplied,
		QuoteAcceptedOn: o.Preconditions.QuoteAccepted, AdvancePaymentRequired: o.Preconditions.AdvancePaymentRequired,
		AdvancePaymentReceivedOn: o.Preconditions.AdvancePaymentReceived,
		Net:                      t.Net, VAT: t.VAT, Gross: t.Gross, CreatedAt: o.CreatedAt,
		CancelledAt: o.CancelledAt, CancellationFee: o.CancellationFee, CancellationReason: strPtr(o.CancellationReason),
	}
}

func (r *orderRow) order() *Order {
	return &Order{
		ID: r.ID, Number: r.Number, QuoteID: r.QuoteID, QuoteNumber: r.QuoteNumber, CustomerID: r.CustomerID,
		CustomerName: r.CustomerName, Title: r.Title, Status: OrderStatus(r.Status), StartDate: r.StartDate,
		Cancellable: r.Cancellable, FixedPrice: r.FixedPrice, LeadTimeDays: r.LeadTimeDays,
		Preconditions: Preconditions{DetailsAgreed: r.DetailsAgreedOn, DataSupplied: r.DataSuppliedOn,
			QuoteAccepted: r.QuoteAcceptedOn, AdvancePaymentRequired: r.AdvancePaymentRequired,
			AdvancePaymentReceived: r.AdvancePaymentReceivedOn},
		CreatedAt: r.CreatedAt, CancelledAt: r.CancelledAt, CancellationFee: r.CancellationFee,
		CancellationReason: deref(r.CancellationReason), ContractID: r.ContractID,
	}
}

type extensionRow struct {
	bun.BaseModel `bun:"table:order_extensions,alias:x"`

	ID              int64     `bun:"id,pk,autoincrement"`
	OrderID         int64     `bun:"order_id"`
	WorkingDays     int       `bun:"working_days"`
	Reason          string    `bun:"reason"`
	Note            string    `bun:"note"`
	ChangeRequestID *int64    `bun:"change_request_id"`
	RecordedAt      time.Time `bun:"recorded_at"`
	RecordedBy      *int64    `bun:"recorded_by"`
}

// insertOrder stores an order and its lines; quoteLineIDs maps each line to the quote line
// it came from.
func insertOrder(ctx context.Context, idb bun.IDB, o *Order, quoteLineIDs []int64) error {
	r := toOrderRow(o)
	r.ID = 0
	if _, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("order"), nil)
	}
	o.ID = r.ID
	rows := make([]orderLineRow, len(o.Lines))
	for i := range o.Lines {
		o.Lines[i].Position = i + 1
		rows[i] = orderLineRow{lineRow: toLineRow(o.Lines[i]), OrderID: o.ID, QuoteLineID: quoteLineIDs[i]}
		rows[i].ID = 0
	}
	if len(rows) > 0 {
		if _, err := idb.NewInsert().Model(&rows).Returning("id").Exec(ctx); err != nil {
			return db.Translate(err, problem.NotFound("order line"), nil)
		}
	}
	for i := range rows {
		o.Lines[i].ID = rows[i].ID
	}
	return nil
}

// getOrder loads an order with lines, extensions and the id of the contract it became; lock
// serialises state changes.
func getOrder(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Order, error) {
	// prepared statements on the root DB (db.Params), bun's path in a transaction
	r := new(orderRow)
	p := db.NewParams(idb)
	q := orderQuery(idb, r).Where("o.id = ?", p.Arg(id)).
		ColumnExpr("coalesce((SELECT k.id FROM contracts AS k WHERE k.order_id = o.id), 0) AS contract_id")
	if lock {
		q = q.For("UPDATE OF o")
	}
	if err := p.Scan(ctx, q, r); err != nil {
		return nil, db.Translate(err, problem.NotFound(fmt.Sprintf("order %d", id)), nil)
	}
	o := r.order()
	var lines []orderLineRow
	p = db.NewParams(idb)
	if err := p.Scan(ctx, idb.NewSelect().Model(&lines).Where("order_id = ?", p.Arg(id)).Order("position"), &lines); err != nil {
		return nil, err
	}
	for _, l := range lines {
		o.Lines = append(o.Lines, l.line())
	}
	var ext []extensionRow
	p = db.NewParams(idb)
	if err := p.Scan(ctx, idb.NewSelect().Model(&ext).Where("order_id = ?", p.Arg(id)).Order("id"), &ext); err != nil {
		return nil, err
	}
	for _, e := range ext {
		x := Extension{ID: e.ID, WorkingDays: e.WorkingDays, Reason: ExtensionReason(e.Reason), Note: e.Note, RecordedAt: e.RecordedAt}
		if e.ChangeRequestID != nil {
			x.ChangeRequest = *e.ChangeRequestID
		}
		if e.RecordedBy != nil {
			x.RecordedBy = *e.RecordedBy
		}
		o.Extensions = append(o.Extensions, x)
	}
	return o, nil
}

func orderQuery(idb bun.IDB, model any) *bun.SelectQuery {
	return idb.NewSelect().Model(model).ColumnExpr("o.*").
		ColumnExpr("q.number AS quote_number").ColumnExpr("c.name AS customer_name").
		Join("JOIN quotes AS q ON q.id = o.quote_id").Join("JOIN customers AS c ON c.id = o.customer_id")
}

// orderIDForQuote finds the order an accepted quote became (0 when none).
func orderIDForQuote(ctx context.Context, idb bun.IDB, quoteID int64) (int64, error) {
	var ids []int64
	err := idb.NewSelect().TableExpr("orders").Column("id").Where("quote_id = ?", quoteID).Scan(ctx, &ids)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

func saveOrder(ctx context.Context, idb bun.IDB, o *Order) error {
	r := toOrderRow(o)
	_, err := idb.NewUpdate().Model(r).Column("status", "cancelled_at", "cancellation_fee", "cancellation_reason",
		"details_agreed_on", "data_supplied_on", "advance_payment_received_on").WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("order"), nil)
}

func insertExtension(ctx context.Context, idb bun.IDB, orderID int64, e *Extension) error {
	r := &extensionRow{OrderID: orderID, WorkingDays: e.WorkingDays, Reason: string(e.Reason), Note: e.Note, RecordedAt: e.RecordedAt}
	if e.ChangeRequest != 0 {
		r.ChangeRequestID = &e.ChangeRequest
	}
	if e.RecordedBy != 0 {
		r.RecordedBy = &e.RecordedBy
	}
	if _, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("extension"), nil)
	}
	e.ID = r.ID
	return nil
}

// listOrders lists orders newest first, for one customer when customerID is set.
func listOrders(ctx context.Context, idb bun.IDB, p *auth.Principal, customerID *int64, afterID int64, limit int) ([]*Order, error) {
	args := db.NewParams(idb)
	return findOrders(ctx, idb, p, args, customerID, func(q *bun.SelectQuery) (*bun.SelectQuery, error) {
		if afterID > 0 {
			q = q.Where("o.id < ?", args.Arg(afterID))
		}
		return q.Order("o.id DESC").Limit(int64(limit)), nil
	})
}

// OrderScope narrows the order list before the list tools' search: one customer, and
// ?lead_time=not_started (the home's card: open orders with a precondition missing, Q-6).
type OrderScope struct {
	CustomerID         *int64
	LeadTimeNotStarted bool
}

// searchOrderList is the order list of the list tools: search, sort and cursor of lq.
func searchOrderList(ctx context.Context, idb bun.IDB, p *auth.Principal, scope OrderScope, lq listq.Query) ([]*Order, error) {
	args := lq.Params(idb)
	return findOrders(ctx, idb, p, args, scope.CustomerID, func(q *bun.SelectQuery) (*bun.SelectQuery, error) {
		if scope.LeadTimeNotStarted {
			q = q.Where(leadTimeWaiting) // index orders_lead_time_waiting_idx
		}
		q, err := searchCustomers(ctx, idb, q, lq, "(o.number || ' ' || o.title)", "o.customer_id")
		return orderList.Apply(q, lq, args), err
	})
}

func findOrders(ctx context.Context, idb bun.IDB, p *auth.Principal, args *db.Params, customerID *int64, page func(*bun.SelectQuery) (*bun.SelectQuery, error)) ([]*Order, error) {
	var rows []orderRow
	q := auth.ScopeWith(orderQuery(idb, &rows), p, "o.customer_id", args)
	if customerID != nil {
		q = q.Where("o.customer_id = ?", args.Arg(*customerID))
	}
	q, err := page(q)
	if err != nil {
		return nil, err
	}
	if err := args.Scan(ctx, q, &rows); err != nil {
		return nil, err
	}
	out := make([]*Order, len(rows))
	for i := range rows {
		out[i] = rows[i].order()
		out[i].StoredNet = rows[i].Net
	}
	return out, nil
}
