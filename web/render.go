package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/region"
)

// templateFS holds the layout, the partials every page may use and one
// file per page.
//
//go:embed templates
var templateFS embed.FS

// parsePages parses, for each file in templates/pages, the layout, the
// partials and that page into one template set, named after the page file
// without ".html". The request functions (t, dateTime, ...) are bound to tr
// at parse time and rebound per request on a clone. Each set is executed
// once with no data, which makes html/template check its escaping now
// rather than on the first request: a broken template stops start-up.
func parsePages(fsys fs.FS, static template.FuncMap, tr *i18n.Translator) (map[string]*template.Template, error) {
	funcs := maps.Clone(static)
	maps.Copy(funcs, requestFuncs(tr, region.WIB.Location(), string(region.WIB), time.Now))
	files, err := fs.Glob(fsys, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list templates: %w", err)
	}
	pages := make(map[string]*template.Template, len(files))
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys,
			"templates/layout.html", "templates/partials/*.html", file)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		if err := checkEscaping(t); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		pages[name] = t
	}
	if len(pages) == 0 {
		return nil, errors.New("web: no page templates")
	}
	return pages, nil
}

// checkEscaping executes a clone of t with no data. Execution errors are
// expected (there is no data); an escaping error is a broken template.
func checkEscaping(t *template.Template) error {
	c, err := t.Clone()
	if err != nil {
		return err
	}
	var escErr *template.Error
	if err := c.ExecuteTemplate(io.Discard, "layout", nil); errors.As(err, &escErr) {
		return err
	}
	return nil
}

// requestFuncs are the template functions bound to one request's language
// and time zone.
func requestFuncs(tr *i18n.Translator, loc *time.Location, zone string, now func() time.Time) template.FuncMap {
	return template.FuncMap{
		"t": tr.T,
		"date": func(t time.Time) string {
			return tr.Date(t, loc, zone)
		},
		"dateTime": func(t time.Time) string {
			return tr.DateTime(t, loc, zone)
		},
		"shortDateTime": func(t time.Time) string {
			return tr.ShortDateTime(t, loc, zone)
		},
		"relTime": func(t time.Time) string {
			return tr.RelativeTime(t.In(loc), now())
		},
		"number": func(n int) string {
			return tr.Number(int64(n))
		},
		"summary": func(e *audit.Entry) string {
			return summaryText(tr, e)
		},
	}
}

// staticFuncs are the template functions that do not depend on the
// request.
func (s *Server) staticFuncs() template.FuncMap {
	return template.FuncMap{
		"asset":             s.assets.path,
		"roleKey":           roleKey,
		"kindKey":           kindKey,
		"classKey":          classKey,
		"regionLevelKey":    regionLevelKey,
		"zoneKey":           zoneKey,
		"sentimentKey":      sentimentKey,
		"actionKey":         actionKey,
		"invalid":           invalid,
		"describedBy":       describedBy,
		"targetKey":         targetKey,
		"deliveryReasonKey": deliveryReasonKey,
		"lower":             strings.ToLower,
		"shortHash":         shortHash,
		"indent": func(depth int) string {
			return strings.Repeat("— ", depth)
		},
	}
}

// invalid returns the attributes that mark a form field invalid and point
// it at the form's error message, when the form's error concerns field.
func invalid(form formState, field string) template.HTMLAttr {
	return describedBy(form, field, "")
}

// describedBy returns the aria-describedby attribute of a form field with
// a hint (the ID of the hint's element, a constant of the template), adding
// the form's error message and aria-invalid when the error concerns field.
func describedBy(form formState, field, hintID string) template.HTMLAttr {
	ids := []string{}
	if hintID != "" {
		ids = append(ids, template.HTMLEscapeString(hintID))
	}
	attr := ""
	if form.Error != "" && form.Field == field {
		ids = append(ids, "form-error")
		attr = `aria-invalid="true" `
	}
	if len(ids) == 0 {
		return ""
	}
	return template.HTMLAttr(attr + `aria-describedby="` + strings.Join(ids, " ") + `"`)
}

// shortHash returns the first 12 hex digits of an audit hash, enough to
// compare entries by eye.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// render executes a page into a buffer and writes it with status, so a
// failing template never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	rc := requestOf(r)
	t, ok := s.pages[name]
	if !ok {
		s.renderPanic(w, r, name, fmt.Errorf("%w: %q", errNoPage, name))
		return
	}
	c, err := t.Clone()
	if err != nil {
		s.renderPanic(w, r, name, fmt.Errorf("web: clone template %s: %w", name, err))
		return
	}
	c.Funcs(requestFuncs(rc.tr, rc.loc, rc.zone, s.clock.Now))
	var buf bytes.Buffer
	if err := c.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.renderPanic(w, r, name, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages show what one person may see; no cache may keep them.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// renderPanic answers a page that could not be rendered: with the error
// page, or with plain text if the error page itself failed.
func (s *Server) renderPanic(w http.ResponseWriter, r *http.Request, name string, err error) {
	if name != "error" {
		s.renderError(w, r, http.StatusInternalServerError, err)
		return
	}
	requestOf(r).log.Error("render error page", "err", err)
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}
