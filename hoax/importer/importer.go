// Package importer reads the shared fact-check data sets and ClaimReview
// into registry claims: TurnBackHoax's 2019 JSON lines and 2024 and 2025
// CSV files, Tempo Cek Fakta's feed and its derived JSON lines, the
// Pratiwi hoax set, and ClaimReview JSON-LD (a file, a page, or a page
// fetched by FromPage).
//
// A read is all or nothing: every claim passes Claim.Clean, and a record
// that breaks a rule fails the whole read with an *Error listing the
// problems by line, so that the caller never imports half a file. Records
// that are not fact-checks of a claim (news, valid articles, other feeds)
// are skipped and counted. Every claim has a Key stable across reads, so
// importing a file again updates the claims instead of adding copies.
package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/claimreview"
	"github.com/sinergi-id/sinergi/safehttp"
)

// Format names an input format.
type Format string

// The formats Read knows.
const (
	// FormatAuto recognises the format from the input's start.
	FormatAuto Format = "auto"
	// FormatClaimReview is schema.org ClaimReview JSON-LD, or an HTML page
	// embedding it.
	FormatClaimReview Format = "claimreview"
	// FormatTurnBackHoax2019 is the JSON lines of TurnBackHoax articles
	// (url, url_date, url_slug_prefix, text).
	FormatTurnBackHoax2019 Format = "turnbackhoax-2019"
	// FormatTurnBackHoax2024 is the CSV of 2024 hoax claims
	// (ID,TITLE,DATE,HOAX_TEXT,LLM_CATEGORY, or ID,TITLE,LLM_CATEGORY).
	FormatTurnBackHoax2024 Format = "turnbackhoax-2024"
	// FormatTurnBackHoax2025 is the CSV of TurnBackHoax articles
	// (Title,FullText,Author,Url,Date).
	FormatTurnBackHoax2025 Format = "turnbackhoax-2025"
	// FormatTempo is Tempo Cek Fakta's RSS feed, or JSON lines of feed
	// items (feed, title, link, pubDate, description).
	FormatTempo Format = "tempo"
	// FormatPratiwi is the Pratiwi et al. (2017) set: its ;-separated
	// Windows-1252 CSV (berita;tagging) or JSON lines (text, label).
	FormatPratiwi Format = "pratiwi"
)

// Formats lists the formats, auto-detection first.
func Formats() []Format {
	return []Format{FormatAuto, FormatClaimReview, FormatTurnBackHoax2019, FormatTurnBackHoax2024,
		FormatTurnBackHoax2025, FormatTempo, FormatPratiwi}
}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Formats(), f) {
		return "", sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.format", s)
	}
	return f, nil
}

// Limits on one read.
const (
	MaxInput    = 256 << 20 // bytes read from one input
	MaxLine     = 8 << 20   // bytes of one JSON line
	MaxProblems = 20        // problems an *Error lists; the rest are counted
)

// Skip says why a record gave no claim. Each is a catalog key.
type Skip string

// The reasons to skip a record.
const (
	// SkipNews: a TurnBackHoax "berita" (news) article, not a fact-check.
	SkipNews Skip = "hoax.import.skipped.news"
	// SkipNoVerdict: an article whose tag and category name no verdict
	// (a live fact-check, a note on platform rules), or a Tempo item whose
	// title has no verdict prefix.
	SkipNoVerdict Skip = "hoax.import.skipped.no_verdict"
	// SkipValid: a Pratiwi record labelled Valid (true news).
	SkipValid Skip = "hoax.import.skipped.valid"
	// SkipOtherFeed: a Tempo item of another feed than cekfakta.
	SkipOtherFeed Skip = "hoax.import.skipped.other_feed"
	// SkipDuplicate: a record whose Key an earlier record of the same
	// input had.
	SkipDuplicate Skip = "hoax.import.skipped.duplicate"
)

// Skips lists the reasons to skip, for the catalog check.
var Skips = []Skip{SkipNews, SkipNoVerdict, SkipValid, SkipOtherFeed, SkipDuplicate}

// Result is what a read gave: the claims, cleaned, in input order, and
// how many records were skipped for each reason.
type Result struct {
	Format  Format
	Claims  []*hoax.Claim
	Skipped map[Skip]int
}

// Problem is one record that breaks a rule: the line where it starts (0
// when the format has no lines, as in a feed, where Item counts the
// items from 1) and the message (a *sinergi.Error with its key).
type Problem struct {
	Line int
	Item int
	Err  error
}

func (p Problem) Error() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("line %d: %v", p.Line, p.Err)
	case p.Item > 0:
		return fmt.Sprintf("item %d: %v", p.Item, p.Err)
	}
	return p.Err.Error()
}

// Error is a failed read: up to MaxProblems problems, and how many more
// there were. Its kind is invalid input.
type Error struct {
	Format   Format
	Problems []Problem
	More     int
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hoax import %s: %d problem(s)", e.Format, len(e.Problems)+e.More)
	for _, p := range e.Problems {
		b.WriteString("; " + p.Error())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "; and %d more", e.More)
	}
	return b.String()
}

// Is makes an *Error match sinergi.ErrInvalid.
func (e *Error) Is(target error) bool { return target == sinergi.ErrInvalid }

