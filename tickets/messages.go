package tickets

import (
	"embed"

	"backoffice/internal/i18n"
)

// messagesFS holds the portal's texts in Dutch and English.
//
//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }
