package orders

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// setSignedUpload links an accepted quote to its stored signed copy.
func setSignedUpload(ctx context.Context, idb bun.IDB, quoteID, uploadID int64) error {
	_, err := idb.NewUpdate().TableExpr("quotes").Set("signed_upload_id = ?", uploadID).Where("id = ?", quoteID).Exec(ctx)
	return db.Translate(err, problem.NotFound("quote"), nil)
}
