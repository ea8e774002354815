package hardware

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/listq"
)

// The list tools of the delivery, item, defect report and RMA pages (internal/listq):
// every offered sort is an indexed (key, id) pair (migration 0720), the cursor carries the
// sort key and the id, and the CSV export runs the page's own query page by page.

func idKey(id int64) string { return strconv.FormatInt(id, 10) }

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

var deliveryList = listq.Spec[Delivery]{
	ID: "id", IDOf: func(d Delivery) int64 { return d.ID }, Desc: true,
	Sorts: []listq.Column[Delivery]{
		{Key: "created", Expr: "id", Value: func(d Delivery) string { return idKey(d.ID) }},
		{Key: "planned", Expr: "planned_on", Value: func(d Delivery) string { return d.PlannedOn.String() }},
	},
}

var itemList = listq.Spec[*Item]{
	ID: "id", IDOf: func(it *Item) int64 { return it.ID },
	Sorts: []listq.Column[*Item]{
		{Key: "created", Expr: "id", Value: func(it *Item) string { return idKey(it.ID) }},
		{Key: "delivered", Expr: "delivered_at", Value: func(it *Item) string { return instant(it.DeliveredAt) }},
	},
}

var defectList = listq.Spec[DefectReport]{
	ID: "id", IDOf: func(r DefectReport) int64 { return r.ID }, Desc: true,
	Sorts: []listq.Column[DefectReport]{
		{Key: "created", Expr: "id", Value: func(r DefectReport) string { return idKey(r.ID) }},
		{Key: "reported", Expr: "reported_at", Value: func(r DefectReport) string { return instant(r.ReportedAt) }},
		{Key: "deadline", Expr: "deadline", Value: func(r DefectReport) string { return instant(r.Deadline) }},
	},
}

var rmaList = listq.Spec[RMA]{
	ID: "id", IDOf: func(r RMA) int64 { return r.ID }, Desc: true,
	Sorts: []listq.Column[RMA]{
		{Key: "created", Expr: "id", Value: func(r RMA) string { return idKey(r.ID) }},
		{Key: "status", Expr: "status", Value: func(r RMA) string { return r.Status }},
	},
}

// customerNames are the names of the customers ids, for the lists that show them.
func customerNames(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	if len(ids) == 0 {
		return names, nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	args := db.NewParams(idb)
	if err := args.Scan(ctx, idb.NewSelect().Table("customers").Column("id", "name").Where("id = ANY(?)", args.Array(ids)), &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		names[r.ID] = r.Name
	}
	return names, nil
}
