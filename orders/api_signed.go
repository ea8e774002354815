package orders

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

// errSignedType and errSignedTooLarge name the signed-PDF field, so that a form shows the
// message beside the file input and an API client reads it from the problem's fields.
var (
	errSignedType = &problem.Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Detail: "some fields are invalid",
		Fields: []problem.FieldError{{Field: SignedField, Message: "must be a PDF document (the signed quote)"}}}
	errSignedTooLarge = &problem.Error{Status: http.StatusRequestEntityTooLarge, Code: "upload_too_large", Detail: "a file may be at most 10 MB",
		Fields: []problem.FieldError{{Field: SignedField, Message: "may be at most 10 MB"}}}
	errSignedMissing = &problem.Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Detail: "some fields are invalid",
		Fields: []problem.FieldError{{Field: SignedField, Message: "choose the signed quote (PDF)"}}}
)

// isMultipart reports whether the request is a form with files.
func isMultipart(c *fiber.Ctx) bool {
	return strings.HasPrefix(string(c.Request().Header.ContentType()), fiber.MIMEMultipartForm)
}

// signedFile reads the signed quote from the multipart field signed_pdf: one PDF of at
// most 10 MB, its type checked by its content (a PNG renamed .pdf is refused).
func signedFile(c *fiber.Ctx) (*uploads.File, error) {
	files, err := uploads.FromForm(c, SignedField, false)
	switch {
	case errors.Is(err, uploads.ErrTooLarge):
		return nil, errSignedTooLarge
	case errors.Is(err, uploads.ErrType), errors.Is(err, uploads.ErrTooMany):
		return nil, errSignedType
	case err != nil:
		return nil, err
	case len(files) == 0:
		return nil, errSignedMissing
	case files[0].ContentType != "application/pdf":
		return nil, errSignedType
	}
	return &files[0], nil
}

// acceptForm is an acceptance posted as multipart (the API's and the forms' upload):
// accepted_by, method (default signed_pdf) and the file.
func acceptForm(c *fiber.Ctx) (AcceptIn, *uploads.File, error) {
	in := AcceptIn{AcceptedBy: c.FormValue("accepted_by"), Method: c.FormValue("method")}
	if in.Method == "" {
		in.Method = string(AcceptSignedPDF)
	}
	f, err := signedFile(c)
	return in, f, err
}

func (m *Module) signedPDF(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	u, err := m.svc.SignedCopy(c.UserContext(), qid)
	if err != nil {
		return err
	}
	return uploads.Serve(c, u)
}
