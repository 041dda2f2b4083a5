package issue

import (
	"fmt"
	"runtime"
	"testing"
	"time"
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
// them) to its issue: the online clusterer at 10k and 100k items (and at a
// constant 1,000 items an hour), the brute-force exact baseline (every
// earlier item) at 10k and 20k, and the exact baseline through an inverted
// index over every earlier item. Run with GOMAXPROCS=1 for the figure per
// core; it takes a few minutes. With 100k items it also reports the rate
// over the first and the last full replay of the corpus (the same items
// over a larger archive), and for the clusterer the heap it holds per item
// it remembers.
func BenchmarkCluster(b *testing.B) {
	docs := loadCorpus(b)
	var last *Clusterer
	run := func(name string, n int, perHour float64, add func() func(doc)) {
		items := stream(docs, n, perHour)
		b.Run(fmt.Sprintf("%s/items=%d", name, n), func(b *testing.B) {
			var blocks []float64
			var before runtime.MemStats
			for b.Loop() {
				last = nil
				runtime.GC()
				runtime.ReadMemStats(&before)
				f := add()
				blocks = blocks[:0]
				t0 := time.Now()
				for i, d := range items {
					f(d)
					if (i+1)%len(docs) == 0 {
						blocks = append(blocks, float64(len(docs))/time.Since(t0).Seconds())
						t0 = time.Now()
					}
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
			b.ReportMetric(0, "ns/op")
			if len(blocks) > 1 {
				// The same items in the same order, over an archive
				// that many times larger.
				b.ReportMetric(blocks[0], "first_replay_items/s")
				b.ReportMetric(blocks[len(blocks)-1], "last_replay_items/s")
			}
			if last != nil {
				var after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&after)
				kept := len(last.items)
				b.ReportMetric(float64(kept), "items_kept")
				b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(kept), "heap_B/item_kept")
			}
		})
	}
	online := func() func(doc) {
		c, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		last = c
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
