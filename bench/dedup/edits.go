package main

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// The synthetic copies: how a regional outlet, an aggregator or a Humas
// account republishes a story. Each copy gets one to three of these edits,
// drawn with a fixed seed.

var datelines = []string{
	"Jakarta (ANTARA) -", "SEMARANG, suaramerdeka.com -", "Surabaya, Beritajatim.com -", "MEDAN, tribun-medan.com -",
	"Makassar (ANTARA) -", "BANDUNG, KOMPAS.com -", "Pekanbaru, riaupos.co -", "PADANG, harianhaluan.com -",
}

var credits = []string{"( ant / red )", "Editor : Dewi Sartika", "Sumber : ANTARA", "( hms / jpnn )", "Baca berita lainnya di Google News"}

var leads = []string{
	"Pemerintah daerah setempat turut memantau perkembangan informasi ini.",
	"Berita ini telah tayang lebih dulu di media mitra kami.",
	"Warga diminta tetap tenang dan mengikuti informasi resmi dari pemerintah.",
	"Kabar ini ramai diperbincangkan warganet sejak Senin pagi.",
}

var synonyms = map[string]string{
	"mengatakan": "menyampaikan", "menyatakan": "mengungkapkan", "kata": "ujar", "ujar": "kata", "ungkap": "jelas",
	"bahwa": "jika", "pemerintah": "pemda", "presiden": "kepala negara", "warga": "masyarakat", "juga": "pun",
	"akan": "bakal", "sudah": "telah", "telah": "sudah", "saat": "ketika", "yang": "yg", "tersebut": "itu",
	"sangat": "amat", "kemudian": "lalu", "namun": "tetapi", "menurut": "kata", "besar": "raksasa",
}

var datelineRE = regexp.MustCompile(`^[^\n]{0,60}?(\( ?ANTARA ?\)|KOMPAS\.com|CNN Indonesia|kumparan|[A-Za-z.]+\.(com|id|co|net))\s*[-–—]+\s*`)

type editFunc func(s string, r *rand.Rand, pool []doc) string

var longEdits = []struct {
	name string
	f    editFunc
}{
	{"dateline", func(s string, r *rand.Rand, _ []doc) string {
		s = datelineRE.ReplaceAllString(s, "")
		return datelines[r.IntN(len(datelines))] + " " + s + "\n\n" + credits[r.IntN(len(credits))]
	}},
	{"lead-drop", func(s string, r *rand.Rand, _ []doc) string {
		sents := splitSentences(s)
		if len(sents) < 4 {
			return s
		}
		return strings.Join(sents[1:], " ")
	}},
	{"lead-add", func(s string, r *rand.Rand, _ []doc) string {
		return leads[r.IntN(len(leads))] + "\n\n" + s
	}},
	{"truncate", func(s string, r *rand.Rand, _ []doc) string {
		w := strings.Fields(s)
		keep := len(w) * (65 + r.IntN(26)) / 100
		return strings.Join(w[:max(keep, 1)], " ") + " ... Baca selengkapnya di sumber berita."
	}},
	{"reorder", func(s string, r *rand.Rand, _ []doc) string {
		paras := strings.Split(s, "\n\n")
		if len(paras) < 3 {
			sents := splitSentences(s)
			r.Shuffle(len(sents), func(i, j int) { sents[i], sents[j] = sents[j], sents[i] })
			return strings.Join(sents, " ")
		}
		i := 1 + r.IntN(len(paras)-2)
		paras[i], paras[i+1] = paras[i+1], paras[i]
		last := paras[len(paras)-1]
		copy(paras[2:], paras[1:len(paras)-1])
		paras[1] = last
		return strings.Join(paras, "\n\n")
	}},
	{"substitute", func(s string, r *rand.Rand, _ []doc) string {
		w := strings.Fields(s)
		n := max(2, len(w)*(1+r.IntN(3))/100)
		for range n {
			i := r.IntN(len(w))
			if syn, ok := synonyms[strings.ToLower(w[i])]; ok {
				w[i] = syn
			} else {
				w[i] = w[r.IntN(len(w))]
			}
		}
		return strings.Join(w, " ")
	}},
	{"related-links", func(s string, r *rand.Rand, pool []doc) string {
		paras := strings.Split(s, "\n\n")
		for range 1 + r.IntN(2) {
			other := pool[r.IntN(len(pool))]
			t := other.Title
			if t == "" {
				t = firstWords(other.Text, 10)
			}
			i := r.IntN(len(paras) + 1)
			paras = append(paras[:i], append([]string{"Baca juga : " + t}, paras[i:]...)...)
		}
		return strings.Join(paras, "\n\n")
	}},
	{"surface", func(s string, r *rand.Rand, _ []doc) string {
		s = strings.ReplaceAll(s, " , ", ", ")
		s = strings.ReplaceAll(s, " . ", ". ")
		return strings.ToUpper(s[:min(len(s), 40)]) + strings.ReplaceAll(s[min(len(s), 40):], "  ", " ")
	}},
}

var shortEdits = []struct {
	name string
	f    editFunc
}{
	{"retweet", func(s string, r *rand.Rand, _ []doc) string {
		return "RT @" + []string{"humas_jateng", "infobmkg", "divhumas_polri", "kominfo"}[r.IntN(4)] + ": " + s
	}},
	{"hashtags", func(s string, r *rand.Rand, _ []doc) string {
		return s + " #" + []string{"beritaterkini", "viral", "cekfakta", "InfoJateng"}[r.IntN(4)] + " #news"
	}},
	{"substitute", func(s string, r *rand.Rand, _ []doc) string {
		w := strings.Fields(s)
		i := r.IntN(len(w))
		if syn, ok := synonyms[strings.ToLower(w[i])]; ok {
			w[i] = syn
		} else {
			w = append(w[:i], w[i+1:]...)
		}
		return strings.Join(w, " ")
	}},
	{"clause-drop", func(s string, r *rand.Rand, _ []doc) string {
		w := strings.Fields(s)
		return strings.Join(w[:max(1, len(w)-1-r.IntN(3))], " ")
	}},
	{"link", func(s string, r *rand.Rand, _ []doc) string {
		return s + " https://bit.ly/3" + string(rune('a'+r.IntN(26))) + "Xy9"
	}},
}

// makeCopies appends synthetic copies of randomly chosen documents: nLong
// of texts of 40 words or more, nShort of shorter ones.
func makeCopies(docs []doc, wordCount []int, nLong, nShort int, seed uint64) []doc {
	r := rand.New(rand.NewPCG(seed, 0x6465647570))
	var long, short []int
	for i, n := range wordCount {
		if n >= 40 {
			long = append(long, i)
		} else if n >= 6 {
			short = append(short, i)
		}
	}
	out := docs
	mk := func(pool []int, n int, edits []struct {
		name string
		f    editFunc
	}) {
		for range n {
			o := pool[r.IntN(len(pool))]
			text := docs[o].Text
			var names []string
			perm := r.Perm(len(edits))[:1+r.IntN(min(3, len(edits)))]
			for _, e := range perm {
				text = edits[e].f(text, r, docs)
				names = append(names, edits[e].name)
			}
			out = append(out, doc{ID: docs[o].ID + "#copy" + strconv.Itoa(len(out)), Set: docs[o].Set, Text: text,
				Origin: o, Edit: strings.Join(names, "+"), Topic: docs[o].Topic})
		}
	}
	mk(long, nLong, longEdits)
	mk(short, nShort, shortEdits)
	return out
}

func splitSentences(s string) []string {
	var out []string
	for part := range strings.SplitAfterSeq(s, ". ") {
		if strings.TrimSpace(part) != "" {
			out = append(out, part)
		}
	}
	return out
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}
