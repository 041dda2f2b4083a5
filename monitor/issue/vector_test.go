package issue

import (
	"math"
	"slices"
	"testing"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
)

func analysisOf(title, text []query.AnalyzedTerm) *archive.Analysis {
	return &archive.Analysis{Title: title, Text: text}
}

func vec(fs ...feature) vector { return vector(fs) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestDotCosine(t *testing.T) {
	tests := []struct {
		name      string
		a, b      vector
		dot, cosv float64
	}{
		{"empty", nil, vec(feature{1, 1}), 0, 0},
		{"disjoint", vec(feature{1, 1}, feature{3, 2}), vec(feature{2, 1}, feature{4, 5}), 0, 0},
		{"same", vec(feature{1, 3}, feature{2, 4}), vec(feature{1, 3}, feature{2, 4}), 25, 1},
		{"one shared", vec(feature{1, 1}, feature{2, 1}), vec(feature{2, 1}, feature{3, 1}), 1, 0.5},
		{"scaled", vec(feature{5, 1}, feature{9, 2}), vec(feature{5, 2}, feature{9, 4}), 10, 1},
		{"orthogonal parts", vec(feature{1, 3}, feature{2, 4}), vec(feature{1, 4}, feature{7, 3}), 12, 12.0 / 25},
	}
	for _, tt := range tests {
		if got := dot(tt.a, tt.b); !near(got, tt.dot) {
			t.Errorf("%s: dot(%v, %v) = %v, want %v", tt.name, tt.a, tt.b, got, tt.dot)
		}
		if got := dot(tt.b, tt.a); !near(got, tt.dot) {
			t.Errorf("%s: dot is not symmetric: %v", tt.name, got)
		}
		if got := cosine(tt.a, tt.b); !near(got, tt.cosv) {
			t.Errorf("%s: cosine(%v, %v) = %v, want %v", tt.name, tt.a, tt.b, got, tt.cosv)
		}
	}
}

func TestAddTop(t *testing.T) {
	v := vec(feature{1, 1}, feature{4, 2}, feature{9, 3})
	u := vec(feature{2, 5}, feature{4, 1}, feature{10, 0.5})
	got := add(nil, v, u)
	want := vec(feature{1, 1}, feature{2, 5}, feature{4, 3}, feature{9, 3}, feature{10, 0.5})
	if !slices.Equal(got, want) {
		t.Fatalf("add(%v, %v) = %v, want %v", v, u, got, want)
	}
	tests := []struct {
		k    int
		want vector
	}{
		{10, want},
		// 2 (5) then 4 and 9 tie at 3: the smaller hash wins.
		{2, vec(feature{2, 5}, feature{4, 3})},
		{3, vec(feature{2, 5}, feature{4, 3}, feature{9, 3})},
	}
	for _, tt := range tests {
		if got := top(slices.Clone(want), tt.k); !slices.Equal(got, tt.want) {
			t.Errorf("top(%v, %d) = %v, want %v", want, tt.k, got, tt.want)
		}
	}
	hs, _ := heaviest(want, 2, nil)
	if !slices.Equal(hs, []uint64{2, 4}) {
		t.Errorf("heaviest(%v, 2) = %v, want [2 4]", want, hs)
	}
}

func TestDocFreq(t *testing.T) {
	d := newDocFreq(1<<8, 100)
	a, b := counted{h: hash(kindRoot, "banjir")}, counted{h: hash(kindRoot, "jambi")}
	if got := d.idf(a.h); !near(got, 1) {
		t.Errorf("idf of an empty table = %v, want 1", got)
	}
	for i := range 100 {
		cs := []counted{a}
		if i%10 == 0 {
			cs = append(cs, b)
		}
		d.count(cs)
	}
	// After 100 items with half-life 100, N and df decay alike, so their
	// ratio stays: "banjir" in every item, "jambi" in one in ten.
	if got := d.idf(a.h); math.Abs(got-1) > 0.01 {
		t.Errorf("idf(banjir), in every item = %v, want ≈ 1", got)
	}
	ga, gb := d.idf(a.h), d.idf(b.h)
	if !(gb > ga+1.5) {
		t.Errorf("idf(jambi) = %v, idf(banjir) = %v: the rarer word should weigh more", gb, ga)
	}
	// Decay: after HalfLife items without "jambi", its count halves.
	df := func(h uint64) float64 {
		x, y := d.slots(h)
		return float64(min(d.rows[0][x], d.rows[1][y])) / d.weight
	}
	before := df(b.h)
	for range 100 {
		d.count([]counted{a})
	}
	if got := df(b.h); math.Abs(got-before/2) > 0.01*before {
		t.Errorf("df(jambi) after a half-life = %v, want %v", got, before/2)
	}
	// Rescaling keeps what the table says.
	d2 := newDocFreq(1<<8, 0.5) // the weight doubles per item: rescales every 60
	for range 200 {
		d2.count([]counted{a, b})
	}
	if got := d2.idf(a.h); !near(got, d2.idf(b.h)) || got < 0.99 || got > 1.4 {
		t.Errorf("idf after rescaling = %v, %v, want equal and near 1", got, d2.idf(b.h))
	}
}

func TestKeepRoot(t *testing.T) {
	stop := newStopSet()
	tests := []struct {
		folded, root string
		want         bool
	}{
		{"kebanjiran", "banjir", true},
		{"yang", "yang", false},
		{"adalah", "adalah", false},
		{"katanya", "kata", false},
		{"adalah", "adal", false}, // the surface form is a stop word
		{"ri", "ri", false},       // under three bytes
		{"2025", "2025", false},   // no letter
		{"covid19", "covid19", true},
		{"pemerintah", "perintah", true},
	}
	for _, tt := range tests {
		term := query.AnalyzedTerm{Folded: tt.folded, Root: tt.root}
		if got := stop.keepRoot(term, hash(kindRoot, tt.root)); got != tt.want {
			t.Errorf("keepRoot(%q → %q) = %v, want %v", tt.folded, tt.root, got, tt.want)
		}
	}
}

func TestEntityKey(t *testing.T) {
	tests := []struct{ in, key, typ string }{
		{"PER:Joko Widodo", "joko widodo", "PER"},
		{"ORG:KPK", "kpk", "ORG"},
		{"PER:  Joko   WIDODO ", "joko widodo", "PER"},
		{"Bandung", "bandung", ""},
	}
	for _, tt := range tests {
		if k, typ := entityKey(tt.in); k != tt.key || typ != tt.typ {
			t.Errorf("entityKey(%q) = %q, %q, want %q, %q", tt.in, k, typ, tt.key, tt.typ)
		}
	}
}

func TestWeigh(t *testing.T) {
	d := newDocFreq(1<<10, 1000)
	stop := newStopSet()
	title := []query.AnalyzedTerm{{Folded: "banjir", Root: "banjir"}}
	text := []query.AnalyzedTerm{{Folded: "rumah", Root: "rumah"}, {Folded: "warga", Root: "warga"}, {Folded: "rumah", Root: "rumah"}}
	cs := features(nil, analysisOf(title, text), []string{"LOC:Kota Jambi", "PER:Budi"}, 3, stop)
	if len(cs) != 5 {
		t.Fatalf("features = %v, want 5 distinct", cs)
	}
	tf := map[uint64]float32{}
	for _, c := range cs {
		tf[c.h] = c.tf
	}
	for _, w := range []struct {
		h  uint64
		tf float32
	}{{hash(kindRoot, "banjir"), 3}, {hash(kindRoot, "rumah"), 2}, {hash(kindRoot, "warga"), 1}, {hash(kindEntity, "kota jambi"), 1}} {
		if tf[w.h] != w.tf {
			t.Errorf("tf of feature %x = %v, want %v", w.h, tf[w.h], w.tf)
		}
	}
	d.count(cs)
	v := weigh(cs, d, 2, 32)
	if !near(v.norm(), 1) {
		t.Errorf("weigh: norm %v, want 1", v.norm())
	}
	w := map[uint64]float32{}
	for _, f := range v {
		w[f.h] = f.w
	}
	// Equal IDF (one item): weights are 1+ln tf for roots, 2 for entities.
	ratio := func(a, b uint64) float64 { return float64(w[a] / w[b]) }
	if got, want := ratio(hash(kindRoot, "banjir"), hash(kindRoot, "warga")), 1+math.Log(3); !near(got, want) {
		t.Errorf("weight banjir/warga = %v, want %v", got, want)
	}
	if got := ratio(hash(kindEntity, "budi"), hash(kindRoot, "warga")); !near(got, 2) {
		t.Errorf("weight entity/word = %v, want 2", got)
	}
	if v := weigh(cs, d, 2, 2); len(v) != 2 || !near(v.norm(), 1) {
		t.Errorf("weigh(k=2) = %v, want 2 features of norm 1", v)
	}
}

// TestSpelledOutWord: a word the analysis wrote out as several terms
// counts as one word shared among them; other words count whole.
func TestSpelledOutWord(t *testing.T) {
	title := []query.AnalyzedTerm{
		{Folded: "bpbd", Root: "badan", Start: 0, End: 4},
		{Folded: "bpbd", Root: "tanggulang", Start: 0, End: 4, Pos: 1},
		{Folded: "bpbd", Root: "bencana", Start: 0, End: 4, Pos: 2},
		{Folded: "bpbd", Root: "daerah", Start: 0, End: 4, Pos: 3},
		{Folded: "mencatat", Root: "catat", Start: 5, End: 13, Pos: 4},
		{Folded: "bencana", Root: "bencana", Start: 14, End: 21, Pos: 5},
	}
	want := map[string]float32{"badan": 0.5, "tanggulang": 0.5, "bencana": 2.5, "daerah": 0.5, "catat": 2}
	got := features(nil, analysisOf(title, nil), nil, 2, newStopSet())
	if len(got) != len(want) {
		t.Fatalf("features gave %d, want %d: %v", len(got), len(want), got)
	}
	for _, c := range got {
		var root string
		for r := range want {
			if hash(kindRoot, r) == c.h {
				root = r
			}
		}
		if root == "" || c.tf != want[root] {
			t.Errorf("feature %x (%q) counts %v, want %v", c.h, root, c.tf, want[root])
		}
	}
	// Part of a word weighs its share of a whole word's weight (not
	// 1 + ln tf, which is below zero under a third).
	v := weigh([]counted{{h: 1, tf: 0.25}, {h: 2, tf: 1}}, newDocFreq(16, 0), 1, 10)
	if len(v) != 2 || !near(float64(v[0].w/v[1].w), 0.25) {
		t.Errorf("weigh of a quarter word and a word = %v, want weights 1 : 4", v)
	}
}
