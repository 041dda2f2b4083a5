package importer

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
)

// turnBackHoax names the checker of the TurnBackHoax sets.
const turnBackHoax = "TurnBackHoax (Mafindo)"

// wib is the zone of the sets' dates, which have no time: a date is
// midnight in Jakarta.
var wib = time.FixedZone("WIB", 7*3600)

// fillArticle sets a claim's texts from a TurnBackHoax article and returns
// the verdict its KATEGORI names, if any.
func fillArticle(cl *hoax.Claim, text string, vs hoax.Vocabularies) (hoax.Verdict, bool) {
	a := splitArticle(text)
	if a.Claim == "" && a.Explanation == "" && a.Category == "" {
		if r, ok := splitReport(text); ok {
			a = r
		} else {
			a = article{Explanation: text}
		}
	}
	cl.Summary = trimByline(a.Summary)
	cl.Claim = a.Claim
	cl.Explanation = a.Explanation
	cl.Sources = sources(a.Sources)
	cl.References = links(a.References)
	if a.Category != "" {
		c, v, ok := category(a.Category, vs)
		cl.Category = c
		return v, ok
	}
	cl.Category = firstDraftType(a.Summary, vs)
	return hoax.Verdict{}, false
}

// record2019 is a line of the 2019 JSON lines.
type record2019 struct {
	URL     string `json:"url"`
	URLDate string `json:"url_date"`
	Tag     string `json:"url_slug_prefix"`
	Text    string `json:"text"`
}

// read2019 reads TurnBackHoax's 2018–2019 articles. The verdict is the
// URL's tag ("salah-...", "benar-...") in the TurnBackHoax vocabulary,
// else the KATEGORI's label in any vocabulary; an article tagged "berita"
// (news) or naming no verdict is skipped. The title comes from the URL's
// slug; an article without NARASI keeps an empty Claim (its title is
// what the matcher compares), because its summary is the checker's
// denial, not the claim; so does one whose text the scrape lost.
func read2019(r io.Reader, c *collector) error {
	return jsonLines(r, c, func(line int, b []byte) {
		var rec record2019
		if err := json.Unmarshal(b, &rec); err != nil {
			c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.json", err.Error()))
			return
		}
		if rec.URL == "" {
			c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.field", "url"))
			return
		}
		tag := strings.ToLower(strings.TrimSpace(rec.Tag))
		if tag == "berita" {
			c.skip(SkipNews)
			return
		}
		day, err := parseDay(time.DateOnly, rec.URLDate)
		if err != nil {
			c.fail(line, 0, err)
			return
		}
		cl := &hoax.Claim{Key: rec.URL, URL: rec.URL, Title: slugTitle(rec.URL, tag), FactChecker: turnBackHoax, FirstSeen: day, Reviewed: day}
		if tag == "false" {
			cl.Lang = "en" // TurnBackHoax's English articles
		}
		catVerdict, catOK := fillArticle(cl, rec.Text, c.vs)
		v, ok := c.vs.Rate(hoax.VocabTurnBackHoax, tag)
		switch {
		case ok:
			cl.Verdict = v
		case catOK:
			cl.Verdict = catVerdict
		default:
			c.skip(SkipNoVerdict)
			return
		}
		c.add(line, 0, cl)
	})
}

// smallWords stay lower case inside a title, as Indonesian spelling has
// it for conjunctions and prepositions.
var smallWords = map[string]bool{"di": true, "ke": true, "dari": true, "dan": true, "yang": true, "untuk": true,
	"dengan": true, "pada": true, "atau": true, "oleh": true, "dalam": true, "bagi": true, "the": true, "of": true, "a": true}

// slugTitle derives a readable title from an article's URL slug, the tag
// word dropped: ".../salah-ternyata-media-jepang-jauh-lebih-fair/" gives
// "Ternyata Media Jepang Jauh Lebih Fair". A slug that is only a number
// gives "" (the claim's first sentence becomes its title).
func slugTitle(raw, tag string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	var slug string
	for _, seg := range strings.Split(u.Path, "/") {
		if seg != "" {
			slug = seg
		}
	}
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' })
	if len(words) > 0 && strings.EqualFold(words[0], tag) {
		words = words[1:]
	}
	if len(words) == 0 || (len(words) == 1 && strings.IndexFunc(words[0], unicode.IsLetter) < 0) {
		return ""
	}
	for i, w := range words {
		if w, err := url.PathUnescape(w); err == nil {
			words[i] = w
		}
		if i > 0 && smallWords[words[i]] {
			continue
		}
		r, n := utf8.DecodeRuneInString(words[i])
		words[i] = string(unicode.ToUpper(r)) + words[i][n:]
	}
	return strings.Join(words, " ")
}

// parseDay reads a date without a time as midnight WIB; "" is no date.
func parseDay(layout, s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(layout, s, wib)
	if err != nil {
		return time.Time{}, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.date", s)
	}
	return t, nil
}

// jsonLines calls fn with each non-blank line of r and its number.
func jsonLines(r io.Reader, c *collector, fn func(line int, b []byte)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if len(strings.TrimSpace(string(b))) > 0 {
			if len(b) > MaxLine {
				c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.line_too_long", MaxLine))
			} else {
				fn(line, b)
			}
		}
		if err != nil {
			return nil
		}
	}
}

// readLine reads one line, keeping at most MaxLine+1 bytes of it.
func readLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(out) <= MaxLine {
			out = append(out, chunk...)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return out, err
		}
	}
}

// csvRecords reads a CSV file with a header and calls fn with each record
// as a map by column name and the line where it starts. need are the
// columns the format requires.
func csvRecords(r io.Reader, comma rune, c *collector, need []string, fn func(line int, rec map[string]string)) error {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.csv", err.Error())
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	for _, n := range need {
		if !containsFold(header, n) {
			return sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.header", n)
		}
	}
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				c.fail(pe.StartLine, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.csv", pe.Err.Error()))
				if !errors.Is(pe.Err, csv.ErrFieldCount) {
					return nil // the reader cannot go on after a quoting error
				}
				continue
			}
			return err
		}
		line, _ := cr.FieldPos(0)
		if len(fields) != len(header) {
			c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.columns", len(fields), len(header)))
			continue
		}
		rec := make(map[string]string, len(header))
		for i, h := range header {
			rec[strings.ToLower(h)] = fields[i]
		}
		fn(line, rec)
	}
}

func containsFold(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// explanationRE finds where a 2024 HOAX_TEXT's explanation starts.
var explanationRE = regexp.MustCompile(`(?:=(?:[ \t]*=){2,}\s*)?\bPENJELASAN\b\s*:?`)

// topics2024 maps the 2024 set's LLM_CATEGORY to a category and verdict.
var topics2024 = map[string]struct{ category, verdict string }{
	"politics": {"politik", "SALAH"},
	"scam":     {"penipuan", "PENIPUAN"},
	"others":   {"", "SALAH"},
}

// read2024 reads TurnBackHoax's 2024 claims (*_hoax_text.csv, or the
// title-only categorized_hoaxes.csv, which has the same IDs and so the
// same keys: import one or the other). The source removed the verdict
// tags; all are hoaxes: PENIPUAN when LLM_CATEGORY is scam, else SALAH.
// HOAX_TEXT is split at PENJELASAN into Claim and Explanation.
func read2024(r io.Reader, c *collector) error {
	return csvRecords(r, ',', c, []string{"ID", "TITLE", "LLM_CATEGORY"}, func(line int, rec map[string]string) {
		id := strings.TrimSpace(rec["id"])
		topic, ok := topics2024[strings.ToLower(strings.TrimSpace(rec["llm_category"]))]
		if id == "" || !ok {
			c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.field", "ID, LLM_CATEGORY"))
			return
		}
		day, err := parseDay("2 Jan 2006", rec["date"])
		if err != nil {
			c.fail(line, 0, err)
			return
		}
		cl := &hoax.Claim{
			Key: string(FormatTurnBackHoax2024) + ":" + id, Title: rec["title"], Category: topic.category,
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: topic.verdict}, FactChecker: turnBackHoax,
			FirstSeen: day, Reviewed: day,
		}
		text := rec["hoax_text"]
		if m := explanationRE.FindStringIndex(text); m != nil {
			cl.Claim, cl.Explanation = text[:m[0]], text[m[1]:]
		} else {
			cl.Claim = text
		}
		c.add(line, 0, cl)
	})
}

// tagRE reads a 2025 title's verdict tag: "[SALAH] ...".
var tagRE = regexp.MustCompile(`^\s*\[([^\]]{1,40})\]\s*(.*)$`)

// read2025 reads TurnBackHoax's 2024–2025 articles. The verdict is the
// title's tag in the TurnBackHoax vocabulary (else in any, else the
// KATEGORI's); a row without one fails. FullText is split into sections
// as in 2019, or into claim, check and conclusion in Mafindo's later form.
func read2025(r io.Reader, c *collector) error {
	return csvRecords(r, ',', c, []string{"Title", "FullText", "Url", "Date"}, func(line int, rec map[string]string) {
		day, err := parseDay("January 2, 2006", rec["date"])
		if err != nil {
			c.fail(line, 0, err)
			return
		}
		cl := &hoax.Claim{Key: rec["url"], URL: rec["url"], Title: rec["title"], FactChecker: turnBackHoax, FirstSeen: day, Reviewed: day}
		var tag string
		if m := tagRE.FindStringSubmatch(rec["title"]); m != nil {
			tag, cl.Title = m[1], m[2]
		}
		catVerdict, catOK := fillArticle(cl, rec["fulltext"], c.vs)
		if v, ok := c.vs.Find(hoax.VocabTurnBackHoax, tag); ok {
			cl.Verdict = v
		} else if catOK {
			cl.Verdict = catVerdict
		} else {
			c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.no_verdict", tag))
			return
		}
		c.add(line, 0, cl)
	})
}
