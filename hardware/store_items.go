package hardware

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/listq"
)

// --- items

func insertItem(ctx context.Context, idb bun.IDB, it *Item) error {
	_, err := idb.NewInsert().Model(it).Returning("id").Exec(ctx)
	return tr(err, "item")
}

func updateItem(ctx context.Context, idb bun.IDB, it *Item) error {
	_, err := idb.NewUpdate().Model(it).WherePK().Exec(ctx)
	return tr(err, "item")
}

func getItem(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Item, error) {
	it := new(Item)
	q := itemsQuery(idb, it).Where("id = ?", id).
		ColumnExpr("(SELECT COALESCE(NULLIF(d.order_number, ''), d.order_id::text) FROM hw_deliveries AS d WHERE d.id = item.delivery_id) AS delivery_order")
	if lock {
		q = q.For("UPDATE OF item")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, tr(err, "item")
	}
	return it, withProducts(ctx, idb, []*Item{it})
}

// itemsQuery selects items with their customer's name: a scalar subquery of the same
// statement (a primary-key look-up per row), not a batch query of its own.
func itemsQuery(idb bun.IDB, dest any) *bun.SelectQuery {
	return idb.NewSelect().Model(dest).ColumnExpr("item.*").
		ColumnExpr("(SELECT c.name FROM customers AS c WHERE c.id = item.customer_id) AS customer_name")
}

// withProducts gives items their products, in one batch.
func withProducts(ctx context.Context, idb bun.IDB, items []*Item) error {
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.ProductID)
	}
	ps, err := productsByID(ctx, idb, ids)
	if err != nil {
		return err
	}
	for _, it := range items {
		it.Product = ps[it.ProductID]
	}
	return nil
}

// ItemFilter narrows the item list.
type ItemFilter struct {
	CustomerID   int64
	Title        string
	Serial       string
	DeliveryID   int64
	Repossession bool
	After        int64 // cursor: items with a larger id
	Limit        int64
	List         *listq.Query // sort and cursor of the list tools; nil: by id from After
}

func listItems(ctx context.Context, idb bun.IDB, p *auth.Principal, f ItemFilter, limit int64) ([]*Item, error) {
	var items []*Item
	args := db.NewParams(idb)
	if f.List != nil {
		args = f.List.Params(idb)
	}
	if f.Serial != "" {
		args = nil // a serial search runs through bun, its pattern inlined (see listq.Query.Params)
	}
	q := auth.ScopeWith(itemsQuery(idb, &items), p, "customer_id", args)
	if f.CustomerID > 0 {
		q = q.Where("customer_id = ?", args.Arg(f.CustomerID))
	}
	if f.Title != "" {
		q = q.Where("title = ?", f.Title) // inlined, like a status (see db.Params)
	}
	if f.Serial != "" {
		q = q.Where("serial ILIKE ?", f.Serial)
	}
	if f.DeliveryID > 0 {
		q = q.Where("delivery_id = ?", args.Arg(f.DeliveryID))
	}
	if f.Repossession {
		q = q.Where("repossession_possible AND title = ?", Retained)
	}
	if f.List != nil {
		q = itemList.Apply(q, *f.List, args)
	} else {
		q = q.OrderExpr("id").Limit(limit)
		if f.After > 0 {
			q = q.Where("id > ?", args.Arg(f.After))
		}
		if f.Limit > 0 {
			q = q.Limit(f.Limit)
		}
	}
	if err := args.Scan(ctx, q, &items); err != nil {
		return nil, err
	}
	return items, withProducts(ctx, idb, items)
}

// retainedItemsOfOrders are the items still retained under the given orders, locked.
func retainedItemsOfOrders(ctx context.Context, idb bun.IDB, orderIDs []int64) ([]*Item, error) {
	var items []*Item
	if len(orderIDs) == 0 {
		return nil, nil
	}
	err := idb.NewSelect().Model(&items).Where("order_id IN (?) AND title = ?", bun.In(orderIDs), Retained).
		OrderExpr("id").For("UPDATE").Scan(ctx)
	return items, err
}

func profileOfDelivery(ctx context.Context, idb bun.IDB, deliveryID int64) (string, error) {
	var p string
	err := idb.NewSelect().Table("hw_deliveries").Column("terms_profile").Where("id = ?", deliveryID).Scan(ctx, &p)
	return p, err
}

