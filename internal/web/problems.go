package web

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
)

// Field and problem messages in the reader's language. The code writes them in English
// (validator messages from httpx, domain rules' f.Add("ended_at", "must be after
// started_at")); fieldMessages matches the common ones and a message file gives their
// words (messages/problem.<lang>.json, ids problem.field.*), with the numbers and names
// they carry. A message the catalogue does not know stays as written. Codes never change.
var fieldMessages = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^is required(?:: .*)?$`), "required"}, // "is required: describe what happened (T-1)": the hint is the form's
	{regexp.MustCompile(`^is required \(date and time\)$`), "required_datetime"},
	{regexp.MustCompile(`^must be an e-mail address$`), "email"},
	{regexp.MustCompile(`^must be one of:? (?P<List>.+)$`), "one_of"},
	{regexp.MustCompile(`^must (?:be at least|have at least) (?P<N>\d+) characters$`), "min_chars"},
	{regexp.MustCompile(`^must have at least (?P<N>\d+) items$`), "min_items"},
	{regexp.MustCompile(`^must be at least (?P<N>[-\d.]+)$`), "min"},
	{regexp.MustCompile(`^must be at most (?P<N>\d+) characters$`), "max_chars"},
	{regexp.MustCompile(`^must have at most (?P<N>\d+) items$`), "max_items"},
	{regexp.MustCompile(`^must be at most (?P<N>[-\d.]+)$`), "max"},
	{regexp.MustCompile(`^must be greater than (?P<N>[-\d.]+)$`), "gt"},
	{regexp.MustCompile(`^must be less than (?P<N>[-\d.]+)$`), "lt"},
	{regexp.MustCompile(`^must have at most (?P<N>\d+) decimals$`), "scale"},
	{regexp.MustCompile(`^must be exactly (?P<N>\d+) characters$`), "len"},
	{regexp.MustCompile(`^must be a date(?: YYYY-MM-DD)?$`), "date"},
	{regexp.MustCompile(`^must be an RFC 3339 instant$`), "instant"},
	{regexp.MustCompile(`^must be a number$`), "number"},
	{regexp.MustCompile(`^must be an amount$`), "amount"},
	{regexp.MustCompile(`^must not be empty$`), "not_empty"},
	{regexp.MustCompile(`^must not be in the future$`), "not_future"},
	{regexp.MustCompile(`^must be after (?P<Field>[a-z_]+)$`), "after"},
	{regexp.MustCompile(`^must be after start.*$`), "after_start"},
	{regexp.MustCompile(`^must not be before (?P<Field>[a-z_]+)$`), "not_before"},
	{regexp.MustCompile(`^must not be only spaces$`), "only_spaces"},
	{regexp.MustCompile(`^must not repeat one character or a short pattern$`), "repeated"},
	{regexp.MustCompile(`^is too common; choose a longer phrase of unrelated words$`), "common"},
	{regexp.MustCompile(`^no such customer$`), "no_customer"},
	{regexp.MustCompile(`^must be upper case$`), "uppercase"},
	{regexp.MustCompile(`^must be letters only$`), "alpha"},
	{regexp.MustCompile(`^must be digits only$`), "numeric"},
	{regexp.MustCompile(`^must be a URL$`), "url"},
	{regexp.MustCompile(`^is invalid$`), "invalid"},
	{regexp.MustCompile(`^cannot be read$`), "unreadable"},
	{regexp.MustCompile(`^must be a PDF document(?: \(.*\))?$`), "pdf"},
}

// FieldMessage is a field error's message in lang ("must be at most 200 characters" →
// "mag hoogstens 200 tekens zijn"); English, or a message it does not know, stays as is.
func FieldMessage(lang, msg string) string {
	lang = i18n.Lang(lang)
	if lang == i18n.EN {
		return msg // the code writes them in English
	}
	for _, m := range fieldMessages {
		sub := m.re.FindStringSubmatch(msg)
		if sub == nil {
			continue
		}
		key := "problem.field." + m.key
		if !i18n.Has(lang, key) {
			return msg
		}
		data := map[string]any{}
		for i, name := range m.re.SubexpNames() {
			if name == "Field" {
				data[name] = strings.ToLower(FieldLabelIn(lang, sub[i]))
			} else if name != "" {
				data[name] = sub[i]
			}
		}
		return i18n.For(lang).T(key, data)
	}
	return msg
}

// LocalizeProblem writes a problem's title, detail and field messages in the reader's
// language: the API's Accept-Language (English unless it asks for Dutch), a page's
// ReaderLang. The detail is translated by code (problem.detail.<code>) when a message
// exists; the code and the field paths stay as they are.
func LocalizeProblem(c *fiber.Ctx, p *httpx.ProblemBody) {
	lang := ReaderLang(c)
	if strings.HasPrefix(c.Path(), "/api/") {
		lang = APILang(c)
	}
	p.Title = label(lang, "error.status."+strconv.Itoa(p.Status), p.Title)
	who := auth.From(c)
	customerPage := who != nil && who.Role == auth.Customer && !strings.HasPrefix(c.Path(), "/api/")
	if key := "problem.detail." + p.Code; (lang != i18n.EN || customerPage) && p.Code != "" && i18n.Has(lang, key) {
		// English keeps the detail as written, with its context, for staff and the API; a
		// customer's page reads the catalogue's words (no rule IDs, no ISO dates)
		p.Detail = i18n.For(lang).T(key)
	}
	for i := range p.Errors {
		p.Errors[i].Message = FieldMessage(lang, p.Errors[i].Message)
	}
	if customerPage {
		// a customer reads the refusal, not the rule book: "(Q-2)", "(HW-5, 004:16.3)" go
		p.Detail = StripRuleIDs(p.Detail)
		for i := range p.Errors {
			p.Errors[i].Message = StripRuleIDs(p.Errors[i].Message)
		}
	}
}

// ruleRef is a parenthesised reference that starts with a rule ID: " (Q-2)",
// " (CAL-3)", " (HW-5, 004:16.3)".
var ruleRef = regexp.MustCompile(`\s*\((?:[A-Z]{1,5}-\d+[a-z]?)[^()]*\)`)

// StripRuleIDs removes the rule references from a text a customer reads.
func StripRuleIDs(s string) string { return ruleRef.ReplaceAllString(s, "") }
