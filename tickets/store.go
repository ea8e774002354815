package tickets

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// policyRow and targetRow are the stored form of a Policy.
type policyRow struct {
	bun.BaseModel `bun:"table:sla_policies"`

	ID            int64        `bun:"id,pk,autoincrement"`
	Name          string       `bun:"name"`
	CalendarID    string       `bun:"calendar_id"`
	PauseStatuses []string     `bun:"pause_statuses,array"`
	IsDefault     bool         `bun:"is_default"`
	CreatedAt     time.Time    `bun:"created_at"`
	UpdatedAt     time.Time    `bun:"updated_at"`
	Targets       []*targetRow `bun:"rel:has-many,join:id=policy_id"`
}

type targetRow struct {
	bun.BaseModel `bun:"table:sla_targets"`

	PolicyID          int64  `bun:"policy_id,pk"`
	Priority          string `bun:"priority,pk"`
	ResponseSeconds   int64  `bun:"response_seconds"`
	ResolutionSeconds int64  `bun:"resolution_seconds"`
}

func (r *policyRow) policy() Policy {
	p := Policy{ID: r.ID, Name: r.Name, CalendarName: r.CalendarID, IsDefault: r.IsDefault}
	for _, s := range r.PauseStatuses {
		p.PauseStatuses = append(p.PauseStatuses, Status(s))
	}
	for _, pr := range Priorities { // stable P1…P4 order
		for _, t := range r.Targets {
			if t.Priority == string(pr) {
				p.Targets = append(p.Targets, Target{Priority: pr,
					Response: time.Duration(t.ResponseSeconds) * time.Second, Resolution: time.Duration(t.ResolutionSeconds) * time.Second})
			}
		}
	}
	return p
}

// constraints are the schema's rules the domain answers with its own problems.
var constraints = db.Constraints{
	"sla_policies_name_key":                    ErrPolicyExists,
	"customer_sla_policies_customer_id_fkey":   problem.NotFound("customer"),
	"customer_sla_policies_sla_policy_id_fkey": ErrPolicyNotFound,
}

// assignPolicy records the customer's own SLA policy (tickets' table, not customers).
func assignPolicy(ctx context.Context, idb bun.IDB, customerID, policyID int64, now time.Time) error {
	_, err := idb.NewRaw(`INSERT INTO customer_sla_policies (customer_id, sla_policy_id, assigned_at) VALUES (?, ?, ?)
		ON CONFLICT (customer_id) DO UPDATE SET sla_policy_id = EXCLUDED.sla_policy_id, assigned_at = EXCLUDED.assigned_at`,
		customerID, policyID, now).Exec(ctx)
	return db.Translate(err, problem.NotFound("customer"), constraints)
}

// unresolvedOnOtherPolicy locks and lists the customer's unresolved tickets that run on
// another policy than policyID.
func unresolvedOnOtherPolicy(ctx context.Context, idb bun.IDB, customerID, policyID int64) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().Table("tickets").Column("id").
		Where("customer_id = ? AND status IN ('new', 'open', 'waiting_on_customer') AND sla_policy_id <> ?", customerID, policyID).
		Order("id").For("UPDATE").Scan(ctx, &ids)
	return ids, err
}

func insertPolicy(ctx context.Context, idb bun.IDB, p *Policy, now time.Time) error {
	row := &policyRow{Name: p.Name, CalendarID: p.CalendarName, PauseStatuses: []string{}, CreatedAt: now, UpdatedAt: now}
	for _, s := range p.PauseStatuses {
		row.PauseStatuses = append(row.PauseStatuses, string(s))
	}
	if _, err := idb.NewInsert().Model(row).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, ErrPolicyNotFound, constraints)
	}
	p.ID = row.ID
	for _, t := range p.Targets {
		tr := &targetRow{PolicyID: row.ID, Priority: string(t.Priority),
			ResponseSeconds: int64(t.Response / time.Second), ResolutionSeconds: int64(t.Resolution / time.Second)}
		if _, err := idb.NewInsert().Model(tr).Exec(ctx); err != nil {
			return db.Translate(err, ErrPolicyNotFound, constraints)
		}
	}
	return nil
}

func listPolicies(ctx context.Context, idb bun.IDB) ([]Policy, error) {
	var rows []*policyRow
	if err := idb.NewSelect().Model(&rows).Relation("Targets").Order("policy_row.id").Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Policy, len(rows))
	for i, r := range rows {
		out[i] = r.policy()
	}
	return out, nil
}

func getPolicy(ctx context.Context, idb bun.IDB, id int64) (Policy, error) {
	var row policyRow
	err := idb.NewSelect().Model(&row).Relation("Targets").Where("policy_row.id = ?", id).Scan(ctx)
	if err != nil {
		return Policy{}, db.Translate(err, ErrPolicyNotFound, constraints)
	}
	return row.policy(), nil
}

// customerPolicy is a customer's SLA policy (its own, or the default one) and its name
// for the new ticket's answer.
type customerPolicy struct {
	PolicyID     int64  `bun:"policy_id"`
	CustomerName string `bun:"name"`
}

