package house

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// module is the module path of go.mod; a domain is imported as module + "/" + dir.
const module = "backoffice"

// notDomains are the top-level directories that are not domains: every other top-level
// directory with Go files (orders, tickets, secondment, hardware, invoices, and any that
// comes) is one.
var notDomains = map[string]bool{"cmd": true, "internal": true, "migrations": true}

// maxLines is the longest a .go file may be (tests included; generated files excepted).
const maxLines = 400

// sqlDebt lists the files that still build SQL outside a store file. It may only shrink:
// a file named here that no longer builds SQL fails the test until it is removed.
var sqlDebt = map[string]string{}

// sqlPackages are packages outside the domains that follow the store rule too.
var sqlPackages = []string{"internal/accounts"}

// builders are the bun and database/sql calls that send SQL.
var builders = map[string]bool{"NewSelect": true, "NewInsert": true, "NewUpdate": true, "NewDelete": true,
	"NewRaw": true, "NewMerge": true, "NewValues": true, "NewCreateTable": true, "NewDropTable": true,
	"NewTruncateTable": true, "ExecContext": true, "QueryContext": true, "QueryRowContext": true}

// rawSQL matches a string literal that is a statement.
var rawSQL = regexp.MustCompile(`^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE)\s`)

type goFile struct {
	rel  string // slash path from the module root
	ast  *ast.File
	fset *token.FileSet
}

func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", dir, err)
	}
	return dir
}

func files(t *testing.T) []goFile {
	t.Helper()
	base := root(t)
	var out []goFile
	err := filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != base && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		rel, err := filepath.Rel(base, p)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		out = append(out, goFile{rel: filepath.ToSlash(rel), ast: f, fset: fset})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// domainOf is the domain a file belongs to, or "".
func domainOf(rel string) string {
	top, _, ok := strings.Cut(rel, "/")
	if !ok || notDomains[top] {
		return ""
	}
	return top
}

// importedDomain is the domain an import path names, or "".
func importedDomain(path string) string {
	rest, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return ""
	}
	return domainOf(rest + "/x.go")
}

func generated(f *ast.File) bool {
	for _, c := range f.Comments {
		if strings.HasPrefix(c.Text(), "Code generated") && strings.Contains(c.Text(), "DO NOT EDIT") {
			return true
		}
	}
	return false
}

// TestDomainsDoNotImportEachOther: a domain hands facts to another through internal/
// (billing charges, events), never by importing it; internal/ imports no domain.
func TestDomainsDoNotImportEachOther(t *testing.T) {
	for _, f := range files(t) {
		own := domainOf(f.rel)
		inInternal := strings.HasPrefix(f.rel, "internal/")
		for _, im := range f.ast.Imports {
			path, err := strconv.Unquote(im.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			d := importedDomain(path)
			switch {
			case d == "":
			case inInternal:
				t.Errorf("%s: internal/ imports domain %s (%s); domains build on internal/, never the reverse", f.rel, d, path)
			case own != "" && d != own:
				t.Errorf("%s: domain %s imports domain %s (%s); publish a charge or an event instead", f.rel, own, d, path)
			}
		}
	}
}

func storeFile(rel string) bool {
	name := filepath.Base(rel)
	return name == "store.go" || strings.HasPrefix(name, "store_")
}

func sqlRuled(rel string) bool {
	if strings.HasSuffix(rel, "_test.go") {
		return false // tests may look into the database to check what a use case stored
	}
	if domainOf(rel) != "" {
		return true
	}
	for _, p := range sqlPackages {
		if filepath.Dir(rel) == p {
			return true
		}
	}
	return false
}

// sqlIn lists where a file builds or sends SQL.
func sqlIn(f goFile) []string {
	var at []string
	ast.Inspect(f.ast, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok && builders[sel.Sel.Name] {
				at = append(at, f.fset.Position(x.Pos()).String()+": "+sel.Sel.Name)
			}
		case *ast.BasicLit:
			if x.Kind == token.STRING {
				if s, err := strconv.Unquote(x.Value); err == nil && rawSQL.MatchString(s) {
					at = append(at, f.fset.Position(x.Pos()).String()+": raw SQL")
				}
			}
		}
		return true
	})
	return at
}

// TestSQLOnlyInStores: in a domain (and accounts), only store.go and store_*.go build SQL;
// handlers, pages, services, jobs and demo seeds call store functions.
func TestSQLOnlyInStores(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range files(t) {
		if !sqlRuled(f.rel) || storeFile(f.rel) {
			continue
		}
		at := sqlIn(f)
		if _, debt := sqlDebt[f.rel]; debt {
			seen[f.rel] = true
			if len(at) == 0 {
				t.Errorf("%s builds no SQL any more: remove it from sqlDebt", f.rel)
			}
			continue
		}
		for _, a := range at {
			t.Errorf("%s builds SQL outside a store file; move the query into store.go or store_<use>.go", a)
		}
	}
	for rel := range sqlDebt {
		if !seen[rel] {
			t.Errorf("sqlDebt names %s, which does not exist: remove it", rel)
		}
	}
}

// TestFilesStaySmall: no .go file passes 400 lines (split by use case: quote_create.go,
// quote_send.go, …); generated files are exempt.
func TestFilesStaySmall(t *testing.T) {
	base := root(t)
	var long []string
	for _, f := range files(t) {
		if generated(f.ast) {
			continue
		}
		n, err := countLines(filepath.Join(base, f.rel))
		if err != nil {
			t.Fatal(err)
		}
		if n > maxLines {
			long = append(long, f.rel+": "+strconv.Itoa(n)+" lines")
		}
	}
	sort.Strings(long)
	for _, l := range long {
		t.Errorf("%s (at most %d)", l, maxLines)
	}
}

func countLines(path string) (int, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}
