package brief

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"

	"github.com/sinergi-id/sinergi/i18n"
)

//go:embed brief.html
var briefHTML string

//go:embed brief.css
var stylesheet string

// Stylesheet is the brief's CSS: inline in the whole document, and a
// stylesheet of its own for a page that embeds the fragment.
func Stylesheet() string { return stylesheet }

// pageTemplate is the brief as HTML: a fragment (the web page puts it in
// its layout) or, with "document", a whole document with its own style
// (e-mail, `sinergi brief generate --html`). Parsed once.
var pageTemplate = template.Must(template.New("brief").Funcs(template.FuncMap{
	"barHeight": func(n, maxN int) float64 {
		if maxN == 0 {
			return 0
		}
		return 100 * float64(n) / float64(maxN)
	},
	"subFrom100": func(f float64) float64 { return 100 - f },
	"barX":       func(i int) int { return i * 10 },
	"pct":        func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"style":      func() template.CSS { return template.CSS(stylesheet) },
}).Parse(briefHTML))

// HTML renders a brief in the translator's language: the whole document
// when document is set, otherwise the fragment a page embeds. Readable on
// a phone; printable (print CSS).
func HTML(b *Brief, tr *i18n.Translator, document bool) (template.HTML, error) {
	var buf bytes.Buffer
	name := "fragment"
	if document {
		name = "document"
	}
	if err := pageTemplate.ExecuteTemplate(&buf, name, newView(b, tr)); err != nil {
		return "", fmt.Errorf("brief: render html: %w", err)
	}
	return template.HTML(buf.String()), nil
}
