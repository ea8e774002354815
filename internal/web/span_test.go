package web

import "testing"

// TestSpanInWords (issue 13): a length of time reads in words in the reader's language,
// never as raw seconds.
func TestSpanInWords(t *testing.T) {
	for _, tc := range []struct {
		lang    string
		seconds int64
		want    string
	}{
		{"nl", 2*3600 + 5*60, "2 uur 5 minuten"},
		{"en", 2*3600 + 5*60, "2 hours 5 minutes"},
		{"nl", 90*86400 - 3600, "89 dagen 23 uur"},
		{"en", 86400 + 60, "1 day 1 minute"},
		{"nl", 3600, "1 uur"},
		{"en", 45, "45 seconds"},
		{"nl", 0, "0 minuten"},
	} {
		if got := Span(tc.lang, tc.seconds); got != tc.want {
			t.Errorf("Span(%s, %d) = %q, want %q", tc.lang, tc.seconds, got, tc.want)
		}
	}
}
