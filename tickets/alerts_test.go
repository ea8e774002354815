package tickets

import "testing"

func TestDueAlerts(t *testing.T) {
	t.Parallel()
	// P1 on nl-kantooruren, received Tue 10 Mar 09:00: response warn 09:45, due 10:00;
	// resolution warn 12:00, due 13:00.
	tests := []struct {
		name     string
		facts    func(t testing.TB) Facts
		now      string
		sent     []AlertKind
		want     map[AlertKind]string
		wantRisk Risk
	}{
		{"T-2_nothing_before_75_percent", func(t testing.TB) Facts { return facts(t, standard(), P1, "2026-03-10 09:00") },
			"2026-03-10 09:44", nil, map[AlertKind]string{}, RiskOK},
		{"T-2_response_warning_at_75_percent", func(t testing.TB) Facts { return facts(t, standard(), P1, "2026-03-10 09:00") },
			"2026-03-10 09:45", nil, map[AlertKind]string{AlertResponseWarning: "2026-03-10 09:45"}, RiskAtRisk},
		{"T-2_warning_not_repeated", func(t testing.TB) Facts { return facts(t, standard(), P1, "2026-03-10 09:00") },
			"2026-03-10 09:50", []AlertKind{AlertResponseWarning}, map[AlertKind]string{}, RiskAtRisk},
		{"T-2_breach_replaces_warning", func(t testing.TB) Facts { return facts(t, standard(), P1, "2026-03-10 09:00") },
			"2026-03-10 10:01", nil, map[AlertKind]string{AlertResponseBreach: "2026-03-10 10:00"}, RiskBreached},
		{"T-2_resolution_warning_and_breach", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-10 09:00")
			f.FirstResponseAt = at("2026-03-10 09:10")
			return f
		}, "2026-03-10 12:30", nil, map[AlertKind]string{AlertResolutionWarning: "2026-03-10 12:00"}, RiskAtRisk},
		{"T-2_warning_time_is_in_business_hours_after_a_weekend", func(t testing.TB) Facts {
			f := facts(t, standard(), P2, "2026-03-13 16:30") // response due Mon 11:30, 75% = 3h → Mon 10:30
			return f
		}, "2026-03-16 10:30", nil, map[AlertKind]string{AlertResponseWarning: "2026-03-16 10:30"}, RiskAtRisk},
		{"T-2_no_alerts_while_paused_before_the_threshold", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 09:00", change("2026-03-10 09:20", StatusWaitingOnCustomer))
		}, "2026-03-12 09:00", nil, map[AlertKind]string{}, RiskPaused},
		{"T-2_no_alerts_once_resolved", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 09:00", change("2026-03-10 09:20", StatusResolved))
		}, "2026-03-12 09:00", nil, map[AlertKind]string{}, RiskMet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			now := at(tc.now)
			s := Compute(tc.facts(t), now)
			sent := func(k AlertKind) bool {
				for _, x := range tc.sent {
					if x == k {
						return true
					}
				}
				return false
			}
			got := DueAlerts(s, sent, now)
			if len(got) != len(tc.want) {
				t.Fatalf("alerts = %+v, want %v", got, tc.want)
			}
			for _, a := range got {
				w, ok := tc.want[a.Kind]
				if !ok || !a.At.Equal(at(w)) {
					t.Errorf("alert %s at %s, want %q", a.Kind, a.At, w)
				}
			}
			if r := RiskOf(s, now); r != tc.wantRisk {
				t.Errorf("risk = %s, want %s", r, tc.wantRisk)
			}
		})
	}
}

func TestDeliverAt(t *testing.T) {
	t.Parallel()
	desk := cal(t, "nl-kantooruren")
	for _, c := range []struct{ name, raised, want string }{
		{"CAL-2_inside_hours_at_once", "2026-03-10 11:00", "2026-03-10 11:00"},
		{"CAL-2_at_night_next_morning", "2026-03-10 23:10", "2026-03-11 08:30"},
		{"CAL-2_friday_evening_to_monday", "2026-03-13 18:00", "2026-03-16 08:30"},
		{"CAL-1_koningsdag_to_tuesday", "2026-04-26 12:00", "2026-04-28 08:30"},
		{"CAL-2_closing_time_is_closed", "2026-03-10 17:30", "2026-03-11 08:30"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DeliverAt(desk, at(c.raised)); !got.Equal(at(c.want)) {
				t.Errorf("DeliverAt(%s) = %s, want %s", c.raised, got, c.want)
			}
		})
	}
}
