package billing

import (
	"embed"

	"backoffice/internal/i18n"
)

// The words of the billing pages in nl and en: messages/ui.<lang>.json, ids billing.ui.*.
//
//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }
