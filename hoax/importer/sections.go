package importer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/hoax"
)

// article is a TurnBackHoax fact-check split into its sections.
type article struct {
	Summary     string // the finding before the first section
	Category    string // KATEGORI
	Sources     string // SUMBER
	Claim       string // NARASI
	Explanation string // PENJELASAN (ISI KLARIFIKASI), with CATATAN and KESIMPULAN
	References  string // REFERENSI
}

// separatorRE splits an article: "=====", "======", "= = = = =".
var separatorRE = regexp.MustCompile(`=(?:[ \t]*=){2,}`)

// heads are the section headings (upper case, single spaces) and the
// field each fills; the English ones are TurnBackHoax's English
// articles'.
var heads = []struct{ head, field string }{
	{"ISI KLARIFIKASI LENGKAP", "explanation"}, {"ISI KLARIFIKASI", "explanation"},
	{"PENJELASAN LENGKAP", "explanation"}, {"PENJELASAN", "explanation"}, {"EXPLANATION", "explanation"},
	{"KATEGORI", "category"}, {"CATEGORY", "category"},
	{"SUMBER", "sources"}, {"SOURCES", "sources"}, {"SOURCE", "sources"},
	{"NARASI", "claim"}, {"NARRATION", "claim"}, {"NARATION", "claim"},
	{"REFERENSI", "references"}, {"REFERENCES", "references"}, {"REFERENCE", "references"},
	{"CATATAN", "explanation"}, {"NOTE", "explanation"}, {"KESIMPULAN", "explanation"}, {"CONCLUSION", "explanation"},
}

// inlineRE finds a heading inside a section, where TurnBackHoax left out
// the separator ("... Twitter Narasi : 1. Ternyata", "... REFERENSI:https"):
// capitalised and followed by a colon, so that "dengan narasi:" in a
// sentence is not one.
var inlineRE = regexp.MustCompile(`\[?\b(?:Narasi|NARASI|Penjelasan|PENJELASAN|Referensi|REFERENSI|Sumber|SUMBER|Kategori|KATEGORI)\]?[ \t]*:`)

// splitArticle splits a fact-check's text into its sections. Headings
// vary in case, brackets and colons ("[NARASI]:", "Narasi :", "NARASI");
// a part without a heading before the explanation is what circulated (a
// "Beredar foto ..." description), later it continues the section before
// it.
func splitArticle(text string) article {
	var a article
	fields := map[string]*string{"summary": &a.Summary, "category": &a.Category, "sources": &a.Sources,
		"claim": &a.Claim, "explanation": &a.Explanation, "references": &a.References}
	current := "summary"
	for i, part := range separatorRE.Split(text, -1) {
		for j, piece := range splitInline(part) {
			field, body := heading(piece)
			switch {
			case field != "":
				current = field
			case i > 0 && j == 0 && a.Claim == "" && a.Explanation == "":
				current = "claim"
			}
			f := fields[current]
			if body = strings.TrimSpace(body); body != "" {
				if *f != "" {
					*f += "\n\n"
				}
				*f += body
			}
		}
	}
	return a
}

// splitInline cuts a part before each inline heading.
func splitInline(part string) []string {
	idx := inlineRE.FindAllStringIndex(part, -1)
	if len(idx) == 0 {
		return []string{part}
	}
	var out []string
	start := 0
	for _, m := range idx {
		if m[0] > start {
			out = append(out, part[start:m[0]])
		}
		start = m[0]
	}
	return append(out, part[start:])
}

// heading returns the field a section's heading names and the text after
// it; "" and the whole text when it has none.
func heading(s string) (field, body string) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	t = strings.TrimPrefix(t, "[")
	words := strings.Fields(t)
	for _, h := range heads {
		n := len(strings.Fields(h.head))
		if len(words) < n {
			continue
		}
		first := strings.Join(words[:n], " ")
		rest, ok := afterWords(t, n)
		switch {
		case ok && strings.EqualFold(strings.Trim(first, "[]:"), h.head):
		case n == 1 && strings.HasPrefix(words[0], h.head) && len(words[0]) > len(h.head):
			// Glued to its text in upper case: "PENJELASANSETELAH".
			rest = t[strings.Index(t, h.head)+len(h.head):]
		default:
			continue
		}
		bracketed := strings.HasPrefix(strings.TrimLeftFunc(s, unicode.IsSpace), "[")
		rest = strings.TrimLeft(rest, "] \t\r\n")
		colon := strings.HasPrefix(rest, ":") || strings.HasSuffix(first, ":")
		// A heading is in capitals, in brackets or before a colon: a
		// summary may well start "Narasi pada video itu ...".
		if !colon && !bracketed && first != strings.ToUpper(first) {
			return "", s
		}
		rest = strings.TrimLeft(strings.TrimPrefix(rest, ":"), " \t\r\n")
		return h.field, rest
	}
	return "", s
}

// afterWords returns t after its first n words.
func afterWords(t string, n int) (string, bool) {
	for range n {
		t = strings.TrimLeftFunc(t, unicode.IsSpace)
		i := strings.IndexFunc(t, unicode.IsSpace)
		if i < 0 {
			return "", true
		}
		t = t[i:]
	}
	return t, true
}

// urlRE finds the links of a section.
var urlRE = regexp.MustCompile(`https?://[^\s"“”'<>]+`)

// links returns the distinct links of text, trailing punctuation
// trimmed, at most hoax.MaxList.
func links(text string) []string {
	var out []string
	var found []string
	for _, u := range urlRE.FindAllString(text, -1) {
		found = append(found, unglue(u)...)
	}
	for _, u := range found {
		u = strings.TrimRight(u, ".,;:)]}!?")
		if len(u) > len("https://") && len(u) <= hoax.MaxListEntry && !slices.Contains(out, u) && len(out) < hoax.MaxList {
			out = append(out, u)
		}
	}
	return out
}

// unglue splits links the scrape ran together
// ("https://a.id/xhttps://b.id/y"), but not an archived link, whose
// inner address follows a slash ("https://web.archive.org/save/https://...").
func unglue(u string) []string {
	var out []string
	start := 0
	for k := 1; k < len(u); k++ {
		if u[k-1] != '/' && (strings.HasPrefix(u[k:], "http://") || strings.HasPrefix(u[k:], "https://")) {
			out = append(out, u[start:k])
			start = k
		}
	}
	return append(out, u[start:])
}

// sourceSepRE splits SUMBER into its entries: "(1) ... —— (2) ...", lines,
// semicolons.
var sourceSepRE = regexp.MustCompile(`—{2,}|-{3,}|\(\d+\)|\n|;`)

// sources returns the entries of a SUMBER section: its links and the
// short names beside them ("Pesan berantai WhatsApp", "Facebook").
func sources(text string) []string {
	var out []string
	for _, piece := range sourceSepRE.Split(text, -1) {
		name := strings.Trim(urlRE.ReplaceAllString(piece, " "), " \t\r.,:;()-–—")
		name = strings.Join(strings.Fields(name), " ")
		if name != "" && utf8.RuneCountInString(name) <= 80 && len(out) < hoax.MaxList {
			out = append(out, name)
		}
		for _, l := range links(piece) {
			if len(out) < hoax.MaxList {
				out = append(out, l)
			}
		}
	}
	return out
}

// category reads a KATEGORI section: the label of a vocabulary it starts
// with ("Konten yang Menyesatkan: Penggunaan informasi ..." is First
// Draft's, "Disinformasi." TurnBackHoax's) as written, with its verdict;
// else its first phrase, and no verdict.
func category(text string, vs hoax.Vocabularies) (string, hoax.Verdict, bool) {
	text = strings.Join(strings.Fields(strings.Trim(text, " \t\r\n:[]")), " ")
	best, bestVerdict := "", hoax.Verdict{}
	// TurnBackHoax's own tags and First Draft's types first: "HOAKS" is
	// TurnBackHoax's SALAH before it is any other scale's.
	names := append([]string{hoax.VocabTurnBackHoax, hoax.VocabFirstDraft}, vs.Names()...)
	for _, name := range names {
		for _, l := range vs[name].Labels {
			for _, spelling := range append([]string{l.Label}, l.Aliases...) {
				if len(spelling) <= len(best) || len(spelling) > len(text) || !strings.EqualFold(text[:len(spelling)], spelling) {
					continue
				}
				if rest := text[len(spelling):]; rest != "" {
					if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) {
						continue
					}
				}
				if v, ok := vs.Rate(name, spelling); ok {
					best, bestVerdict = text[:len(spelling)], v
				}
			}
		}
	}
	switch {
	case best != "" && bestVerdict.Vocabulary == hoax.VocabFirstDraft:
		return bestVerdict.Label, bestVerdict, true // "FABRICATED CONTENT" is "Konten Palsu"
	case best != "":
		return sentenceCase(best), bestVerdict, true
	}
	if i := strings.IndexAny(text, ".:\n"); i > 0 {
		text = text[:i]
	}
	return sentenceCase(clip(text, 100)), hoax.Verdict{}, false
}

// sentenceCase writes a heading in capitals ("DISINFORMASI") as
// "Disinformasi", so that one category has one spelling.
func sentenceCase(s string) string {
	if s != strings.ToUpper(s) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(r) + strings.ToLower(s[n:])
}

// clip cuts s to at most n runes, at a space when it can.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := string([]rune(s)[:n])
	if i := strings.LastIndexByte(r, ' '); i > n/2 {
		r = r[:i]
	}
	return strings.TrimSpace(r) + "…"
}

// The headings of Mafindo's later articles, which have no separators:
// what circulated, then "Pemeriksaan Fakta", then "Kesimpulan".
var (
	checkRE      = regexp.MustCompile(`\bPemeriksaan Fakta\b`)
	conclusionRE = regexp.MustCompile(`\bKesimpulan\b`)
	byRE         = regexp.MustCompile(`\s*\(Ditulis oleh [^)]*\)\s*$`)
	findingRE    = regexp.MustCompile(`^.{0,120}?\b(Faktanya\b)`)
)

// splitReport splits an article of the later form: the intro (the claim
// as it circulated), the check (the explanation) and the conclusion (the
// finding). ok is false when the text is not of that form.
func splitReport(text string) (a article, ok bool) {
	c := checkRE.FindStringIndex(text)
	if c == nil {
		return a, false
	}
	a.Claim = strings.TrimSpace(text[:c[0]])
	rest := text[c[1]:]
	if k := conclusionRE.FindAllStringIndex(rest, -1); len(k) > 0 {
		last := k[len(k)-1]
		a.Summary = strings.TrimSpace(byRE.ReplaceAllString(rest[last[1]:], ""))
		rest = rest[:last[0]]
	}
	a.Explanation = strings.TrimSpace(rest)
	return a, true
}

// trimByline drops "Hasil periksa fakta <name>" before a summary's
// "Faktanya, ...".
func trimByline(summary string) string {
	if m := findingRE.FindStringSubmatchIndex(summary); m != nil && strings.Contains(strings.ToLower(summary[:m[2]]), "periksa fakta") {
		return summary[m[2]:]
	}
	return summary
}

// firstDraftType finds the First Draft type a conclusion names ("merupakan
// konten palsu (fabricated content)"), for the claim's category.
func firstDraftType(text string, vs hoax.Vocabularies) string {
	lower, best, label := strings.ToLower(text), 0, ""
	for _, l := range vs[hoax.VocabFirstDraft].Labels {
		for _, spelling := range append([]string{l.Label}, l.Aliases...) {
			if len(spelling) > best && len(spelling) > 8 && strings.Contains(lower, strings.ToLower(spelling)) {
				best, label = len(spelling), l.Label
			}
		}
	}
	return label
}
