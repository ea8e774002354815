package tickets

import "testing"

// The policy form takes targets in hours; the API keeps its ISO-8601 durations.
func TestHoursInput(t *testing.T) {
	for in, want := range map[string]string{"4": "PT4H", "1,5": "PT1H30M", "0.25": "PT15M", "PT8H": "PT8H", "": "", "abc": "abc", "-1": "-1", "0,333": "0,333"} {
		if got := hoursInput(in); got != want {
			t.Errorf("hoursInput(%q) = %q, want %q", in, got, want)
		}
	}
}
