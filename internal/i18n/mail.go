package i18n

import (
	"embed"
	"strings"
)

//go:embed messages/*.json
var messagesFS embed.FS

func init() { MustRegisterDir(messagesFS, "messages") }

// Greeting opens a customer e-mail: the contact person by name ("Beste Jan de Vries," /
// "Dear Jan de Vries,"), or the company when no person is known.
func Greeting(lang, name, customer string) string {
	if name = strings.TrimSpace(name); name != "" {
		return For(lang).T("mail.greeting.person", map[string]any{"Name": name})
	}
	return For(lang).T("mail.greeting.company", map[string]any{"Customer": customer})
}

// Signed closes a customer e-mail: "Met vriendelijke groet," and the company's name.
func Signed(lang, company string) string {
	return For(lang).T("mail.regards") + "\n" + company
}
