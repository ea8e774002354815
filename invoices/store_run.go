package invoices

import (
	"context"

	"github.com/uptrace/bun"
)

// Run is one invoice run.
type Run struct {
	bun.BaseModel `bun:"table:invoice_runs"`

	ID         int64     `bun:"id,pk,autoincrement"`
	Until      civilDate `bun:"until,type:date"`
	DryRun     bool      `bun:"dry_run"`
	Invoices   int       `bun:"invoices"`
	Issued     int       `bun:"issued"`
	Gross      decimalT  `bun:"gross,type:numeric"`
	StartedBy  *int64    `bun:"started_by"`
	CreatedAt  timeT     `bun:"created_at"`
	FinishedAt *timeT    `bun:"finished_at"`
}

// lockRuns serialises invoice runs (a second run waits, then finds nothing left).
func lockRuns(ctx context.Context, tx bun.IDB) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext('invoices.run'))")
	return err
}

func insertRun(ctx context.Context, tx bun.IDB, r *Run) error {
	_, err := tx.NewInsert().Model(r).Returning("id").Exec(ctx)
	return err
}

func saveRun(ctx context.Context, tx bun.IDB, r *Run) error {
	_, err := tx.NewUpdate().Model(r).WherePK().Exec(ctx)
	return err
}

func insertInvoices(ctx context.Context, tx bun.IDB, invs []Invoice) error {
	for start := 0; start < len(invs); start += 2000 {
		batch := invs[start:min(start+2000, len(invs))]
		if _, err := tx.NewInsert().Model(&batch).Returning("id").Exec(ctx); err != nil {
			return translate(err)
		}
	}
	return nil
}

func insertLinesBatched(ctx context.Context, tx bun.IDB, lines []Line) error {
	for start := 0; start < len(lines); start += 2000 {
		if err := insertLines(ctx, tx, lines[start:min(start+2000, len(lines))]); err != nil {
			return err
		}
	}
	return nil
}

func deleteEmptyDrafts(ctx context.Context, tx bun.IDB, runID int64) error {
	_, err := tx.NewDelete().Model((*Invoice)(nil)).Where("run_id = ? AND status = ? AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = q.id)", runID, Draft).Exec(ctx)
	return err
}

func listRuns(ctx context.Context, tx bun.IDB, limit int) ([]Run, error) {
	var out []Run
	err := tx.NewSelect().Model(&out).OrderExpr("id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}
