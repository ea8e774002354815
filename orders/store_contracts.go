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

type contractRow struct {
	bun.BaseModel `bun:"table:contracts,alias:k"`

	ID                  int64            `bun:"id,pk,autoincrement"`
	Number              string           `bun:"number"`
	CustomerID          int64            `bun:"customer_id"`
	OrderID             int64            `bun:"order_id"`
	QuoteID             int64            `bun:"quote_id"`
	StartDate           civil.Date       `bun:"start_date,type:date"`
	TermsProfile        string           `bun:"terms_profile"`
	InitialTermMonths   int              `bun:"initial_term_months"`
	RenewalTermMonths   int              `bun:"renewal_term_months"`
	NoticeMonths        int              `bun:"notice_months"`
	NoticeDays          int              `bun:"notice_days"`
	NoticeMethod        string           `bun:"notice_method"`
	PriceChangeRule     string           `bun:"price_change_rule"`
	IndexMethod         string           `bun:"index_method"`
	IndexSeries         *string          `bun:"index_series"`
	IndexReferenceMonth int              `bun:"index_reference_month"`
	IndexFloor          *decimal.Decimal `bun:"index_floor,type:numeric"`
	IndexCap            *decimal.Decimal `bun:"index_cap,type:numeric"`
	IndexFixedPercent   decimal.Decimal  `bun:"index_fixed_percent,type:numeric"`
	CreatedAt           time.Time        `bun:"created_at"`
	NoticeReceivedAt    *time.Time       `bun:"notice_received_at"`
	NoticeDeemedOn      civil.Date       `bun:"notice_deemed_on,type:date,nullzero"`
	NoticeDeadline      civil.Date       `bun:"notice_deadline,type:date,nullzero"`
	NoticeOnTime        *bool            `bun:"notice_on_time"`
	EndDate             civil.Date       `bun:"end_date,type:date,nullzero"`
	TerminationReason   *string          `bun:"termination_reason"`
	TerminatedAt        *time.Time       `bun:"terminated_at"`
	TerminatedBy        *int64           `bun:"terminated_by"`

	CustomerName string `bun:"customer_name,scanonly"`
	// the numbers of its order and quote, read by getContract only (the contract page's links)
	OrderNumber string `bun:"order_number,scanonly"`
	QuoteNumber string `bun:"quote_number,scanonly"`
}

type contractLineRow struct {
	bun.BaseModel `bun:"table:contract_lines,alias:kl"`

	ID          int64           `bun:"id,pk,autoincrement"`
	ContractID  int64           `bun:"contract_id"`
	OrderLineID int64           `bun:"order_line_id"`
	Description string          `bun:"description"`
	Quantity    decimal.Decimal `bun:"quantity,type:numeric"`
	Unit        string          `bun:"unit"`
	SKU         string          `bun:"sku"`
	Fee         decimal.Decimal `bun:"fee,type:numeric"`
	Period      string          `bun:"period"`
	VATRate     decimal.Decimal `bun:"vat_rate,type:numeric"`
	FeeSince    civil.Date      `bun:"fee_since,type:date"`
}

func toContractRow(c *Contract) *contractRow {
	return &contractRow{
		ID: c.ID, Number: c.Number, CustomerID: c.CustomerID, OrderID: c.OrderID, QuoteID: c.QuoteID, StartDate: c.StartDate,
		TermsProfile: c.Terms.Profile, InitialTermMonths: c.Terms.InitialTermMonths, RenewalTermMonths: c.Terms.RenewalTermMonths,
		NoticeMonths: c.Terms.NoticeMonths, NoticeDays: c.Terms.NoticeDays, NoticeMethod: string(c.Terms.NoticeMethod),
		PriceChangeRule: string(c.Terms.PriceChangeRule),
		IndexMethod:     string(c.Indexation.Method), IndexSeries: strPtr(c.Indexation.SeriesCode),
		IndexReferenceMonth: c.Indexation.ReferenceMonth, IndexFloor: c.Indexation.Floor, IndexCap: c.Indexation.Cap,
		IndexFixedPercent: c.Indexation.FixedPercent, CreatedAt: c.CreatedAt,
	}
}

