package sinergi_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/sinergi-id/sinergi"

// TestDependencyRule checks the architecture with `go list -deps`: the
// shared vocabulary, the pure packages and the language analysis use the
// standard library only;
// domain packages never reach SQL, HTTP servers, web or store; store and web
// never reach each other; only cmd/sinergi wires both.
func TestDependencyRule(t *testing.T) {
	deps := listDeps(t)
	if len(deps) < 8 {
		t.Fatalf("go list found only %d packages", len(deps))
	}
	standardOnly := []string{"", "/access", "/region", "/i18n", "/query", "/monitor/spike", "/chart", "/ratelimit"}
	domain := []string{"/access", "/agency", "/auth", "/audit", "/network", "/region", "/i18n", "/demo", "/query", "/archive", "/source", "/dedup", "/monitor", "/monitor/issuetrack", "/brief", "/hoax", "/hoax/match"}
	forbiddenForDomain := []string{"database/sql", "net/http", module + "/web", module + "/store"}

	for _, p := range standardOnly {
		for _, d := range deps[module+p] {
			if !isStandard(d) && d != module {
				t.Errorf("%s imports %s; it may use the standard library only", module+p, d)
			}
		}
	}
	for _, p := range domain {
		pkg := module + p
		if _, ok := deps[pkg]; !ok {
			t.Errorf("package %s not found by go list", pkg)
		}
		for _, d := range deps[pkg] {
			for _, f := range forbiddenForDomain {
				if d == f || strings.HasPrefix(d, f+"/") {
					t.Errorf("domain package %s depends on %s", pkg, d)
				}
			}
		}
	}
	for pkg, ds := range deps {
		if strings.HasPrefix(pkg, module+"/bahasa") {
			// The language analysis is ours: the standard library and the
			// module's own domain packages only.
			for _, d := range ds {
				if !isStandard(d) && d != module && !strings.HasPrefix(d, module+"/") {
					t.Errorf("%s imports %s; bahasa uses the standard library only", pkg, d)
				}
			}
			forbid(t, pkg, ds, forbiddenForDomain...)
		}
		switch {
		case strings.HasPrefix(pkg, module+"/store"):
			forbid(t, pkg, ds, module+"/web", module+"/cmd")
		case strings.HasPrefix(pkg, module+"/web"):
			forbid(t, pkg, ds, module+"/store", module+"/cmd", "database/sql")
		case strings.HasPrefix(pkg, module+"/cmd/sinergi"):
		default:
			if pkg != module+"/internal/testenv" {
				forbid(t, pkg, ds, module+"/cmd")
			}
		}
	}
}

func forbid(t *testing.T, pkg string, deps []string, prefixes ...string) {
	t.Helper()
	for _, d := range deps {
		for _, p := range prefixes {
			if d == p || strings.HasPrefix(d, p+"/") {
				t.Errorf("%s depends on %s, which the layering forbids", pkg, d)
			}
		}
	}
}

// listDeps returns, for every package of the module, its transitive
// dependencies (tests excluded).
func listDeps(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Deps}} {{.}}{{end}}", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	deps := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 {
			deps[fields[0]] = fields[1:]
		}
	}
	return deps
}

func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
