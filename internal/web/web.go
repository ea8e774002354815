// Package web is the admin UI and portal shell: server-rendered html/template pages
// embedded in the binary and all parsed at start (a broken template stops the boot),
// one layout with navigation per role, flash messages, content-hashed static assets,
// and helpers domains use to render their own pages.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
)

//go:embed templates/*.html
var layoutFS embed.FS

//go:embed static/*
var staticFS embed.FS

// NavItem is a link in the side navigation, shown to the listed roles.
type NavItem struct {
	Label string
	Href  string
	Roles []auth.Role
	Order int
	Group string // "Sales", "Service", "People", "Admin", "Portal"
	// Active marks the one item of the current page (set per request: the longest Href
	// that is the path or a parent of it), so "/portal" is not lit beside "/portal/quotes".
	Active bool
}

// View is what every page template receives; domain data is in .Data.
type View struct {
	Title  string
	User   *auth.Principal
	CSRF   string
	Nav    []NavGroup
	Path   string
	Flash  string
	Error  string
	Data   any
	Assets map[string]string
	Clock  string // pinned test clock, shown as a banner
	Lang   string // the reader's language for {{t $.Lang …}}: a customer user's company's, else nl
	UILang string // the language of the layout and navigation: StaffLang for staff, Lang for customers
	Brand  string // the header's name: the supplier's company name in the portal, else "Backoffice"
}

// NavGroup is a titled block of links.
type NavGroup struct {
	Name  string
	Items []NavItem
}

// Engine holds the parsed templates, navigation and assets.
type Engine struct {
	mu     sync.RWMutex
	pages  map[string]*template.Template
	nav    []NavItem
	assets map[string]string // logical name → hashed URL
	files  map[string][]byte // hashed URL → content
	clk    clock.Clock
	funcs  template.FuncMap
	brand  string // the supplier's company name shown to customer users
}

// SetBrand sets the name the portal shows its customers instead of "Backoffice"
// (BACKOFFICE_COMPANY_NAME).
func (e *Engine) SetBrand(name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.brand = name
}

// New parses the layout and hashes the static assets.
func New(clk clock.Clock) (*Engine, error) {
	e := &Engine{pages: map[string]*template.Template{}, assets: map[string]string{}, files: map[string][]byte{}, clk: clk}
	e.funcs = Funcs()
	e.funcs["asset"] = func(name string) string { return e.assets[name] }
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		return nil, err
	}
	for _, en := range entries {
		b, err := staticFS.ReadFile("static/" + en.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(en.Name())
		url := "/static/" + strings.TrimSuffix(en.Name(), ext) + "." + hex.EncodeToString(sum[:6]) + ext
		e.assets[en.Name()] = url
		e.files[url] = b
	}
	if err := e.AddTemplates("core", mustSub(layoutFS, "templates")); err != nil {
		return nil, err
	}
	return e, nil
}

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return s
}

// AddTemplates parses every *.html file at the root of fsys as a page named
// "prefix/file" (without .html); files starting with "_" are partials shared by the
// prefix's pages. Each page defines "content" (and optionally "head", "scripts").
func (e *Engine) AddTemplates(prefix string, fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return err
	}
	var partials []string
	for _, f := range files {
		if strings.HasPrefix(f, "_") {
			partials = append(partials, f)
		}
	}
	base, err := template.New("layout").Funcs(e.funcs).ParseFS(layoutFS, "templates/_layout.html", "templates/_partials.html")
	if err != nil {
		return fmt.Errorf("web: layout: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range files {
		if strings.HasPrefix(f, "_") {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if len(partials) > 0 {
			if t, err = t.ParseFS(fsys, partials...); err != nil {
				return fmt.Errorf("web: %s partials: %w", prefix, err)
			}
		}
		if t, err = t.ParseFS(fsys, f); err != nil {
			return fmt.Errorf("web: %s/%s: %w", prefix, f, err)
		}
		e.pages[prefix+"/"+strings.TrimSuffix(f, ".html")] = t
	}
	return nil
}

// AddNav registers navigation links.
func (e *Engine) AddNav(items ...NavItem) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.nav = append(e.nav, items...)
	sort.SliceStable(e.nav, func(i, j int) bool { return e.nav[i].Order < e.nav[j].Order })
}

