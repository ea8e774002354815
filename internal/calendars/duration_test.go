package calendars

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	ok := map[string]time.Duration{"PT1H": time.Hour, "PT16H": 16 * time.Hour, "PT1H30M": 90 * time.Minute, "P2D": 48 * time.Hour, "P1W": 168 * time.Hour, "PT45S": 45 * time.Second, "PT48H": 48 * time.Hour}
	for s, want := range ok {
		if got, err := ParseDuration(s); err != nil || got != want {
			t.Errorf("%s: %v %v", s, got, err)
		}
		if s != "P2D" && s != "P1W" && FormatDuration(ok[s]) != s {
			t.Errorf("format %s: %s", s, FormatDuration(ok[s]))
		}
	}
	for _, s := range []string{"", "P", "PT", "1H", "P1Y", "P1M", "PT-1H", "4h"} {
		if _, err := ParseDuration(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
