package match_test

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/hoax/match"
)

// tally is one rule's results on one index.
type tally struct {
	n         int
	top1      int // the best match, of any decision above none, is right
	nearest   int // the nearest record, however low its score, is right
	confirmed int
	right     int // confirmed and right
	suggested int
	// apart counts the queries that share no content word with the
	// record they restate: no matcher of words finds those.
	apart int
}

// path is a way the matcher runs: in the pipeline, whose index observes
// the stream (the background), or on its own, as `sinergi hoax match` and
// the citizen's check run on a fresh server.
type path struct {
	name    string
	ix      *match.Index
	observe bool
	tallies map[string]*tally
	// maxAlarms is the most false alarms per 10,000 news items the test
	// accepts: the recorded figure plus a margin.
	maxAlarms float64
}

// TestQuality evaluates the matcher on the shared fact-check sets (the
// rules are in corpus_test.go) and fails when it falls below the figures
// recorded in docs/benchmarks.md, less a margin.
func TestQuality(t *testing.T) {
	start := time.Now()
	set := loadEval(t)
	paths := []*path{{name: "pipeline", observe: true, maxAlarms: 2}, {name: "alone", maxAlarms: 2}}
	keys := make([]string, len(set.registry)+1)
	titles := map[string]map[string]bool{}
	records := map[string]map[string]bool{} // each record's content words
	for _, c := range set.registry {
		records[c.Key] = contentWords(t, c.MatchText())
	}
	entries := make([]match.Entry, len(set.registry))
	for i, c := range set.registry {
		keys[i+1] = c.Key
		entries[i] = entry(t, int64(i+1), c)
		titles[c.Key] = contentWords(t, c.Title)
	}
	for _, p := range paths {
		p.ix, p.tallies = match.New(match.Options{}), map[string]*tally{}
		r, err := match.NewsBackground() // as hoax.Service starts it
		if err != nil {
			t.Fatal(err)
		}
		if err := p.ix.StartBackground(r); err != nil {
			t.Fatal(err)
		}
		p.ix.Add(entries...)
	}
	t.Logf("registry %d claims, %d queries, loaded and indexed in %v", len(entries), len(set.queries), time.Since(start).Round(time.Millisecond))

	// The news come first, as a stream: each is matched, then observed
	// into the pipeline's background; the rewordings come after, against
	// the background the news left.
	queries := slices.Clone(set.queries)
	slices.SortStableFunc(queries, func(a, b evalQuery) int {
		return cmp.Compare(boolInt(a.want != ""), boolInt(b.want != ""))
	})
	var order []string
	for _, q := range queries {
		if !slices.Contains(order, q.rule) {
			order = append(order, q.rule)
		}
		qt := text(t, q.text)
		apart := false
		if q.want != "" {
			words := contentWords(t, q.text)
			apart = !slices.ContainsFunc(slices.Collect(maps.Keys(records[q.want])), func(w string) bool { return words[w] })
		}
		for _, p := range paths {
			tl := p.tallies[q.rule]
			if tl == nil {
				tl = &tally{}
				p.tallies[q.rule] = tl
			}
			tl.n++
			if apart {
				tl.apart++
			}
			if best, ok := p.ix.Nearest(qt); ok && q.want != "" && (keys[best.ID] == q.want || sameHoax(titles[keys[best.ID]], titles[q.want])) {
				tl.nearest++
			}
			rs := p.ix.Match(qt, 1)
			if p.observe && q.want == "" {
				p.ix.Observe(qt)
			}
			if len(rs) == 0 {
				continue
			}
			got := keys[rs[0].ID]
			right := q.want != "" && (got == q.want || sameHoax(titles[got], titles[q.want]))
			if right {
				tl.top1++
			}
			switch rs[0].Decision {
			case match.Confirmed:
				tl.confirmed++
				if right {
					tl.right++
				} else if testing.Verbose() {
					t.Logf("%s: wrong confirmed (%s, %.3f, %v):\n  %.160q\n  → %q", p.name, q.rule, rs[0].Score, rs[0].Words, q.text, got)
				}
			case match.Suggested:
				tl.suggested++
			}
		}
	}
	for _, p := range paths {
		var news, alarms, confirmed, right int
		for _, r := range order {
			tl := p.tallies[r]
			if strings.HasPrefix(r, "news:") {
				news += tl.n
				alarms += tl.confirmed
				t.Logf("%s: %-28s %5d items: %d confirmed (false alarms), %d suggested", p.name, r, tl.n, tl.confirmed, tl.suggested)
				continue
			}
			confirmed += tl.confirmed
			right += tl.right
			t.Logf("%s: %-28s %5d queries: recall@1 %.3f (nearest, any score: %.3f); confirmed %d (%.3f of queries), of which right %d (precision %.3f); suggested %d; %d share no content word with their record (recall@1 at most %.3f)",
				p.name, r, tl.n, ratio(tl.top1, tl.n), ratio(tl.nearest, tl.n), tl.confirmed, ratio(tl.confirmed, tl.n), tl.right, ratio(tl.right, tl.confirmed), tl.suggested,
				tl.apart, 1-ratio(tl.apart, tl.n))
		}
		precision := ratio(right, confirmed)
		perTenK := 10_000 * ratio(alarms, news)
		t.Logf("%s: all rules: precision of confirmed matches %.3f (%d of %d); false alarms %d in %d news items = %.1f per 10,000",
			p.name, precision, right, confirmed, alarms, news, perTenK)

		// Floors: the recorded figures less a margin.
		for rule, floor := range map[string]float64{
			"2024 narrative → 2025 record": 0.97,
			"2024 narrative → its title":   0.69,
			"Tempo description → title":    0.53,
		} {
			tl := p.tallies[rule]
			if got := ratio(tl.top1, tl.n); got < floor {
				t.Errorf("%s: recall@1 of %s %.3f < %.2f", p.name, rule, got, floor)
			}
		}
		if precision < 0.94 {
			t.Errorf("%s: precision of confirmed matches %.3f < 0.94", p.name, precision)
		}
		if perTenK > p.maxAlarms {
			t.Errorf("%s: %.1f false alarms per 10,000 news items > %.0f", p.name, perTenK, p.maxAlarms)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// contentWords are the roots of a text that are not stop words.
func contentWords(tb testing.TB, title string) map[string]bool {
	ts, err := terms()
	if err != nil {
		tb.Fatal(err)
	}
	stop := bahasa.StopWords(false)
	ws := map[string]bool{}
	for _, term := range ts.Terms(title) {
		if len(term.Root) > 1 && !stop.Has(term.Root) {
			ws[term.Root] = true
		}
	}
	return ws
}

// sameHoax reports whether two registry titles name the same hoax: the
// Jaccard similarity of their content words is at least 0.5.
func sameHoax(a, b map[string]bool) bool {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	return union > 0 && float64(inter)/float64(union) >= 0.5
}
