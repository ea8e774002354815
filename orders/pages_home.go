package orders

import (
	"context"
	"fmt"
	"strings"

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
	lang := web.UILang(p)
	tt := func(id string, kv ...any) string { return web.T(lang, "orders.ui.home."+id, kv...) }
	card := func(id, href string, n int64, order int, tone web.Tone, kv ...any) web.HomeCard {
		key := strings.ReplaceAll(id, "-", "_")
		return web.HomeCard{ID: id, Title: tt(key, kv...), Href: href, Note: tt(key+"_note", kv...), Order: order, Section: "Sales"}.Counted(n, HomeCap, tone)
	}
	if p.Role == auth.Customer {
		return []web.HomeCard{card("quotes-to-decide", "/portal/quotes?status=sent", f.QuotesToDecide, 20, web.ToneWarn)}, nil
	}
	cards := []web.HomeCard{
		card("quotes-expiring", "/quotes?expiring=1", f.QuotesExpiring, 10, web.ToneWarn, "Days", ReminderDaysBeforeExpiry),
		card("notice-deadlines", fmt.Sprintf("/contracts?notice_within=%d", HomeNoticeWindowDays), f.NoticeDue, 20, web.ToneWarn, "Days", HomeNoticeWindowDays),
		card("orders-waiting", "/orders?lead_time=not_started", f.OrdersWaiting, 30, web.ToneWarn),
	}
	chart := &web.Chart{ID: "pipeline-chart", Title: tt("chart_title"), Desc: tt("chart_desc"), Empty: tt("chart_empty")}
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
		chart.Series = []web.ChartSeries{series(tt("sent"), "chart-s1", f.Sent), series(tt("accepted"), "chart-s2", f.Accepted), series(tt("expired"), "chart-s3", f.Expired)}
	}
	cards = append(cards, web.HomeCard{ID: "pipeline", Title: tt("pipeline"), Href: "/quotes", Order: 40, Section: "Sales",
		Note: tt("pipeline_note"), Chart: chart})
	return cards, nil
}
