// Package server assembles the HTTP server: middleware (recovery, request ids,
// structured logs, metrics, authentication, CSRF), the JSON API under /api/v1 with its
// generated OpenAPI document, the admin UI and portal pages of every module, health
// and readiness probes, and the River job client.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/gofiber/fiber/v2/utils"
	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	segjson "github.com/segmentio/encoding/json"
	"github.com/valyala/fasthttp"

	"backoffice/internal/apidoc"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/events"
	"backoffice/internal/httpx"
	"backoffice/internal/outbox"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

// BodyLimit is the largest request body accepted (413 above) on every route but the
// upload routes (…/attachments), which accept uploads.BodyLimit.
const BodyLimit = 2 << 20

// Server is the assembled application.
type Server struct {
	App   *fiber.App
	Doc   *apidoc.Doc
	River *river.Client[pgx.Tx]
	deps  *platform.Deps
	db    *db.DB
}

// Options tune the assembly.
type Options struct {
	Jobs         bool // start River workers and periodic jobs
	JobsInterval time.Duration
}

// New builds the server from the shared deps and the modules.
func New(d *platform.Deps, database *db.DB, modules []platform.Module, opt Options) (*Server, error) {
	s := &Server{Doc: &apidoc.Doc{}, deps: d, db: database}
	for _, m := range modules {
		if t, ok := m.(platform.Templated); ok {
			if err := d.Web.AddTemplates(m.Name(), t.Templates()); err != nil {
				return nil, err
			}
			d.Web.AddNav(t.Nav()...)
		}
	}
	platform.CollectCustomerTabs(d, modules)
	platform.CollectAuditNamers(d, modules)
	if err := platform.RegisterSubscriptions(context.Background(), d.Events, modules); err != nil {
		return nil, err
	}
	if d.Home != nil {
		d.Home.Collect(modules) // every module's home cards, for the home page of each role
	}
	app := fiber.New(fiber.Config{
		AppName:               "backoffice",
		BodyLimit:             BodyLimit,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		ErrorHandler:          httpx.ErrorHandler(d.Log, s.htmlError, web.LocalizeProblem),
		// Responses are encoded by segmentio/encoding: the same bytes as encoding/json
		// (TestJSONEncoderMatchesEncodingJSON), in less than half the time on a list page
		// (issue 14, BenchmarkEncodeList). List pages go through httpx.Send instead, into
		// the response's pooled buffer, where the cheapest lists' rows write themselves.
		JSONEncoder: segjson.Marshal,
		// A response up to 32 KB (a list page) leaves in one write: with the default 4 KB
		// buffer fasthttp flushed the headers and the first 4 KB, then wrote the rest, two
		// syscalls and two wake-ups of the client for every page (issue 14).
		WriteBufferSize: 32 << 10,
		// Forwarding headers (X-Forwarded-Proto for c.Protocol()) count only from the
		// configured reverse proxies; the client address comes from httpx.ClientIP.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          d.Config.TrustedProxies,
	})
	s.App = app
	proxies := httpx.ParseProxies(d.Config.TrustedProxies)
	app.Use(recover.New(recover.Config{EnableStackTrace: true}))
	app.Use(requestid.New())
	app.Server().HeaderReceived = uploadLimit
	app.Use(httpx.ClientMiddleware(proxies, d.Config.HTTPS()))
	app.Use(securityHeaders())
	app.Use(s.logAndMeasure)
	d.Web.Static(app)
	app.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	app.Get("/readyz", s.ready)
	app.Get("/metrics", metricsGuard(d.Config.MetricsToken, httpx.ParseProxies(d.Config.MetricsAllow), len(d.Config.MetricsAllow) > 0),
		adaptor.HTTPHandler(promhttp.Handler()))
	app.Get("/api/openapi.json", func(c *fiber.Ctx) error {
		b, err := s.Doc.JSON()
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(b)
	})
	app.Use(httpx.FormGuard(), auth.Middleware(d.DB, d.Clock), auth.CSRF())
	api := apidoc.New(app.Group("/api/v1"), "/api/v1", s.Doc)
	for _, m := range modules {
		m.Routes(api)
	}
	app.Use("/api", func(c *fiber.Ctx) error { return problem.NotFound("no API route " + c.Method() + " " + c.Path()) })
	for _, m := range modules {
		m.Pages(app)
	}
	if opt.Jobs {
		if err := s.startJobs(modules, opt); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// uploadLimit raises the body limit for the upload routes only, decided from the
// request line before the body is read (every other route keeps BodyLimit).
func uploadLimit(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	path, _, _ := strings.Cut(string(h.RequestURI()), "?")
	if string(h.Method()) == fiber.MethodPost && uploads.IsUploadPath(path) {
		return fasthttp.RequestConfig{MaxRequestBodySize: uploads.BodyLimit}
	}
	return fasthttp.RequestConfig{}
}

func (s *Server) startJobs(modules []platform.Module, opt Options) error {
	workers := river.NewWorkers()
	river.AddWorker(workers, &outbox.DeliverWorker{DB: s.deps.DB, SMTP: outbox.SMTP{Host: s.deps.Config.SMTPHost, Port: s.deps.Config.SMTPPort,
		Username: s.deps.Config.SMTPUsername, Password: s.deps.Config.SMTPPassword, From: s.deps.Config.SMTPFrom}, Clock: s.deps.Clock})
	interval := opt.JobsInterval
	if interval == 0 {
		interval = 30 * time.Second
	}
	river.AddWorker(workers, &events.DeliverWorker{Bus: s.deps.Events})
	eventsEvery := interval
	if eventsEvery > 2*time.Second {
		eventsEvery = 2 * time.Second
	}
	periodic := []*river.PeriodicJob{outbox.PeriodicJob(interval), events.PeriodicJob(eventsEvery)}
	for _, m := range modules {
		if j, ok := m.(platform.Jobs); ok {
			j.Workers(workers)
			periodic = append(periodic, j.PeriodicJobs()...)
		}
	}
	rc, err := river.NewClient(riverpgxv5.New(s.db.Pool), &river.Config{
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:      workers,
		PeriodicJobs: periodic,
		Logger:       slog.New(warnOnly{s.deps.Log.Handler()}).With("component", "river"),
	})
	if err != nil {
		return fmt.Errorf("server: river: %w", err)
	}
	s.River = rc
	return nil
}

// Start starts the job workers (if any).
func (s *Server) Start(ctx context.Context) error {
	if s.River != nil {
		return s.River.Start(ctx)
	}
	return nil
}

// Shutdown stops HTTP and jobs gracefully.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.App.ShutdownWithContext(ctx)
	if s.River != nil {
		err = errors.Join(err, s.River.Stop(ctx))
	}
	return err
}

func (s *Server) ready(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	if err := s.db.Pool.Ping(ctx); err != nil {
		return c.Status(503).JSON(fiber.Map{"status": "unavailable", "reason": "database unreachable"})
	}
	if err := s.db.CheckCurrent(ctx); err != nil {
		return c.Status(503).JSON(fiber.Map{"status": "unavailable", "reason": err.Error()})
	}
	return c.JSON(fiber.Map{"status": "ready"})
}

var (
	reqTotal = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "backoffice_http_requests_total", Help: "HTTP requests by route, method and status."},
		[]string{"route", "method", "status"})
	reqDur = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "backoffice_http_request_duration_seconds", Help: "HTTP request latency.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"route", "method"})
)