func (r *contractRow) contract() *Contract {
	c := &Contract{
		ID: r.ID, Number: r.Number, CustomerID: r.CustomerID, CustomerName: r.CustomerName, OrderID: r.OrderID,
		QuoteID: r.QuoteID, OrderNumber: r.OrderNumber, QuoteNumber: r.QuoteNumber, StartDate: r.StartDate, CreatedAt: r.CreatedAt,
		Terms: ContractTerms{Profile: r.TermsProfile, InitialTermMonths: r.InitialTermMonths, RenewalTermMonths: r.RenewalTermMonths,
			NoticeMonths: r.NoticeMonths, NoticeDays: r.NoticeDays, NoticeMethod: NoticeMethod(r.NoticeMethod),
			PriceChangeRule: PriceChangeRule(r.PriceChangeRule)},
		Indexation: IndexationClause{Method: IndexMethod(r.IndexMethod), SeriesCode: deref(r.IndexSeries),
			ReferenceMonth: r.IndexReferenceMonth, Floor: r.IndexFloor, Cap: r.IndexCap, FixedPercent: r.IndexFixedPercent},
	}
	if r.NoticeReceivedAt != nil {
		c.Termination = &Termination{NoticeReceivedAt: *r.NoticeReceivedAt, DeemedDelivered: r.NoticeDeemedOn,
			NoticeDeadline: r.NoticeDeadline, EndDate: r.EndDate, Reason: deref(r.TerminationReason), Rule: "Q-8"}
		if r.NoticeOnTime != nil {
			c.Termination.OnTime = *r.NoticeOnTime
		}
		if r.TerminatedAt != nil {
			c.Termination.RecordedAt = *r.TerminatedAt
		}
		if r.TerminatedBy != nil {
			c.Termination.RecordedBy = *r.TerminatedBy
		}
	}
	return c
}

func (r contractLineRow) line() ContractLine {
	return ContractLine{ID: r.ID, OrderLineID: r.OrderLineID, Description: r.Description, Quantity: r.Quantity, Unit: r.Unit,
		SKU: r.SKU, Fee: r.Fee, Period: Period(r.Period), VATRate: r.VATRate, FeeSince: r.FeeSince}
}

func insertContract(ctx context.Context, idb bun.IDB, c *Contract) error {
	r := toContractRow(c)
	r.ID = 0
	if _, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("contract"), nil)
	}
	c.ID = r.ID
	rows := make([]contractLineRow, len(c.Lines))
	for i, l := range c.Lines {
		rows[i] = contractLineRow{ContractID: c.ID, OrderLineID: l.OrderLineID, Description: l.Description, Quantity: l.Quantity,
			Unit: l.Unit, SKU: l.SKU, Fee: l.Fee, Period: string(l.Period), VATRate: l.VATRate, FeeSince: l.FeeSince}
	}
	if _, err := idb.NewInsert().Model(&rows).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("contract line"), nil)
	}
	for i := range rows {
		c.Lines[i].ID = rows[i].ID
	}
	return nil
}

func contractQuery(idb bun.IDB, model any) *bun.SelectQuery {
	return idb.NewSelect().Model(model).ColumnExpr("k.*").ColumnExpr("c.name AS customer_name").
		Join("JOIN customers AS c ON c.id = k.customer_id")
}

// getContract loads a contract with its lines; lock serialises terminations.
func getContract(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Contract, error) {
	r := new(contractRow)
	p := db.NewParams(idb) // prepared on the root DB, bun's path in a transaction
	q := contractQuery(idb, r).Where("k.id = ?", p.Arg(id)).
		ColumnExpr("(SELECT o.number FROM orders AS o WHERE o.id = k.order_id) AS order_number").
		ColumnExpr("(SELECT qv.number FROM quotes AS qv WHERE qv.id = k.quote_id) AS quote_number")
	if lock {
		q = q.For("UPDATE OF k")
	}
	if err := p.Scan(ctx, q, r); err != nil {
		return nil, db.Translate(err, problem.NotFound(fmt.Sprintf("contract %d", id)), nil)
	}
	c := r.contract()
	lines, err := contractLines(ctx, idb, []int64{id})
	if err != nil {
		return nil, err
	}
	c.Lines = lines[id]
	return c, nil
}

