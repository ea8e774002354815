package web

import (
	"embed"
	"regexp"
	"strconv"
	"strings"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
)

// The staff UI's words (layout, navigation, field labels, status and other code labels,
// error page titles) are messages of internal/i18n like everything a customer reads:
// messages/staff.en.json and staff.nl.json, keys "layout.*", "nav.*", "nav.group.*",
// "field.<name>", "enum.<code>", "error.status.<code>". Staff read StaffLang; a customer
// user reads the layout and navigation in the company's language.
//
//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegister(mustSub(messagesFS, "messages")) }

// StaffLang is the language of the staff UI: English, and Dutch once it is set to
// i18n.NL (every staff key exists in both, TestStaffMessages).
var StaffLang = i18n.EN

// UILang is the language a user reads the shared layout and navigation in.
func UILang(p *auth.Principal) string {
	if p != nil && p.Role == auth.Customer {
		return i18n.Lang(p.Lang)
	}
	return StaffLang
}

// UI translates a staff message key into StaffLang (for the partials shared by every
// page, which have no view at hand), placeholders as pairs: UI("layout.request_id", "ID", id).
func UI(id string, kv ...any) string { return T(StaffLang, id, kv...) }

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

// NavKey is the message key of a navigation label: "My hours" → "nav.my_hours".
func NavKey(label string) string {
	return "nav." + strings.Trim(notSlug.ReplaceAllString(strings.ToLower(label), "_"), "_")
}

// NavGroupKey is the message key of a navigation group: "My work" → "nav.group.my_work".
func NavGroupKey(group string) string {
	return "nav.group." + strings.TrimPrefix(NavKey(group), "nav.")
}

// label returns the message of key in lang, or fallback when there is none.
func label(lang, key, fallback string) string {
	if !i18n.Has(i18n.Lang(lang), key) {
		return fallback
	}
	return i18n.For(lang).T(key)
}

var code = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// codeLabel is the staff label of a code ("waiting_on_customer" → "Waiting on customer"),
// or "" when the text is no code with a message.
func codeLabel(s string) string {
	if !code.MatchString(s) {
		return ""
	}
	return label(StaffLang, "enum."+s, "")
}

// fieldWord is the staff label of one field name ("ended_at" → "End"), or "".
func fieldWord(lang, name string) string { return label(lang, "field."+name, "") }

// ErrorTitle is the heading of the error page for an HTTP status.
func ErrorTitle(status int, fallback string) string {
	return label(StaffLang, "error.status."+strconv.Itoa(status), fallback)
}

// MissingNavKeys lists "lang: key" for every navigation label and group registered with
// the engine that has no message in a language (the nav falls back to its English
// label, and TestNavLabelsAreMessages fails).
func (e *Engine) MissingNavKeys() []string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	var out []string
	for _, it := range e.nav {
		for _, key := range []string{NavKey(it.Label), NavGroupKey(it.Group)} {
			for _, lang := range i18n.Languages {
				if !i18n.Has(lang, key) {
					out = append(out, lang+": "+key)
				}
			}
		}
	}
	return out
}

// RecordName is how an admin page names a record it knows by entity and id ("Invoice
// 2026-00008", "Customer Acme Zorg B.V."): the entity in the reader's words (the audit
// log's labels, accounts.ui.audit.entity.*) and the name its module gives it (names, from
// audit.AskNamers), or its id when no module names it.
func RecordName(lang, entity, id string, names map[string]string) string {
	label := Title(entity)
	if key := "accounts.ui.audit.entity." + entity; i18n.Has(lang, key) {
		label = T(lang, key)
	}
	name := names[id]
	if name == "" {
		name = id
	}
	return label + " " + name
}
