package tickets

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/testkit"
	"backoffice/internal/uploads"
)

var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// TestPortalMessagesInBothLanguages fails when a portal text lacks Dutch or English:
// every literal id in the portal templates, and the ids built from categories,
// statuses, priorities and resolutions.
func TestPortalMessagesInBothLanguages(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Fatalf("keys missing in a language: %v", m)
	}
	for _, glob := range []string{"templates/portal_*.html", "templates/_attachments.html"} {
		m, err := i18n.MissingInTemplates(os.DirFS("."), glob)
		if err != nil || len(m) > 0 {
			t.Fatalf("%s: %v %v", glob, m, err)
		}
	}
	var ids []string
	for _, c := range Categories {
		ids = append(ids, "tk.category."+string(c))
	}
	for _, s := range []Status{StatusNew, StatusOpen, StatusWaitingOnCustomer, StatusResolved, StatusClosed} {
		ids = append(ids, "tk.status."+string(s))
	}
	for _, p := range Priorities {
		ids = append(ids, "tk.priority."+string(p))
	}
	for _, r := range Resolutions {
		ids = append(ids, "tk.resolution."+string(r))
	}
	for _, err := range []error{uploads.ErrTooLarge, uploads.ErrType, uploads.ErrTooMany, uploads.ErrNoFile, ErrClosed} {
		ids = append(ids, "tk.err."+problem.CodeOf(err))
	}
	for _, id := range ids {
		for _, l := range i18n.Languages {
			if !i18n.Has(l, id) {
				t.Errorf("%s: %s missing", l, id)
			}
		}
	}
}

// multipartPost posts a portal form with files as a bearer-token user.
func (b *bundle) multipartPost(t *testing.T, as testkit.As, path string, fields map[string]string, files map[string][]byte) (int, string, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile("files", name)
		fw.Write(data)
	}
	w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+as.Token)
	res, err := b.app.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(out)
}

func TestPortalReportWithAttachments(t *testing.T) {
	b := setup(t, at("2026-04-21 10:00"))
	count := func(subject string) (tickets, files int) {
		ctx := context.Background()
		db := testkit.DB(t).Bun
		if err := db.NewRaw("SELECT count(*) FROM tickets WHERE subject = ?", subject).Scan(ctx, &tickets); err != nil {
			t.Fatal(err)
		}
		if err := db.NewRaw("SELECT count(*) FROM uploads u JOIN tickets t ON u.owner_kind = 'ticket' AND u.owner_id = t.id WHERE t.subject = ?", subject).Scan(ctx, &files); err != nil {
			t.Fatal(err)
		}
		return
	}
	fields := func(subject string) map[string]string {
		return map[string]string{"subject": subject, "description": "Het scherm knippert", "category": "incident", "priority": "P2"}
	}

	t.Run("a report with a photo and a PDF stores both with the ticket", func(t *testing.T) {
		subject := testkit.Unique("Scherm ")
		st, loc, body := b.multipartPost(t, b.contact, "/portal/tickets", fields(subject),
			map[string][]byte{"scherm.png": tinyPNG, "bon.pdf": []byte("%PDF-1.4\n%%EOF\n")})
		if st != 303 || !strings.HasPrefix(loc, "/portal/tickets/") {
			t.Fatalf("status %d %s %.300s", st, loc, body)
		}
		if n, f := count(subject); n != 1 || f != 2 {
			t.Fatalf("tickets %d files %d", n, f)
		}
		page := b.page(t, b.contact, loc, 200, "scherm.png", "bon.pdf", "Bijlagen", "P2 — hoog")
		if strings.Contains(page, "Attachments") {
			t.Error("Dutch customer sees English")
		}
	})

	t.Run("a wrong type or a too big file refuses the whole report and keeps what was typed", func(t *testing.T) {
		subject := testkit.Unique("Exe ")
		st, _, body := b.multipartPost(t, b.contact, "/portal/tickets", fields(subject), map[string][]byte{"virus.png": []byte("MZ\x90\x00 not an image")})
		if st != 415 || !strings.Contains(body, "Alleen foto") || !strings.Contains(body, subject) || !strings.Contains(body, "Het scherm knippert") {
			t.Fatalf("status %d %.600s", st, body)
		}
		big := append(append([]byte{}, tinyPNG...), make([]byte, uploads.MaxSize)...)
		st, _, body = b.multipartPost(t, b.contact, "/portal/tickets", fields(subject), map[string][]byte{"groot.png": big})
		if st != 413 || !strings.Contains(body, "hooguit 10 MB") {
			t.Fatalf("status %d %.600s", st, body)
		}
		if n, f := count(subject); n != 0 || f != 0 {
			t.Fatalf("half-written: tickets %d files %d", n, f)
		}
	})

	t.Run("a reply carries a photo; a refused file sends no reply", func(t *testing.T) {
		id := b.file(t, map[string]any{"subject": "Reply files"})
		path := fmt.Sprintf("/portal/tickets/%d/comments", id)
		st, _, body := b.multipartPost(t, b.contact, path, map[string]string{"body": "Zie foto"}, map[string][]byte{"foto.png": tinyPNG})
		if st != 303 {
			t.Fatalf("status %d %.300s", st, body)
		}
		st, _, body = b.multipartPost(t, b.contact, path, map[string]string{"body": "Geen foto"}, map[string][]byte{"x.png": []byte("GIF8 nope")})
		if st != 415 || !strings.Contains(body, "Geen foto") {
			t.Fatalf("status %d %.300s", st, body)
		}
		page := b.page(t, b.contact, fmt.Sprintf("/portal/tickets/%d", id), 200, "foto.png", "Zie foto")
		if strings.Count(page, "Geen foto") != 0 {
			t.Error("the refused reply was stored")
		}
	})

	t.Run("an English customer reads the portal in English", func(t *testing.T) {
		c := testkit.Customer(t, testkit.CustomerOpts{Language: "en"})
		en := testkit.Login(t, auth.Customer, &c.ID)
		b.page(t, en, "/portal/tickets/new", 200, "Report a problem", "P1 — critical", "Photos or PDF")
		nl := b.page(t, b.contact, "/portal/tickets/new", 200, "P1 — kritiek", "Probleem melden", `lang="nl"`)
		if strings.Contains(nl, "Send report") {
			t.Error("English on a Dutch page")
		}
	})
}