// Read reads claims of format from r, rated on vs (with the ClaimReview
// fallback vocabulary added, see claimreview.Vocabulary). The claims are
// cleaned; each has a Key: its URL when it has one, else
// "<format>:<id>" or "<format>:" and a hash of its text.
func Read(r io.Reader, format Format, vs hoax.Vocabularies) (*Result, error) {
	br := bufio.NewReaderSize(&limited{r: r, n: MaxInput}, 64<<10)
	if format == FormatAuto {
		f, err := detect(br)
		if err != nil {
			return nil, err
		}
		format = f
	}
	c := &collector{res: &Result{Format: format, Skipped: map[Skip]int{}}, vs: vs, keys: map[string]bool{}}
	var err error
	switch format {
	case FormatClaimReview:
		err = readClaimReview(br, c)
	case FormatTurnBackHoax2019:
		err = read2019(br, c)
	case FormatTurnBackHoax2024:
		err = read2024(br, c)
	case FormatTurnBackHoax2025:
		err = read2025(br, c)
	case FormatTempo:
		err = readTempo(br, c)
	case FormatPratiwi:
		err = readPratiwi(br, c)
	default:
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.format", string(format))
	}
	if err != nil {
		c.fail(0, 0, err)
	}
	if len(c.problems) > 0 {
		return nil, &Error{Format: format, Problems: c.problems, More: c.more}
	}
	return c.res, nil
}

// collector gathers a read's claims, skips and problems.
type collector struct {
	res      *Result
	vs       hoax.Vocabularies
	keys     map[string]bool
	problems []Problem
	more     int
}

// add cleans a claim of the record at line (or item) and keeps it.
func (c *collector) add(line, item int, cl *hoax.Claim) {
	if err := cl.Clean(c.vs); err != nil {
		c.fail(line, item, err)
		return
	}
	if c.keys[cl.Key] {
		c.skip(SkipDuplicate)
		return
	}
	c.keys[cl.Key] = true
	if len(c.res.Claims) >= hoax.MaxClaimsBatch {
		c.fail(line, item, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.too_many", hoax.MaxClaimsBatch))
		return
	}
	c.res.Claims = append(c.res.Claims, cl)
}

func (c *collector) skip(s Skip) { c.res.Skipped[s]++ }

// fail records a problem; an error that already names its line keeps it.
func (c *collector) fail(line, item int, err error) {
	var le *claimreview.LineError
	if errors.As(err, &le) && line == 0 {
		line, err = le.Line, le.Err
	}
	var tl *tooLarge
	if errors.As(err, &tl) {
		err = sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.too_large", MaxInput)
	}
	if _, _, ok := sinergi.MessageOf(err); !ok {
		err = sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.read", err.Error())
	}
	if len(c.problems) >= MaxProblems {
		c.more++
		return
	}
	c.problems = append(c.problems, Problem{Line: line, Item: item, Err: err})
}

// FromPage fetches a fact-check page through client (safehttp: no private
// addresses unless the operator allowed them, bounded size and time) and
// reads the ClaimReview JSON-LD it embeds. A page without any gives no
// claims; a page that is not there (a status other than 200) is an
// Invalid error naming the status.
func FromPage(ctx context.Context, client *safehttp.Client, pageURL string, vs hoax.Vocabularies) (*Result, error) {
	resp, err := client.Get(ctx, pageURL, http.Header{"Accept": {"text/html, application/ld+json;q=0.9"}})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pageURL, err)
	}
	text, _, err := resp.Text()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pageURL, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.status", pageURL, resp.StatusCode)
	}
	return Read(strings.NewReader(text), FormatClaimReview, vs)
}

// limited fails a read past n bytes, instead of cutting the input short
// as io.LimitReader does.
type limited struct {
	r io.Reader
	n int64
}

type tooLarge struct{}

func (*tooLarge) Error() string { return "input too large" }

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, &tooLarge{}
		}
		if err == nil {
			err = io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// detect recognises the format from the start of the input.
func detect(br *bufio.Reader) (Format, error) {
	head, _ := br.Peek(4096)
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	t := bytes.TrimSpace(head)
	first, _, _ := bytes.Cut(t, []byte("\n"))
	first = bytes.TrimSpace(first)
	lower := bytes.ToLower(t)
	switch {
	case len(t) == 0:
		return "", sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.empty")
	case bytes.HasPrefix(first, []byte("{")) && bytes.Contains(first, []byte(`"url_slug_prefix"`)):
		return FormatTurnBackHoax2019, nil
	case bytes.HasPrefix(first, []byte("{")) && bytes.Contains(first, []byte(`"feed"`)) && bytes.Contains(first, []byte(`"link"`)):
		return FormatTempo, nil
	case bytes.HasPrefix(first, []byte("{")) && bytes.Contains(first, []byte(`"label"`)) && bytes.Contains(first, []byte(`"text"`)):
		return FormatPratiwi, nil
	case t[0] == '{' || t[0] == '[':
		return FormatClaimReview, nil
	case t[0] == '<' && (bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed"))):
		return FormatTempo, nil
	case t[0] == '<':
		return FormatClaimReview, nil
	case bytes.HasPrefix(first, []byte("ID,TITLE,")):
		return FormatTurnBackHoax2024, nil
	case bytes.HasPrefix(first, []byte("Title,FullText,")):
		return FormatTurnBackHoax2025, nil
	case bytes.HasPrefix(bytes.ToLower(first), []byte("berita;tagging")):
		return FormatPratiwi, nil
	}
	return "", sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.unknown_format")
}
