package bahasa

import "strings"

// Term is a normalised word of a text, with the place it came from: the
// input of stemming and of the search index.
type Term struct {
	// Text is the normalised form: "tidak" for "gak", "anak-anak" for
	// "anak2", "kabupaten" for "Kab.", "dprd" for "DPRD".
	Text string
	// Kind is the kind of the token the term came from.
	Kind Kind
	// Start and End are the byte offsets, in the input, of the token (or
	// of the word inside a hashtag) the term came from.
	Start, End int
	// Pos is the term's position: 0, 1, 2, ... (for proximity queries).
	// An informal word standing for several ("gpp" → "tidak apa-apa")
	// gives consecutive positions with the same offsets.
	Pos int
}

// Terms returns the terms of text with the default Normalizer: see
// (*Normalizer).AppendTerms.
func Terms(text string) []Term {
	return defaultNormalizer().AppendTerms(make([]Term, 0, len(text)/6+1), text)
}

// AppendTerms appends the terms of text to dst. Words are normalised by
// Word (reduplications as "anak-anak"); a hashtag gives one term per word
// ("#BanjirJambi" → banjir, jambi, each with its own offsets); a dotted
// abbreviation whose expansion is one word becomes that word ("Kab." →
// kabupaten), other abbreviations lose their dots and case ("S.H." → sh),
// unless Options.WriteOut writes them out ("Pemkab" → pemerintah,
// kabupaten: words, with the abbreviation's offsets), as it does joined
// compounds ("walikota" → wali, kota);
// numbers, dates, times, amounts, mentions and e-mail addresses are
// lower-cased; URLs are kept; punctuation, symbols and emoji give no term.
func (n *Normalizer) AppendTerms(dst []Term, text string) []Term {
	pos := 0
	add := func(s string, t Token, start, end int) {
		dst = append(dst, Term{Text: s, Kind: t.Kind, Start: start, End: end, Pos: pos})
		pos++
	}
	var b strings.Builder
	for t := range Tokens(text) {
		switch t.Kind {
		case Punct, Symbol, Emoji:
		case Word:
			var w string
			if strings.EqualFold(t.Text, "dr") {
				if next, ok := nextToken(text, t.End); ok && isTitleNext(t, next) {
					add("dokter", t, t.Start, t.End) // "dr Terawan": the title, not "dari"
					continue
				}
			}
			if strings.IndexAny(t.Text, "-2") >= 0 {
				b.Reset()
				n.writeWord(&b, t)
				w = b.String()
			} else {
				w = n.Word(t.Text)
			}
			ws := n.compoundWords(w)
			if ws == nil && strings.IndexByte(w, ' ') < 0 {
				add(w, t, t.Start, t.End)
				continue
			}
			if ws == nil {
				ws = strings.Fields(w) // slang for several words: "gpp"
			}
			for _, f := range ws {
				add(f, t, t.Start, t.End)
			}
		case Hashtag:
			for _, p := range HashtagParts(t.Text[1:]) {
				add(n.part(t.Text[1+p[0]:1+p[1]]), t, t.Start+1+p[0], t.Start+1+p[1])
			}
		case Abbrev:
			if ws := n.abbrevWords(t.Text); ws != nil {
				word := t
				word.Kind = Word
				for _, w := range ws {
					add(w, word, t.Start, t.End)
				}
				continue
			}
			add(abbrevTerm(t.Text), t, t.Start, t.End)
		case URL:
			add(t.Text, t, t.Start, t.End)
		default:
			add(fold(t.Text), t, t.Start, t.End)
		}
	}
	return dst
}

// abbrevWords returns the words an abbreviation stands for when
// Options.WriteOut writes it out: an undotted one of more than three
// letters whose expansion has several words. Otherwise nil.
func (n *Normalizer) abbrevWords(a string) []string {
	if !n.opts.WriteOut || len(a) <= 3 {
		return nil
	}
	var arr [maxAbbrev]byte
	low, ok := lowerASCII(arr[:0], a)
	if !ok {
		return nil
	}
	return expandedAbbrevs[string(low)]
}

// compoundWords returns the two words of a joined compound when
// Options.WriteOut writes it out ("walikota" → wali, kota). Otherwise nil.
func (n *Normalizer) compoundWords(w string) []string {
	if !n.opts.WriteOut {
		return nil
	}
	return joinedCompounds[w]
}

// abbrevTerm is the term of an abbreviation: its expansion when that is one
// word, else the abbreviation in lower case without dots.
func abbrevTerm(a string) string {
	if strings.IndexByte(a, '.') >= 0 {
		if e, ok := ExpandAbbrev(a); ok && strings.IndexAny(e, " -") < 0 {
			return e
		}
	}
	return strings.ReplaceAll(fold(a), ".", "")
}
