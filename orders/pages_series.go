package orders

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// The index series page (enter monthly values, import a CBS StatLine CSV; IDX-1) and the
// standard rate list. Forms post to UI routes that use the API's validation and use
// cases; a validation error re-renders the page with 422.

func (m *Module) referencePages(r fiber.Router) {
	s := auth.Require(sales...)
	r.Get("/index-series/:code", s, m.seriesPage)
	r.Post("/index-series/:code/values", s, m.seriesValuesPost)
	r.Post("/index-series/:code/import", s, m.seriesImportPost)
	r.Get("/standard-rates", s, m.ratesPage)
	r.Post("/standard-rates", s, m.ratePost)
}

// seriesFormRows is how many value rows the series page offers.
const seriesFormRows = 6

// maxImportBytes bounds an uploaded StatLine export (a full CPI table is far smaller).
const maxImportBytes = 4 << 20

// seriesName is how a page names an index series: its message in the reader's language
// ("CBS CPI alle huishoudens (2015=100)") for a series the company knows, else its stored
// name and base (Label); never its code "cbs-cpi-2015" (issue 13).
func seriesName(lang string, s *IndexSeries) string {
	if id := "orders.index.name." + s.Code; i18n.Has(i18n.Lang(lang), id) {
		return web.T(lang, id)
	}
	return s.Label()
}

type seriesPageData struct {
	Series      SeriesOut
	Predecessor string     // the name of the series this one continues
	Values      []ValueOut // newest first
	Rows        []ValueIn  // the value form's rows
	Column      string     // the import's column filter
	Errors      []problem.FieldError
	FormName    string // "values" or "import": the form the errors belong to
}

func (m *Module) renderSeries(c *fiber.Ctx, d seriesPageData) error {
	code := c.Params("code")
	all, err := m.svc.ListSeries(c.UserContext())
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(s *IndexSeries) bool { return s.Code == code })
	if i < 0 {
		return problem.NotFound(fmt.Sprintf("index series %q", code))
	}
	lang := web.UILang(auth.From(c))
	d.Series = seriesOut(all[i])
	d.Series.Name = seriesName(lang, all[i])
	if j := slices.IndexFunc(all, func(s *IndexSeries) bool { return s.Code == all[i].RebasedFrom }); j >= 0 {
		d.Predecessor = seriesName(lang, all[j])
	}
	d.Values = slices.Clone(d.Series.Values)
	slices.Reverse(d.Values)
	for len(d.Rows) < seriesFormRows {
		d.Rows = append(d.Rows, ValueIn{})
	}
	if d.Errors != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return m.web.Render(c, "orders/series", d.Series.Name, d)
}

func (m *Module) seriesPage(c *fiber.Ctx) error { return m.renderSeries(c, seriesPageData{}) }

func (m *Module) seriesValuesPost(c *fiber.Ctx) error {
	code := c.Params("code")
	var rows, in []ValueIn
	for i := range seriesFormRows {
		v := ValueIn{Period: strings.TrimSpace(c.FormValue(fmt.Sprintf("values.%d.period", i))),
			Value: money.Number(money.InputString(c.FormValue(fmt.Sprintf("values.%d.value", i))))}
		rows = append(rows, v)
		if v.Period != "" || v.Value != "" {
			in = append(in, v)
		}
	}
	vals, err := monthValues(in)
	if err == nil {
		var created, updated int
		if created, updated, err = m.svc.PutValues(c.UserContext(), code, vals, "form"); err == nil {
			return web.Redirect(c, "/index-series/"+code, tr(c, "orders.ui.flash.values_stored", "N", created+updated, "New", created, "Revised", updated))
		}
	}
	if fields, ok := problem.FieldErrors(err); ok {
		return m.renderSeries(c, seriesPageData{Rows: rows, Errors: fields, FormName: "values"})
	}
	return err
}

func (m *Module) seriesImportPost(c *fiber.Ctx) error {
	code := c.Params("code")
	column := strings.TrimSpace(c.FormValue("column"))
	failed := func(err error) error {
		if fields, ok := problem.FieldErrors(err); ok {
			return m.renderSeries(c, seriesPageData{Column: column, Errors: fields, FormName: "import"})
		}
		return err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return failed(problem.Invalid("file", "choose the CSV file exported from CBS StatLine"))
	}
	if fh.Size > maxImportBytes {
		return failed(problem.Invalid("file", fmt.Sprintf("the file is larger than %d MB", maxImportBytes>>20)))
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImportBytes))
	if err != nil {
		return err
	}
	res, err := m.svc.importStatLine(c.UserContext(), code, data, column)
	if err != nil {
		return failed(err)
	}
	return web.Redirect(c, "/index-series/"+code, tr(c, "orders.ui.flash.imported", "Column", res.Column,
		"New", res.Created, "Revised", res.Updated, "Skipped", res.Skipped))
}

type ratesPageData struct {
	Rates  []StandardRateOut
	Kinds  []string
	In     StandardRateIn
	SKU    string
	Errors []problem.FieldError
}

func (m *Module) renderRates(c *fiber.Ctx, d ratesPageData) error {
	rs, err := standardRates(c.UserContext(), m.svc.DB)
	if err != nil {
		return err
	}
	for _, r := range rs {
		d.Rates = append(d.Rates, rateOut(r))
	}
	d.Kinds = []string{string(KindService), string(KindHardware), string(KindSecondment), string(KindTraining)}
	if d.In.VATRate == "" {
		d.In.VATRate = "21"
	}
	if d.Errors != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return m.web.Render(c, "orders/rates", tr(c, "orders.ui.title.rates"), d)
}

func (m *Module) ratesPage(c *fiber.Ctx) error { return m.renderRates(c, ratesPageData{}) }

// ratePost adds or changes an entry of the standard rate list (an existing SKU is replaced).
func (m *Module) ratePost(c *fiber.Ctx) error {
	sku := strings.TrimSpace(c.FormValue("sku"))
	in := StandardRateIn{Description: c.FormValue("description"), Kind: c.FormValue("kind"), Unit: c.FormValue("unit"),
		UnitPrice: money.Number(money.InputString(c.FormValue("unit_price"))), VATRate: money.Number(money.InputString(c.FormValue("vat_rate")))}
	r, err := in.rate(sku)
	if err == nil {
		if err = m.svc.PutStandardRate(c.UserContext(), r); err == nil {
			return web.Redirect(c, "/standard-rates", tr(c, "orders.ui.flash.rate_saved", "SKU", r.SKU, "Price", euro(r.UnitPrice), "Unit", r.Unit))
		}
	}
	if fields, ok := problem.FieldErrors(err); ok {
		return m.renderRates(c, ratesPageData{In: in, SKU: sku, Errors: fields})
	}
	return err
}
