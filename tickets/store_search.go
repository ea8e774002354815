package tickets

import (
	"github.com/uptrace/bun"

	"backoffice/internal/listq"
)

// searchTickets narrows the list to tickets whose number or subject contains the search
// (tickets_search_idx, pg_trgm) or whose customer's name does (the customers List looked
// up first, so the query is one BitmapOr with tickets_customer_idx).
func searchTickets(q *bun.SelectQuery, lf ListFilter) *bun.SelectQuery {
	like := listq.Like(lf.Text)
	if len(lf.customers) == 0 {
		return q.Where("(ticket.number || ' ' || ticket.subject) ILIKE ?", like)
	}
	return q.Where("((ticket.number || ' ' || ticket.subject) ILIKE ? OR ticket.customer_id IN (?))", like, bun.In(lf.customers))
}