var groupOrder = []string{"Portal", "My work", "Sales", "Service", "Secondment", "Customers", "Admin"}

func (e *Engine) navFor(p *auth.Principal, path string) []NavGroup {
	e.mu.RLock()
	defer e.mu.RUnlock()
	byGroup := map[string][]NavItem{}
	best := ""
	for _, it := range e.nav {
		if p != nil && (len(it.Roles) == 0 || slices.Contains(it.Roles, p.Role)) {
			byGroup[it.Group] = append(byGroup[it.Group], it)
			if navMatches(path, it.Href) && len(it.Href) > len(best) {
				best = it.Href
			}
		}
	}
	for g, items := range byGroup {
		for i := range items {
			items[i].Active = best != "" && items[i].Href == best
		}
		byGroup[g] = items
	}
	lang := UILang(p)
	for g, items := range byGroup {
		for i := range items {
			items[i].Label = label(lang, NavKey(items[i].Label), items[i].Label)
		}
		byGroup[g] = items
	}
	var out []NavGroup
	for _, g := range groupOrder {
		if items := byGroup[g]; len(items) > 0 {
			out = append(out, NavGroup{Name: label(lang, NavGroupKey(g), g), Items: items})
			delete(byGroup, g)
		}
	}
	for g, items := range byGroup {
		out = append(out, NavGroup{Name: label(lang, NavGroupKey(g), g), Items: items})
	}
	return out
}

// navMatches reports whether the page at path belongs to the nav link href: the same path
// or a page below it ("/quotes/12" under "/quotes"); "/" only matches itself.
func navMatches(path, href string) bool {
	if path == href {
		return true
	}
	return href != "/" && strings.HasPrefix(path, strings.TrimSuffix(href, "/")+"/")
}

// Render writes page name with data inside the layout.
func (e *Engine) Render(c *fiber.Ctx, name, title string, data any) error {
	return e.render(c, name, e.view(c, title, data))
}

func (e *Engine) render(c *fiber.Ctx, name string, v *View) error {
	e.mu.RLock()
	t, ok := e.pages[name]
	e.mu.RUnlock()
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	nonce := newNonce()
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set("Cache-Control", "no-store")
	c.Set("Content-Security-Policy", PagePolicy(nonce))
	return c.Send(withNonce(buf.Bytes(), nonce))
}

func (e *Engine) view(c *fiber.Ctx, title string, data any) *View {
	p := auth.From(c)
	v := &View{Title: title, User: p, Nav: e.navFor(p, c.Path()), Path: c.Path(), Data: data, Assets: e.assets, Lang: i18n.NL, Brand: "Backoffice"}
	if p != nil {
		v.Lang = i18n.Lang(p.Lang)
		v.UILang = UILang(p)
		e.mu.RLock()
		if p.Role == auth.Customer && e.brand != "" {
			v.Brand = e.brand
		}
		e.mu.RUnlock()
		v.CSRF = p.CSRF
	} else {
		v.Lang = AcceptLang(c.Get(fiber.HeaderAcceptLanguage))
		v.UILang = v.Lang
		v.CSRF = PreLoginCSRF(c)
	}
	if f := c.Cookies(flashCookie); f != "" {
		v.Flash = f
		c.Cookie(&fiber.Cookie{Name: flashCookie, Value: "", Path: "/", HTTPOnly: true, SameSite: "Lax", Expires: time.Unix(1, 0), MaxAge: -1})
	}
	if s, ok := e.clk.(interface{ Pinned() (time.Time, bool) }); ok {
		if t, pinned := s.Pinned(); pinned {
			v.Clock = t.In(clock.Amsterdam).Format("Mon 2 Jan 2006 15:04 MST")
		}
	}
	return v
}

