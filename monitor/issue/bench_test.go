package issue

import (
	"fmt"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/archive"
)

// stream returns n items for a benchmark: the corpus in time order,
// replayed as often as needed, each replay with new IDs and its times
// shifted past the end of the previous one (by the corpus's span plus 30
// days), so that the archive grows as it would over the years and the
// number of items per window stays that of the real corpus. With perHour
// > 0 the items are instead given times at that constant rate: a denser
// stream, more open issues per item.
func stream(docs []doc, n int, perHour float64) []doc {
	first, last := docs[0].item.Published, docs[len(docs)-1].item.Published
	shift := last.Sub(first) + 30*24*time.Hour
	out := make([]doc, n)
	for i := range out {
		d := docs[i%len(docs)]
		r := i / len(docs)
		it := *d.item
		it.ID = int64(i + 1)
		it.Published = it.Published.Add(time.Duration(r) * shift)
		if perHour > 0 {
			it.Published = first.Add(time.Duration(float64(i) / perHour * float64(time.Hour)))
		}
		out[i] = doc{set: d.set, item: &it, an: d.an}
	}
	return out
}

// BenchmarkCluster measures items per second on one goroutine, from an
// analysed item (archive.Item and archive.Analysis, as the pipeline has
// them) to its issue: the online clusterer at 10k and 100k items, the
// brute-force exact baseline (every earlier item) at 10k and 20k, and the
// exact baseline through an inverted index over every earlier item. Run
// with GOMAXPROCS=1 for the figure per core; it takes a few minutes.
func BenchmarkCluster(b *testing.B) {
	docs := loadCorpus(b)
	run := func(name string, n int, perHour float64, add func() func(doc)) {
		items := stream(docs, n, perHour)
		b.Run(fmt.Sprintf("%s/items=%d", name, n), func(b *testing.B) {
			var blocks []float64
			for b.Loop() {
				f := add()
				blocks = blocks[:0]
				t0 := time.Now()
				for i, d := range items {
					f(d)
					if (i+1)%10_000 == 0 {
						blocks = append(blocks, 10_000/time.Since(t0).Seconds())
						t0 = time.Now()
					}
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
			b.ReportMetric(0, "ns/op")
			if len(blocks) > 1 {
				b.ReportMetric(blocks[0], "first10k_items/s")
				b.ReportMetric(blocks[len(blocks)-1], "last10k_items/s")
			}
		})
	}
	online := func() func(doc) {
		c, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		return func(d doc) {
			if _, err := c.Add(d.item, d.an); err != nil {
				b.Fatal(err)
			}
		}
	}
	exactBrute := func() func(doc) {
		e := newExact(Options{}, 0)
		return func(d doc) { e.add(d) }
	}
	exactInverted := func() func(doc) {
		e := newExact(Options{}, 0)
		return func(d doc) { e.addInverted(d) }
	}
	run("online", 10_000, 0, online)
	run("online", 100_000, 0, online)
	run("online-1000perhour", 10_000, 1000, online)
	run("online-1000perhour", 100_000, 1000, online)
	run("exact", 10_000, 0, exactBrute)
	run("exact", 20_000, 0, exactBrute)
	run("exact-inverted", 10_000, 0, exactInverted)
	run("exact-inverted", 100_000, 0, exactInverted)
}

var _ = archive.MaxTitle
