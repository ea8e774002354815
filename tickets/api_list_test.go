package tickets

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"backoffice/internal/testkit"
)

type listOut struct {
	Items []TicketOut `json:"items"`
	Next  *string     `json:"next"`
}

func (b *bundle) list(t *testing.T, as bundleUser, query url.Values) listOut {
	t.Helper()
	var out listOut
	b.do(t, as.As(b), "GET", "/api/v1/tickets?"+query.Encode(), nil).Expect(t, 200).JSON(t, &out)
	return out
}

func ids(l listOut) []int64 {
	var out []int64
	for _, it := range l.Items {
		out = append(out, it.ID)
	}
	return out
}

func TestListTickets(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 09:00"))
	cid := fmt.Sprint(b.customerID)
	p1 := b.file(t, map[string]any{"priority": "P1"}) // response due 10:00
	b.app.Clock.Set(at("2026-03-10 09:30"))
	p2 := b.file(t, map[string]any{"priority": "P2"}) // response due 13:30
	p4 := b.file(t, map[string]any{"priority": "P4"}) // response due Wed 16:30
	paused := b.file(t, map[string]any{"priority": "P1"})
	b.do(t, b.tech, "POST", path(paused, "/status"), map[string]any{"status": "waiting_on_customer"}).Expect(t, 200)
	b.do(t, b.tech, "PATCH", path(p2, ""), map[string]any{"assignee_id": b.tech.User.ID}).Expect(t, 200)
	otherTicket := b.fileAs(t, b.other)

	t.Run("T-2_breach_within_uses_the_stored_due_times", func(t *testing.T) {
		got := ids(b.list(t, asStaff, url.Values{"customer_id": {cid}, "breach_within": {"PT1H"}, "sort": {"due"}}))
		if !slices.Equal(got, []int64{p1}) {
			t.Errorf("within PT1H = %v, want [%d]", got, p1)
		}
		got = ids(b.list(t, asStaff, url.Values{"customer_id": {cid}, "breach_within": {"PT4H"}, "sort": {"due"}}))
		if !slices.Equal(got, []int64{p1, p2}) {
			t.Errorf("within PT4H = %v, want [%d %d] (the paused ticket does not run)", got, p1, p2)
		}
	})
	t.Run("T-2_overdue_tickets_stay_in_the_breach_list", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-10 11:00"))
		got := ids(b.list(t, asStaff, url.Values{"customer_id": {cid}, "breach_within": {"PT30M"}}))
		if !slices.Contains(got, p1) {
			t.Errorf("overdue P1 missing from %v", got)
		}
		b.app.Clock.Set(at("2026-03-10 09:30"))
	})
	t.Run("filters_by_priority_status_assignee", func(t *testing.T) {
		if got := ids(b.list(t, asStaff, url.Values{"customer_id": {cid}, "priority": {"P4"}})); !slices.Equal(got, []int64{p4}) {
			t.Errorf("P4 = %v", got)
		}
		if got := ids(b.list(t, asStaff, url.Values{"customer_id": {cid}, "status": {"waiting_on_customer"}})); !slices.Equal(got, []int64{paused}) {
			t.Errorf("waiting = %v", got)
		}
		if got := ids(b.list(t, asStaff, url.Values{"assignee_id": {fmt.Sprint(b.tech.User.ID)}})); !slices.Equal(got, []int64{p2}) {
			t.Errorf("assigned = %v", got)
		}
	})
	t.Run("cursor_pagination_walks_every_ticket_once", func(t *testing.T) {
		var seen []int64
		q := url.Values{"customer_id": {cid}, "limit": {"2"}}
		for range 5 {
			l := b.list(t, asStaff, q)
			seen = append(seen, ids(l)...)
			if l.Next == nil {
				break
			}
			q.Set("after", *l.Next)
		}
		if !slices.Equal(seen, []int64{paused, p4, p2, p1}) {
			t.Errorf("pages = %v", seen)
		}
		var dueSeen []int64
		q = url.Values{"customer_id": {cid}, "limit": {"1"}, "sort": {"due"}}
		for range 5 {
			l := b.list(t, asStaff, q)
			dueSeen = append(dueSeen, ids(l)...)
			if l.Next == nil {
				break
			}
			q.Set("after", *l.Next)
		}
		if !slices.Equal(dueSeen, []int64{p1, p2, p4}) {
			t.Errorf("due pages = %v", dueSeen)
		}
	})
	t.Run("tenancy_customer_sees_only_own_company", func(t *testing.T) {
		got := ids(b.list(t, asContact, url.Values{}))
		if slices.Contains(got, otherTicket) || len(got) != 4 {
			t.Errorf("contact sees %v", got)
		}
		// asking for another company's tickets yields nothing of theirs
		if got := ids(b.list(t, asContact, url.Values{"customer_id": {fmt.Sprint(b.otherID)}})); len(got) != 0 {
			t.Errorf("contact sees other company: %v", got)
		}
	})
	t.Run("bad_query_parameters_all_at_once", func(t *testing.T) {
		r := b.do(t, b.tech, "GET", "/api/v1/tickets?status=nope&priority=P7&breach_within=2h&sort=random&customer_id=x", nil).Expect(t, 422)
		if fs := r.FieldErrors(t); !slices.Equal(fs, []string{"breach_within", "customer_id", "priority", "sort", "status"}) {
			t.Errorf("fields %v", fs)
		}
		b.do(t, b.tech, "GET", "/api/v1/tickets?after=garbage", nil).Expect(t, 400)
	})
}

// bundleUser names one of the bundle's users for helpers.
type bundleUser int

const (
	asStaff bundleUser = iota
	asContact
)

// As returns the user's login.
func (u bundleUser) As(b *bundle) testkit.As {
	if u == asContact {
		return b.contact
	}
	return b.tech
}

// fileAs files a ticket as a customer user of another company.
func (b *bundle) fileAs(t *testing.T, as testkit.As) int64 {
	t.Helper()
	var out TicketOut
	b.do(t, as, "POST", "/api/v1/tickets", map[string]any{"subject": "Other", "description": "Other company", "category": "question"}).
		Expect(t, 201).JSON(t, &out)
	return out.ID
}
