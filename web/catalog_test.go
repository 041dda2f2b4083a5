package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/i18n"
)

// keyShape is what a catalog key looks like: dotted lower-case words.
var keyShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// templateKeyRE finds {{t "key" ...}} and (t "key" ...) in templates.
var templateKeyRE = regexp.MustCompile(`(?:\{\{-?|\()\s*t\s+"([^"]+)"`)

// TestCatalogKeys checks the catalogs against the code: every key a
// template or the Go code uses exists in id.json, en.json has exactly the
// keys of id.json, and every key of id.json is used somewhere.
func TestCatalogKeys(t *testing.T) {
	t.Parallel()
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatalf("i18n.Load: %v", err)
	}
	for _, k := range cats.Missing(i18n.EN) {
		t.Errorf("en.json lacks key %q of id.json", k)
	}
	for _, k := range cats.Extra(i18n.EN) {
		t.Errorf("en.json has key %q that id.json lacks", k)
	}
	defined := make(map[string]bool)
	for _, k := range cats.Keys(i18n.ID) {
		defined[k] = true
	}

	used := make(map[string]string) // key → where it is used
	for k, where := range templateKeys(t) {
		used[k] = where
	}
	for k, where := range goKeys(t, "..") {
		used[k] = where
	}
	for _, k := range generatedKeys() {
		used[k] = "web.generatedKeys"
	}
	for _, k := range slices.Sorted(maps.Keys(used)) {
		if !defined[k] {
			t.Errorf("key %q (used in %s) is missing from id.json", k, used[k])
		}
	}
	for _, k := range cats.Keys(i18n.ID) {
		if _, ok := used[k]; !ok {
			t.Errorf("id.json key %q is used nowhere (templates, Go code, web.generatedKeys)", k)
		}
	}
}

// templateKeys returns the literal keys the templates pass to t.
func templateKeys(t *testing.T) map[string]string {
	keys := make(map[string]string)
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range templateKeyRE.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = "web/" + p
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read templates: %v", err)
	}
	if len(keys) == 0 {
		t.Fatal("no keys found in the templates: is the pattern wrong?")
	}
	return keys
}

// goKeys returns the catalog keys written as literals in the non-test Go
// files of the repository at root:
//
//   - sinergi.Errorf(kind, "key", ...) anywhere;
//   - x.T("key", ...) anywhere;
//   - composite-literal fields named Key (sinergi.Error{Key: "key"})
//     anywhere, when the value has the shape of a key;
//   - any literal starting with "audit.summary." (the services record audit
//     summaries as message keys), outside test-support packages such as
//     store/storetest;
//   - in package web, by convention: fields whose name ends in Key
//     (TitleKey: "..."), literal arguments of functions whose name ends in
//     Key (renderErrorKey(..., "key")) and literals returned by them
//     (greetingKey).
func goKeys(t *testing.T, root string) map[string]string {
	keys := make(map[string]string)
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			// Another engineer's file in the middle of a change: its keys
			// are checked once it parses again.
			t.Logf("skip %s: %v", p, err)
			return nil
		}
		if strings.HasSuffix(f.Name.Name, "test") {
			return nil // test support (storetest, testenv)
		}
		rel, _ := filepath.Rel(root, p)
		collectKeys(f, f.Name.Name == "web" && filepath.Dir(rel) == "web", func(key string, pos token.Pos) {
			keys[key] = fset.Position(pos).String()
		})
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", root, err)
	}
	return keys
}

// collectKeys calls add for every key literal of f by the rules of goKeys.
func collectKeys(f *ast.File, web bool, add func(string, token.Pos)) {
	lit := func(e ast.Expr, always bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(b.Value)
		if err != nil || s == "" {
			return
		}
		if always || keyShape.MatchString(s) {
			add(s, b.Pos())
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if s, err := strconv.Unquote(n.Value); n.Kind == token.STRING && err == nil &&
				strings.HasPrefix(s, "audit.summary.") && keyShape.MatchString(s) {
				add(s, n.Pos())
			}
		case *ast.CallExpr:
			name := calleeName(n.Fun)
			switch {
			case name == "Errorf" && isSinergiErrorf(f, n.Fun) && len(n.Args) >= 2:
				lit(n.Args[1], true)
			case name == "T" && len(n.Args) >= 1:
				lit(n.Args[0], true)
			case web && strings.HasSuffix(name, "Key"):
				for _, a := range n.Args {
					lit(a, false)
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && (id.Name == "Key" || web && strings.HasSuffix(id.Name, "Key")) {
				lit(n.Value, false)
			}
		case *ast.FuncDecl:
			if web && strings.HasSuffix(n.Name.Name, "Key") && n.Body != nil {
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if ret, ok := m.(*ast.ReturnStmt); ok {
						for _, r := range ret.Results {
							lit(r, false)
						}
					}
					return true
				})
			}
		}
		return true
	})
}

// calleeName returns the name of the called function or method.
func calleeName(fun ast.Expr) string {
	switch fun := fun.(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	}
	return ""
}

// isSinergiErrorf reports whether fun is sinergi.Errorf, or Errorf inside
// package sinergi itself.
func isSinergiErrorf(f *ast.File, fun ast.Expr) bool {
	switch fun := fun.(type) {
	case *ast.Ident:
		return f.Name.Name == "sinergi"
	case *ast.SelectorExpr:
		x, ok := fun.X.(*ast.Ident)
		return ok && x.Name == "sinergi"
	}
	return false
}
