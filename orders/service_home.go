package orders

import (
	"context"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
)

// Home card windows (issue 13).
const (
	// HomeNoticeWindowDays: contracts whose notice deadline falls within this many days.
	HomeNoticeWindowDays = 90
	// HomeCap is where a card stops counting (shown "50+").
	HomeCap = 50
)

// HomeFigures are the counts of the sales home cards and the pipeline per month.
type HomeFigures struct {
	QuotesExpiring  int64 // sent, validity ends within ReminderDaysBeforeExpiry days
	QuotesToDecide  int64 // customer: sent and still valid
	NoticeDue       int64 // running contracts, notice deadline within HomeNoticeWindowDays
	OrdersWaiting   int64 // open orders whose lead time has not started
	Months          []civil.Month
	Sent, Accepted  []int
	Expired         []int
	PipelineHasData bool
}

// HomeFigures reads the home's counts for the principal: a customer sees the quotes it has
// to decide, staff the sales counts and the pipeline of the last twelve months.
func (s *Service) HomeFigures(ctx context.Context) (*HomeFigures, error) {
	p := auth.FromContext(ctx)
	now := s.now()
	today := s.today(now)
	f := &HomeFigures{}
	var err error
	if !p.IsStaff() {
		// a sent quote is open until the end of its validity
		f.QuotesToDecide, err = countQuotesOpen(ctx, s.DB, p, today, HomeCap)
		return f, err
	}
	if f.QuotesExpiring, err = countQuotesExpiring(ctx, s.DB, p, today, ReminderDaysBeforeExpiry, HomeCap); err != nil {
		return nil, err
	}
	if f.NoticeDue, err = countContractsNoticeWithin(ctx, s.DB, p, today, HomeNoticeWindowDays, HomeCap); err != nil {
		return nil, err
	}
	if f.OrdersWaiting, err = countOrdersWaiting(ctx, s.DB, p, HomeCap); err != nil {
		return nil, err
	}
	last := civil.MonthOf(now, clock.Amsterdam)
	first := last
	for range 11 {
		first = first.Prev()
	}
	start, _ := first.Bounds(clock.Amsterdam)
	rows, err := quotePipeline(ctx, s.DB, start, first.First(), today)
	if err != nil {
		return nil, err
	}
	idx := map[civil.Month]int{}
	for m, i := first, 0; i < 12; m, i = m.Next(), i+1 {
		idx[m] = i
		f.Months = append(f.Months, m)
	}
	f.Sent, f.Accepted, f.Expired = make([]int, 12), make([]int, 12), make([]int, 12)
	for _, r := range rows {
		i, ok := idx[civil.MonthOfDate(r.Month)]
		if !ok {
			continue
		}
		f.PipelineHasData = true
		switch r.Kind {
		case "sent":
			f.Sent[i] = r.N
		case "accepted":
			f.Accepted[i] = r.N
		case "expired":
			f.Expired[i] = r.N
		}
	}
	return f, nil
}