func init() { prometheus.MustRegister(reqTotal, reqDur) }

func (s *Server) logAndMeasure(c *fiber.Ctx) error {
	start := time.Now()
	// The request id may come from the client's X-Request-ID header: fiber hands it out as
	// a view of its reusable buffer, and it travels in the context to audit rows and logs.
	rid := utils.CopyString(httpx.RequestID(c))
	c.Locals("requestid", rid)
	c.SetUserContext(audit.WithRequestID(c.UserContext(), rid))
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = problem.StatusOf(err)
		var fe *fiber.Error
		if errors.As(err, &fe) {
			status = fe.Code
		}
	}
	route := c.Route().Path
	if route == "/" && c.Path() != "/" {
		route = "unmatched"
	}
	// Label values live on in the Prometheus registry long after this request: c.Method()
	// and c.Path() are views of fasthttp's reused buffers ("POS", "GETT", "DEL" under mixed
	// traffic, then "collected before" 500s), so copy them. Route patterns are static.
	method := methodLabel(c.Method())
	path := utils.CopyString(c.Path())
	if !strings.HasPrefix(path, "/static/") && path != "/metrics" {
		reqTotal.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
		reqDur.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
		lvl := slog.LevelInfo
		if status >= 500 {
			lvl = slog.LevelError
		}
		s.deps.Log.Log(c.UserContext(), lvl, "http", "request_id", rid, "method", method, "path", path,
			"status", status, "duration_ms", time.Since(start).Milliseconds())
	}
	return err
}

// methodLabel maps the request method to a constant string (bounded label cardinality,
// no reference to the request's buffer).
func methodLabel(m string) string {
	switch m {
	case fiber.MethodGet:
		return fiber.MethodGet
	case fiber.MethodHead:
		return fiber.MethodHead
	case fiber.MethodPost:
		return fiber.MethodPost
	case fiber.MethodPut:
		return fiber.MethodPut
	case fiber.MethodPatch:
		return fiber.MethodPatch
	case fiber.MethodDelete:
		return fiber.MethodDelete
	case fiber.MethodOptions:
		return fiber.MethodOptions
	}
	return "OTHER"
}

func (s *Server) htmlError(c *fiber.Ctx, p httpx.ProblemBody) error {
	if strings.HasPrefix(c.Path(), "/static/") || c.Path() == "/metrics" {
		return errors.New("plain")
	}
	if p.Status == fiber.StatusUnauthorized {
		return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	c.Status(p.Status)
	return s.deps.Web.Render(c, "core/error", p.Title, p)
}

// warnOnly passes River's warnings and errors and drops its routine info lines.
type warnOnly struct{ slog.Handler }

func (w warnOnly) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && w.Handler.Enabled(ctx, l)
}

// WithAttrs keeps the filter on the derived handler (slog.Logger.With calls it; the
// embedded handler's own WithAttrs would drop the filter and let every info line through).
func (w warnOnly) WithAttrs(attrs []slog.Attr) slog.Handler {
	return warnOnly{w.Handler.WithAttrs(attrs)}
}

// WithGroup keeps the filter too.
func (w warnOnly) WithGroup(name string) slog.Handler { return warnOnly{w.Handler.WithGroup(name)} }
