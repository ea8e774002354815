package orders

import (
	"context"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/civil"
	"backoffice/internal/listq"
)

// The quote, order and contract lists read their filters and list tools (search, sort,
// cursor) in one place for the API, the page and the CSV export, so the three are the
// same query.

// listParams documents the list tools' query parameters (the search searches what).
func listParams(searches string) []apidoc.Param {
	return []apidoc.Param{apidoc.Q("q", "search text: "+searches), apidoc.Q("sort", "sort column"), apidoc.Q("dir", "asc or desc"),
		apidoc.Q("format", "csv: the whole list as CSV"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}
}

// quoteQuery reads the quote list's filters (status, customer_id, expiring_within_days or
// the page's "expiring" box) and list tools, reporting every bad filter at once.
func quoteQuery(c *fiber.Ctx) (QuoteFilter, error) {
	var f QuoteFilter
	var fe fieldErrors
	if s := c.Query("status"); s != "" {
		if !QuoteStatus(s).Valid() {
			fe.add("status", "must be one of draft, sent, accepted, declined, withdrawn, superseded, expired")
		}
		f.Status = QuoteStatus(s)
	}
	f.CustomerID = customerParam(c, &fe)
	if s := c.Query("expiring_within_days"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 || v > 365 {
			fe.add("expiring_within_days", "must be a whole number from 0 to 365")
		}
		f.ExpiringWithin = &v
	} else if c.Query("expiring") != "" {
		d := ReminderDaysBeforeExpiry
		f.ExpiringWithin = &d
	}
	if err := fe.err(); err != nil {
		return f, err
	}
	lq, err := quoteList.Parse(c)
	f.List = &lq
	return f, err
}

func customerParam(c *fiber.Ctx, fe *fieldErrors) *int64 {
	s := c.Query("customer_id")
	if s == "" {
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		fe.add("customer_id", "must be a positive whole number")
	}
	return &v
}

// customerQuery reads the order and contract lists' customer filter and list tools.
func customerQuery[T any](c *fiber.Ctx, spec listq.Spec[T]) (*int64, listq.Query, error) {
	var fe fieldErrors
	cid := customerParam(c, &fe)
	if err := fe.err(); err != nil {
		return nil, listq.Query{}, err
	}
	lq, err := spec.Parse(c)
	return cid, lq, err
}

func (m *Module) quoteCSV(c *fiber.Ctx, f QuoteFilter) error {
	now := m.svc.now()
	return quoteList.Stream(c, *f.List, listq.Export[*Quote]{File: "quotes.csv",
		Header: []string{"Number", "Version", "Title", "Customer", "Status", "Valid until", "Total excl. VAT", "VAT", "Total incl. VAT", "Created"},
		Row: func(q *Quote) []string {
			o := quoteOut(q, now, 0, 0)
			return []string{o.Number, strconv.Itoa(o.Version), o.Title, o.CustomerName, o.Status, optDate(o.ValidUntil),
				o.Totals.Net.StringFixed(2), o.Totals.VAT.StringFixed(2), o.Totals.Gross.StringFixed(2), o.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")}
		}}, func(ctx context.Context, lq listq.Query) ([]*Quote, error) {
		g := f
		g.List = &lq
		return m.svc.ListQuotes(ctx, g)
	})
}

func (m *Module) orderCSV(c *fiber.Ctx, scope OrderScope, lq listq.Query) error {
	return orderList.Stream(c, lq, listq.Export[*Order]{File: "orders.csv",
		Header: []string{"Number", "Quote", "Customer", "Title", "Status", "Start date", "Total excl. VAT", "Created"},
		Row: func(o *Order) []string {
			return []string{o.Number, o.QuoteNumber, o.CustomerName, o.Title, string(o.Status), o.StartDate.String(),
				o.StoredNet.StringFixed(2), o.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")}
		}}, func(ctx context.Context, lq listq.Query) ([]*Order, error) {
		return m.svc.SearchOrders(ctx, scope, lq)
	})
}

func (m *Module) contractCSV(c *fiber.Ctx, f ContractFilter) error {
	today := m.svc.Today()
	return contractList.Stream(c, *f.List, listq.Export[*Contract]{File: "contracts.csv",
		Header: []string{"Number", "Customer", "Start", "Initial term (months)", "Renewal term (months)", "Current term ends", "Notice deadline", "Status", "Fees excl. VAT"},
		Row: func(k *Contract) []string {
			o := contractOut(k, today)
			return []string{o.Number, o.CustomerName, o.StartDate.String(), strconv.Itoa(o.InitialTermMonths), strconv.Itoa(o.RenewalTermMonths),
				o.CurrentTermEnd.String(), o.NoticeDeadline.String(), o.Status, fees(k)}
		}}, func(ctx context.Context, lq listq.Query) ([]*Contract, error) {
		g := f
		g.List = &lq
		return m.svc.ListContracts(ctx, g)
	})
}

// fees lists a contract's recurring fees: "120.00/month; 50.00/year".
func fees(k *Contract) string {
	var b strings.Builder
	for i, l := range k.Lines {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(l.Fee.StringFixed(2) + "/" + string(l.Period))
	}
	return b.String()
}

func optDate(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}