func markRepossession(ctx context.Context, idb bun.IDB, now time.Time, orderIDs []int64, customerID int64) (int, error) {
	q := idb.NewUpdate().Table("hw_items").Set("repossession_possible = true").Set("updated_at = ?", now).
		Where("title = ? AND NOT repossession_possible", Retained)
	if len(orderIDs) > 0 {
		q = q.Where("order_id IN (?)", bun.In(orderIDs))
	} else {
		q = q.Where("customer_id = ?", customerID)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// --- invoices hardware learned of (HW-4, INV-8)

type invoiceRow struct {
	bun.BaseModel `bun:"table:hw_invoices,alias:inv"`

	InvoiceID     int64           `bun:"invoice_id,pk"`
	CustomerID    int64           `bun:"customer_id"`
	Number        string          `bun:"number"`
	Gross         decimal.Decimal `bun:"gross,type:numeric"`
	Credited      decimal.Decimal `bun:"credited,type:numeric"`
	PaidOn        *civil.Date     `bun:"paid_on,type:date"`
	DefaultNotice bool            `bun:"default_notice"`
	UpdatedAt     time.Time       `bun:"updated_at"`
}

type invoiceChargeRow struct {
	bun.BaseModel `bun:"table:hw_invoice_charges"`
	InvoiceID     int64 `bun:"invoice_id,pk"`
	ChargeFact
}

// upsertInvoice records an invoice and its charges (idempotent); paidOn is set once.
func upsertInvoice(ctx context.Context, idb bun.IDB, r *invoiceRow, charges []ChargeFact) error {
	_, err := idb.NewInsert().Model(r).On("CONFLICT (invoice_id) DO UPDATE").
		Set("paid_on = coalesce(inv.paid_on, EXCLUDED.paid_on)").
		Set("gross = CASE WHEN EXCLUDED.gross > 0 THEN EXCLUDED.gross ELSE inv.gross END").
		Set("number = CASE WHEN EXCLUDED.number <> '?' THEN EXCLUDED.number ELSE inv.number END").
		Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	if err != nil {
		return err
	}
	for _, c := range charges {
		row := &invoiceChargeRow{InvoiceID: r.InvoiceID, ChargeFact: c}
		if _, err := idb.NewInsert().Model(row).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func ensureInvoice(ctx context.Context, idb bun.IDB, id, customerID int64, now time.Time) error {
	_, err := idb.NewInsert().Model(&invoiceRow{InvoiceID: id, CustomerID: customerID, Number: "?", UpdatedAt: now}).
		On("CONFLICT (invoice_id) DO NOTHING").Exec(ctx)
	return err
}

// addCreditNote records a credit note once and adds its gross to the invoice.
func addCreditNote(ctx context.Context, idb bun.IDB, creditNoteID, invoiceID int64, gross decimal.Decimal, on civil.Date) error {
	res, err := idb.NewRaw(`INSERT INTO hw_credit_notes (credit_note_id, invoice_id, gross, issued_on) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, creditNoteID, invoiceID, gross, on).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	_, err = idb.NewRaw(`UPDATE hw_invoices SET credited = credited + ? WHERE invoice_id = ?`, gross, invoiceID).Exec(ctx)
	return err
}

func setDefaultNotice(ctx context.Context, idb bun.IDB, invoiceID int64) error {
	_, err := idb.NewRaw(`UPDATE hw_invoices SET default_notice = true WHERE invoice_id = ?`, invoiceID).Exec(ctx)
	return err
}

// ordersOfInvoice lists the orders whose charges an invoice carries.
func ordersOfInvoice(ctx context.Context, idb bun.IDB, invoiceID int64) ([]int64, error) {
	var ids []int64
	err := idb.NewRaw(`SELECT DISTINCT agreement_id FROM hw_invoice_charges WHERE invoice_id = ? AND agreement_kind = 'order'`, invoiceID).Scan(ctx, &ids)
	return ids, err
}

// invoicesOfOrder loads every invoice carrying a charge of the order (or of the delivery line).
func invoicesOfOrder(ctx context.Context, idb bun.IDB, orderID, deliveryLineID int64) ([]InvoiceFact, error) {
	var rows []invoiceRow
	err := idb.NewSelect().Model(&rows).Where(`invoice_id IN (SELECT invoice_id FROM hw_invoice_charges
		WHERE (agreement_kind = 'order' AND agreement_id = ?) OR (source_domain = 'hardware' AND source_kind = 'delivery_line' AND source_id = ?))`,
		orderID, deliveryLineID).OrderExpr("invoice_id").Scan(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]InvoiceFact, 0, len(rows))
	for _, r := range rows {
		f := InvoiceFact{ID: r.InvoiceID, Gross: r.Gross, Credited: r.Credited, PaidOn: r.PaidOn, StageSeen: r.DefaultNotice}
		var cs []invoiceChargeRow
		if err := idb.NewSelect().Model(&cs).Where("invoice_id = ?", r.InvoiceID).Scan(ctx); err != nil {
			return nil, err
		}
		for _, c := range cs {
			f.Charges = append(f.Charges, c.ChargeFact)
		}
		var on *civil.Date
		if err := idb.NewRaw(`SELECT max(issued_on) FROM hw_credit_notes WHERE invoice_id = ?`, r.InvoiceID).Scan(ctx, &on); err != nil {
			return nil, err
		}
		f.CreditOn = on
		out = append(out, f)
	}
	return out, nil
}

// --- defect reports

func insertDefect(ctx context.Context, idb bun.IDB, r *DefectReport) error {
	_, err := idb.NewInsert().Model(r).Value("item_product", "(SELECT p.name FROM hw_items AS i JOIN hw_products AS p ON p.id = i.product_id WHERE i.id = ?)", r.ItemID).
		Returning("id, item_product").Exec(ctx)
	return tr(err, "defect report")
}

func getDefect(ctx context.Context, idb bun.IDB, id int64) (*DefectReport, error) {
	r := new(DefectReport)
	return r, tr(idb.NewSelect().Model(r).Where("id = ?", id).Scan(ctx), "defect report")
}

func linkTicket(ctx context.Context, idb bun.IDB, reportID, ticketID int64, number string) error {
	_, err := idb.NewUpdate().Table("hw_defect_reports").Set("ticket_id = ?", ticketID).Set("ticket_number = ?", number).
		Where("id = ?", reportID).Exec(ctx)
	return err
}

// PageFilter narrows a newest-first list of defect reports or RMAs to one item and a
// page before a cursor id.
type PageFilter struct {
	ItemID int64
	Status string // RMAs only: one status
	Before int64  // cursor: records with a smaller id
	Limit  int64
	List   *listq.Query // sort and cursor of the list tools; nil: newest first from Before
}

// pageQuery is the shared shape of the defect and RMA lists: newest first, a range
// scan of (customer_id, id DESC) for a contact, (item_id, id DESC) for one item, the
// primary key otherwise.
func pageQuery(q *bun.SelectQuery, p *auth.Principal, f PageFilter, args *db.Params) *bun.SelectQuery {
	q = auth.ScopeWith(q, p, "customer_id", args)
	if f.ItemID > 0 {
		q = q.Where("item_id = ?", args.Arg(f.ItemID))
	}
	if f.List != nil {
		return q
	}
	q = q.OrderExpr("id DESC").Limit(f.Limit)
	if f.Before > 0 {
		q = q.Where("id < ?", args.Arg(f.Before))
	}
	return q
}

// pageArgs are the arguments of a defect or RMA page (db.Params).
func pageArgs(idb bun.IDB, f PageFilter) *db.Params {
	if f.List != nil {
		return f.List.Params(idb)
	}
	return db.NewParams(idb)
}

// listDefects reads a page into *rs (appended to its capacity; a pooled slice, see db.RowPool).
func listDefects(ctx context.Context, idb bun.IDB, p *auth.Principal, f PageFilter, rs *[]DefectReport) error {
	args := pageArgs(idb, f)
	q := pageQuery(idb.NewSelect().Model(rs), p, f, args)
	if f.List != nil {
		q = defectList.Apply(q, *f.List, args)
	}
	return args.Scan(ctx, q, rs)
}

// --- RMAs

func insertRMA(ctx context.Context, idb bun.IDB, r *RMA) error {
	_, err := idb.NewInsert().Model(r).Value("item_product", "(SELECT p.name FROM hw_items AS i JOIN hw_products AS p ON p.id = i.product_id WHERE i.id = ?)", r.ItemID).
		Returning("id, item_product").Exec(ctx)
	return tr(err, "rma")
}

func updateRMA(ctx context.Context, idb bun.IDB, r *RMA) error {
	_, err := idb.NewUpdate().Model(r).WherePK().Exec(ctx)
	return tr(err, "rma")
}

func getRMA(ctx context.Context, idb bun.IDB, id int64, lock bool) (*RMA, error) {
	r := new(RMA)
	q := idb.NewSelect().Model(r).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	return r, tr(q.Scan(ctx), "rma")
}

// listRMAs reads a page into *rs (appended to its capacity; a pooled slice, see db.RowPool).
func listRMAs(ctx context.Context, idb bun.IDB, p *auth.Principal, f PageFilter, rs *[]RMA) error {
	args := pageArgs(idb, f)
	q := pageQuery(idb.NewSelect().Model(rs), p, f, args)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status) // a status stays inlined (see db.Params)
	}
	if f.List != nil {
		q = rmaList.Apply(q, *f.List, args)
	}
	return args.Scan(ctx, q, rs)
}
