package claimreview

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sinergi-id/sinergi"
)

// FromHTML returns the contents of the page's <script
// type="application/ld+json"> blocks, in page order, for Parse. A page
// longer than limit bytes is refused rather than cut, so that no block is
// read half.
func FromHTML(r io.Reader, limit int64) ([][]byte, error) {
	page, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("claimreview: read page: %w", err)
	}
	if int64(len(page)) > limit {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.too_large", limit)
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	var blocks [][]byte
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return blocks, nil
			}
			return nil, fmt.Errorf("claimreview: read page: %w", z.Err())
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.Script || !hasAttr || !isJSONLD(z) {
				continue
			}
			// The tokenizer gives a script's contents as one raw text
			// token.
			if z.Next() == html.TextToken {
				if b := bytes.TrimSpace(z.Text()); len(b) > 0 {
					blocks = append(blocks, bytes.Clone(b))
				}
			}
		}
	}
}

// isJSONLD reports whether the tag being read has type
// application/ld+json (any case, parameters allowed).
func isJSONLD(z *html.Tokenizer) bool {
	for {
		k, v, more := z.TagAttr()
		if strings.EqualFold(string(k), "type") {
			mt, _, err := mime.ParseMediaType(string(v))
			return err == nil && mt == "application/ld+json"
		}
		if !more {
			return false
		}
	}
}
