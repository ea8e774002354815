package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPageWordsNameNoRuleIDs: the words of the pages (every module's messages/ui.*.json)
// never show a rule ID of the specification ("Customer data (DATA-2)", "(HW-4, INV-8)"):
// a reader knows the rule by its meaning; the IDs belong in the code and its comments.
func TestPageWordsNameNoRuleIDs(t *testing.T) {
	ruleID := regexp.MustCompile(`\b[A-Z]{1,5}-[0-9]{1,2}\b`)
	files := 0
	pageWords := func(p string) bool {
		return filepath.Base(filepath.Dir(p)) == "messages" && strings.HasPrefix(filepath.Base(p), "ui.") && strings.HasSuffix(p, ".json")
	}
	walkSources(t, pageWords, func(p string, b []byte) {
		files++
		for i, line := range strings.Split(string(b), "\n") {
			if m := ruleID.FindString(line); m != "" {
				t.Errorf("%s:%d: a rule ID (%s) in the words of a page: %s", p, i+1, m, strings.TrimSpace(line))
			}
		}
	})
	if files < 10 {
		t.Errorf("found only %d page message files; the scan is broken", files)
	}
}
