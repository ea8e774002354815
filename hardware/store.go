package hardware

import (
	"context"
	"reflect"
	"strings"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/db"
	"backoffice/internal/events"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

var known = db.Constraints{
	"hw_products_sku_key": ErrSKUTaken,
	"hw_items_serial_key": ErrSerialTaken,
}

func tr(err error, what string) error { return db.Translate(err, problem.NotFound(what), known) }

// --- products

func insertProduct(ctx context.Context, idb bun.IDB, p *Product) error {
	_, err := idb.NewInsert().Model(p).Returning("id").Exec(ctx)
	return tr(err, "product")
}

func updateProduct(ctx context.Context, idb bun.IDB, p *Product) error {
	_, err := idb.NewUpdate().Model(p).WherePK().Exec(ctx)
	return tr(err, "product")
}

func getProduct(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Product, error) {
	p := new(Product)
	q := idb.NewSelect().Model(p).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	return p, tr(q.Scan(ctx), "product")
}

func productBySKU(ctx context.Context, idb bun.IDB, sku string) (*Product, error) {
	p := new(Product)
	return p, tr(idb.NewSelect().Model(p).Where("lower(sku) = lower(?)", sku).Scan(ctx), "product")
}

func listProducts(ctx context.Context, idb bun.IDB) ([]Product, error) {
	var ps []Product
	err := idb.NewSelect().Model(&ps).OrderExpr("sku").Limit(1000).Scan(ctx)
	return ps, err
}

func productsByID(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]*Product, error) {
	out := map[int64]*Product{}
	if len(ids) == 0 {
		return out, nil
	}
	var ps []Product
	args := db.NewParams(idb)
	if err := args.Scan(ctx, idb.NewSelect().Model(&ps).Where("id = ANY(?)", args.Array(ids)), &ps); err != nil {
		return nil, err
	}
	for i := range ps {
		out[ps[i].ID] = &ps[i]
	}
	return out, nil
}

// --- order lines learned from quote.accepted

func upsertOrderLine(ctx context.Context, idb bun.IDB, l *OrderLine) error {
	_, err := idb.NewInsert().Model(l).On("CONFLICT (order_line_id) DO NOTHING").Exec(ctx)
	return err
}

func orderOfNumber(ctx context.Context, idb bun.IDB, number string) (int64, error) {
	var ids []int64
	err := idb.NewSelect().Model((*OrderLine)(nil)).Column("order_id").Where("order_number = ?", number).Limit(1).Scan(ctx, &ids)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

func orderLines(ctx context.Context, idb bun.IDB, orderID int64) ([]OrderLine, error) {
	var ls []OrderLine
	err := idb.NewSelect().Model(&ls).Where("order_id = ?", orderID).OrderExpr("order_line_id").Scan(ctx)
	return ls, err
}

// deliveredQuantities sums what other live deliveries carry per order line.
func plannedQuantities(ctx context.Context, idb bun.IDB, orderID int64) (map[int64]string, error) {
	var rows []struct {
		OrderLineID int64  `bun:"order_line_id"`
		Qty         string `bun:"qty"`
	}
	err := idb.NewSelect().TableExpr("hw_delivery_lines AS l").Join("JOIN hw_deliveries AS d ON d.id = l.delivery_id").
		ColumnExpr("l.order_line_id, sum(l.quantity)::text AS qty").
		Where("d.order_id = ? AND d.status <> ?", orderID, Terminated).Group("l.order_line_id").Scan(ctx, &rows)
	out := map[int64]string{}
	for _, r := range rows {
		out[r.OrderLineID] = r.Qty
	}
	return out, err
}

type customerAddress struct {
	Name       string `bun:"name"`
	Street     string `bun:"street"`
	PostalCode string `bun:"postal_code"`
	City       string `bun:"city"`
	Country    string `bun:"country"`
}

func registeredAddress(ctx context.Context, idb bun.IDB, customerID int64) (*customerAddress, error) {
	a := new(customerAddress)
	err := idb.NewSelect().Table("customers").Column("name", "street", "postal_code", "city", "country").
		Where("id = ?", customerID).Scan(ctx, a)
	return a, tr(err, "customer")
}

// --- deliveries

func insertDelivery(ctx context.Context, idb bun.IDB, d *Delivery) error {
	if _, err := idb.NewInsert().Model(d).Returning("id").Exec(ctx); err != nil {
		return tr(err, "delivery")
	}
	for i := range d.Lines {
		d.Lines[i].DeliveryID = d.ID
		if d.Lines[i].Serials == nil {
			d.Lines[i].Serials = []string{}
		}
		if _, err := idb.NewInsert().Model(&d.Lines[i]).Returning("id").Exec(ctx); err != nil {
			return tr(err, "delivery line")
		}
	}
	return nil
}

func updateDelivery(ctx context.Context, idb bun.IDB, d *Delivery) error {
	_, err := idb.NewUpdate().Model(d).WherePK().Exec(ctx)
	return tr(err, "delivery")
}

func updateDeliveryLine(ctx context.Context, idb bun.IDB, l *DeliveryLine) error {
	_, err := idb.NewUpdate().Model(l).Column("serials").WherePK().Exec(ctx)
	return tr(err, "delivery line")
}

func getDelivery(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Delivery, error) {
	d := new(Delivery)
	q := idb.NewSelect().Model(d).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, tr(err, "delivery")
	}
	return d, loadLines(ctx, idb, d)
}

func loadLines(ctx context.Context, idb bun.IDB, d *Delivery) error {
	return loadLinesOf(ctx, idb, []*Delivery{d})
}

// deliveryLineRow is a delivery line with its order line and product, read in one
// statement (both are foreign keys, so the joins lose no line).
type deliveryLineRow struct {
	DeliveryLine `bun:",extend"`

	OL OrderLine `bun:"embed:ol__"`
	P  Product   `bun:"embed:p__"`
}

// loadLinesOf fills the lines of many deliveries, with their products and order lines,
// in one query whatever their number (a list page; no query per delivery or line).
func loadLinesOf(ctx context.Context, idb bun.IDB, ds []*Delivery) error {
	if len(ds) == 0 {
		return nil
	}
	ids := make([]int64, len(ds))
	byID := make(map[int64]*Delivery, len(ds))
	for i, d := range ds {
		ids[i], byID[d.ID] = d.ID, d
		d.Lines = nil
	}
	var rows []deliveryLineRow
	args := db.NewParams(idb)
	q := idb.NewSelect().Model(&rows).ColumnExpr("delivery_line.*").
		ColumnExpr(prefixed(idb, (*OrderLine)(nil), "ol", "ol__")).ColumnExpr(prefixed(idb, (*Product)(nil), "p", "p__")).
		Join("JOIN hw_order_lines AS ol ON ol.order_line_id = delivery_line.order_line_id").
		Join("JOIN hw_products AS p ON p.id = delivery_line.product_id").
		Where("delivery_line.delivery_id = ANY(?)", args.Array(ids)).OrderExpr("delivery_line.delivery_id, delivery_line.id")
	if err := args.Scan(ctx, q, &rows); err != nil {
		return err
	}
	for i := range rows {
		r := &rows[i]
		l := r.DeliveryLine
		l.OrderLine, l.Product = &r.OL, &r.P
		d := byID[l.DeliveryID]
		d.Lines = append(d.Lines, l)
	}
	return nil
}

// prefixed lists the columns of model's table as alias.column AS prefix+column, for a
// struct embedded with that prefix.
func prefixed(idb bun.IDB, model any, alias, prefix string) string {
	t := idb.Dialect().Tables().Get(reflect.TypeOf(model).Elem())
	cols := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		cols[i] = alias + "." + f.Name + " AS " + prefix + f.Name
	}
	return strings.Join(cols, ", ")
}

