package tickets

import (
	"embed"

	"backoffice/internal/i18n"
)

//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }
