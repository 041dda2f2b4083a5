package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
)

type fixtureArticle struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	SourceURL string `json:"source_url"`
	Text      string `json:"text"`
}

// loadFixture reads testdata/indosum-40.jsonl: 40 IndoSum articles, 29 of
// three news days and 11 on the e-KTP case (hard negatives for each other).
func loadFixture(t testing.TB) []fixtureArticle {
	t.Helper()
	f, err := os.Open("testdata/indosum-40.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixtureArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a fixtureArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// edits are the ways a regional outlet republishes a story.
var edits = []struct {
	name string
	edit func(text string, r *rand.Rand) string
}{
	{"dateline and credit changed", func(s string, _ *rand.Rand) string {
		paras := strings.Split(s, "\n\n")
		first := paras[0]
		if i := strings.Index(first, " - "); i >= 0 && i < 80 {
			first = first[i+3:]
		}
		paras[0] = "SEMARANG , suaramerdeka.com - " + first
		return strings.Join(paras, "\n\n") + "\n\n( ant / red )"
	}},
	{"lead sentence dropped", func(s string, _ *rand.Rand) string {
		if i := strings.Index(s, " . "); i >= 0 {
			return s[i+3:]
		}
		return s
	}},
	{"truncated to 75%", func(s string, _ *rand.Rand) string {
		w := strings.Fields(s)
		return strings.Join(w[:len(w)*3/4], " ")
	}},
	{"paragraphs reordered", func(s string, r *rand.Rand) string {
		paras := strings.Split(s, "\n\n")
		r.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
		return strings.Join(paras, "\n\n")
	}},
	{"six words substituted", func(s string, r *rand.Rand) string {
		w := strings.Fields(s)
		for range 6 {
			w[r.IntN(len(w))] = "mengatakan"
		}
		return strings.Join(w, " ")
	}},
	{"related link inserted", func(s string, _ *rand.Rand) string {
		paras := strings.Split(s, "\n\n")
		mid := len(paras) / 2
		return strings.Join(paras[:mid], "\n\n") + "\n\nBaca juga : Pemkot gelar rapat koordinasi jelang libur panjang\n\n" + strings.Join(paras[mid:], "\n\n")
	}},
}

func TestNearFindsEditedCopies(t *testing.T) {
	arts := loadFixture(t)
	x, err := NewIndex(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		x.Add(a.ID, a.Text)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i, a := range arts {
		e := edits[i%len(edits)]
		copied := e.edit(a.Text, r)
		m := x.Near(copied)
		if len(m) == 0 || m[0].ID != a.ID {
			t.Errorf("Near(%s of %s) = %v, want %s first", e.name, a.ID, m, a.ID)
			continue
		}
		if len(m) > 1 {
			t.Errorf("Near(%s of %s) = %v, want only %s", e.name, a.ID, m, a.ID)
		}
	}
}

func TestNearIgnoresUnrelated(t *testing.T) {
	arts := loadFixture(t)
	x, _ := NewIndex(Options{})
	for _, a := range arts[:20] {
		x.Add(a.ID, a.Text)
	}
	// The other 20 (among them e-KTP stories beside e-KTP stories, and
	// the KPK arrests in Tegal reported by two outlets) match nothing.
	for _, a := range arts[20:] {
		if m := x.Near(a.Text); len(m) > 0 {
			t.Errorf("Near(%s) = %v, want none", a.ID, m)
		}
	}
	// Each indexed article matches itself only, with similarity 1.
	for _, a := range arts[:20] {
		if m := x.Near(a.Text); len(m) != 1 || m[0].ID != a.ID || m[0].Similarity != 1 {
			t.Errorf("Near(%s itself) = %v, want itself at 1", a.ID, m)
		}
	}
}

func TestNearShortTexts(t *testing.T) {
	x, _ := NewIndex(Options{})
	x.Add("t1", "Banjir rob rendam ratusan rumah warga di pesisir Semarang, BPBD kerahkan perahu karet")
	x.Add("t2", "Gubernur Jawa Tengah tinjau banjir rob di Semarang dan janjikan tanggul baru")
	x.Add("t3", "Harga cabai rawit di Pasar Johar naik dua kali lipat menjelang Idul Adha")
	tests := []struct {
		q    string
		want string
	}{
		{"RT @humas_jateng: Banjir rob rendam ratusan rumah warga di pesisir Semarang, BPBD kerahkan perahu karet #banjir", "t1"},
		{"banjir rob rendam ratusan rumah warga di pesisir kota semarang: bpbd kerahkan perahu", "t1"},
		{"Harga cabai rawit di Pasar Johar naik 2 kali lipat jelang Idul Adha", "t3"},
		{"Banjir rob di Demak, warga mengungsi ke balai desa", ""},
	}
	for _, tt := range tests {
		m := x.Near(tt.q)
		var got string
		if len(m) > 0 {
			got = m[0].ID
		}
		if got != tt.want || len(m) > 1 {
			t.Errorf("Near(%q) = %v, want %q", tt.q, m, tt.want)
		}
	}
}

func TestNearEmptyAndPunctuation(t *testing.T) {
	x, _ := NewIndex(Options{})
	x.Add("empty", " ... !!! ")
	if x.Len() != 0 {
		t.Errorf("Add of a text without words: Len() = %d, want 0", x.Len())
	}
	if m := x.Near(""); m != nil {
		t.Errorf("Near(\"\") = %v, want nil", m)
	}
	x.Add("a", "Presiden resmikan bendungan di Kabupaten Bogor.")
	if m := x.Near("PRESIDEN  resmikan bendungan , di Kab. Bogor"); len(m) != 1 || m[0].Similarity != 1 {
		t.Errorf("Near(case and punctuation changed) = %v, want a at 1", m)
	}
}

func TestContentHash(t *testing.T) {
	a := ContentHash("Presiden Jokowi meresmikan Bendungan Ciawi, Kab. Bogor.")
	for _, s := range []string{
		"presiden  jokowi meresmikan bendungan ciawi kabupaten bogor",
		"PRESIDEN JOKOWI MERESMIKAN BENDUNGAN CIAWI , KABUPATEN BOGOR !!",
		"Presiden Jokowi\nmeresmikan Bendungan Ciawi — Kab. Bogor",
	} {
		if got := ContentHash(s); got != a {
			t.Errorf("ContentHash(%q) = %s, want %s", s, got, a)
		}
	}
	if b := ContentHash("Presiden Jokowi meresmikan Bendungan Sukamahi, Kab. Bogor."); b == a {
		t.Errorf("ContentHash of another dam = %s, the same as the first", b)
	}
	if len(a) != 64 {
		t.Errorf("ContentHash length %d, want 64 hex digits", len(a))
	}
}

// TestSignatureEstimates checks that the densified one-permutation
// signature estimates Jaccard similarity without bias, for large and small
// sets.
func TestSignatureEstimates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{20, 60, 300, 2000} {
		for _, j := range []float64{0.2, 0.5, 0.8} {
			var sumErr, sumSq float64
			const trials = 200
			for range trials {
				// |A∩B| = s, |A| = |B| = n: J = s/(2n-s).
				s := int(math.Round(2 * float64(n) * j / (1 + j)))
				a, b := make([]uint64, 0, n), make([]uint64, 0, n)
				for k := range n {
					h := mix(r.Uint64())
					a = append(a, h)
					if k < s {
						b = append(b, h)
					} else {
						b = append(b, mix(r.Uint64()))
					}
				}
				var sa, sb signature
				sketch(&sa, a, 7)
				sketch(&sb, b, 7)
				exact := float64(s) / float64(2*n-s)
				d := similarity(&sa, &sb) - exact
				sumErr += d
				sumSq += d * d
			}
			bias, rmse := sumErr/trials, math.Sqrt(sumSq/trials)
			// 128 independent MinHashes: standard error sqrt(J(1-J)/128) ≤ 0.045.
			if math.Abs(bias) > 0.015 || rmse > 0.06 {
				t.Errorf("n=%d J=%.1f: bias %.4f, rmse %.4f; want |bias| ≤ 0.015, rmse ≤ 0.06", n, j, bias, rmse)
			}
		}
	}
}

func TestBanding(t *testing.T) {
	for _, tt := range []struct {
		t           float64
		bands, rows int
	}{{0.5, 42, 3}, {0.8, 18, 7}, {0.3, 64, 2}} {
		if b, r := Banding(tt.t); b != tt.bands || r != tt.rows {
			t.Errorf("Banding(%v) = %d, %d, want %d, %d", tt.t, b, r, tt.bands, tt.rows)
		}
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{Threshold: 1.5}, {Threshold: -1}, {Shingle: 40}} {
		if _, err := NewIndex(o); err == nil {
			t.Errorf("NewIndex(%+v) = nil error, want one", o)
		}
	}
	x, _ := NewIndex(Options{})
	if o, b, r := x.Params(); o.Threshold != 0.5 || o.Shingle != 3 || b != 42 || r != 3 {
		t.Errorf("Params() = %+v, %d, %d", o, b, r)
	}
}

// TestIndexConcurrent adds and queries from several goroutines (run with
// -race).
func TestIndexConcurrent(t *testing.T) {
	arts := loadFixture(t)
	x, _ := NewIndex(Options{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(arts); i += 4 {
				x.Add(arts[i].ID, arts[i].Text)
				x.Near(arts[(i+7)%len(arts)].Text)
			}
		})
	}
	wg.Wait()
	if x.Len() != len(arts) {
		t.Errorf("Len() = %d, want %d", x.Len(), len(arts))
	}
	for _, a := range arts {
		if m := x.Near(a.Text); len(m) != 1 || m[0].ID != a.ID {
			t.Errorf("Near(%s) after concurrent adds = %v", a.ID, m)
		}
	}
}

func BenchmarkIndex(b *testing.B) {
	arts := loadFixture(b)
	var size int
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		x, _ := NewIndex(Options{})
		for _, a := range arts {
			x.Add(a.ID, a.Text)
		}
		for _, a := range arts {
			x.Near(a.Text)
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "items/s")
}

func ExampleIndex() {
	x, _ := NewIndex(Options{})
	x.Add("antara-1", "Jakarta (ANTARA) - Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan potensi hujan lebat disertai angin kencang di sebagian besar wilayah Jawa Tengah pada Selasa hingga Kamis. Warga di daerah rawan longsor diminta waspada dan mengikuti arahan petugas BPBD setempat.")
	for _, m := range x.Near("SEMARANG - Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan potensi hujan lebat disertai angin kencang di sebagian besar wilayah Jawa Tengah pada Selasa hingga Kamis. Warga di daerah rawan longsor diminta waspada dan mengikuti arahan petugas BPBD.") {
		fmt.Printf("%s %.2f\n", m.ID, m.Similarity)
	}
	// Output: antara-1 0.91
}