// Lang is the language of the request's reader (as $.Lang in templates): a customer
// user's company's, else Dutch; before login (login, forgot and reset password) the
// browser's Accept-Language.
func Lang(c *fiber.Ctx) string {
	if p := auth.From(c); p != nil {
		return i18n.Lang(p.Lang)
	}
	return AcceptLang(c.Get(fiber.HeaderAcceptLanguage))
}

// AcceptLang picks nl or en from an Accept-Language header by its q-values (the first
// of equal weight wins); Dutch when it names neither.
func AcceptLang(header string) string { return acceptLang(header, i18n.NL) }

// APILang is the language of an API answer's texts (problem titles, field messages):
// the Accept-Language header's nl or en, English when it names neither; codes stay.
func APILang(c *fiber.Ctx) string { return acceptLang(c.Get(fiber.HeaderAcceptLanguage), i18n.EN) }

func acceptLang(header, fallback string) string {
	best, bestQ := fallback, 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if primary != i18n.NL && primary != i18n.EN {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		if q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}

// Tr translates id into the language the reader reads the page in (UILang: the company's
// for a customer user, StaffLang for staff, the browser's Accept-Language before login) —
// flash messages, page titles, field errors; placeholders as name/value pairs.
func Tr(c *fiber.Ctx, id string, kv ...any) string { return T(ReaderLang(c), id, kv...) }

// ReaderLang is the language of the request's page: UILang for a logged-in user, the
// browser's Accept-Language (nl or en, default nl) before login.
func ReaderLang(c *fiber.Ctx) string {
	if p := auth.From(c); p != nil {
		return UILang(p)
	}
	return AcceptLang(c.Get(fiber.HeaderAcceptLanguage))
}

// UITr translates id into the language the reader reads the UI in (UILang: StaffLang for
// staff, the company's language for a customer user), for the flashes, page titles and
// form errors of pages that staff and customers share.
func UITr(c *fiber.Ctx, id string, kv ...any) string { return T(UILang(auth.From(c)), id, kv...) }

const flashCookie = "bo_flash"

// Flash shows msg on the next page the browser renders (after a redirect).
func Flash(c *fiber.Ctx, msg string) {
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: msg, Path: "/", HTTPOnly: true, SameSite: "Lax"})
}

// Redirect answers a form post with 303 See Other and a flash message.
func Redirect(c *fiber.Ctx, to, flash string) error {
	if flash != "" {
		Flash(c, flash)
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}

// PreLoginCSRF returns (and sets, when missing) the double-submit cookie for forms
// shown before login.
func PreLoginCSRF(c *fiber.Ctx) string {
	if v := c.Cookies(auth.PreCSRFCookie); v != "" {
		return v
	}
	tok, _ := auth.NewToken()
	c.Cookie(&fiber.Cookie{Name: auth.PreCSRFCookie, Value: tok, Path: "/", HTTPOnly: true, SameSite: "Strict"})
	return tok
}

// Static serves the hashed assets with a year of caching.
func (e *Engine) Static(r fiber.Router) {
	r.Get("/static/:file", func(c *fiber.Ctx) error {
		b, ok := e.files["/static/"+c.Params("file")]
		if !ok {
			return fiber.ErrNotFound
		}
		switch path.Ext(c.Params("file")) {
		case ".css":
			c.Set(fiber.HeaderContentType, "text/css; charset=utf-8")
		case ".js":
			c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
		case ".svg":
			c.Set(fiber.HeaderContentType, "image/svg+xml")
		}
		c.Set("Cache-Control", "public, max-age=31536000, immutable")
		return c.Send(b)
	})
}

// RenderError renders a page with an error banner (failed form posts).
func (e *Engine) RenderError(c *fiber.Ctx, name, title, msg string, data any) error {
	v := e.view(c, title, data)
	v.Error = msg
	return e.render(c, name, v)
}
