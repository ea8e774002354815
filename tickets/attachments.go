package tickets

import (
	"context"
	"time"

	"backoffice/internal/httpx"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

// UploadKind owns the attachments of a ticket.
const UploadKind = "ticket"

// The portal's report and reply forms carry photos and PDFs beside their fields.
func init() { uploads.AcceptOn("/portal/tickets", "/portal/tickets/:id/comments") }

// Attach stores photos or PDFs on a ticket the principal may see.
func (s *Service) Attach(ctx context.Context, id int64, files []uploads.File) ([]uploads.Upload, error) {
	p := auth.FromContext(ctx)
	d, err := s.Get(auth.With(ctx, p), id)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, uploads.ErrNoFile
	}
	now := s.Clock.Now()
	var out []uploads.Upload
	return out, s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if out, err = uploads.Save(ctx, tx, now, uploads.Owner{Kind: UploadKind, ID: id, CustomerID: &d.Ticket.CustomerID}, p.UserID, files); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "ticket", id, "attach", map[string]any{"files": len(files)})
	})
}

// saveFiles stores files sent with a new ticket or a reply in that transaction.
func saveFiles(ctx context.Context, tx bun.Tx, now time.Time, p *auth.Principal, t *Ticket, files []uploads.File) error {
	if len(files) == 0 {
		return nil
	}
	_, err := uploads.Save(ctx, tx, now, uploads.Owner{Kind: UploadKind, ID: t.ID, CustomerID: &t.CustomerID}, p.UserID, files)
	return err
}

// Attachments lists a ticket's files (the caller checked access).
func (s *Service) Attachments(ctx context.Context, id int64) ([]uploads.Upload, error) {
	return uploads.List(ctx, s.DB, UploadKind, id)
}

func (m *Module) attachAPI(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := m.svc.Get(c.UserContext(), id); err != nil {
		return err
	}
	files, err := uploads.FromForm(c, "files", true)
	if err != nil {
		return err
	}
	out, err := m.svc.Attach(c.UserContext(), id, files)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (m *Module) attachmentsAPI(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := m.svc.Get(c.UserContext(), id); err != nil {
		return err
	}
	out, err := m.svc.Attachments(c.UserContext(), id)
	if err != nil {
		return err
	}
	if out == nil {
		out = []uploads.Upload{}
	}
	return c.JSON(out)
}

func (m *Module) attachmentGet(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	fid, err := httpx.PathID(c, "file")
	if err != nil {
		return err
	}
	if _, err := m.svc.Get(c.UserContext(), id); err != nil {
		return err
	}
	u, err := uploads.Get(c.UserContext(), m.svc.DB, UploadKind, id, fid)
	if err != nil {
		return err
	}
	return uploads.Serve(c, u)
}

// attachPost is the upload form of the desk and portal ticket pages.
func (m *Module) attachPost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	p := auth.From(c)
	prefix := ""
	if !p.IsStaff() {
		prefix = "/portal"
	}
	files, err := uploads.FromForm(c, "files", true)
	if err == nil {
		_, err = m.svc.Attach(c.UserContext(), id, files)
	}
	if prefix != "" {
		if err != nil {
			return m.portalAfter(c, id, err, "", "")
		}
		return web.Redirect(c, ticketURL(prefix, id), web.Tr(c, "portal.tickets.attached"))
	}
	if err != nil {
		web.Flash(c, err.Error())
		return c.Redirect(ticketURL(prefix, id), fiber.StatusSeeOther)
	}
	return web.Redirect(c, ticketURL(prefix, id), web.Tr(c, "tickets.ui.flash.attached"))
}
