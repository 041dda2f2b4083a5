package match

import (
	"math"
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
