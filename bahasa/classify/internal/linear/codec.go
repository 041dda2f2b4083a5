package linear

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The file is gzip over a little-endian body:
//
//	magic "SNGLIN1\n", bits u8, salt u64, K u16, K × (len u16, name),
//	rows u32, rows × uvarint bucket delta, rows × f32 idf,
//	K × f32 scale, rows × K × i16 weight (weight = q × scale of its class),
//	K × f32 bias.
//
// Weights are quantised to 16 bits per class, which keeps the langid file
// small at no measurable cost in accuracy. Nothing depends on map order or
// time, so the same model always encodes to the same bytes.
const magic = "SNGLIN1\n"

// fitted is a model as Fit builds it, before encoding: idf per bucket
// (0 for unseen) and weights at bucket*K + class.
type fitted struct {
	classes []string
	bits    uint8
	salt    uint64
	idf     []float32
	w       []float32
	bias    []float32
}

// marshal encodes m, gzip-compressed, deterministically.
func (m *fitted) marshal() ([]byte, error) {
	K := len(m.classes)
	var body bytes.Buffer
	body.WriteString(magic)
	le := binary.LittleEndian
	body.WriteByte(m.bits)
	body.Write(le.AppendUint64(nil, m.salt))
	body.Write(le.AppendUint16(nil, uint16(K)))
	for _, c := range m.classes {
		body.Write(le.AppendUint16(nil, uint16(len(c))))
		body.WriteString(c)
	}
	var rows []uint32
	for b, idf := range m.idf {
		if idf != 0 {
			rows = append(rows, uint32(b))
		}
	}
	body.Write(le.AppendUint32(nil, uint32(len(rows))))
	prev := uint32(0)
	for _, b := range rows {
		body.Write(binary.AppendUvarint(nil, uint64(b-prev)))
		prev = b
	}
	for _, b := range rows {
		body.Write(le.AppendUint32(nil, math.Float32bits(m.idf[b])))
	}
	scale := m.scales(rows)
	for _, s := range scale {
		body.Write(le.AppendUint32(nil, math.Float32bits(s)))
	}
	buf := make([]byte, 0, 2*K)
	for _, b := range rows {
		buf = buf[:0]
		for k := range K {
			q := math.Round(float64(m.w[int(b)*K+k]) / float64(scale[k]))
			buf = le.AppendUint16(buf, uint16(int16(q)))
		}
		body.Write(buf)
	}
	for _, v := range m.bias {
		body.Write(le.AppendUint32(nil, math.Float32bits(v)))
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// scales returns, per class, the step of the 16-bit quantisation.
func (m *fitted) scales(rows []uint32) []float32 {
	K := len(m.classes)
	s := make([]float32, K)
	for _, b := range rows {
		for k := range K {
			s[k] = max(s[k], float32(math.Abs(float64(m.w[int(b)*K+k]))))
		}
	}
	for k := range s {
		if s[k] == 0 {
			s[k] = 1
		}
		s[k] /= 32767
	}
	return s
}

// Unmarshal decodes a model written by Marshal.
func Unmarshal(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("linear: open model: %w", err)
	}
	m, err := decode(bufio.NewReader(zr))
	if err != nil {
		return nil, fmt.Errorf("linear: decode model: %w", err)
	}
	return m, nil
}

func decode(r *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, errors.New("not a linear model file")
	}
	le := binary.LittleEndian
	read := func(n int) ([]byte, error) {
		b := make([]byte, n)
		_, err := io.ReadFull(r, b)
		return b, err
	}
	h, err := read(1 + 8 + 2)
	if err != nil {
		return nil, err
	}
	m := &Model{Bits: h[0], Salt: le.Uint64(h[1:9])}
	for c := 1; c < len(m.tf); c++ {
		m.tf[c] = 1 + math.Log(float64(c))
	}
	if m.Bits < 8 || m.Bits > 26 {
		return nil, fmt.Errorf("bad bucket bits %d", m.Bits)
	}
	K := int(le.Uint16(h[9:11]))
	for range K {
		l, err := read(2)
		if err != nil {
			return nil, err
		}
		name, err := read(int(le.Uint16(l)))
		if err != nil {
			return nil, err
		}
		m.Classes = append(m.Classes, string(name))
	}
	nb, err := read(4)
	if err != nil {
		return nil, err
	}
	n := int(le.Uint32(nb))
	size := 1 << m.Bits
	if n > size || K == 0 {
		return nil, fmt.Errorf("bad shape: %d rows, %d classes", n, K)
	}
	rows := make([]uint32, n)
	prev := uint64(0)
	for i := range rows {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		prev += d
		if prev >= uint64(size) {
			return nil, fmt.Errorf("bucket %d out of range", prev)
		}
		rows[i] = uint32(prev)
	}
	stride := K + 1
	m.rows = make([]float32, size*stride)
	b, err := read(4 * n)
	if err != nil {
		return nil, err
	}
	for i, row := range rows {
		m.rows[int(row)*stride] = math.Float32frombits(le.Uint32(b[4*i:]))
	}
	sb, err := read(4 * K)
	if err != nil {
		return nil, err
	}
	scale := make([]float32, K)
	for k := range scale {
		scale[k] = math.Float32frombits(le.Uint32(sb[4*k:]))
	}
	wb, err := read(2 * K * n)
	if err != nil {
		return nil, err
	}
	for i, row := range rows {
		for k := range K {
			q := int16(le.Uint16(wb[2*(i*K+k):]))
			m.rows[int(row)*stride+1+k] = float32(q) * scale[k]
		}
	}
	bb, err := read(4 * K)
	if err != nil {
		return nil, err
	}
	m.bias = make([]float32, K)
	for k := range m.bias {
		m.bias[k] = math.Float32frombits(le.Uint32(bb[4*k:]))
	}
	return m, nil
}
