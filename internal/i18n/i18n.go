// Package i18n is the one message mechanism for everything a customer receives
// (documents, e-mails, portal pages) and, as it grows, the staff UI: go-i18n message
// files per module (`name.nl.json`, `name.en.json`, flat `{"id": "text"}` with
// {{.Field}} placeholders), registered at init, and the Dutch formats for money and dates
// (`1.249,00`, `1 december 2026`). Dutch is the default; a key missing in a language
// is reported by Missing (every module's test calls it) and falls back to Dutch.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Languages a customer may have.
const (
	NL = "nl"
	EN = "en"
)

// Languages lists the supported languages, the default first.
var Languages = []string{NL, EN}

var (
	mu     sync.RWMutex
	bundle = newBundle()
	keys   = map[string]map[string]bool{} // language → message ids
)

func newBundle() *goi18n.Bundle {
	b := goi18n.NewBundle(language.Dutch)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	return b
}

// Register loads every *.nl.json and *.en.json at the root of fsys.
func Register(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	for _, f := range files {
		parts := strings.Split(path.Base(f), ".")
		if len(parts) < 3 {
			return fmt.Errorf("i18n: %s: name it <module>.<lang>.json", f)
		}
		lang := parts[len(parts)-2]
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		var flat map[string]string
		if err := json.Unmarshal(b, &flat); err != nil {
			return fmt.Errorf("i18n: %s: %w", f, err)
		}
		if _, err := bundle.ParseMessageFileBytes(b, f); err != nil {
			return fmt.Errorf("i18n: %s: %w", f, err)
		}
		if keys[lang] == nil {
			keys[lang] = map[string]bool{}
		}
		for k := range flat {
			keys[lang][k] = true
		}
	}
	return nil
}

// MustRegisterDir registers the message files in directory dir of fsys (a module's
// embedded messages/), for package init: `func init() { i18n.MustRegisterDir(messagesFS, "messages") }`.
func MustRegisterDir(fsys fs.FS, dir string) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	MustRegister(sub)
}

// MustRegister is Register for package init.
func MustRegister(fsys fs.FS) {
	if err := Register(fsys); err != nil {
		panic(err)
	}
}

// Missing lists "lang: id" for every id registered in one language and not in another.
func Missing() []string {
	mu.RLock()
	defer mu.RUnlock()
	all := map[string]bool{}
	for _, ks := range keys {
		for k := range ks {
			all[k] = true
		}
	}
	var out []string
	for _, lang := range Languages {
		for k := range all {
			if !keys[lang][k] {
				out = append(out, lang+": "+k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Has reports whether id is registered in lang.
func Has(lang, id string) bool {
	mu.RLock()
	defer mu.RUnlock()
	return keys[lang][id]
}

// Lang normalises a customer's language (anything else: Dutch).
func Lang(l string) string {
	if l == EN {
		return EN
	}
	return NL
}

// Localizer translates message ids into one language.
type Localizer struct {
	Lang string
	l    *goi18n.Localizer
}

// For returns the localizer of a language.
func For(lang string) *Localizer {
	lang = Lang(lang)
	return &Localizer{Lang: lang, l: goi18n.NewLocalizer(bundle, lang, NL)}
}

// T translates id; data fills its {{.Placeholders}}. An unknown id returns the id
// itself, so a missing key shows on the page and fails the key test.
func (l *Localizer) T(id string, data ...map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
	}
	mu.RLock()
	s, err := l.l.Localize(cfg)
	mu.RUnlock()
	if err != nil || s == "" {
		return id
	}
	return s
}

// templateID finds the literal ids of {{t $.Lang "id"}}, {{t $l "id" …}}, {{tor $.Lang "id" …}}
// and of staff partials' {{ui "id"}}, also inside parentheses ((t $L "id")).
var templateID = regexp.MustCompile(`[{(]-?\s*(?:(?:t|tor)\s+\$[\w.]*|ui)\s+"([^"]+)"`)

// MissingInTemplates lists "lang: id (file)" for every literal message id that the
// templates matching glob use and a language lacks: a page's text exists in both.
func MissingInTemplates(fsys fs.FS, glob string) ([]string, error) {
	files, err := fs.Glob(fsys, glob)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		for _, m := range templateID.FindAllSubmatch(b, -1) {
			for _, lang := range Languages {
				if !Has(lang, string(m[1])) {
					out = append(out, fmt.Sprintf("%s: %s (%s)", lang, m[1], f))
				}
			}
		}
	}
	sort.Strings(out)
	return out, nil
}
