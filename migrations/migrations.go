// Package migrations holds the schema, one SQL file per change, embedded in the binary
// and run by `backoffice migrate up` (bun/migrate). Number ranges: 0001–0099 foundation,
// 0100 orders, 0200 tickets, 0300 secondment, 0400 hardware, 0500 invoices (0540 receivables), 0900 cross-cutting schema rules that must run after every domain (text bounds).
package migrations

import (
	"embed"

	"github.com/uptrace/bun/migrate"
)

//go:embed *.sql
var files embed.FS

// All is every migration of the product, discovered from the embedded files.
var All = migrate.NewMigrations()

func init() {
	if err := All.Discover(files); err != nil {
		panic(err)
	}
}