// DeliveryFilter narrows the delivery list.
type DeliveryFilter struct {
	OrderID    int64
	CustomerID int64
	Status     string
	Before     int64 // cursor: deliveries with a smaller id (the list is newest first)
	Limit      int64
	List       *listq.Query // sort and cursor of the list tools; nil: newest first from Before
}

func listDeliveries(ctx context.Context, idb bun.IDB, p *auth.Principal, f DeliveryFilter, limit int64) ([]Delivery, error) {
	var ds []Delivery
	args := db.NewParams(idb)
	if f.List != nil {
		args = f.List.Params(idb)
	}
	q := auth.ScopeWith(idb.NewSelect().Model(&ds), p, "customer_id", args)
	if f.OrderID > 0 {
		q = q.Where("order_id = ?", args.Arg(f.OrderID))
	}
	if f.CustomerID > 0 {
		q = q.Where("customer_id = ?", args.Arg(f.CustomerID))
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status) // a status stays inlined (see db.Params)
	}
	if f.List != nil {
		err := args.Scan(ctx, deliveryList.Apply(q, *f.List, args), &ds)
		return ds, err
	}
	q = q.OrderExpr("id DESC").Limit(limit)
	if f.Before > 0 {
		q = q.Where("id < ?", args.Arg(f.Before))
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	err := args.Scan(ctx, q, &ds)
	return ds, err
}

// storedDeliveries are the deliveries in storage, for the weekly storage charge (HW-2).
func storedDeliveries(ctx context.Context, idb bun.IDB) ([]Delivery, error) {
	var ds []Delivery
	err := idb.NewSelect().Model(&ds).Where("status = ?", Stored).OrderExpr("id").Scan(ctx)
	return ds, err
}

// serialsInUse returns which of serials of product are delivered or planned elsewhere.
func serialsInUse(ctx context.Context, idb bun.IDB, productID int64, serials []string, exceptDelivery int64) ([]string, error) {
	var taken []string
	if len(serials) == 0 {
		return nil, nil
	}
	err := idb.NewRaw(`SELECT s FROM (
		SELECT serial AS s FROM hw_items WHERE product_id = ? AND serial IN (?)
		UNION SELECT unnest(l.serials) FROM hw_delivery_lines l JOIN hw_deliveries d ON d.id = l.delivery_id
		 WHERE l.product_id = ? AND d.status <> ? AND d.id <> ?) x WHERE s IN (?)`,
		productID, bun.In(serials), productID, Terminated, exceptDelivery, bun.In(serials)).Scan(ctx, &taken)
	return taken, err
}

// openChargeCount counts the open (not invoiced, not cancelled) charges of the scope,
// read from the billing ledger (HW-4: what is not invoiced yet is not paid); a charge
// an invoice.issued event named counts as invoiced even before the ledger says so.
func openChargeCount(ctx context.Context, idb bun.IDB, s TitleScope) (int, error) {
	q := idb.NewSelect().Model((*billing.Charge)(nil)).Where("status = ?", billing.Open).
		Where("id NOT IN (SELECT charge_id FROM hw_invoice_charges)")
	q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("source_domain = 'hardware' AND source_kind = 'delivery_line' AND source_id = ?", s.DeliveryLineID)
		if s.Profile == Profile002 {
			return q.WhereOr("agreement_kind = 'order' AND agreement_id = ?", s.OrderID)
		}
		return q.WhereOr("agreement_kind = 'order' AND agreement_id = ? AND source_domain <> 'hardware'", s.OrderID)
	})
	n, err := q.Count(ctx)
	return int(n), err
}

// publishedEvents reads the events of a kind published so far (the demo seed learns the
// orders accepted earlier in its own transaction, before River delivers them).
func publishedEvents(ctx context.Context, idb bun.IDB, kind string) ([]events.Event, error) {
	var es []events.Event
	err := idb.NewSelect().Model(&es).Where("kind = ?", kind).OrderExpr("id").Scan(ctx)
	return es, err
}
