package events

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templates embed.FS

// Module shows admins the events no subscriber could take, and lets them retry.
type Module struct {
	DB    *bun.DB
	Clock clock.Clock
	Web   *web.Engine
	// Namers name the records the events are about, as the audit log does (audit.Namer);
	// nil names none (the record reads by its id).
	Namers func() []audit.Namer
}

// recordNames names each event's record ("Invoice 2026-00008") as the audit log does
// (web.RecordName over audit.AskNamers: one call per namer and entity of the page).
func (m *Module) recordNames(c *fiber.Ctx, items []UndeliverableOut) (map[string]string, error) {
	byEntity := map[string][]string{}
	for _, u := range items {
		byEntity[u.Entity] = append(byEntity[u.Entity], strconv.FormatInt(u.EntityID, 10))
	}
	names := map[string]map[string]string{}
	if m.Namers != nil {
		var err error
		if names, err = audit.AskNamers(c.UserContext(), m.Namers(), byEntity); err != nil {
			return nil, err
		}
	}
	lang := web.ReaderLang(c)
	out := make(map[string]string, len(items))
	for _, u := range items {
		id := strconv.FormatInt(u.EntityID, 10)
		out[u.Entity+"/"+id] = web.RecordName(lang, u.Entity, id, names[u.Entity])
	}
	return out, nil
}

// Name of the module; templates are "events/…".
func (m *Module) Name() string { return "events" }

// Templates of the module.
func (m *Module) Templates() fs.FS { s, _ := fs.Sub(templates, "templates"); return s }

// Nav links the page in the Admin group.
func (m *Module) Nav() []web.NavItem {
	return []web.NavItem{{Label: "Undeliverable events", Href: "/events/undeliverable", Order: 95, Group: "Admin", Roles: []auth.Role{auth.Admin}}}
}

// UndeliverableOut is a delivery that failed every attempt.
type UndeliverableOut struct {
	Subscriber string    `json:"subscriber"`
	EventID    int64     `json:"event_id"`
	Kind       string    `json:"kind"`
	Entity     string    `json:"entity"`
	EntityID   int64     `json:"entity_id"`
	Attempts   int       `json:"attempts"`
	LastError  string    `json:"last_error"`
	CreatedAt  time.Time `json:"created_at"`
}

// RetryOut confirms a retry.
type RetryOut struct {
	Subscriber string `json:"subscriber"`
	EventID    int64  `json:"event_id"`
	Status     string `json:"status"`
}

// Routes registers the admin API.
func (m *Module) Routes(r *apidoc.Router) {
	admin := auth.Require(auth.Admin)
	r.Get("/events/undeliverable", apidoc.Op{Summary: "Event deliveries that failed every attempt, newest first", Tag: "events",
		Response: httpx.List[UndeliverableOut]{}, Query: []apidoc.Param{{Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, admin, m.listAPI)
	r.Post("/events/:event_id/deliveries/:subscriber/retry", apidoc.Op{Summary: "Try an undeliverable event again, with a fresh set of attempts",
		Tag: "events", Response: RetryOut{}}, admin, m.retryAPI)
}

// Pages registers the admin page.
func (m *Module) Pages(r fiber.Router) {
	admin := auth.Require(auth.Admin)
	r.Get("/events/undeliverable", admin, m.page)
	r.Post("/events/:event_id/deliveries/:subscriber/retry", admin, m.retryPost)
}

func (m *Module) load(c *fiber.Ctx) ([]UndeliverableOut, *string, httpx.Page, error) {
	page, err := httpx.PageOf(c)
	if err != nil {
		return nil, nil, page, err
	}
	var cur DeadCursor
	var after *DeadCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return nil, nil, page, err
	} else if ok {
		after = &cur
	}
	rows, err := ListUndeliverable(c.UserContext(), m.DB, after, int(page.Fetch()))
	if err != nil {
		return nil, nil, page, err
	}
	out := make([]UndeliverableOut, len(rows))
	for i, u := range rows {
		out[i] = UndeliverableOut(u)
	}
	l := httpx.Paginate(out, page, func(u UndeliverableOut) any { return DeadCursor{EventID: u.EventID, Subscriber: u.Subscriber} })
	return l.Items, l.Next, page, nil
}

func (m *Module) listAPI(c *fiber.Ctx) error {
	items, next, _, err := m.load(c)
	if err != nil {
		return err
	}
	return c.JSON(httpx.List[UndeliverableOut]{Items: items, Next: next})
}

func (m *Module) retry(c *fiber.Ctx) (RetryOut, error) {
	id, err := httpx.PathID(c, "event_id")
	if err != nil {
		return RetryOut{}, err
	}
	sub := c.Params("subscriber")
	if len(sub) == 0 || len(sub) > 100 {
		return RetryOut{}, problem.NotFound("delivery")
	}
	sub = string([]byte(sub)) // outlives the request in the audit entry
	now := m.Clock.Now()
	err = m.DB.RunInTx(c.UserContext(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := Retry(ctx, tx, now, sub, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "event_delivery", strconv.FormatInt(id, 10)+"/"+sub, "retry", nil)
	})
	return RetryOut{Subscriber: sub, EventID: id, Status: "pending"}, err
}

func (m *Module) retryAPI(c *fiber.Ctx) error {
	out, err := m.retry(c)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (m *Module) retryPost(c *fiber.Ctx) error {
	if _, err := m.retry(c); err != nil {
		return err
	}
	return web.Redirect(c, "/events/undeliverable", web.Tr(c, "events.ui.retried"))
}

func (m *Module) page(c *fiber.Ctx) error {
	items, next, _, err := m.load(c)
	if err != nil {
		return err
	}
	var nextURL template.URL
	if next != nil {
		nextURL = template.URL("/events/undeliverable?" + url.Values{"after": {*next}}.Encode()) //nolint:gosec // encoded here
	}
	records, err := m.recordNames(c, items)
	if err != nil {
		return err
	}
	return m.Web.Render(c, "events/undeliverable", web.Tr(c, "events.ui.title"), map[string]any{"Items": items, "Next": nextURL, "Records": records})
}
