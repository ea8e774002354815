package orders

import (
	"context"
	"fmt"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// HomeCards are the sales cards of the home (platform.HomeCards): for staff who sell
// (admin, account manager) quotes expiring, notice deadlines, orders waiting and the
// pipeline chart; for a customer the quotes to decide. Each links to the list filtered
// to exactly what was counted.
func (m *Module) HomeCards(ctx context.Context) ([]web.HomeCard, error) {
	p := auth.FromContext(ctx)
	if p == nil || p.Role == auth.Technician {
		return nil, nil
	}
	f, err := m.svc.HomeFigures(ctx)
	if err != nil {
		return nil, err
	}
	card := func(id, title, href, note string, n int64, order int, tone web.Tone) web.HomeCard {
		return web.HomeCard{ID: id, Title: title, Href: href, Note: note, Order: order, Section: "Sales"}.Counted(n, HomeCap, tone)
	}
	if p.Role == auth.Customer {
		return []web.HomeCard{card("quotes-to-decide", "Quotes to decide", "/portal/quotes?status=sent",
			"Sent to you and still valid.", f.QuotesToDecide, 20, web.ToneWarn)}, nil
	}
	cards := []web.HomeCard{
		card("quotes-expiring", "Quotes expiring this week", "/quotes?expiring=1",
			fmt.Sprintf("Sent, validity ends within %d days.", ReminderDaysBeforeExpiry), f.QuotesExpiring, 10, web.ToneWarn),
		card("notice-deadlines", "Notice deadlines within 90 days", fmt.Sprintf("/contracts?notice_within=%d", HomeNoticeWindowDays),
			"Last day the customer can give notice for the running term.", f.NoticeDue, 20, web.ToneWarn),
		card("orders-waiting", "Orders waiting to start", "/orders?lead_time=not_started",
			"Lead time not started: a precondition is missing.", f.OrdersWaiting, 30, web.ToneWarn),
	}
	chart := &web.Chart{ID: "pipeline-chart", Title: "Quote pipeline, last 12 months",
		Desc: "Quotes sent, accepted and expired per month.", Empty: "no data yet"}
	for _, mo := range f.Months {
		chart.Labels = append(chart.Labels, web.MonthLabel(mo.String()))
	}
	if f.PipelineHasData {
		series := func(name, class string, vs []int) web.ChartSeries {
			s := web.ChartSeries{Name: name, Class: class}
			for _, v := range vs {
				s.Values = append(s.Values, web.Val(v))
			}
			return s
		}
		chart.Series = []web.ChartSeries{series("sent", "chart-s1", f.Sent), series("accepted", "chart-s2", f.Accepted), series("expired", "chart-s3", f.Expired)}
	}
	cards = append(cards, web.HomeCard{ID: "pipeline", Title: "Quote pipeline", Href: "/quotes", Order: 40, Section: "Sales",
		Note: "Quotes sent, accepted and expired per month (Amsterdam time).", Chart: chart})
	return cards, nil
}
