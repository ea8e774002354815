package tickets

import (
	"context"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
)

// HomeCap is where a home card stops counting (shown "50+").
const HomeCap = 50

// Unresolved are the statuses of tickets still being worked on (the queue's default).
var Unresolved = []Status{StatusNew, StatusOpen, StatusWaitingOnCustomer}

// HomeTickets are the ticket figures of a role's home.
type HomeTickets struct {
	AtRisk   int64  // staff: unresolved, due within RiskWindow or overdue
	Assigned int64  // technician: unresolved tickets assigned to them
	Next     []Item // technician: their running tickets, next due first (at most 5)
	Open     int64  // customer: the company's unresolved tickets
}

// HomeTickets reads the figures for the principal's home: the same filters as the lists
// the cards link to (AtRiskFilter, AssignedFilter, OpenFilter).
func (s *Service) HomeTickets(ctx context.Context) (*HomeTickets, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	h := &HomeTickets{}
	var err error
	switch p.Role {
	case auth.Customer:
		h.Open, err = countList(ctx, s.DB, p, OpenFilter(), now, HomeCap)
	case auth.Technician:
		if h.Assigned, err = countList(ctx, s.DB, p, AssignedFilter(p.UserID), now, HomeCap); err != nil {
			return nil, err
		}
		lf := AssignedFilter(p.UserID)
		lf.Sort = SortDue
		var l httpx.List[Item]
		if l, err = s.List(ctx, lf, httpx.Page{Limit: 5}); err != nil {
			return nil, err
		}
		h.Next = l.Items
	default:
		h.AtRisk, err = countList(ctx, s.DB, p, AtRiskFilter(), now, HomeCap)
	}
	return h, err
}

// AtRiskFilter: unresolved tickets due within RiskWindow or overdue (/tickets?breach_within=PT4H).
func AtRiskFilter() ListFilter {
	return ListFilter{Statuses: Unresolved, BreachWithin: RiskWindow, Sort: SortDue}
}

// AssignedFilter: a technician's unresolved tickets (/tickets?assignee_id=…).
func AssignedFilter(userID int64) ListFilter {
	return ListFilter{Statuses: Unresolved, AssigneeID: &userID, Sort: SortNewest}
}

// OpenFilter: a company's unresolved tickets (/portal/tickets?status=…).
func OpenFilter() ListFilter { return ListFilter{Statuses: Unresolved, Sort: SortNewest} }
