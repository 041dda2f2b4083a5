package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// magic begins every encoded model.
const magic = "sinergi-ner 3\n"

// WriteTo writes the model gzip-compressed: a header, the labels, the
// place names, the transitions and the features in key order, each with a
// bit mask of its non-zero weights and those weights as float32. The same
// model always gives the same bytes (the gzip header carries no time or
// name).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	e := encoder{w: bw}
	e.bytes([]byte(magic))
	e.str(m.name)
	e.bool(m.cased)
	e.bool(m.joinWords)
	e.strs(m.labels)
	e.strs(m.gazetteer())
	e.floats(m.trans)
	e.strs(tableList(m.casing))
	e.strs(tableList(m.clusters))
	keys := make([]string, 0, len(m.feats))
	for k := range m.feats {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	L := len(m.labels)
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		row := m.w[int(m.feats[k])*L : int(m.feats[k])*L+L]
		e.str(k)
		var mask uint64
		for l, v := range row {
			if v != 0 {
				mask |= 1 << l
			}
		}
		e.uvarint(mask)
		for _, v := range row {
			if v != 0 {
				e.float(v)
			}
		}
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err == nil {
		e.err = zw.Close()
	}
	return cw.n, e.err
}

// Read decodes a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: read model: %w", err)
	}
	d := decoder{r: bufio.NewReader(zr)}
	if string(d.bytes(len(magic))) != magic {
		return nil, errors.New("ner: read model: not a model")
	}
	m := &Model{}
	m.name = d.str()
	m.cased = d.bool()
	m.joinWords = d.bool()
	labels := d.strs()
	L := len(labels)
	if d.err == nil && (L == 0 || L > 64 || labels[0] != "O") {
		return nil, fmt.Errorf("ner: read model: bad labels %q", labels)
	}
	m.setLabels(labels)
	m.setGazetteer(d.strs())
	m.trans = d.floats((L + 1) * L)
	m.casing = tableOf(d.strs())
	m.clusters = tableOf(d.strs())
	n := d.count()
	m.feats = make(map[string]int32, n)
	m.w = make([]float32, n*L)
	for i := range n {
		m.feats[d.str()] = int32(i)
		mask := d.uvarint()
		for l := range L {
			if mask&(1<<l) != 0 {
				m.w[i*L+l] = d.float()
			}
		}
		if d.err != nil {
			break
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("ner: read model: %w", d.err)
	}
	m.prepare()
	return m, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// encoder writes values, keeping the first error.
type encoder struct {
	w   *bufio.Writer
	err error
	b   [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}
func (e *encoder) uvarint(v uint64) { e.bytes(binary.AppendUvarint(e.b[:0], v)) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.bytes([]byte(s)) }
func (e *encoder) float(v float32) {
	e.bytes(binary.LittleEndian.AppendUint32(e.b[:0], math.Float32bits(v)))
}
func (e *encoder) bool(b bool) {
	if b {
		e.uvarint(1)
	} else {
		e.uvarint(0)
	}
}
func (e *encoder) strs(v []string) {
	e.uvarint(uint64(len(v)))
	for _, s := range v {
		e.str(s)
	}
}
func (e *encoder) floats(v []float32) {
	for _, f := range v {
		e.float(f)
	}
}

// decoder reads values, keeping the first error; after one it returns
// zero values.
type decoder struct {
	r   *bufio.Reader
	err error
}

// maxCount bounds counts and lengths, so that corrupt input cannot ask for
// a huge allocation.
const maxCount = 1 << 24

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	p := make([]byte, n)
	_, d.err = io.ReadFull(d.r, p)
	return p
}
func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	d.err = err
	return v
}
func (d *decoder) count() int {
	v := d.uvarint()
	if v > maxCount && d.err == nil {
		d.err = fmt.Errorf("count %d too large", v)
	}
	if d.err != nil {
		return 0
	}
	return int(v)
}
func (d *decoder) str() string { return string(d.bytes(d.count())) }
func (d *decoder) bool() bool  { return d.uvarint() != 0 }
func (d *decoder) float() float32 {
	p := d.bytes(4)
	if d.err != nil {
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(p))
}
func (d *decoder) strs() []string {
	n := d.count()
	out := make([]string, 0, min(n, 1024))
	for range n {
		out = append(out, d.str())
		if d.err != nil {
			return nil
		}
	}
	return out
}
func (d *decoder) floats(n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = d.float()
	}
	return out
}

// tableList returns a word table (casing, clusters) as sorted
// "word<TAB>value" entries.
func tableList(t map[string]string) []string {
	out := make([]string, 0, len(t))
	for w, c := range t {
		out = append(out, w+"\t"+c)
	}
	slices.Sort(out)
	return out
}

// tableOf returns the word table of "word<TAB>value" entries.
func tableOf(entries []string) map[string]string {
	t := make(map[string]string, len(entries))
	for _, e := range entries {
		w, c, _ := strings.Cut(e, "\t")
		t[w] = c
	}
	return t
}
