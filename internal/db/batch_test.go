package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/testkit"
)

type batchRow struct {
	bun.BaseModel `bun:"table:batch_test"`
	ID            int64  `bun:"id,pk,autoincrement"`
	Note          string `bun:"note"`
}

// TestBatch: the statements of a batch run in one round trip, in order, in the caller's
// transaction (values with semicolons and question marks intact), and one failing
// statement fails the batch and the transaction with it.
func TestBatch(t *testing.T) {
	ctx := context.Background()
	d := testkit.DB(t).Bun
	if _, err := d.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS batch_test (id bigserial PRIMARY KEY, note text NOT NULL CHECK (length(note) < 20))"); err != nil {
		t.Fatal(err)
	}
	n := testkit.CountQueries(t)
	err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return db.Batch(ctx, tx,
			tx.NewInsert().Model(&batchRow{Note: "een; twee?"}),
			tx.NewInsert().Model(&[]batchRow{{Note: "drie"}, {Note: "vier's"}}),
			tx.NewUpdate().Model((*batchRow)(nil)).Set("note = note || '!'").Where("note = ?", "drie"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Stop(); got != 3 { // BEGIN, the batch, COMMIT
		t.Errorf("%d statements, want 3:\n%s", got, strings.Join(n.Statements(), "\n"))
	}
	var notes []string
	if err := d.NewSelect().Model((*batchRow)(nil)).Column("note").Order("id").Scan(ctx, &notes); err != nil {
		t.Fatal(err)
	}
	if strings.Join(notes, "|") != "een; twee?|drie!|vier's" {
		t.Errorf("notes = %q", notes)
	}
	err = d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return db.Batch(ctx, tx, tx.NewInsert().Model(&batchRow{Note: "vijf"}), tx.NewInsert().Model(&batchRow{Note: strings.Repeat("x", 30)}))
	})
	if err == nil || !strings.Contains(err.Error(), "batch_test_note_check") {
		t.Fatalf("a failing statement: err = %v", err)
	}
	if c, _ := d.NewSelect().Model((*batchRow)(nil)).Where("note = 'vijf'").Count(ctx); c != 0 {
		t.Errorf("the batch's first statement committed without the second")
	}
	if err := db.Batch(ctx, d); err != nil {
		t.Errorf("an empty batch: %v", err)
	}
}
