package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/match"
)

// hoaxCmd is `sinergi hoax import|match|list`: Tangkal's registry.
func (c *cli) hoaxCmd(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "match":
			return c.hoaxMatch(args[1:])
		case "list":
			return c.hoaxList(args[1:])
		}
	}
	return usageError{errors.New("pilih / want: hoax import|match|list")}
}

// hoaxMatch reads one text per line on stdin and prints, per line, the
// registry claim it resembles most: ID, score, decision (confirmed,
// suggested, none) and the claim's title (empty under the suggestion
// threshold; ID and score are printed whenever any claim shares a word).
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
	sc.Buffer(make([]byte, 64<<10), hoax.MaxMatchText+1)
	for line := 1; sc.Scan(); line++ {
		best, ok, err := m.Services.Hoaxes.Nearest(c.ctx, sc.Text())
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
		return fmt.Errorf("stdin: %w (satu baris paling panjang / a line is at most %d bytes)", err, hoax.MaxMatchText)
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
