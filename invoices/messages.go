package invoices

import (
	"embed"
	"io/fs"

	"backoffice/internal/i18n"
)

//go:embed messages/*.json
var messagesFS embed.FS

func init() {
	sub, err := fs.Sub(messagesFS, "messages")
	if err != nil {
		panic(err)
	}
	i18n.MustRegister(sub)
}
