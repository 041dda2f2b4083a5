package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/region"
)

// maxAnalyzeLine bounds one input line of `sinergi analyze` and `sinergi
// hoax match`.
const maxAnalyzeLine = 4 << 20

// analysisCommand is one `sinergi analyze` subcommand: it reads one item
// per line on stdin and writes one tab-separated line per item, so any file
// can be evaluated with it.
type analysisCommand struct {
	help string
	line func(a *analysis.Analyzer, text string) []string
}

// analysisCommands returns the subcommands by name.
func analysisCommands() map[string]analysisCommand {
	return map[string]analysisCommand{
		"tokens": {"the tokens of each line, tab-separated", func(a *analysis.Analyzer, text string) []string {
			var out []string
			for _, t := range bahasa.Tokenize(text) {
				out = append(out, t.Text)
			}
			return out
		}},
		"stem": {"the line, then the roots of its words separated by spaces (one word in, its root out)", func(a *analysis.Analyzer, text string) []string {
			// One word is stemmed as written (Stem folds case): the root of
			// "karir" is karir, not the standard spelling's karier, and
			// "1960-an" or "km²" stays one word. Running text is normalised
			// and tokenised first. An abbreviation's root is itself either
			// way: the search analysis writes "Pemkab" out as pemerintah
			// kabupaten, a stemmer does not.
			if word := strings.TrimSpace(text); word != "" && !strings.ContainsFunc(word, unicode.IsSpace) {
				return []string{text, a.Stemmer.Stem(word)}
			}
			var roots []string
			for _, t := range bahasa.Terms(text) {
				roots = append(roots, a.Root(t))
			}
			return []string{text, strings.Join(roots, " ")}
		}},
		"lang": {"language code and confidence", func(a *analysis.Analyzer, text string) []string {
			lang, conf := a.Languages.Identify(text)
			return []string{lang, strconv.FormatFloat(conf, 'f', 4, 64)}
		}},
		"sentiment": {"positive, neutral, negative or not_rated, and confidence", func(a *analysis.Analyzer, text string) []string {
			label, conf := a.Sentiment.Classify(text)
			return []string{string(label), strconv.FormatFloat(conf, 'f', 4, 64)}
		}},
		"places": {"each place mentioned as KODE=text", func(a *analysis.Analyzer, text string) []string {
			var out []string
			for _, m := range a.Places.Find(text) {
				out = append(out, string(m.Code)+"="+m.Text)
			}
			return out
		}},
		"entities": {"each name as TYPE=text (PER, ORG, LOC, EVT, FNB)", func(a *analysis.Analyzer, text string) []string {
			var out []string
			for _, e := range a.Names.Entities(text) {
				out = append(out, e.Type+"="+e.Text)
			}
			return out
		}},
	}
}

func (c *cli) analyze(args []string) error {
	if len(args) == 0 {
		return usageError{errors.New("pilih / want tokens, stem, lang, sentiment, places or entities")}
	}
	kind, ok := analysisCommands()[args[0]]
	if !ok {
		return usageError{fmt.Errorf("analisis tidak dikenal / unknown analysis %q: want tokens, stem, lang, sentiment, places or entities", args[0])}
	}
	fs := flag.NewFlagSet("sinergi analyze "+args[0], flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "sinergi analyze %s < lines: %s\n", args[0], kind.help)
		fs.PrintDefaults()
	}
	model := "nerp"
	if args[0] == "entities" {
		fs.StringVar(&model, "model", model, "name model: nerp (news in any case; PER, ORG, LOC, EVT, FNB; the pipeline's) or nergrit (cased text; PER, ORG, LOC)")
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if model != "nerp" && model != "nergrit" {
		return usageError{fmt.Errorf("--model %q tidak dikenal: pilih nerp atau nergrit / unknown --model %q: want nerp or nergrit", model, model)}
	}
	g, err := region.Load()
	if err != nil {
		return err
	}
	a, err := analysis.New(g)
	if err != nil {
		return err
	}
	if model == "nergrit" {
		if a.Names, err = ner.LoadNERGrit(); err != nil {
			return err
		}
	}
	return analyzeLines(c.stdin, c.stdout, func(text string) []string { return kind.line(a, text) })
}

// analyzeLines applies fn to every line of r and writes its fields
// tab-separated, one line out per line in. Tabs and line breaks inside a
// field become spaces, so the output always has one line per input line.
func analyzeLines(r io.Reader, w io.Writer, fn func(string) []string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxAnalyzeLine)
	out := bufio.NewWriter(w)
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for n := 1; sc.Scan(); n++ {
		fields := fn(strings.TrimRight(sc.Text(), "\r"))
		for i, f := range fields {
			if i > 0 {
				out.WriteByte('\t')
			}
			out.WriteString(clean.Replace(f))
		}
		if err := out.WriteByte('\n'); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("baca baris / read line: %w (satu baris paling banyak / a line may hold at most %d bytes)", err, maxAnalyzeLine)
	}
	return out.Flush()
}