// policyIDForCustomer returns the customer's own policy, or the default one, with the
// customer's name.
func policyIDForCustomer(ctx context.Context, idb bun.IDB, customerID int64) (customerPolicy, error) {
	var r customerPolicy
	err := idb.NewRaw(`SELECT coalesce(a.sla_policy_id, (SELECT id FROM sla_policies WHERE is_default)) AS policy_id, c.name
		FROM customers AS c LEFT JOIN customer_sla_policies AS a ON a.customer_id = c.id WHERE c.id = ?`,
		customerID).Scan(ctx, &r)
	if errors.Is(err, sql.ErrNoRows) {
		return r, problem.Invalid("customer_id", "no such customer")
	}
	if err == nil && r.PolicyID == 0 {
		return r, errors.New("tickets: no default SLA policy")
	}
	return r, err
}

func ticketQuery(idb bun.IDB, t any) *bun.SelectQuery {
	return idb.NewSelect().Model(t).
		ColumnExpr("ticket.*").
		ColumnExpr("c.name AS customer_name").
		ColumnExpr("coalesce(u.name, '') AS assignee_name").
		Join("JOIN customers c ON c.id = ticket.customer_id").
		Join("LEFT JOIN users u ON u.id = ticket.assignee_id")
}

// getTicket loads a ticket; lock takes a row lock for the rest of the transaction.
func getTicket(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Ticket, error) {
	t := new(Ticket)
	p := db.NewParams(idb) // a locking read runs in a transaction: bun's path
	q := ticketQuery(idb, t).Where("ticket.id = ?", p.Arg(id))
	if lock {
		q = q.For("UPDATE OF ticket")
	}
	if err := p.Scan(ctx, q, t); err != nil {
		return nil, db.Translate(err, ErrTicketNotFound, constraints)
	}
	return t, nil
}

// saveTicket writes every mutable column of t.
func saveTicket(ctx context.Context, idb bun.IDB, t *Ticket) error {
	_, err := idb.NewUpdate().Model(t).
		Column("category", "priority", "status", "resolution", "assignee_id", "sla_policy_id", "updated_at",
			"first_response_at", "resolved_at", "response_due_at", "resolution_due_at", "next_due_at", "sla_state",
			"response_breached", "resolution_breached", "next_alert_at", "alerts_sent", "controller_notice_due_at",
			"paused_seconds", "response_warn_at", "resolution_warn_at").
		WherePK().Exec(ctx)
	return err
}

// insertTicketCreated inserts t with the next gapless number of year (T2026-00042, at
// least five digits) and its created event e, in one statement, setting their ids and
// t.Number. It draws the number, so the counter row stays locked until the transaction
// ends: only the writes that need the number may follow (issue 14).
func insertTicketCreated(ctx context.Context, idb bun.IDB, t *Ticket, e *Event, year int) error {
	num := db.Numbering{Counter: fmt.Sprintf("ticket:%d", year), Prefix: fmt.Sprintf("T%d-", year), Digits: 5}
	ticket := num.Set(idb.NewInsert().Model(t), "number").Returning("id, number")
	event := idb.NewInsert().Model(e).Value("ticket_id", "(SELECT id FROM t)").Returning("id")
	err := idb.NewRaw("WITH n AS (?), t AS (?), e AS (?) SELECT t.id, t.number, e.id FROM t, e", num.Draw(idb), ticket, event).
		Scan(ctx, &t.ID, &t.Number, &e.ID)
	e.TicketID = t.ID
	return db.Translate(err, ErrTicketNotFound, constraints)
}

func insertEvent(ctx context.Context, idb bun.IDB, e *Event) error {
	_, err := idb.NewInsert().Model(e).Exec(ctx)
	return err
}

func listEvents(ctx context.Context, idb bun.IDB, ticketID int64) ([]Event, error) {
	var out []Event
	p := db.NewParams(idb)
	err := p.Scan(ctx, idb.NewSelect().Model(&out).Where("ticket_id = ?", p.Arg(ticketID)).Order("id"), &out)
	return out, err
}

func insertComment(ctx context.Context, idb bun.IDB, c *Comment) error {
	_, err := idb.NewInsert().Model(c).Returning("id").Exec(ctx)
	return err
}

func listComments(ctx context.Context, idb bun.IDB, ticketID int64, withInternal bool) ([]Comment, error) {
	var out []Comment
	p := db.NewParams(idb)
	q := idb.NewSelect().Model(&out).ColumnExpr("comment.*").ColumnExpr("u.name AS author_name").
		Join("JOIN users u ON u.id = comment.author_id").
		Where("comment.ticket_id = ?", p.Arg(ticketID)).Order("comment.id")
	if !withInternal {
		q = q.Where("comment.public")
	}
	err := p.Scan(ctx, q, &out)
	return out, err
}

// staffUser checks that id is an active staff user (an assignee).
func staffUser(ctx context.Context, idb bun.IDB, id int64) (bool, error) {
	return idb.NewSelect().Table("users").Where("id = ? AND active AND role IN ('admin', 'account_manager', 'technician')", id).Exists(ctx)
}

// userEmail returns a user's e-mail address ("" when unknown).
func userEmail(ctx context.Context, idb bun.IDB, id int64) (string, error) {
	var email string
	err := idb.NewRaw("SELECT email FROM users WHERE id = ?", id).Scan(ctx, &email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return email, err
}
