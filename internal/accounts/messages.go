package accounts

import (
	"embed"

	"backoffice/internal/i18n"
)

// The words of accounts' pages and mails (login, forgot and reset password, customers,
// users, audit log, outbox) in nl and en: messages/ui.<lang>.json, ids accounts.ui.* and
// accounts.mail.*.
//
//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }
