package match

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

type evalClaim struct {
	key, title, claim string
}

type evalQuery struct {
	rule, text, want string // want: the key of the claim it restates; "" for unrelated news
}

var (
	tagRe    = regexp.MustCompile(`^\s*\[[^\]]*\]\s*`)
	tempoRe  = regexp.MustCompile(`^(Keliru|Menyesatkan|Sebagian Benar|Benar|Belum Ada Bukti)\s*:\s*`)
	narasiRe = regexp.MustCompile(`(?is)narasi\s*\]?\s*:?\s*(.*?)(?:=\s*=\s*=|\[?\s*penjelasan)`)
	nonWord  = regexp.MustCompile(`[^\pL\pN]+`)
)

func normTitle(s string) string {
	s = tempoRe.ReplaceAllString(tagRe.ReplaceAllString(s, ""), "")
	return strings.TrimSpace(nonWord.ReplaceAllString(bahasa.Fold(s), " "))
}

func readCSV(t *testing.T, path string, fn func(map[string]string)) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		fn(m)
	}
}

func readJSONL(t *testing.T, path string, fn func(map[string]any)) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			fn(m)
		}
	}
}

func narrative(s string) string {
	if m := narasiRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

func TestEval(t *testing.T) {
	if os.Getenv("HOAX_EVAL") == "" {
		t.Skip("HOAX_EVAL")
	}
	terms, err := analysis.NewTerms()
	if err != nil {
		t.Fatal(err)
	}
	names, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	text := func(s string) Text {
		var es []string
		for _, e := range names.Entities(s) {
			es = append(es, e.Type+":"+e.Text)
		}
		return Text{Terms: terms.Terms(s), Entities: es}
	}
	var claims []evalClaim
	var queries []evalQuery
	// 2025: registry = title + narrative.
	d25 := testenv.SharedData(t, "hoax-turnbackhoax-2025")
	by25 := map[string]string{}
	readCSV(t, filepath.Join(d25, "articles.csv"), func(m map[string]string) {
		c := evalClaim{key: m["Url"], title: tagRe.ReplaceAllString(m["Title"], ""), claim: narrative(m["FullText"])}
		claims = append(claims, c)
		by25[normTitle(m["Title"])] = c.key
	})
	// 2024: titles-only registry entries (categorized) and narratives as queries.
	d24 := testenv.SharedData(t, "hoax-turnbackhoax-2024")
	for _, name := range []string{"politics_hoax_text.csv", "others_hoax_text.csv", "scam_hoax_text.csv"} {
		readCSV(t, filepath.Join(d24, name), func(m map[string]string) {
			text := m["HOAX_TEXT"]
			if i := strings.Index(text, "PENJELASAN"); i > 0 {
				text = text[:i]
			}
			if k, ok := by25[normTitle(m["TITLE"])]; ok {
				queries = append(queries, evalQuery{rule: "2024 narrative → 2025 record", text: text, want: k})
				return
			}
			key := "tbh2024:" + m["ID"]
			claims = append(claims, evalClaim{key: key, title: m["TITLE"]})
			queries = append(queries, evalQuery{rule: "2024 narrative → its title", text: text, want: key})
		})
	}
	dt := testenv.SharedData(t, "rss-tempo")
	readJSONL(t, filepath.Join(dt, "items.jsonl"), func(m map[string]any) {
		title, _ := m["title"].(string)
		desc, _ := m["description"].(string)
		link, _ := m["link"].(string)
		if m["feed"] != "cekfakta" {
			queries = append(queries, evalQuery{rule: "news: tempo", text: title + "\n" + desc})
			return
		}
		claims = append(claims, evalClaim{key: link, title: tempoRe.ReplaceAllString(title, "")})
		queries = append(queries, evalQuery{rule: "tempo description → title", text: desc, want: link})
	})
	ds := testenv.SharedData(t, "news-indosum")
	readJSONL(t, filepath.Join(ds, "articles.text.jsonl"), func(m map[string]any) {
		text, _ := m["text"].(string)
		queries = append(queries, evalQuery{rule: "news: indosum", text: text})
	})
	dn := testenv.SharedData(t, "news-scrape-2025")
	readCSV(t, filepath.Join(dn, "articles.csv"), func(m map[string]string) {
		queries = append(queries, evalQuery{rule: "news: scrape-2025", text: m["Title"] + "\n" + m["FullText"]})
	})
	dd := testenv.SharedData(t, "news-detik-2025-summaries")
	readCSV(t, filepath.Join(dd, "data_berita.csv"), func(m map[string]string) {
		queries = append(queries, evalQuery{rule: "news: detik", text: m["judul"] + "\n" + m["isi_berita"]})
	})

	ix := New(Options{})
	ids := map[int64]string{}
	for i, c := range claims {
		ids[int64(i+1)] = c.key
		ix.Add(Entry{ID: int64(i + 1), Text: text(c.title + "\n" + c.claim)})
	}
	t.Logf("registry %d claims", ix.Len())
	stop := bahasa.StopWords(false)
	titleWords := map[string]map[string]bool{}
	for _, c := range claims {
		ws := map[string]bool{}
		for _, term := range terms.Terms(c.title) {
			if contentWord(term.Root, term.Folded, stop) {
				ws[term.Root] = true
			}
		}
		titleWords[c.key] = ws
	}
	type scored struct {
		rule         string
		score        float64
		right, short bool
		shared       int
	}
	var all []scored
	type tally struct{ n, top1, top1any, conf, confRight, sugg int }
	byRule := map[string]*tally{}
	var order []string
	for _, q := range queries {
		tl := byRule[q.rule]
		if tl == nil {
			tl = &tally{}
			byRule[q.rule] = tl
			order = append(order, q.rule)
		}
		tl.n++
		qt := text(q.text)
		rs := ix.Match(qt, 3)
		if len(rs) == 0 {
			if q.want != "" && os.Getenv("HOAX_EVAL_MISS") != "" && strings.Contains(q.rule, os.Getenv("HOAX_EVAL_MISS")) {
				t.Logf("MISS %s\n  Q: %.300s\n  W: %s", q.rule, q.text, q.want)
			}
			continue
		}
		right := ids[rs[0].ID] == q.want || (q.want != "" && sameHoax(titleWords[ids[rs[0].ID]], titleWords[q.want]))
		all = append(all, scored{q.rule, rs[0].Score, right, extract(qt, ix.stop).short, rs[0].Shared})
		if right {
			tl.top1any++
		}
		switch rs[0].Decision {
		case Confirmed:
			tl.conf++
			if right {
				tl.confRight++
				tl.top1++
			} else if os.Getenv("HOAX_EVAL") == "v" {
				t.Logf("WRONG %s %.3f %v\n  Q: %.200s\n  C: %.200s", q.rule, rs[0].Score, rs[0].Words, q.text, claims[rs[0].ID-1].title)
			}
		case Suggested:
			tl.sugg++
			if right {
				tl.top1++
			}
		}
	}
	for _, r := range order {
		short, few, n := 0, 0, 0
		for _, a := range all {
			if a.rule != r {
				continue
			}
			n++
			if a.short {
				short++
			}
			if a.shared < minShared {
				few++
			}
		}
		t.Logf("%s: %d with a result, %d short, %d sharing < %d", r, n, short, few, minShared)
	}
	for th := 0.30; th < 0.81; th += 0.05 {
		line := fmt.Sprintf("T=%.2f", th)
		for _, r := range order {
			right, wrong := 0, 0
			for _, a := range all {
				if a.rule != r || a.score < th || a.short || a.shared < minShared {
					continue
				}
				if a.right {
					right++
				} else {
					wrong++
				}
			}
			line += fmt.Sprintf(" | %s %.3f/%d", r[:10], float64(right)/float64(byRule[r].n), wrong)
		}
		t.Log(line)
	}
	for _, r := range order {
		tl := byRule[r]
		t.Logf("%-32s n %5d  top1(sugg+conf) %.3f  top1(any) %.3f  confirmed %5d right %5d  (recall@conf %.3f) suggested %d",
			r, tl.n, float64(tl.top1)/float64(tl.n), float64(tl.top1any)/float64(tl.n), tl.conf, tl.confRight, float64(tl.confRight)/float64(tl.n), tl.sugg)
	}
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
