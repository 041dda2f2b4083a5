package archive

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/sinergi-id/sinergi/query"
)

// Analysis is the analysed words of an item's title and text, kept with the
// item: search verifies candidates and builds snippets from it without
// analysing the text again.
type Analysis struct {
	Title, Text []query.AnalyzedTerm
}

// Prepared returns the item ready for the query matcher.
func (a *Analysis) Prepared(it *Item) *query.Prepared {
	return query.PrepareTerms(it.Document(), a.Title, a.Text)
}

// analysisVersion is the first byte of an encoded Analysis.
const analysisVersion = 1

// MarshalBinary encodes the analysis compactly: a dictionary of the
// distinct strings, then per term the position step, the start step, the
// length and the dictionary indexes of its folded form and root.
func (a *Analysis) MarshalBinary() ([]byte, error) {
	index := map[string]uint64{}
	var dict []string
	id := func(s string) uint64 {
		i, ok := index[s]
		if !ok {
			i = uint64(len(dict))
			index[s] = i
			dict = append(dict, s)
		}
		return i
	}
	var body []byte
	for _, terms := range [][]query.AnalyzedTerm{a.Title, a.Text} {
		body = binary.AppendUvarint(body, uint64(len(terms)))
		prevPos, prevStart := -1, 0
		for _, t := range terms {
			if t.Pos <= prevPos || t.Start < 0 || t.End < t.Start {
				return nil, fmt.Errorf("archive: encode analysis: term %q at %d out of order", t.Folded, t.Pos)
			}
			body = binary.AppendUvarint(body, uint64(t.Pos-prevPos))
			body = binary.AppendVarint(body, int64(t.Start-prevStart))
			body = binary.AppendUvarint(body, uint64(t.End-t.Start))
			body = binary.AppendUvarint(body, id(t.Folded))
			body = binary.AppendUvarint(body, id(t.Root))
			prevPos, prevStart = t.Pos, t.Start
		}
	}
	out := []byte{analysisVersion}
	out = binary.AppendUvarint(out, uint64(len(dict)))
	for _, s := range dict {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, body...), nil
}

var errCorrupt = errors.New("archive: corrupt analysis")

// UnmarshalBinary decodes what MarshalBinary wrote. Corrupt input gives an
// error, never a panic or a huge allocation.
func (a *Analysis) UnmarshalBinary(b []byte) error {
	if len(b) == 0 || b[0] != analysisVersion {
		return errCorrupt
	}
	d := decoder{b: b[1:]}
	n := d.count(1)
	dict := make([]string, 0, n)
	for range n {
		l := d.count(1)
		if d.err != nil {
			break
		}
		dict = append(dict, string(d.b[:l]))
		d.b = d.b[l:]
	}
	str := func() string {
		i := d.uvarint()
		if i >= uint64(len(dict)) {
			d.err = errCorrupt
			return ""
		}
		return dict[i]
	}
	for _, field := range []*[]query.AnalyzedTerm{&a.Title, &a.Text} {
		n := d.count(5) // a term takes at least five bytes
		terms := make([]query.AnalyzedTerm, 0, n)
		pos, start := -1, 0
		for range n {
			step, shift, length := d.uvarint(), d.varint(), d.uvarint()
			if step == 0 || step > maxStep || shift < -maxStep || shift > maxStep || length > maxStep {
				d.fail()
				break
			}
			pos += int(step)
			start += int(shift)
			end := start + int(length)
			t := query.AnalyzedTerm{Pos: pos, Start: start, End: end, Folded: str(), Root: str()}
			if d.err != nil {
				break
			}
			if start < 0 || end < start || pos > maxStep {
				d.err = errCorrupt
				break
			}
			terms = append(terms, t)
		}
		*field = terms
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errCorrupt
	}
	return d.err
}

// maxStep bounds every number of an encoding (positions, offsets, lengths):
// no text the archive accepts comes near it, and sums of a few of them stay
// far from overflowing an int.
const maxStep = 1 << 30

// decoder reads varints, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count of things that take at least size bytes each and
// checks that the rest of the input can hold them.
func (d *decoder) count(size int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.b)/size) {
		d.err = errCorrupt
		return 0
	}
	return int(v)
}

// MaxToken is the longest index token, in bytes; longer ones are cut. A
// cut token still finds the word by its beginning, so search treats query
// words this long as prefixes and verifies the candidates.
const MaxToken = 240

// Token is how the full-text indexes of both engines store a word: letters
// a–z and digits as they are, every other character as _hex_. The form is
// one token for SQLite's unicode61 tokenizer (with '_' a token character)
// and for PostgreSQL's tsvector, it is injective, and it keeps prefixes:
// Token(p) is a prefix of Token(w) exactly when p is a prefix of w.
func Token(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if !plain(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r < 0x80 && plain(byte(r)) {
			b.WriteByte(byte(r))
			continue
		}
		fmt.Fprintf(&b, "_%x_", r)
	}
	return b.String()
}

func plain(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// cut shortens an index token to MaxToken bytes.
func cut(tok string) string {
	if len(tok) > MaxToken {
		return tok[:MaxToken]
	}
	return tok
}

// IndexText is what the full-text index holds of an item: the tokens of
// the roots and of the folded forms, of the title and of the text, each in
// position order, token i at position i (a gap in the positions is filled
// with Gap, which no word's token equals).
type IndexText struct {
	TitleRoots, TextRoots, TitleFolded, TextFolded []string
}

// Index returns the index tokens of the analysis.
func (a *Analysis) Index() IndexText {
	var ix IndexText
	ix.TitleRoots, ix.TitleFolded = tokens(a.Title)
	ix.TextRoots, ix.TextFolded = tokens(a.Text)
	return ix
}

// Gap stands for a position without a term.
const Gap = "_"

func tokens(terms []query.AnalyzedTerm) (roots, folded []string) {
	roots = make([]string, 0, len(terms))
	folded = make([]string, 0, len(terms))
	for _, t := range terms {
		for len(roots) < t.Pos {
			roots, folded = append(roots, Gap), append(folded, Gap)
		}
		roots, folded = append(roots, cut(Token(t.Root))), append(folded, cut(Token(t.Folded)))
	}
	return roots, folded
}
