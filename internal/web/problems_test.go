package web

import "testing"

// Issue 13: no rule IDs reach a customer: an English refusal keeps its words and loses its
// references.
func TestStripRuleIDs(t *testing.T) {
	for in, want := range map[string]string{
		"the quote was accepted on 1 December 2026 (Q-2)":               "the quote was accepted on 1 December 2026",
		"notice delivered on 2 March (CAL-3); the contract ends (Q-9).": "notice delivered on 2 March; the contract ends.",
		"inspection window closed (HW-5, 004:16.3)":                     "inspection window closed",
		"a plain sentence (with words) stays":                           "a plain sentence (with words) stays",
	} {
		if got := StripRuleIDs(in); got != want {
			t.Errorf("StripRuleIDs(%q) = %q, want %q", in, got, want)
		}
	}
}
