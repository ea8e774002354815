package orders

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

// UploadKindQuote owns the signed copies of accepted quotes.
const UploadKindQuote = "quote"

// SignedField is the form and multipart field of the signed quote PDF.
const SignedField = "signed_pdf"

// The acceptance forms and the API's multipart acceptance carry the signed PDF.
func init() {
	uploads.AcceptOn("/portal/quotes/:id/accept", "/quotes/:id/accept", "/api/v1/quotes/:id/accept")
}

// keepSignedCopy stores the signed quote of an acceptance by signed PDF in the accepting
// transaction and links it to the acceptance record: all or nothing.
func keepSignedCopy(ctx context.Context, tx bun.Tx, q *Quote, f *uploads.File, now time.Time) error {
	if f == nil {
		return nil
	}
	var by int64
	if p := auth.FromContext(ctx); p != nil {
		by = p.UserID
	}
	saved, err := uploads.Save(ctx, tx, now, uploads.Owner{Kind: UploadKindQuote, ID: q.ID, CustomerID: &q.CustomerID}, by, []uploads.File{*f})
	if err != nil {
		return err
	}
	q.Acceptance.SignedFileID = saved[0].ID
	return setSignedUpload(ctx, tx, q.ID, saved[0].ID)
}

// SignedCopy is the signed quote kept with an acceptance, for staff and for the users of
// the quote's own company (another company's user gets 404, as for the quote).
func (s *Service) SignedCopy(ctx context.Context, id int64) (*uploads.Upload, error) {
	q, err := s.GetQuote(ctx, id)
	if err != nil {
		return nil, err
	}
	if q.Acceptance == nil || q.Acceptance.SignedFileID == 0 {
		return nil, problem.NotFound("signed copy")
	}
	return uploads.Get(ctx, s.DB, UploadKindQuote, q.ID, q.Acceptance.SignedFileID)
}
