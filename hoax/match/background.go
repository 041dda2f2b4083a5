package match

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The background is what the monitored stream says of words: in how many
// recent items each occurs. A word common in the news of the day ("makan
// bergizi gratis", "koperasi desa merah putih") names a topic, not a
// claim, so it weighs less: a news report on the topic is not taken for a
// hoax about it, while the words only the hoax has ("gaza", "tautan") keep
// their weight. The counts cover the last two generations of
// BackgroundWindow items; weights are refreshed every backgroundRefresh
// items, so the cost per item stays a few map updates.

// BackgroundWindow is how many items one generation of the background
// counts; the background holds the last one or two.
const BackgroundWindow = 20_000

const (
	// backgroundRefresh is how many observed items pass between two
	// refreshes of the weights.
	backgroundRefresh = 500
	// backgroundMin is the fewest items the background needs to count.
	backgroundMin = 1_000
)

type background struct {
	mu        sync.Mutex
	cur, prev map[string]int32
	curDocs   int
	prevDocs  int
	since     int // items observed since the last refresh
}

func newBackground() *background {
	return &background{cur: map[string]int32{}, prev: map[string]int32{}}
}

// observe counts one item's distinct content words and reports whether
// the weights are due for a refresh.
func (b *background) observe(words []string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.curDocs == BackgroundWindow {
		b.prev, b.prevDocs = b.cur, b.curDocs
		b.cur, b.curDocs = make(map[string]int32, len(b.prev)), 0
	}
	for _, w := range words {
		b.cur[w]++
	}
	b.curDocs++
	b.since++
	if b.since < backgroundRefresh {
		return false
	}
	b.since = 0
	return true
}

// factors returns, for each word, its background factor: 1 for a word
// the stream has not shown (or before backgroundMin items), falling with
// the share of items holding it to 1/(ln(N+1)+1) for a word in every one.
func (b *background) factors(words []string) []float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]float64, len(words))
	n := b.curDocs + b.prevDocs
	full := math.Log(float64(n+1)) + 1
	for i, w := range words {
		df := int(b.cur[w] + b.prev[w])
		if n < backgroundMin || df == 0 {
			out[i] = 1
			continue
		}
		out[i] = (math.Log(float64(n+1)/float64(df+1)) + 1) / full
	}
	return out
}

// Observe counts a text of the monitored stream into the background (its
// distinct content words). The pipeline observes every item after
// matching it.
func (ix *Index) Observe(t Text) {
	f := extract(t, ix.stop)
	if !ix.bg.observe(f.words) {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.bgFactor = ix.bg.factors(ix.words)
	ix.reweigh()
}

// WriteBackground writes what the background counts, as StartBackground
// reads it: a first line "docs<TAB>N", then a line "word<TAB>items" for
// each word, sorted.
func (ix *Index) WriteBackground(w io.Writer) error {
	b := ix.bg
	b.mu.Lock()
	counts := maps.Clone(b.cur)
	for w, n := range b.prev {
		counts[w] += n
	}
	docs := b.curDocs + b.prevDocs
	b.mu.Unlock()
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "docs\t%d\n", docs)
	for _, word := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(bw, "%s\t%d\n", word, counts[word])
	}
	return bw.Flush()
}

// StartBackground gives an index whose background has counted nothing
// yet the counts read from r (WriteBackground's format) as its older
// generation: a sample of news that weighs the words of a fresh index, as
// `sinergi hoax match` and the citizen's check have on an empty archive,
// until the stream has shown BackgroundWindow items of its own.
func (ix *Index) StartBackground(r io.Reader) error {
	counts := map[string]int32{}
	docs := 0
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		word, count, ok := strings.Cut(sc.Text(), "\t")
		v, err := strconv.Atoi(count)
		if !ok || err != nil || v < 0 || v > math.MaxInt32 {
			return fmt.Errorf("match: background line %d: want word<TAB>count", n)
		}
		if n == 1 {
			if word != "docs" {
				return fmt.Errorf("match: background line 1: want docs<TAB>N")
			}
			docs = v
			continue
		}
		counts[word] = int32(v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("match: read background: %w", err)
	}
	b := ix.bg
	b.mu.Lock()
	if b.curDocs+b.prevDocs > 0 {
		b.mu.Unlock()
		return fmt.Errorf("match: the background has counted items already")
	}
	b.prev, b.prevDocs = counts, min(docs, BackgroundWindow)
	b.mu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.bgFactor = ix.bg.factors(ix.words)
	ix.reweigh()
	return nil
}

//go:embed data/background.tsv.gz
var newsBackground []byte

// NewsBackground returns the background the product ships, for
// StartBackground: the content words of the 2,771 IndoSum news articles
// (2016–2018, CC BY-SA 4.0; data/SOURCE.md) and in how many each occurs.
func NewsBackground() (io.Reader, error) {
	zr, err := gzip.NewReader(bytes.NewReader(newsBackground))
	if err != nil {
		return nil, fmt.Errorf("match: news background: %w", err)
	}
	return zr, nil
}
