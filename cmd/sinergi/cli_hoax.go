package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/claimreview"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/internal/textcut"
)

// hoaxCmd is `sinergi hoax import|match|list`: Tangkal's registry.
func (c *cli) hoaxCmd(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "match":
			return c.hoaxMatch(args[1:])
		case "list":
			return c.hoaxList(args[1:])
		case "import":
			return c.hoaxImport(args[1:])
		case "export":
			return c.hoaxExport(args[1:])
		}
	}
	return usageError{errors.New("pilih / want: hoax import|match|list|export")}
}

// hoaxImport reads a fact-check file (or a page's ClaimReview through
// safehttp) into an agency's registry: all or nothing, problems by line.
func (c *cli) hoaxImport(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("hoax import", &cfg)
	format := fs.String("format", string(importer.FormatAuto), "one of "+formatNames()+"; auto guesses from the content")
	agencyRef := fs.String("agency", "", "agency (ID or exact name) whose registry it is (default: the only root agency)")
	classFlag := fs.String("classification", "PUBLIK", "classification of new claims: PUBLIK, TERBATAS or RAHASIA")
	publish := fs.Bool("publish", false, "publish new PUBLIK claims on the public hoax check and the ClaimReview feed")
	rest, err := c.parse(fs, &cfg, args, 1)
	if err != nil {
		return err
	}
	f, err := importer.ParseFormat(*format)
	if err != nil {
		return usageError{fmt.Errorf("--format: %s", describe(err))}
	}
	class, err := access.ParseLevel(*classFlag)
	if err != nil {
		return usageError{fmt.Errorf("--classification: %w", err)}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	a, err := agencyOrRoot(c, m, *agencyRef)
	if err != nil {
		return err
	}
	vs := m.Services.Hoaxes.Vocabularies()
	var res *importer.Result
	name := rest[0]
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		res, err = importer.FromPage(c.ctx, m.Services.Fetcher, name, vs)
	} else {
		var in *os.File
		if in, err = os.Open(name); err != nil {
			return err
		}
		defer in.Close()
		res, err = importer.Read(in, f, vs)
	}
	if err != nil {
		var ie *importer.Error
		if errors.As(err, &ie) {
			for _, p := range ie.Problems {
				where := ""
				switch {
				case p.Line > 0:
					where = fmt.Sprintf("baris / line %d: ", p.Line)
				case p.Item > 0:
					where = fmt.Sprintf("butir / item %d: ", p.Item)
				}
				fmt.Fprintf(c.stderr, "%s: %s%s\n", name, where, describe(p.Err))
			}
			return fmt.Errorf("%d masalah, tidak ada yang diimpor / %d problems, nothing was imported", len(ie.Problems)+ie.More, len(ie.Problems)+ie.More)
		}
		return err
	}
	for _, cl := range res.Claims {
		cl.Published = *publish
	}
	added, updated, err := m.Services.Hoaxes.Import(c.ctx, access.SystemActor(), a.Path, class, res.Claims)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d klaim dibaca (%s): %d baru, %d diperbarui. / %d claims read (%s): %d new, %d updated.\n",
		len(res.Claims), res.Format, added, updated, len(res.Claims), res.Format, added, updated)
	for _, skip := range importer.Skips {
		if n := res.Skipped[skip]; n > 0 {
			fmt.Fprintf(c.stdout, "  %d dilewati / skipped: %s\n", n, describe(sinergi.Errorf(sinergi.KindInvalid, string(skip))))
		}
	}
	return nil
}

// formatNames lists the import formats for a flag's help.
func formatNames() string {
	var names []string
	for _, f := range importer.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// hoaxExport writes the published PUBLIK claims as a schema.org DataFeed
// of ClaimReviews, the same as the public feed.
func (c *cli) hoaxExport(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("hoax export", &cfg)
	out := fs.String("out", "-", "write the JSON-LD to this file (- for stdout)")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	data, err := claimreview.PublicFeed(c.ctx, m.Services.Hoaxes, cmp.Or(m.Config.PublicURL, "http://localhost:8080"), time.Now())
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = c.stdout.Write(append(data, '\n'))
		return err
	}
	return os.WriteFile(*out, append(data, '\n'), 0o640)
}

