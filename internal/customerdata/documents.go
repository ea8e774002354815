package customerdata

import (
	"archive/zip"
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// DocumentSource renders the documents a domain keeps for a customer (quotes, invoices,
// credit notes) for the export: it calls emit once per document with a file name and its
// bytes. Domains register one with RegisterDocuments, so this package imports no domain.
type DocumentSource func(ctx context.Context, db bun.IDB, customerID int64, emit func(name string, content []byte) error) error

var documentSources = map[string]DocumentSource{}

// RegisterDocuments lets a domain add its documents to the export (DATA-2: "the customer's
// data and documents"); registering a name again replaces it.
func RegisterDocuments(name string, src DocumentSource) {
	mu.Lock()
	defer mu.Unlock()
	documentSources[name] = src
}

// exportDocuments writes documents/<source>/<file> for every registered source.
func exportDocuments(ctx context.Context, db bun.IDB, zw *zip.Writer, customerID int64) error {
	mu.Lock()
	names := make([]string, 0, len(documentSources))
	srcs := make(map[string]DocumentSource, len(documentSources))
	for n, s := range documentSources {
		names = append(names, n)
		srcs[n] = s
	}
	mu.Unlock()
	sort.Strings(names)
	for _, n := range names {
		seen := map[string]bool{}
		err := srcs[n](ctx, db, customerID, func(name string, content []byte) error {
			file := path.Base(strings.ReplaceAll(name, "\\", "/"))
			if file == "." || file == "/" || file == "" || seen[file] {
				return fmt.Errorf("customerdata: %s gave an empty or repeated document name %q", n, name)
			}
			seen[file] = true
			w, err := zw.Create("documents/" + n + "/" + file)
			if err != nil {
				return err
			}
			_, err = w.Write(content)
			return err
		})
		if err != nil {
			return fmt.Errorf("customerdata: documents of %s: %w", n, err)
		}
	}
	return nil
}

// Eraser erases or anonymises the personal data a domain keeps about a customer (free
// text that may name people: ticket threads, defect descriptions, who signed for a
// delivery) inside the erasure's transaction, and says how many records it changed.
type Eraser func(ctx context.Context, tx bun.Tx, customerID int64, now time.Time) (int, error)

var erasers = map[string]Eraser{}

// RegisterEraser lets a domain take part in the erasure (DATA-2); registering a name again
// replaces it.
func RegisterEraser(name string, fn Eraser) {
	mu.Lock()
	defer mu.Unlock()
	erasers[name] = fn
}

type namedEraser struct {
	name string
	fn   Eraser
}

func erasersSorted() []namedEraser {
	mu.Lock()
	defer mu.Unlock()
	out := make([]namedEraser, 0, len(erasers))
	for n, fn := range erasers {
		out = append(out, namedEraser{n, fn})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}
