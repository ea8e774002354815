package uploads

import (
	"context"
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// Save stores files for owner in the caller's transaction.
func Save(ctx context.Context, tx bun.IDB, now time.Time, owner Owner, by int64, files []File) ([]Upload, error) {
	out := make([]Upload, 0, len(files))
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		u := Upload{OwnerKind: owner.Kind, OwnerID: owner.ID, CustomerID: owner.CustomerID, Filename: f.Name,
			ContentType: f.ContentType, Size: len(f.Data), SHA256: sum[:], Data: f.Data, CreatedAt: now}
		if by > 0 {
			u.UploadedBy = &by
		}
		if _, err := tx.NewInsert().Model(&u).Returning("id").Exec(ctx); err != nil {
			return nil, fmt.Errorf("uploads: save: %w", err)
		}
		u.Data = nil
		out = append(out, u)
	}
	return out, nil
}

// List returns the uploads of a record, without their content.
func List(ctx context.Context, idb bun.IDB, kind string, id int64) ([]Upload, error) {
	var us []Upload
	err := idb.NewSelect().Model(&us).ExcludeColumn("data").Where("owner_kind = ? AND owner_id = ?", kind, id).OrderExpr("id").Scan(ctx)
	return us, err
}

// Get loads one upload of a record with its content (not found when it belongs to another record).
func Get(ctx context.Context, idb bun.IDB, kind string, ownerID, id int64) (*Upload, error) {
	u := new(Upload)
	err := idb.NewSelect().Model(u).Where("id = ? AND owner_kind = ? AND owner_id = ?", id, kind, ownerID).Scan(ctx)
	if err != nil {
		return nil, db.Translate(err, problem.NotFound("attachment"), nil)
	}
	return u, nil
}