func contractLines(ctx context.Context, idb bun.IDB, ids []int64) (map[int64][]ContractLine, error) {
	out := make(map[int64][]ContractLine, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []contractLineRow
	p := db.NewParams(idb)
	if err := p.Scan(ctx, idb.NewSelect().Model(&rows).Where("contract_id = ANY(?)", p.Array(ids)).Order("contract_id", "id"), &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ContractID] = append(out[r.ContractID], r.line())
	}
	return out, nil
}

// ContractFilter narrows the contract list.
type ContractFilter struct {
	CustomerID *int64
	OrderID    *int64
	AfterID    int64
	Limit      int
	List       *listq.Query // search, sort and cursor of the list tools; nil: newest first from AfterID
	Principal  *auth.Principal
	// NoticeWithinDays > 0: running contracts whose notice deadline (as shown on Today)
	// falls within this many days of Today (Q-8; the home's card).
	NoticeWithinDays int
	Today            civil.Date
}

func listContracts(ctx context.Context, idb bun.IDB, f ContractFilter) ([]*Contract, error) {
	var rows []contractRow
	p := db.NewParams(idb)
	if f.List != nil {
		p = f.List.Params(idb)
	}
	q := auth.ScopeWith(contractQuery(idb, &rows), f.Principal, "k.customer_id", p)
	if f.CustomerID != nil {
		q = q.Where("k.customer_id = ?", p.Arg(*f.CustomerID))
	}
	if f.OrderID != nil {
		q = q.Where("k.order_id = ?", p.Arg(*f.OrderID))
	}
	if f.NoticeWithinDays > 0 {
		today := p.Arg(f.Today)
		q = q.Where("k.end_date IS NULL").Where(noticeDeadlineSQL+" BETWEEN ? AND ?", today, today, p.Arg(f.Today.AddDays(f.NoticeWithinDays)))
	}
	if f.List != nil {
		var err error
		if q, err = searchCustomers(ctx, idb, q, *f.List, "k.number", "k.customer_id"); err != nil {
			return nil, err
		}
		q = contractList.Apply(q, *f.List, p)
	} else {
		if f.AfterID > 0 {
			q = q.Where("k.id < ?", p.Arg(f.AfterID))
		}
		if f.Limit > 0 {
			q = q.Limit(int64(f.Limit))
		}
		q = q.Order("k.id DESC")
	}
	if err := p.Scan(ctx, q, &rows); err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	lines, err := contractLines(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*Contract, len(rows))
	for i := range rows {
		out[i] = rows[i].contract()
		out[i].Lines = lines[rows[i].ID]
	}
	return out, nil
}

func saveTermination(ctx context.Context, idb bun.IDB, c *Contract) error {
	t := c.Termination
	r := &contractRow{ID: c.ID, NoticeReceivedAt: &t.NoticeReceivedAt, NoticeDeemedOn: t.DeemedDelivered,
		NoticeDeadline: t.NoticeDeadline, NoticeOnTime: &t.OnTime, EndDate: t.EndDate, TerminationReason: &t.Reason,
		TerminatedAt: &t.RecordedAt}
	if t.RecordedBy != 0 {
		r.TerminatedBy = &t.RecordedBy
	}
	_, err := idb.NewUpdate().Model(r).Column("notice_received_at", "notice_deemed_on", "notice_deadline", "notice_on_time",
		"end_date", "termination_reason", "terminated_at", "terminated_by").WherePK().Exec(ctx)
	return db.Translate(err, problem.NotFound("contract"), nil)
}
