package claimreview

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sinergi-id/sinergi"
)

// maxDepth bounds the nesting of the JSON read: real ClaimReview markup is
// a handful of levels deep; a deeper document is hostile or broken.
const maxDepth = 64

// node is one JSON value with the byte offset where it starts, so that a
// problem with a review can name its line.
type node struct {
	off  int64
	obj  map[string]*node // keys without a schema.org prefix
	arr  []*node
	str  string // a string, or a number's text
	kind byte   // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
}

// decode reads every top-level JSON value of data (one document, or one
// per line) into trees.
func decode(data []byte) ([]*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []*node
	for {
		n, err := decodeValue(dec, 0)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, syntaxError(data, dec.InputOffset(), err)
		}
		out = append(out, n)
	}
}

func decodeValue(dec *json.Decoder, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nested deeper than %d levels", maxDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, unexpectedEOF(err, depth)
	}
	n := &node{off: dec.InputOffset()}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			n.kind, n.obj = 'o', make(map[string]*node)
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, unexpectedEOF(err, 1)
				}
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				key := term(k.(string))
				if _, dup := n.obj[key]; !dup {
					n.obj[key] = v
				}
			}
		} else {
			n.kind = 'a'
			for dec.More() {
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.arr = append(n.arr, v)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, unexpectedEOF(err, 1)
		}
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.str = 'n', t.String()
	case bool:
		n.kind, n.str = 'b', fmt.Sprint(t)
	default:
		n.kind = 'z'
	}
	return n, nil
}

// unexpectedEOF turns the end of the input inside a value into an error:
// only between top-level values is it the end.
func unexpectedEOF(err error, depth int) error {
	if depth > 0 && errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// syntaxError names the line of a JSON syntax error.
func syntaxError(data []byte, off int64, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		off = int64(len(data))
	}
	return &LineError{Line: lineAt(data, off), Err: sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.json", err.Error())}
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// term strips the schema.org namespace from a key or type name:
// "schema:author", "http://schema.org/author" and "author" are one term.
func term(s string) string {
	for _, p := range []string{"https://schema.org/", "http://schema.org/", "schema:", "sdo:"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			return s[len(p):]
		}
	}
	return s
}

// graph indexes the objects of the documents by @id, so that a reference
// ({"@id": "#org"}) reads as the object it names, as in the @graph of
// Yoast and other CMS plug-ins.
type graph map[string]*node

func newGraph(roots []*node) graph {
	g := make(graph)
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		switch n.kind {
		case 'o':
			if id := n.obj["@id"]; id != nil && id.kind == 's' && len(n.obj) > 1 {
				if _, ok := g[id.str]; !ok {
					g[id.str] = n
				}
			}
			for _, v := range n.obj {
				walk(v, depth+1)
			}
		case 'a':
			for _, v := range n.arr {
				walk(v, depth+1)
			}
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return g
}

// resolve returns the object a bare reference names, or n itself.
func (g graph) resolve(n *node) *node {
	if n == nil || n.kind != 'o' {
		return n
	}
	if id := n.obj["@id"]; id != nil && id.kind == 's' && len(n.obj) <= 2 {
		if full, ok := g[id.str]; ok {
			return full
		}
	}
	return n
}

// get returns the first value of key in object n, references resolved.
func (g graph) get(n *node, key string) *node {
	l := g.all(n, key)
	if len(l) == 0 {
		return nil
	}
	return l[0]
}

// all returns the values of key in object n: an array's elements or the
// one value, references resolved.
func (g graph) all(n *node, key string) []*node {
	if n == nil || n.kind != 'o' {
		return nil
	}
	v := n.obj[key]
	if v == nil {
		return nil
	}
	if v.kind != 'a' {
		return []*node{g.resolve(v)}
	}
	out := make([]*node, 0, len(v.arr))
	for _, e := range v.arr {
		out = append(out, g.resolve(e))
	}
	return out
}

// text returns the text of a value: a string or number, an object's
// @value, or the first non-empty text of an array.
func text(n *node) string {
	if n == nil {
		return ""
	}
	switch n.kind {
	case 's', 'n':
		return strings.TrimSpace(n.str)
	case 'o':
		return text(n.obj["@value"])
	case 'a':
		for _, e := range n.arr {
			if s := text(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// textOf returns the text of key in object n.
func (g graph) textOf(n *node, key string) string {
	for _, v := range g.all(n, key) {
		if s := text(v); s != "" {
			return s
		}
	}
	return ""
}

// name returns what a Thing is called: its name, else its text when it is
// a bare string.
func (g graph) name(n *node) string {
	if n == nil {
		return ""
	}
	if n.kind == 'o' {
		if s := g.textOf(n, "name"); s != "" {
			return s
		}
		return g.textOf(n, "alternateName")
	}
	return text(n)
}

// types returns the @type names of an object, namespace stripped.
func types(n *node) []string {
	if n == nil || n.kind != 'o' {
		return nil
	}
	t := n.obj["@type"]
	if t == nil {
		return nil
	}
	var out []string
	for _, v := range append([]*node{t}, t.arr...) {
		if v.kind == 's' {
			out = append(out, term(v.str))
		}
	}
	return out
}

// is reports whether object n has type name.
func is(n *node, name string) bool {
	for _, t := range types(n) {
		if strings.EqualFold(t, name) {
			return true
		}
	}
	return false
}