// hoaxMatch reads one text per line on stdin and prints, per line, the
// registry claim it resembles most: ID, score, decision (confirmed,
// suggested, none) and the claim's title (empty under the suggestion
// threshold; ID and score are printed whenever any claim shares a word).
// A line longer than the matcher takes (hoax.MaxMatchText) is matched by
// its beginning, with a warning on stderr, so that every line in has its
// line out.
func (c *cli) hoaxMatch(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("hoax match", &cfg)
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	out := bufio.NewWriter(c.stdout)
	defer out.Flush()
	sc := bufio.NewScanner(c.stdin)
	sc.Buffer(make([]byte, 64<<10), maxAnalyzeLine)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if len(text) > hoax.MaxMatchText {
			fmt.Fprintf(c.stderr, "sinergi hoax match: baris %d: %d bita, hanya %d bita pertama yang dicocokkan / line %d: %d bytes, only the first %d are matched\n",
				line, len(text), hoax.MaxMatchText, line, len(text), hoax.MaxMatchText)
			text = textcut.Bytes(text, hoax.MaxMatchText)
		}
		best, ok, err := m.Services.Hoaxes.Nearest(c.ctx, text)
		if err != nil {
			return fmt.Errorf("baris / line %d: %w", line, err)
		}
		switch {
		case !ok:
			fmt.Fprintf(out, "\t0.000\t%s\t\n", match.None)
		case best.Decision == match.None:
			fmt.Fprintf(out, "%d\t%.3f\t%s\t\n", best.Claim.ID, best.Score, best.Decision)
		default:
			fmt.Fprintf(out, "%d\t%.3f\t%s\t%s\n", best.Claim.ID, best.Score, best.Decision, oneLine(best.Claim.Title))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("stdin: %w (satu baris paling panjang / a line is at most %d bytes)", err, maxAnalyzeLine)
	}
	return nil
}

// oneLine keeps a title on its TSV line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// hoaxList prints the registry, newest first.
func (c *cli) hoaxList(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("hoax list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	limit := fs.Int("limit", 50, "at most this many claims")
	text := fs.String("q", "", "only claims whose title or narrative holds this text")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	list, total, err := m.Services.Hoaxes.Claims(c.ctx, access.SystemActor(), hoax.ClaimFilter{Text: *text, Limit: *limit})
	if err != nil {
		return err
	}
	if cfg.JSON {
		type claimJSON struct {
			ID             int64   `json:"id"`
			Key            string  `json:"key"`
			Title          string  `json:"title"`
			Verdict        string  `json:"verdict"`
			Score          float64 `json:"score"`
			FactChecker    string  `json:"fact_checker"`
			URL            string  `json:"url,omitempty"`
			Classification string  `json:"classification"`
			Active         bool    `json:"active"`
			Published      bool    `json:"published"`
		}
		out := make([]claimJSON, len(list))
		for i, h := range list {
			out[i] = claimJSON{h.ID, h.Key, h.Title, h.Verdict.Label, h.Verdict.Score, h.FactChecker, h.URL,
				h.Classification.String(), h.Active, h.Published}
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUTUSAN\tAKTIF\tTERBIT\tKLASIFIKASI\tJUDUL")
	for _, h := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", h.ID, h.Verdict.Label, yesNo(h.Active), yesNo(h.Published),
			h.Classification, oneLine(h.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s dari %s klaim. / %d of %d claims.\n", strconv.Itoa(len(list)), strconv.Itoa(total), len(list), total)
	return nil
}

func yesNo(b bool) string {
	if b {
		return "ya"
	}
	return "tidak"
}
