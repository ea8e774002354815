package tickets

import (
	"backoffice/internal/httpx"
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/problem"
)

// PatchInput is the body of PATCH /api/v1/tickets/{id}: any of priority, assignee,
// category and SLA policy. A new priority or policy applies as if it had been so from
// the start, keeping every credited pause.
type PatchInput struct {
	Priority *string `json:"priority"`
	// AssigneeID assigns a staff user; null unassigns, absent leaves the assignee alone.
	AssigneeID httpx.Optional[int64] `json:"assignee_id"`
	Category   *string               `json:"category"`
	PolicyID   *int64                `json:"sla_policy_id"`
}

// auditField is the audit log's field of a patched kind: an assignee or a policy change is
// recorded under the field that refers to the record, so the log names the user or the
// policy ("Assignee — → Eva Visser", not "— → 3").
var auditField = map[string]string{EventPriority: EventPriority, EventCategory: EventCategory, EventAssignee: "assignee_id", EventPolicy: "sla_policy_id"}

// Patch changes priority, assignee, category or policy of a ticket (staff only).
func (s *Service) Patch(ctx context.Context, id int64, in PatchInput) (*Ticket, SLA, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	var f problem.Fields
	if in.Priority != nil && !Priority(*in.Priority).Valid() {
		f.Add("priority", "must be one of P1, P2, P3, P4")
	}
	if in.Category != nil && !Category(*in.Category).Valid() {
		f.Add("category", "must be one of incident, defect, question, request, data_breach")
	}
	if in.Priority == nil && in.Category == nil && in.PolicyID == nil && !in.AssigneeID.Set {
		f.Add("body", "name at least one of priority, assignee_id, category, sla_policy_id")
	}
	var t *Ticket
	var sla SLA
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if in.AssigneeID.Given() {
			ok, err := staffUser(ctx, tx, in.AssigneeID.Value)
			if err != nil {
				return err
			}
			if !ok {
				f.Add("assignee_id", "must be an active staff user")
			}
		}
		if in.PolicyID != nil {
			if _, err := getPolicy(ctx, tx, *in.PolicyID); err != nil {
				f.Add("sla_policy_id", "no such SLA policy")
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		var err error
		if t, err = loadForChange(ctx, tx, p, id); err != nil {
			return err
		}
		if t.Status == StatusClosed {
			return ErrClosed
		}
		changes := map[string]audit.Change{}
		record := func(kind, old, new string) error {
			if old == new {
				return nil
			}
			changes[auditField[kind]] = audit.Change{From: old, To: new}
			return insertEvent(ctx, tx, &Event{TicketID: t.ID, At: now, ActorID: actorID(p), Kind: kind, OldValue: strp(old), NewValue: strp(new)})
		}
		if in.Priority != nil {
			if err := record(EventPriority, string(t.Priority), *in.Priority); err != nil {
				return err
			}
			t.Priority = Priority(*in.Priority)
		}
		if in.Category != nil {
			if err := record(EventCategory, string(t.Category), *in.Category); err != nil {
				return err
			}
			t.Category = Category(*in.Category)
			t.ControllerNoticeDueAt = nil
			if t.Category == DataBreach { // T-6: 72 hours from discovery, the report's receipt
				t.ControllerNoticeDueAt = ptr(ControllerNoticeDue(t.ReceivedAt))
			}
		}
		if in.PolicyID != nil {
			if err := record(EventPolicy, strconv.FormatInt(t.PolicyID, 10), strconv.FormatInt(*in.PolicyID, 10)); err != nil {
				return err
			}
			t.PolicyID = *in.PolicyID
		}
		if in.AssigneeID.Set {
			if err := record(EventAssignee, idText(t.AssigneeID), idText(in.AssigneeID.Ptr())); err != nil {
				return err
			}
			t.AssigneeID = in.AssigneeID.Ptr()
		}
		if sla, err = refresh(ctx, tx, t, now); err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, now, "ticket", t.ID, "update", changes)
	})
	if err != nil {
		return nil, SLA{}, err
	}
	return t, sla, nil
}

func idText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// AssignPolicy gives a customer its SLA policy and moves the customer's unresolved
// tickets to it (as if it had been so from their start).
func (s *Service) AssignPolicy(ctx context.Context, policyID, customerID int64) (int, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	moved := 0
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := getPolicy(ctx, tx, policyID); err != nil {
			return err
		}
		if err := assignPolicy(ctx, tx, customerID, policyID, now); err != nil {
			return err
		}
		ids, err := unresolvedOnOtherPolicy(ctx, tx, customerID, policyID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			t, err := getTicket(ctx, tx, id, false)
			if err != nil {
				return err
			}
			if err := insertEvent(ctx, tx, &Event{TicketID: t.ID, At: now, ActorID: actorID(p), Kind: EventPolicy,
				OldValue: strp(strconv.FormatInt(t.PolicyID, 10)), NewValue: strp(strconv.FormatInt(policyID, 10))}); err != nil {
				return err
			}
			t.PolicyID = policyID
			if _, err := refresh(ctx, tx, t, now); err != nil {
				return err
			}
		}
		moved = len(ids)
		return audit.Record(ctx, tx, now, "customer", customerID, "sla_policy", map[string]any{"sla_policy_id": policyID, "tickets_moved": ids})
	})
	return moved, err
}
