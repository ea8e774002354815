package secondment

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/money"
)

// The CSV exports of the hour, expense and statement lists (issue 13): each streams
// through the very service call its page and API list make, listq.ExportBatch rows at a
// time from the cursor of the last row, every cell formula-safe (internal/csvx through
// listq.StreamPages). Instants are Amsterdam wall-clock times with offset (RFC 3339).

// entryCSV streams the hour entries of ef (the API's or the approval page's filters).
func (s *Service) entryCSV(c *fiber.Ctx, ef EntryFilter) error {
	return listq.StreamPages(c, listq.Export[HourEntry]{File: "hours.csv",
		Header: []string{"Id", "Placement", "Customer", "Technician", "Started", "Ended", "Minutes", "Hourly rate", "Amount", "Status", "Description"},
		Row: func(e HourEntry) []string {
			return []string{strconv.FormatInt(e.ID, 10), strconv.FormatInt(e.PlacementID, 10), e.CustomerName, e.TechnicianName,
				wall(e.StartedAt), wall(e.EndedAt), strconv.Itoa(e.Minutes), rateString(e.HourlyRate), money.String(e.Amount), string(e.Status), e.Description}
		}}, func(ctx context.Context, after string) ([]HourEntry, string, error) {
		f := ef
		f.After, f.Limit = nil, int64(listq.ExportBatch+1)
		var cur EntryCursor
		if ok, err := (httpx.Page{After: after}).Cursor(&cur); err != nil {
			return nil, "", err
		} else if ok {
			f.After = &cur
		}
		es, err := s.Entries(ctx, f)
		if err != nil || len(es) <= listq.ExportBatch {
			return es, "", err
		}
		es = es[:listq.ExportBatch]
		last := es[len(es)-1]
		return es, *httpx.EncodeCursor(EntryCursor{StartedAt: last.StartedAt, ID: last.ID}), nil
	})
}

// expenseCSV streams a placement's expenses (of month m, or all; newest first when desc)
// — one month is one page, as the expense page shows it.
func (s *Service) expenseCSV(c *fiber.Ctx, placementID int64, m *civil.Month, desc bool) error {
	return listq.StreamPages(c, listq.Export[Expense]{File: "expenses.csv",
		Header: []string{"Id", "Placement", "Date", "Kind", "Km", "Amount", "Description"},
		Row: func(x Expense) []string {
			km := ""
			if x.KM != nil {
				km = x.KM.String()
			}
			return []string{strconv.FormatInt(x.ID, 10), strconv.FormatInt(x.PlacementID, 10), x.Date.String(), string(x.Kind), km, money.String(x.Amount), x.Description}
		}}, func(ctx context.Context, _ string) ([]Expense, string, error) {
		xs, err := s.Expenses(ctx, placementID, m, desc)
		return xs, "", err
	})
}

// statementCSV streams the statement totals of every placement running in month m (the
// invoice run's list, in customer and placement order).
func (s *Service) statementCSV(c *fiber.Ctx, m civil.Month) error {
	return listq.StreamPages(c, listq.Export[StatementSummary]{File: "statements-" + m.String() + ".csv",
		Header: []string{"Placement", "Role", "Customer", "Technician", "Month", "Minutes", "Hours amount", "Expenses amount", "Total", "Open entries", "Status"},
		Row: func(v StatementSummary) []string {
			p := v.Placement
			return []string{strconv.FormatInt(p.ID, 10), p.Role, p.CustomerName, p.TechnicianName, v.Month.String(), strconv.Itoa(v.Minutes),
				money.String(v.HoursAmount), money.String(v.ExpensesAmount), money.String(v.Total), strconv.Itoa(v.OpenCount), string(v.Status)}
		}}, func(ctx context.Context, after string) ([]StatementSummary, string, error) {
		page := httpx.Page{Limit: listq.ExportBatch, After: after}
		vs, err := s.Statements(ctx, m, page)
		if err != nil || len(vs) <= page.Limit {
			return vs, "", err
		}
		vs = vs[:page.Limit]
		last := vs[len(vs)-1].Placement
		return vs, *httpx.EncodeCursor(StatementCursor{CustomerID: last.CustomerID, ID: last.ID}), nil
	})
}

// wall is an instant as Amsterdam wall-clock time with its offset.
func wall(t time.Time) string { return t.In(clock.Amsterdam).Format(time.RFC3339) }
