package invoices

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

func insertCreditNote(ctx context.Context, tx bun.IDB, cn *CreditNote, lines []CreditLine) error {
	if _, err := tx.NewInsert().Model(cn).Returning("id").Exec(ctx); err != nil {
		return translate(err)
	}
	for i := range lines {
		lines[i].CreditNoteID = cn.ID
	}
	if len(lines) > 0 {
		if _, err := tx.NewInsert().Model(&lines).Returning("id").Exec(ctx); err != nil {
			return translate(err)
		}
	}
	return nil
}

// creditedQuantities sums what earlier credit notes credited per invoice line.
func creditedQuantities(ctx context.Context, tx bun.IDB, invoiceID int64) (map[int64]decimal.Decimal, error) {
	var rows []struct {
		LineID int64           `bun:"invoice_line_id"`
		Qty    decimal.Decimal `bun:"qty"`
	}
	err := tx.NewRaw(`SELECT l.invoice_line_id, sum(l.quantity) AS qty FROM credit_note_lines l
		JOIN credit_notes n ON n.id = l.credit_note_id WHERE n.invoice_id = ? GROUP BY l.invoice_line_id`, invoiceID).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("invoices: credited: %w", err)
	}
	out := map[int64]decimal.Decimal{}
	for _, r := range rows {
		out[r.LineID] = r.Qty
	}
	return out, nil
}

func getCreditNote(ctx context.Context, tx bun.IDB, id int64) (*CreditNote, []CreditLine, error) {
	cn := new(CreditNote)
	if err := tx.NewSelect().Model(cn).Where("id = ?", id).Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return nil, nil, problem.NotFound("credit note")
		}
		return nil, nil, err
	}
	var lines []CreditLine
	err := tx.NewSelect().Model(&lines).Where("credit_note_id = ?", id).OrderExpr("position").Scan(ctx)
	return cn, lines, err
}

// CreditFilter selects credit notes.
type CreditFilter struct {
	CustomerID *int64
	InvoiceID  *int64
	Limit      int
	List       *listq.Query // sort and cursor of the list tools; nil: the newest Limit
}

func listCreditNotes(ctx context.Context, tx bun.IDB, f CreditFilter) ([]CreditNote, error) {
	var out []CreditNote
	// the credited invoice's number by its primary key, so the list names it (issue 13)
	q := tx.NewSelect().Model(&out).ColumnExpr("credit_note.*").
		ColumnExpr("(SELECT i.number FROM invoices AS i WHERE i.id = credit_note.invoice_id) AS invoice_number")
	if f.CustomerID != nil {
		q = q.Where("customer_id = ?", *f.CustomerID)
	}
	if f.InvoiceID != nil {
		q = q.Where("invoice_id = ?", *f.InvoiceID)
	}
	if f.List != nil {
		q, err := searchNumberOrCustomer(ctx, tx, q, *f.List, "number", "customer_id")
		if err != nil {
			return nil, err
		}
		return out, creditList.Apply(q, *f.List, nil).Scan(ctx)
	}
	q = q.OrderExpr("id DESC")
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	return out, q.Scan(ctx)
}
