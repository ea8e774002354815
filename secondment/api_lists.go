package secondment

import (
	"context"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/listq"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// placementQuery reads the placement list's filters and list tools (search, sort,
// cursor), the same for the API, the page and the CSV export.
func placementQuery(c *fiber.Ctx) (PlacementFilter, error) {
	var f problem.Fields
	pf := PlacementFilter{CustomerID: int64Query(c, "customer_id", &f), TechnicianID: int64Query(c, "technician_id", &f)}
	if err := f.Err(); err != nil {
		return pf, err
	}
	lq, err := placementList.Parse(c)
	pf.List = &lq
	return pf, err
}

// placementCSV streams the placements of pf as CSV through Service.Placements.
func (s *Service) placementCSV(c *fiber.Ctx, pf PlacementFilter) error {
	return placementList.Stream(c, *pf.List, listq.Export[Placement]{File: "placements.csv",
		Header: []string{"Id", "Customer", "Technician", "Role", "Hourly rate", "Km rate", "Start date", "End date", "Calendar"},
		Row: func(p Placement) []string {
			end := ""
			if !p.EndDate.IsZero() {
				end = p.EndDate.String()
			}
			return []string{fmt.Sprint(p.ID), p.CustomerName, p.TechnicianName, p.Role, p.HourlyRate.StringFixed(2), p.KmRate.StringFixed(2),
				p.StartDate.String(), end, p.CalendarID}
		}}, func(ctx context.Context, lq listq.Query) ([]Placement, error) {
		f := pf
		f.List = &lq
		return s.Placements(ctx, f)
	})
}

// CustomerTabs adds the customer's placements to the customer page (platform.CustomerTabber).
func (m *Module) CustomerTabs() []platform.CustomerTab {
	return []platform.CustomerTab{{Key: "placements", Label: web.UI("secondment.ui.placements.title"), Order: 50, Roles: []auth.Role{auth.Admin, auth.AccountManager}, List: m.placementTab}}
}

func (m *Module) placementTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	lq, err := placementList.ParseQuery(url.Values{"after": {after}, "limit": {"20"}}.Encode())
	if err != nil {
		return platform.TabPage{}, err
	}
	ps, err := m.svc.Placements(ctx, PlacementFilter{CustomerID: &customerID, List: &lq})
	if err != nil {
		return platform.TabPage{}, err
	}
	ps, next := placementList.Trim(ps, lq)
	lang := web.UILang(auth.FromContext(ctx))
	p := platform.TabPage{Columns: []string{web.T(lang, "secondment.ui.col.placement"), web.T(lang, "secondment.ui.col.technician"), web.T(lang, "secondment.ui.col.rate"), web.T(lang, "secondment.ui.col.period")},
		Next: next, Empty: web.T(lang, "secondment.ui.placements.none_customer")}
	for _, pl := range ps {
		period := web.Date(pl.StartDate) + " – " + web.T(lang, "secondment.ui.indefinite")
		if !pl.EndDate.IsZero() {
			period = web.Date(pl.StartDate) + " – " + web.Date(pl.EndDate)
		}
		p.Rows = append(p.Rows, []platform.TabCell{{Text: pl.Role, Href: fmt.Sprintf("/secondment/placements/%d", pl.ID)}, {Text: pl.TechnicianName},
			{Text: web.Money(pl.HourlyRate), Num: true}, {Text: period}})
	}
	return p, nil
}
