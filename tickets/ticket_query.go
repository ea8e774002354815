package tickets

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// Detail is one ticket as its reader sees it: the SLA recomputed from the event log at
// the current instant, the thread (internal notes for staff only) and the event log.
type Detail struct {
	Ticket   *Ticket
	SLA      SLA
	Policy   Policy
	Comments []Comment
	Events   []Event
	Risk     Risk
	Calendar string // the policy's calendar by name (its id is no word for people)
}

// Get returns a ticket for p (a customer user sees only its own company's tickets).
func (s *Service) Get(ctx context.Context, id int64) (*Detail, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	t, err := getTicket(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(p, t.CustomerID); err != nil {
		return nil, ErrTicketNotFound
	}
	sc, err := slaContext(ctx, s.DB, t.PolicyID)
	if err != nil {
		return nil, err
	}
	events, err := listEvents(ctx, s.DB, t.ID)
	if err != nil {
		return nil, err
	}
	comments, err := listComments(ctx, s.DB, t.ID, p.IsStaff())
	if err != nil {
		return nil, err
	}
	sla := Compute(factsOf(t, events, sc), now)
	return &Detail{Ticket: t, SLA: sla, Policy: sc.Policy, Comments: comments, Events: events, Risk: RiskOf(sla, now),
		Calendar: sc.Calendar.Name()}, nil
}

// The list orders.
const (
	SortNewest = "newest" // id descending (default)
	SortOldest = "oldest" // id ascending
	SortDue    = "due"    // next due time first; only tickets whose clock runs
)

// ListFilter narrows the ticket list; zero fields do not filter.
type ListFilter struct {
	Statuses     []Status
	CustomerID   *int64
	Priority     Priority
	AssigneeID   *int64
	BreachWithin time.Duration // > 0: running tickets due within this wall-clock time (or overdue)
	Sort         string
	Text         string  // ?q=: number, subject or customer name contains it (tickets_search_idx)
	customers    []int64 // customers whose name contains Text, looked up by List
}

// ParseListFilter reads the query parameters of GET /api/v1/tickets, reporting every
// bad one at once.
func ParseListFilter(q func(string) string) (ListFilter, error) {
	var f problem.Fields
	lf := ListFilter{Sort: SortNewest}
	if v := q("status"); v != "" {
		for _, s := range strings.Split(v, ",") {
			if !Status(s).Valid() {
				f.Add("status", "must be a comma-separated list of new, open, waiting_on_customer, resolved, closed")
				break
			}
			lf.Statuses = append(lf.Statuses, Status(s))
		}
	}
	parseID := func(name string) *int64 {
		v := q(name)
		if v == "" {
			return nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			f.Add(name, "must be a positive whole number")
			return nil
		}
		return &n
	}
	lf.CustomerID, lf.AssigneeID = parseID("customer_id"), parseID("assignee_id")
	if v := q("priority"); v != "" {
		if !Priority(v).Valid() {
			f.Add("priority", "must be one of P1, P2, P3, P4")
		}
		lf.Priority = Priority(v)
	}
	if v := q("breach_within"); v != "" {
		d, err := ParseBusinessDuration(v)
		if err != nil {
			f.Add("breach_within", err.Error())
		} else if d <= 0 {
			f.Add("breach_within", "must be a positive duration such as PT2H")
		}
		lf.BreachWithin = d
	}
	if lf.Text = strings.TrimSpace(q("q")); utf8.RuneCountInString(lf.Text) > listq.MaxText {
		f.Add("q", fmt.Sprintf("must be at most %d characters", listq.MaxText))
	}
	switch v := q("sort"); v {
	case "", SortNewest:
	case SortOldest, SortDue:
		lf.Sort = v
	default:
		f.Add("sort", "must be one of newest, oldest, due")
	}
	return lf, f.Err()
}

type listCursor struct {
	ID  int64      `json:"id"`
	Due *time.Time `json:"due,omitempty"`
}

// List returns one page of tickets for p. Filters and order run in SQL on the stored,
// always-current due times (indexes tickets_next_due_idx and friends).
func (s *Service) List(ctx context.Context, lf ListFilter, page httpx.Page) (httpx.List[Item], error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	var rows []*Ticket
	if lf.Text != "" {
		var err error
		if lf.customers, err = accounts.CustomersNamed(ctx, s.DB, listq.Like(lf.Text)); err != nil {
			return httpx.List[Item]{}, err
		}
	}
	var args *db.Params // a search runs through bun, its pattern inlined (see listq.Query.Params)
	if lf.Text == "" {
		args = db.NewParams(s.DB)
	}
	q, err := listQueryWith(s.DB, &rows, p, lf, page, now, args)
	if err != nil {
		return httpx.List[Item]{}, err
	}
	if err := args.Scan(ctx, q, &rows); err != nil {
		return httpx.List[Item]{}, err
	}
	items, err := withSLA(ctx, s.DB, rows, now)
	if err != nil {
		return httpx.List[Item]{}, err
	}
	return httpx.Paginate(items, page, func(it Item) any {
		c := listCursor{ID: it.Ticket.ID}
		if lf.Sort == SortDue {
			c.Due = it.Ticket.NextDueAt
		}
		return c
	}), nil
}

// listQuery builds the list's SQL: tenancy scope, filters, keyset order and cursor.
func listQuery(idb bun.IDB, rows *[]*Ticket, p *auth.Principal, lf ListFilter, page httpx.Page, now time.Time) (*bun.SelectQuery, error) {
	return listQueryWith(idb, rows, p, lf, page, now, nil)
}

// listQueryWith is listQuery with its values through args (db.Params: placeholders on
// the prepared read path; nil inlines them).
func listQueryWith(idb bun.IDB, rows *[]*Ticket, p *auth.Principal, lf ListFilter, page httpx.Page, now time.Time, args *db.Params) (*bun.SelectQuery, error) {
	q := ticketQuery(idb, rows).Limit(page.Fetch())
	q = auth.ScopeWith(q, p, "ticket.customer_id", args)
	// statuses and priority stay inlined (see db.Params): a few statement texts, each
	// planned for its values, where a generic plan would guess a rare status common
	if len(lf.Statuses) > 0 {
		q = q.Where("ticket.status IN (?)", bun.In(lf.Statuses))
	}
	if lf.CustomerID != nil {
		q = q.Where("ticket.customer_id = ?", args.Arg(*lf.CustomerID))
	}
	if lf.Priority != "" {
		q = q.Where("ticket.priority = ?", lf.Priority)
	}
	if lf.AssigneeID != nil {
		q = q.Where("ticket.assignee_id = ?", args.Arg(*lf.AssigneeID))
	}
	if lf.BreachWithin > 0 {
		q = q.Where("ticket.next_due_at <= ?", args.Arg(now.Add(lf.BreachWithin)))
	}
	if lf.Text != "" {
		q = searchTickets(q, lf)
	}
	var cur listCursor
	has, err := page.Cursor(&cur)
	if err != nil {
		return nil, err
	}
	switch lf.Sort {
	case SortDue:
		q = q.Where("ticket.next_due_at IS NOT NULL").OrderExpr("ticket.next_due_at, ticket.id")
		if has {
			if cur.Due == nil {
				return nil, problem.BadRequest("invalid_cursor", "the after cursor belongs to another sort order")
			}
			q = q.Where("(ticket.next_due_at, ticket.id) > (?, ?)", args.Arg(*cur.Due), args.Arg(cur.ID))
		}
	case SortOldest:
		q = q.OrderExpr("ticket.id")
		if has {
			q = q.Where("ticket.id > ?", args.Arg(cur.ID))
		}
	default:
		q = q.OrderExpr("ticket.id DESC")
		if has {
			q = q.Where("ticket.id < ?", args.Arg(cur.ID))
		}
	}
	return q, nil
}

// Item is a ticket in a list with its live SLA.
type Item struct {
	Ticket *Ticket
	SLA    SLA
	Policy Policy
	Risk   Risk
}

// withSLA gives a page of tickets their live SLA. A ticket whose clock is not paused
// needs no event log: its stored due times, warning times and paused seconds are exact,
// and the breach flags and state follow from the clock (storedSLA). Only paused tickets
// (their due times move while the pause lasts) and rows stored before migration 0220
// are recomputed from their events, with one query for all of them. Policies come from
// the immutable-policy cache.
func withSLA(ctx context.Context, idb bun.IDB, rows []*Ticket, now time.Time) ([]Item, error) {
	items := make([]Item, len(rows))
	var replay []int64 // ticket ids
	var at []int       // their positions in items
	contexts := map[int64]clockOf{}
	for i, t := range rows {
		sc, ok := contexts[t.PolicyID]
		if !ok {
			var err error
			if sc, err = slaContext(ctx, idb, t.PolicyID); err != nil {
				return nil, err
			}
			contexts[t.PolicyID] = sc
		}
		items[i] = Item{Ticket: t, Policy: sc.Policy}
		if t.PausedSeconds == nil || sc.Policy.Pauses(t.Status) {
			replay, at = append(replay, t.ID), append(at, i)
			continue
		}
		items[i].SLA = storedSLA(t, sc.Policy, now)
		items[i].Risk = RiskOf(items[i].SLA, now)
	}
	if len(replay) == 0 {
		return items, nil
	}
	events, err := eventsOf(ctx, idb, replay)
	if err != nil {
		return nil, err
	}
	for _, i := range at {
		t := items[i].Ticket
		sla := compute(factsOf(t, events[t.ID], contexts[t.PolicyID]), now, false)
		items[i].SLA, items[i].Risk = sla, RiskOf(sla, now)
	}
	return items, nil
}
