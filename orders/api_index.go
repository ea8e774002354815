package orders

import (
	"backoffice/internal/civil"
	"context"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
)

func (m *Module) indexRoutes(r *apidoc.Router) {
	r.Post("/index-series", apidoc.Op{Summary: "Register an index series; a rebased series names the one it continues (IDX-1)", Tag: "orders",
		Body: SeriesIn{}, Response: SeriesOut{}, Status: 201}, auth.Require(sales...), m.createSeries)
	r.Get("/index-series", apidoc.Op{Summary: "List index series with their values", Tag: "orders", Response: []SeriesOut{}},
		auth.Require(staff...), m.listSeries)
	r.Put("/index-series/:code/values", apidoc.Op{Summary: "Store monthly values [{period: \"2025-10\", value: \"134.56\"}]; revised values replace older ones",
		Tag: "orders", Body: []ValueIn{}, Response: ValuesResult{}}, auth.Require(sales...), m.putValues)
	r.Post("/index-series/:code/import", apidoc.Op{Summary: "Import a CBS StatLine CSV export (text/csv body; ?column= picks the value column)",
		Tag: "orders", Response: ValuesResult{}, Query: []apidoc.Param{apidoc.Q("column", "part of the value column's header")}},
		auth.Require(sales...), m.importCSV)
	r.Post("/indexations", apidoc.Op{Summary: "Propose the indexation of every contract line as of 1 January of year (IDX-1…IDX-3); dry_run stores nothing",
		Tag: "orders", Body: IndexationRunIn{}, Response: RunOut{}, Status: 201}, auth.Require(sales...), m.propose)
	r.Get("/indexations/:id", apidoc.Op{Summary: "Get a stored indexation run with its proposals", Tag: "orders", Response: RunOut{}},
		auth.Require(sales...), m.getRun)
	r.Post("/indexations/:id/apply", apidoc.Op{Summary: "Apply a proposed run: new fees as of 1 January, audit entries, customer letters",
		Tag: "orders", Response: RunOut{}}, auth.Require(sales...), m.applyRun)
}

func (m *Module) createSeries(c *fiber.Ctx) error {
	var in SeriesIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	s := &IndexSeries{Code: strings.TrimSpace(in.Code), Name: strings.TrimSpace(in.Name), Base: strings.TrimSpace(in.Base), RebasedFrom: strings.TrimSpace(in.RebasedFrom)}
	var fe fieldErrors
	if !seriesCode.MatchString(s.Code) {
		fe.add("code", "lower-case letters, digits and dashes, 2–63 characters")
	}
	checkText(&fe, "name", s.Name, 200, true)
	checkText(&fe, "base", s.Base, 40, true)
	if s.RebasedFrom != "" && s.RebasedFrom == s.Code {
		fe.add("rebased_from", "a series cannot continue itself")
	}
	if err := fe.err(); err != nil {
		return err
	}
	if err := m.svc.CreateSeries(c.UserContext(), s); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(seriesOut(s))
}

func (m *Module) listSeries(c *fiber.Ctx) error {
	ss, err := m.svc.ListSeries(c.UserContext())
	if err != nil {
		return err
	}
	out := make([]SeriesOut, len(ss))
	for i, s := range ss {
		out[i] = seriesOut(s)
	}
	return c.JSON(out)
}

func (m *Module) putValues(c *fiber.Ctx) error {
	var in []ValueIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	vals, err := monthValues(in)
	if err != nil {
		return err
	}
	created, updated, err := m.svc.PutValues(c.UserContext(), c.Params("code"), vals, "api")
	if err != nil {
		return err
	}
	return c.JSON(ValuesResult{Created: created, Updated: updated})
}

// monthValues validates monthly index values (API and form), every field error at once.
var maxIndexValue = decimal.New(1, 8)

func monthValues(in []ValueIn) ([]MonthValue, error) {
	var fe fieldErrors
	vals := make([]MonthValue, 0, len(in))
	seen := map[civil.Month]bool{}
	for i, v := range in {
		p := fmt.Sprintf("[%d].", i)
		m, err := civil.ParseMonth(v.Period)
		if err != nil {
			fe.add(p+"period", "must be a month YYYY-MM")
		} else if seen[m] {
			fe.add(p+"period", "%s appears twice", m)
		}
		seen[m] = true
		d := v.Value.Parse(&fe.Fields, p+"value", true)
		if v.Value.Set() && !d.IsPositive() && !fe.Has(p+"value") {
			fe.add(p+"value", "an index value must be positive")
		}
		if !d.Equal(d.Round(4)) {
			fe.add(p+"value", "at most 4 decimals")
		}
		if d.GreaterThanOrEqual(maxIndexValue) {
			fe.add(p+"value", "must be less than 100000000") // numeric(12,4)
		}
		vals = append(vals, MonthValue{Period: m, Value: d})
	}
	if len(in) == 0 {
		fe.add("body", "send at least one value")
	}
	return vals, fe.err()
}

// importStatLine reads a CBS StatLine export and stores its monthly values in series code.
func (s *Service) importStatLine(ctx context.Context, code string, data []byte, column string) (ValuesResult, error) {
	res, err := ParseStatLineCSV(data, column)
	if err != nil {
		return ValuesResult{}, err
	}
	for _, v := range res.Values {
		if !v.Value.Equal(v.Value.Round(4)) {
			return ValuesResult{}, problem.Invalid("file", fmt.Sprintf("%s: %s has more than 4 decimals", v.Period, v.Value))
		}
	}
	created, updated, err := s.PutValues(ctx, code, res.Values, "statline_csv")
	if err != nil {
		return ValuesResult{}, err
	}
	return ValuesResult{Created: created, Updated: updated, Skipped: res.Skipped, Column: res.Column}, nil
}

func (m *Module) importCSV(c *fiber.Ctx) error {
	res, err := m.svc.importStatLine(c.UserContext(), c.Params("code"), c.Body(), c.Query("column"))
	if err != nil {
		return err
	}
	return c.JSON(res)
}

func (m *Module) propose(c *fiber.Ctx) error {
	var in IndexationRunIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	run, err := m.svc.ProposeIndexation(c.UserContext(), in.Year, in.DryRun)
	if err != nil {
		return err
	}
	status := fiber.StatusCreated
	if in.DryRun {
		status = fiber.StatusOK
	}
	return c.Status(status).JSON(runOut(run))
}

func (m *Module) getRun(c *fiber.Ctx) error {
	rid, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	run, err := m.svc.GetIndexationRun(c.UserContext(), rid)
	if err != nil {
		return err
	}
	return c.JSON(runOut(run))
}

func (m *Module) applyRun(c *fiber.Ctx) error {
	rid, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	run, err := m.svc.ApplyIndexation(c.UserContext(), rid)
	if err != nil {
		return err
	}
	return c.JSON(runOut(run))
}
