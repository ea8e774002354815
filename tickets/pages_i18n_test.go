package tickets

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"backoffice/internal/i18n"
	"backoffice/internal/testkit"
)

// TestStaffPageMessages fails when a desk page's text lacks Dutch or English: every
// literal id in every template, and the ids the partials build from priorities, SLA
// explanation steps and due labels (issue 13: one message mechanism for every page).
func TestStaffPageMessages(t *testing.T) {
	m, err := i18n.MissingInTemplates(os.DirFS("."), "templates/*.html")
	if err != nil || len(m) > 0 {
		t.Fatalf("%v %v", m, err)
	}
	var ids []string
	for _, p := range Priorities {
		ids = append(ids, "tickets.ui.priority."+string(p))
	}
	for _, k := range []string{StepStart, StepTargets, StepCalendar, StepPause, StepResolvedPeriod, StepResponseDue, StepResponse, StepResolutionDue, StepResolution} {
		ids = append(ids, "tickets.ui.explain."+k)
	}
	for _, l := range []string{"response", "resolution"} {
		ids = append(ids, "tickets.ui.due."+l, "tickets.ui.home.due_"+l)
	}
	for _, id := range ids {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, id) {
				t.Errorf("%s: %s missing", lang, id)
			}
		}
	}
}

// TestStaffPagesShowNoMessageIDs renders every desk page as a technician and as an admin:
// the words are there and no message id leaks as raw text.
func TestStaffPagesShowNoMessageIDs(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-04-24 16:30"))
	id := b.file(t, map[string]any{"subject": "Scanner offline", "priority": "P2"})
	b.do(t, b.tech, "POST", "/api/v1/outages", map[string]any{"service": testkit.Unique("i18n-"), "kind": "unplanned",
		"started_at": "2026-04-01T10:00:00+02:00", "ended_at": "2026-04-01T12:00:00+02:00"}).Expect(t, 201)
	pages := map[string][]string{
		"/tickets":                     {"Ticket queue", "Breach within", `data-sort="number"`, `data-sort="due"`, "P2 · High"},
		"/tickets/new":                 {"Create ticket", "Default for the category"},
		fmt.Sprintf("/tickets/%d", id): {"How the due times were made", "Response due", "Event log", "Visible to the customer"},
		"/sla/dashboard":               {"SLA compliance per month", "Breaches at risk"},
		"/sla/availability":            {"availability per quarter", "Record an outage", "Below in a row"},
		"/sla/policies":                {"Pauses on"},
	}
	for _, as := range []testkit.As{b.tech, b.admin} {
		for path, words := range pages {
			body := b.page(t, as, path, 200, words...)
			for _, leak := range []string{"tickets.ui.", "tk.", "portal.tickets."} {
				if i := strings.Index(body, leak); i >= 0 {
					t.Errorf("%s as %s shows a raw message id: %.80s", path, as.User.Role, body[i:])
				}
			}
		}
	}
}
