package tickets

import (
	"context"
	"fmt"
	"testing"

	"backoffice/internal/outbox"
	"backoffice/internal/testkit"
)

// alerts lists the SLA alerts queued for a ticket: kind suffix of the dedup key → message.
func alerts(t *testing.T, id int64) map[string]outbox.Message {
	t.Helper()
	var ms []outbox.Message
	if err := testkit.DB(t).Bun.NewSelect().Model(&ms).Where("entity = 'ticket' AND entity_id = ? AND kind = ?", fmt.Sprint(id), KindTicketAlert).
		Order("id").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := map[string]outbox.Message{}
	for _, m := range ms {
		out[(*m.DedupKey)[len(fmt.Sprintf("ticket:%d:", id)):]] = m
	}
	return out
}

// TestRunAlerts is not parallel: RunAlerts handles every due ticket of the shared
// database at the test clock's instant, so it runs while no other test changes tickets.
func TestRunAlerts(t *testing.T) {
	b := setup(t, at("2026-03-10 09:00"))
	ctx := context.Background()
	run := func(t *testing.T, now string) {
		t.Helper()
		b.app.Clock.Set(at(now))
		if _, err := b.mod.Service().RunAlerts(ctx); err != nil {
			t.Fatal(err)
		}
	}
	id := b.file(t, map[string]any{"priority": "P1"}) // response warn 09:45, due 10:00; resolution warn 12:00, due 13:00
	b.do(t, b.tech, "PATCH", path(id, ""), map[string]any{"assignee_id": b.tech.User.ID}).Expect(t, 200)

	t.Run("T-2_nothing_before_75_percent", func(t *testing.T) {
		run(t, "2026-03-10 09:44")
		if a := alerts(t, id); len(a) != 0 {
			t.Fatalf("alerts = %v", a)
		}
	})
	t.Run("T-2_warning_to_the_assignee_at_75_percent_once", func(t *testing.T) {
		run(t, "2026-03-10 09:46")
		run(t, "2026-03-10 09:47")
		a := alerts(t, id)
		w, ok := a[string(AlertResponseWarning)]
		if len(a) != 1 || !ok || w.To != b.tech.User.Email || !w.NotBefore.Equal(at("2026-03-10 09:46")) {
			t.Fatalf("alerts = %+v", a)
		}
	})
	t.Run("T-2_breach_notice_and_the_stored_state_turns_breached", func(t *testing.T) {
		run(t, "2026-03-10 10:01")
		if _, ok := alerts(t, id)[string(AlertResponseBreach)]; !ok {
			t.Fatal("no breach alert")
		}
		if n := count(t, "SELECT count(*) FROM tickets WHERE id = ? AND sla_state = 'breached' AND response_breached", id); n != 1 {
			t.Error("stored state not breached")
		}
	})
	t.Run("CAL-2_alert_due_at_night_is_delivered_at_the_next_opening", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-13 16:30"))             // Friday
		late := b.file(t, map[string]any{"priority": "P1"}) // response due Fri 17:30
		run(t, "2026-03-13 21:00")
		a := alerts(t, late)
		br, ok := a[string(AlertResponseBreach)]
		if !ok || len(a) != 1 {
			t.Fatalf("alerts = %+v (the warning is superseded by the breach)", a)
		}
		if br.To != b.mod.Service().DeskEmail || !br.NotBefore.Equal(at("2026-03-16 08:30")) {
			t.Errorf("breach notice to %s not before %s, want the desk on Mon 08:30", br.To, br.NotBefore)
		}
		run(t, "2026-03-13 21:05")
		if n := len(alerts(t, late)); n != 1 {
			t.Errorf("alerts after a second run = %d", n)
		}
	})
	t.Run("T-2_paused_tickets_raise_no_alerts", func(t *testing.T) {
		b.app.Clock.Set(at("2026-03-17 09:00"))
		p := b.file(t, map[string]any{"priority": "P1"})
		b.do(t, b.tech, "POST", path(p, "/comments"), map[string]any{"body": "Need your logs"}).Expect(t, 201)
		b.do(t, b.tech, "POST", path(p, "/status"), map[string]any{"status": "waiting_on_customer"}).Expect(t, 200)
		run(t, "2026-03-18 16:00")
		if a := alerts(t, p); len(a) != 0 {
			t.Errorf("alerts while paused = %v", a)
		}
	})
}
