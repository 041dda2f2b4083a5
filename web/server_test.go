package web

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/i18n"
)

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cats, _ := loadCatalogs()
	g, _ := loadGazetteer()
	full := Config{Catalogs: cats, Regions: g}
	tests := []struct {
		name   string
		cfg    func(*Config, *Services)
		wantIn string
	}{
		{"no catalogs", func(c *Config, _ *Services) { c.Catalogs = nil }, "Config.Catalogs"},
		{"no gazetteer", func(c *Config, _ *Services) { c.Regions = nil }, "Config.Regions"},
		{"no agencies", func(_ *Config, s *Services) { s.Agencies = nil }, "Services.Agencies"},
		{"no auth", func(_ *Config, s *Services) { s.Auth = nil }, "Services.Auth"},
		{"no audit", func(_ *Config, s *Services) { s.Audit = nil }, "Services.Audit"},
		{"no network", func(_ *Config, s *Services) { s.Network = nil }, "Services.Network"},
		{"no ping", func(_ *Config, s *Services) { s.Ping = nil }, "Services.Ping"},
		{"complete, with defaults for logger, clock and registry", func(*Config, *Services) {}, ""},
	}
	for _, tt := range tests {
		cfg, svc := full, f.svc
		tt.cfg(&cfg, &svc)
		_, err := New(cfg, svc)
		switch {
		case tt.wantIn == "" && err != nil:
			t.Errorf("%s: New: %v", tt.name, err)
		case tt.wantIn != "" && (err == nil || !strings.Contains(err.Error(), tt.wantIn)):
			t.Errorf("%s: New error = %v, want one naming %s", tt.name, err, tt.wantIn)
		}
	}
	// The same registry cannot take the metrics twice.
	if _, err := New(Config{Catalogs: cats, Regions: g, Metrics: f.reg}, f.svc); err == nil {
		t.Error("New with a registry that already holds the HTTP metrics: no error")
	}
}

func TestParsePagesRejectsBrokenTemplates(t *testing.T) {
	t.Parallel()
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	layout := `{{define "layout"}}<html>{{template "content" .}}</html>{{end}}`
	tests := []struct {
		name, page string
		ok         bool
	}{
		{"good", `{{define "content"}}<p>{{t "app.name"}}</p>{{end}}`, true},
		{"syntax error", `{{define "content"}}<p>{{if}}</p>{{end}}`, false},
		{"unknown function", `{{define "content"}}{{nosuch .}}{{end}}`, false},
		{"escaping error", `{{define "content"}}{{if .}}<a href="{{else}}<b>{{end}}{{end}}`, false},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{
			"templates/layout.html":          {Data: []byte(layout)},
			"templates/partials/none.html":   {Data: []byte(``)},
			"templates/pages/something.html": {Data: []byte(tt.page)},
		}
		_, err := parsePages(fs.FS(fsys), (&Server{assets: &assets{}}).staticFuncs(), cats.Translator(i18n.ID))
		if (err == nil) != tt.ok {
			t.Errorf("%s: parsePages error = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestStatusOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want int
	}{
		{sinergi.ErrNotFound, http.StatusNotFound},
		{fmt.Errorf("wrapped: %w", sinergi.Errorf(sinergi.KindInvalid, "agency.error.name_required")), http.StatusBadRequest},
		{sinergi.Errorf(sinergi.KindForbidden, "error.forbidden"), http.StatusForbidden},
		{sinergi.ErrConflict, http.StatusConflict},
		{sinergi.ErrUnavailable, http.StatusServiceUnavailable},
		{sinergi.Errorf(sinergi.KindUnavailable, "login.error.rate_limited", 15), http.StatusTooManyRequests},
		{sinergi.ErrInternal, http.StatusInternalServerError},
		{errors.New("disk full"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		if got := statusOf(tt.err); got != tt.want {
			t.Errorf("statusOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestNav(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		user, path, current string
		hasUsers, hasAudit  bool
	}{
		{"admin", "/instansi/3", "/sinergi", true, true},
		{"kepala", "/audit", "/audit", false, true},
		{"analis", "/sinergi/pesan/2", "/sinergi", false, false},
		{"staf", "/profil", "/profil", false, false},
	}
	for _, tt := range tests {
		var current []string
		var users, audit bool
		for _, item := range navFor(f.user[tt.user], tt.path) {
			if item.Current {
				current = append(current, item.Href)
			}
			users = users || item.Href == "/pengguna"
			audit = audit || item.Href == "/audit"
		}
		if len(current) != 1 || current[0] != tt.current {
			t.Errorf("navFor(%s, %s): current %v, want [%s]", tt.user, tt.path, current, tt.current)
		}
		if users != tt.hasUsers || audit != tt.hasAudit {
			t.Errorf("navFor(%s): users=%v audit=%v, want %v %v", tt.user, users, audit, tt.hasUsers, tt.hasAudit)
		}
	}
}
