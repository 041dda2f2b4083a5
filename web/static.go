package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/sinergi-id/sinergi/brief"
)

// staticFS holds the stylesheet (hand-written, no build step) and any other
// asset the pages link to.
//
//go:embed static
var staticFS embed.FS

// assets are the static files under content-hashed names
// ("app.css" → "app.3f2a9c1b7d0e.css"), so they can be cached for a year
// and a new release is fetched at once.
type assets struct {
	byHashed map[string]asset  // "app.<hash>.css" → file
	hashed   map[string]string // "app.css" → "app.<hash>.css"
}

type asset struct {
	body        []byte
	contentType string
}

// loadAssets reads and hashes every embedded static file.
func loadAssets() (*assets, error) {
	a := &assets{byHashed: make(map[string]asset), hashed: make(map[string]string)}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		a.add(strings.TrimPrefix(p, "static/"), body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: load static assets: %w", err)
	}
	// The leadership brief's own stylesheet, for its page (brief_view).
	a.add("brief.css", []byte(brief.Stylesheet()))
	return a, nil
}

// add registers a file under its content-hashed name.
func (a *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
	ct := mime.TypeByExtension(ext)
	if ct == "" {
		ct = "application/octet-stream"
	}
	a.byHashed[hashed] = asset{body: body, contentType: ct}
	a.hashed[name] = hashed
}

// path returns the URL of a static file by its plain name. An unknown name
// is a bug in a template; it gives a URL that answers 404.
func (a *assets) path(name string) string {
	if h, ok := a.hashed[name]; ok {
		return "/static/" + h
	}
	return "/static/missing/" + name
}

// handleStatic serves an asset by its hashed name, cacheable for a year.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.assets.byHashed[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(f.body)
}
