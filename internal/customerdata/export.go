package customerdata

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"backoffice/internal/csvx"
)

// Export writes the customer's zip to w: customer.json/.csv, one <table>.json and
// <table>.csv per discovered table, and documents/<id>-<filename> per upload.
func Export(ctx context.Context, db bun.IDB, customerID int64, w io.Writer) error {
	zw := zip.NewWriter(w)
	tables, err := Discover(ctx, db)
	if err != nil {
		return err
	}
	all := append([]*Table{{Name: "customers", Column: "id"}}, tables...)
	for _, t := range all {
		if err := exportTable(ctx, db, zw, t, customerID); err != nil {
			return fmt.Errorf("customerdata: export %s: %w", t.Name, err)
		}
	}
	if ok, err := tableExists(ctx, db, "uploads"); err != nil {
		return err
	} else if ok {
		if err := exportUploads(ctx, db, zw, customerID); err != nil {
			return err
		}
	}
	if err := exportDocuments(ctx, db, zw, customerID); err != nil {
		return err
	}
	return zw.Close()
}

func exportTable(ctx context.Context, db bun.IDB, zw *zip.Writer, t *Table, customerID int64) error {
	// Binary columns travel as their size (uploads come as files); secrets not at all.
	var cols []struct{ Name, Type string }
	if err := db.NewRaw(`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
		WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, t.Name).Scan(ctx, &cols); err != nil {
		return err
	}
	var sel []string
	var names []string
	for _, c := range cols {
		switch {
		case secretColumn(c.Name):
			continue
		case c.Type == "bytea":
			sel = append(sel, fmt.Sprintf("octet_length(x.%s) AS %s", bun.Ident(c.Name), bun.Ident(c.Name+"_bytes")))
			names = append(names, c.Name+"_bytes")
		default:
			sel = append(sel, "x."+string(bun.Ident(c.Name)))
			names = append(names, c.Name)
		}
	}
	q := fmt.Sprintf("SELECT to_jsonb(r) FROM (SELECT %s FROM %s x WHERE %s ORDER BY 1) r", strings.Join(sel, ", "), bun.Ident(t.Name), t.where())
	rows, err := db.QueryContext(ctx, db.NewRaw(q, customerID).String())
	if err != nil {
		return err
	}
	defer rows.Close()
	jw, err := zw.Create(t.Name + ".json")
	if err != nil {
		return err
	}
	var records [][]string
	fmt.Fprint(jw, "[")
	n := 0
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return err
		}
		if n > 0 {
			fmt.Fprint(jw, ",\n")
		}
		n++
		if _, err := jw.Write(raw); err != nil {
			return err
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			return err
		}
		rec := make([]string, len(names))
		for i, k := range names {
			rec[i] = cell(m[k])
		}
		records = append(records, rec)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	fmt.Fprint(jw, "]\n")
	cw, err := zw.Create(t.Name + ".csv")
	if err != nil {
		return err
	}
	return csvx.NewWriter(cw).WriteAll(append([][]string{names}, records...))
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

func exportUploads(ctx context.Context, db bun.IDB, zw *zip.Writer, customerID int64) error {
	var ids []int64
	if err := db.NewRaw("SELECT id FROM uploads WHERE customer_id = ? ORDER BY id", customerID).Scan(ctx, &ids); err != nil {
		return err
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids { // one at a time: uploads are up to 10 MB each
		var u struct {
			Filename string
			Data     []byte
		}
		if err := db.NewRaw("SELECT filename, data FROM uploads WHERE id = ?", id).Scan(ctx, &u); err != nil {
			return err
		}
		name := fmt.Sprintf("documents/%d-%s", id, path.Base(strings.ReplaceAll(u.Filename, "\\", "/")))
		fw, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := fw.Write(u.Data); err != nil {
			return err
		}
	}
	return nil
}
