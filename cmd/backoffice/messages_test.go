package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/i18n"
)

// TestEveryMessageInBothLanguages: with every module linked in (modules.go), each message
// id exists in Dutch and in English, and every id the code names literally — l.T("…"),
// d.T("…"), msg(lang, "…") aside — is registered in both (issue 13: every customer-facing
// document and e-mail in the customer's language).
func TestEveryMessageInBothLanguages(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("messages missing in a language: %s", strings.Join(m, ", "))
	}
	re := regexp.MustCompile(`\.T\("([a-z][A-Za-z0-9_]*\.[A-Za-z0-9_.]+[A-Za-z0-9_])"`)
	seen := 0
	walkSources(t, func(p string) bool { return strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") }, func(p string, b []byte) {
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			seen++
			for _, lang := range i18n.Languages {
				if !i18n.Has(lang, m[1]) {
					t.Errorf("%s: message %q is not in %s", p, m[1], lang)
				}
			}
		}
	})
	t.Logf("%d message ids checked", seen)
	if seen < 100 {
		t.Errorf("found only %d message ids in the code; the scan is broken", seen)
	}
}

// walkSources reads every file of the repository that want picks (hidden directories,
// node_modules and testdata aside) and hands it to read.
func walkSources(t *testing.T, want func(path string) bool, read func(path string, b []byte)) {
	t.Helper()
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "../.." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !want(p) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		read(p, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
