// Package uploads stores photos and documents attached to records of any domain (a
// defect report, a ticket, a quote acceptance): at most 10 MB a file, images or PDF, the
// type decided from the content (net/http.DetectContentType confirmed by magic bytes,
// never the name or the browser's claim), kept in PostgreSQL (bytea). Serving is the
// owning domain's business: it checks that the principal may see the record, then
// calls Serve.
package uploads

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/problem"
)

// MaxSize is the largest file accepted: 10 MiB.
const MaxSize = 10 << 20

// MaxFiles is how many files one request may carry.
const MaxFiles = 3

// BodyLimit is the request body limit of the upload routes (the server keeps 2 MiB for
// every other route).
const BodyLimit = MaxFiles*MaxSize + 1<<20

// PathSuffix marks the upload routes: /…/attachments (API and UI).
const PathSuffix = "/attachments"

var (
	routesMu sync.RWMutex
	routes   [][]string // more upload routes, by segment; ":x" matches any one segment
)

// AcceptOn marks more routes as upload routes (forms that carry files beside other
// fields, like the portal's ticket form): "/portal/tickets", "/portal/tickets/:id/comments".
func AcceptOn(patterns ...string) {
	routesMu.Lock()
	defer routesMu.Unlock()
	for _, p := range patterns {
		routes = append(routes, strings.Split(strings.Trim(p, "/"), "/"))
	}
}

// IsUploadPath says whether a request path is an upload route.
func IsUploadPath(path string) bool {
	path = strings.TrimRight(path, "/")
	if strings.HasSuffix(path, PathSuffix) {
		return true
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	routesMu.RLock()
	defer routesMu.RUnlock()
	for _, r := range routes {
		if matches(r, segs) {
			return true
		}
	}
	return false
}

func matches(pattern, segs []string) bool {
	if len(pattern) != len(segs) {
		return false
	}
	for i, p := range pattern {
		if !strings.HasPrefix(p, ":") && p != segs[i] {
			return false
		}
	}
	return true
}

// Problems an upload is refused with (nothing is stored).
var (
	ErrTooLarge = problem.New(http.StatusRequestEntityTooLarge, "upload_too_large", "a file may be at most 10 MB")
	ErrType     = problem.New(http.StatusUnsupportedMediaType, "upload_type", "only photos (JPEG, PNG, GIF, WebP) and PDF documents are accepted")
	ErrNoFile   = problem.New(http.StatusUnprocessableEntity, "upload_missing", "choose a file to upload")
	ErrTooMany  = problem.New(http.StatusUnprocessableEntity, "upload_too_many", fmt.Sprintf("at most %d files at a time", MaxFiles))
)

// Upload is a stored file.
type Upload struct {
	bun.BaseModel `bun:"table:uploads"`

	ID          int64     `bun:"id,pk,autoincrement" json:"id"`
	OwnerKind   string    `bun:"owner_kind" json:"-"`
	OwnerID     int64     `bun:"owner_id" json:"-"`
	CustomerID  *int64    `bun:"customer_id" json:"-"`
	Filename    string    `bun:"filename" json:"filename"`
	ContentType string    `bun:"content_type" json:"content_type"`
	Size        int       `bun:"size" json:"size"`
	SHA256      []byte    `bun:"sha256" json:"-"`
	Data        []byte    `bun:"data" json:"-"`
	UploadedBy  *int64    `bun:"uploaded_by" json:"-"`
	CreatedAt   time.Time `bun:"created_at" json:"created_at"`
}

// File is a checked file ready to store.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Owner is the record files are attached to.
type Owner struct {
	Kind       string // "defect_report", "ticket", …
	ID         int64
	CustomerID *int64
}

// magic is what a type's content starts with.
var magic = map[string]func([]byte) bool{
	"image/jpeg": func(b []byte) bool { return bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}) },
	"image/png":  func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) },
	"image/gif": func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	},
	"image/webp":      func(b []byte) bool { return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP" },
	"application/pdf": func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) },
}

// Sniff decides a file's type from its content: DetectContentType, confirmed by the
// type's magic bytes. It returns ErrType for anything else.
func Sniff(data []byte) (string, error) {
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if ok := magic[ct]; ok != nil && ok(data) {
		return ct, nil
	}
	return "", ErrType
}

// Check reads and checks a file: not empty, at most MaxSize, an accepted type.
func Check(name string, r io.Reader) (File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return File{}, err
	}
	if len(data) == 0 {
		return File{}, ErrNoFile
	}
	if len(data) > MaxSize {
		return File{}, fmt.Errorf("%w: %s is larger", ErrTooLarge, cleanName(name))
	}
	ct, err := Sniff(data)
	if err != nil {
		return File{}, fmt.Errorf("%w: %s is not one", err, cleanName(name))
	}
	return File{Name: cleanName(name), ContentType: ct, Data: data}, nil
}

// FromForm reads and checks the files of a multipart field ("files"); none is fine
// unless required.
func FromForm(c *fiber.Ctx, field string, required bool) ([]File, error) {
	form, err := c.MultipartForm()
	if err != nil {
		if required {
			return nil, ErrNoFile
		}
		return nil, nil
	}
	var hs []*multipart.FileHeader
	for _, h := range form.File[field] {
		if h.Size > 0 || h.Filename != "" {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 && required {
		return nil, ErrNoFile
	}
	if len(hs) > MaxFiles {
		return nil, ErrTooMany
	}
	files := make([]File, 0, len(hs))
	for _, h := range hs {
		if h.Size > MaxSize {
			return nil, fmt.Errorf("%w: %s is larger", ErrTooLarge, cleanName(h.Filename))
		}
		f, err := h.Open()
		if err != nil {
			return nil, err
		}
		file, err := Check(h.Filename, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == "/" {
		name = "file"
	}
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	return name
}

// Serve answers the file: its sniffed type, inline for images and PDF, never sniffed
// again by the browser, not cached by shared caches.
func Serve(c *fiber.Ctx, u *Upload) error {
	c.Set(fiber.HeaderContentType, u.ContentType)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Cache-Control", "private, max-age=300")
	c.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`inline; filename="%s"`, u.Filename))
	return c.Send(u.Data)
}
