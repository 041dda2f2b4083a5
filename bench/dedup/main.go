// Command dedup measures near-duplicate detection (issue 6): Sinergi's
// dedup.Index beside github.com/ekzhu/minhash-lsh at the same threshold and
// shingling, on the shared Indonesian news and hoax corpora plus synthetic
// syndicated copies. It prints a Markdown report. See README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/dedup"
)

func main() {
	data := flag.String("data", "../../../shared/data", "the shared data folder")
	nLong := flag.Int("copies", 2000, "synthetic copies of articles (40 words or more)")
	nShort := flag.Int("short-copies", 600, "synthetic copies of short texts")
	seed := flag.Uint64("seed", 1, "seed of the synthetic copies")
	rounds := flag.Int("rounds", 5, "timed rounds (the median is reported)")
	threshold := flag.Float64("threshold", 0.5, "Jaccard threshold of both methods")
	flag.Parse()
	if err := run(*data, *nLong, *nShort, *seed, *rounds, *threshold); err != nil {
		fmt.Fprintln(os.Stderr, "bench/dedup:", err)
		os.Exit(1)
	}
}

func run(data string, nLong, nShort int, seed uint64, rounds int, t float64) error {
	docs, err := loadCorpus(data)
	if err != nil {
		return err
	}
	norm := bahasa.NewNormalizer(bahasa.Options{})
	corpus := len(docs)
	counts := make([]int, corpus)
	for i := range docs {
		counts[i] = len(strings.Fields(docs[i].Text))
	}
	docs = makeCopies(docs, counts, nLong, nShort, seed)
	start := time.Now()
	as := make([]analysed, len(docs))
	for i := range docs {
		as[i] = analyse(norm, docs[i].Text)
	}
	analysis := time.Since(start)
	exact := exactPairs(as, 0.3)
	lab := label(docs, exact)

	fmt.Printf("# Near-duplicate detection: %d documents (%d corpus, %d synthetic copies), threshold %.2f\n\n",
		len(docs), corpus, len(docs)-corpus, t)
	fmt.Printf("GOMAXPROCS=%d, %s, %s/%s. Analysis (bahasa terms, shared by both methods, not timed below): %.0f docs/s.\n\n",
		runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, float64(len(docs))/analysis.Seconds())
	describe(docs, corpus, as, lab, exact)

	dets := []detector{sinergiDetector{t}, ekzhuDetector{t, true}, ekzhuDetector{t, false}}
	fmt.Print("## Quality\n\n")
	fmt.Println("| method | predicted pairs | TP | FP | FN | precision | recall | F1 | F1 vs exact J≥t | hard-negative FP |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	preds := make([]map[pair]float64, len(dets))
	for k, d := range dets {
		preds[k] = d.run(as)
		q := score(docs, lab, preds[k], exact, t)
		fmt.Printf("| %s | %d | %d | %d | %d | %.4f | %.4f | **%.4f** | %.4f | %d |\n", d.name(), len(preds[k]),
			q.tp, q.fp, q.fn, q.p(), q.r(), q.f1(), q.exactF1, q.hardFP)
	}
	fmt.Println()
	editRecall(docs, dets[:2], preds[:2])

	fmt.Printf("## Speed (%d rounds, median; index every document, then query every document)\n\n", rounds)
	times := make([][]time.Duration, len(dets)-1)
	for r := range rounds {
		for k := range times {
			k := (k + r) % len(times)
			runtime.GC()
			start := time.Now()
			dets[k].run(as)
			times[k] = append(times[k], time.Since(start))
		}
	}
	fmt.Println("| method | median time | items/s (index + query) | rounds |")
	fmt.Println("|---|---:|---:|---|")
	var med []time.Duration
	for k := range times {
		slices.Sort(times[k])
		m := times[k][len(times[k])/2]
		med = append(med, m)
		var all []string
		for _, d := range times[k] {
			all = append(all, d.Round(time.Millisecond).String())
		}
		fmt.Printf("| %s | %s | %.0f | %s |\n", dets[k].name(), m.Round(time.Millisecond), float64(len(docs))/m.Seconds(), strings.Join(all, " "))
	}
	fmt.Printf("\nSpeed ratio (ekzhu + verification / sinergi): **%.1f×**. With the shared analysis included (%.0f µs/doc), end to end: %.1f×.\n\n",
		med[1].Seconds()/med[0].Seconds(), analysis.Seconds()/float64(len(docs))*1e6,
		(med[1]+analysis).Seconds()/(med[0]+analysis).Seconds())
	memory(as, t)
	return nil
}

type quality struct {
	tp, fp, fn, hardFP int
	exactF1            float64
}

func (q quality) p() float64  { return float64(q.tp) / float64(max(1, q.tp+q.fp)) }
func (q quality) r() float64  { return float64(q.tp) / float64(max(1, q.tp+q.fn)) }
func (q quality) f1() float64 { return 2 * q.p() * q.r() / max(1e-9, q.p()+q.r()) }

func score(docs []doc, lab *labels, pred map[pair]float64, exact map[pair]float64, t float64) quality {
	var q quality
	for p := range pred {
		pos, scored := lab.same(p)
		switch {
		case pos:
			q.tp++
		case scored:
			q.fp++
			if docs[p.a].Topic != "" && docs[p.a].Topic == docs[p.b].Topic {
				q.hardFP++
			}
		}
	}
	members := map[int]int{}
	for i := range docs {
		members[lab.find(i)]++
	}
	positives := 0
	for _, n := range members {
		positives += n * (n - 1) / 2
	}
	q.fn = positives - q.tp
	// Against the exact similarity: how well each approximates exact search.
	var etp, efp, efn int
	for p, s := range exact {
		if s >= t {
			if _, ok := pred[p]; ok {
				etp++
			} else {
				efn++
			}
		}
	}
	for p := range pred {
		if exact[p] < t {
			efp++
		}
	}
	e := quality{tp: etp, fp: efp, fn: efn}
	q.exactF1 = e.f1()
	return q
}

// editRecall prints, per edit, the share of synthetic copies found with
// their original.
func editRecall(docs []doc, dets []detector, preds []map[pair]float64) {
	type row struct{ n, found [2]int }
	rows := map[string]*row{}
	for i, d := range docs {
		if d.Origin < 0 {
			continue
		}
		for _, e := range strings.Split(d.Edit, "+") {
			kind := "long"
			if slices.ContainsFunc(shortEdits[:], func(x struct {
				name string
				f    editFunc
			}) bool {
				return x.name == e
			}) && len(strings.Fields(docs[d.Origin].Text)) < 40 {
				kind = "short"
			}
			key := kind + ": " + e
			if rows[key] == nil {
				rows[key] = &row{}
			}
			for k := range dets {
				rows[key].n[k]++
				if _, ok := preds[k][mkPair(i, d.Origin)]; ok {
					rows[key].found[k]++
				}
			}
		}
	}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Printf("Recall of synthetic copies by edit (a copy has 1–3 edits; counted under each):\n\n| edit | copies | %s | %s |\n|---|---:|---:|---:|\n", dets[0].name(), dets[1].name())
	for _, k := range keys {
		r := rows[k]
		fmt.Printf("| %s | %d | %.3f | %.3f |\n", k, r.n[0], float64(r.found[0])/float64(r.n[0]), float64(r.found[1])/float64(r.n[1]))
	}
	fmt.Println()
}

func describe(docs []doc, corpus int, as []analysed, lab *labels, exact map[pair]float64) {
	sets := map[string]int{}
	short := 0
	for i, d := range docs[:corpus] {
		sets[d.Set]++
		if as[i].short != nil {
			short++
		}
	}
	var names []string
	for s, n := range sets {
		names = append(names, fmt.Sprintf("%s %d", s, n))
	}
	sort.Strings(names)
	realPos, grey, hard := 0, 0, 0
	for p, s := range exact {
		if docs[p.a].Origin < 0 && docs[p.b].Origin < 0 && s >= 0.8 {
			realPos++
		}
	}
	grey = len(lab.grey)
	topics := map[string]int{}
	for _, d := range docs[:corpus] {
		if d.Topic != "" {
			topics[d.Topic]++
		}
	}
	for _, n := range topics {
		hard += n * (n - 1) / 2
	}
	fmt.Printf("Corpus: %s; %d texts under 40 words.\n\n", strings.Join(names, " · "), short)
	fmt.Printf("Labels: %d corpus pairs with exact similarity ≥ 0.8 (real duplicates, positive); %d grey pairs (not scored); %d same-topic pairs of the corpus (hard negatives unless labelled otherwise).\n\n", realPos, grey, hard)
}

// memory reports the heap an index of every document holds.
func memory(as []analysed, t float64) {
	debug.FreeOSMemory()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	x, _ := dedup.NewIndex(dedup.Options{Threshold: t})
	for i := range as {
		x.AddSketch(fmt.Sprint(i), x.SketchWords(as[i].words))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Printf("Memory: dedup.Index of %d documents holds %.0f bytes per document (heap after GC).\n",
		x.Len(), (float64(after.HeapAlloc)-float64(before.HeapAlloc))/float64(x.Len()))
	runtime.KeepAlive(x)
	runtime.KeepAlive(as)
}
