package calendars

import (
	"embed"

	"backoffice/internal/i18n"
)

// The words of the calendar pages in nl and en: messages/ui.<lang>.json, ids calendars.ui.*.
//
//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }
