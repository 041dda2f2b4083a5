package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
)

// catalogFS holds one flat JSON object per language, catalog/<lang>.json,
// mapping a dotted key such as "error.not_found" to its message.
//
//go:embed catalog/*.json
var catalogFS embed.FS

// Catalogs holds the messages of every supported language. It is built once
// at start by Load, never changes afterwards and is safe for concurrent use.
type Catalogs struct {
	messages    map[Lang]map[string]string
	translators map[Lang]*Translator
}

// Load parses the embedded catalogs, one per language in Langs. It fails
// when a file is missing or is not a flat JSON object of string messages
// with unique, non-empty keys, so a broken catalog stops start-up instead of
// showing placeholders to users.
func Load() (*Catalogs, error) {
	return load(catalogFS)
}

// load parses catalog/<lang>.json from fsys for every language in Langs.
func load(fsys fs.FS) (*Catalogs, error) {
	c := &Catalogs{
		messages:    make(map[Lang]map[string]string, len(Langs)),
		translators: make(map[Lang]*Translator, len(Langs)),
	}
	for _, l := range Langs {
		name := "catalog/" + string(l) + ".json"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: load catalog: %w", err)
		}
		m, err := parseCatalog(data)
		if err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		c.messages[l] = m
	}
	for _, l := range Langs {
		c.translators[l] = &Translator{lang: l, messages: c.messages[l], fallback: c.messages[Default]}
	}
	return c, nil
}

// parseCatalog decodes a flat JSON object of string messages. It reads the
// object token by token because encoding/json silently keeps the last of two
// equal keys, and a duplicated key in a hand-edited catalog is a mistake
// worth stopping for.
func parseCatalog(data []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil {
		return nil, err
	} else if tok != json.Delim('{') {
		return nil, errors.New("catalog is not a JSON object")
	}
	m := make(map[string]string)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // object keys are always strings
		var msg string
		if err := dec.Decode(&msg); err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		if key == "" {
			return nil, errors.New("empty key")
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("duplicate key %q", key)
		}
		m[key] = msg
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the catalog object")
	}
	return m, nil
}

// Keys returns the keys defined in l's catalog, sorted; nil when l is not
// supported.
func (c *Catalogs) Keys(l Lang) []string {
	return slices.Sorted(maps.Keys(c.messages[l]))
}

// Missing returns, sorted, the keys of the reference catalog (Default) that
// l's catalog lacks; those messages are shown in Indonesian.
func (c *Catalogs) Missing(l Lang) []string {
	return difference(c.messages[Default], c.messages[l])
}

// Extra returns, sorted, the keys of l's catalog that the reference catalog
// (Default) lacks: usually a key renamed in id.json but not in l's file.
func (c *Catalogs) Extra(l Lang) []string {
	return difference(c.messages[l], c.messages[Default])
}

// difference returns the keys of a that b lacks, sorted.
func difference(a, b map[string]string) []string {
	var keys []string
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// Translator returns the translator for l, or for Default when l is not
// supported, so a stray language value never leaves a page untranslated.
func (c *Catalogs) Translator(l Lang) *Translator {
	if tr, ok := c.translators[l]; ok {
		return tr
	}
	return c.translators[Default]
}
