package hoax

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
)

// Claim is one entry of the registry: a statement that circulated and a
// fact-checker's verdict on it.
type Claim struct {
	ID             int64
	AgencyID       int64 // the agency whose registry holds it
	Classification access.Level
	// Key identifies the claim in its origin, so that importing the same
	// record again updates it instead of adding a copy: the fact-check's
	// URL, or "<format>:<id>" when there is none. Unique per agency.
	Key string
	// Title is the claim's headline as the fact-checker wrote it, the
	// verdict tag removed.
	Title string
	// Claim is the statement as it circulated (NARASI).
	Claim string
	// Summary is the fact-checker's one-paragraph finding ("Faktanya, ...").
	Summary string
	// Explanation is the fact-checker's explanation (PENJELASAN).
	Explanation string
	Verdict     Verdict
	// Category is the checker's category (KATEGORI) or a topic
	// ("politik", "penipuan").
	Category string
	// URL is the fact-check article.
	URL string
	// FactChecker names who checked it ("TurnBackHoax (Mafindo)").
	FactChecker string
	// Sources are where the claim circulated (SUMBER): platforms or links.
	Sources []string
	// References are the links the explanation cites.
	References []string
	// FirstSeen is the claim's first known appearance; Reviewed the date
	// of the verdict. Either may be zero when unknown.
	FirstSeen time.Time
	Reviewed  time.Time
	Regions   []string // kode wilayah
	People    []string
	// Organisations named in the claim.
	Organisations []string
	Lang          string
	// Active: a confirmed new appearance raises a recirculation alert.
	Active bool
	// Published: the claim is on the public hoax check and in the
	// ClaimReview feed (when PUBLIK).
	Published     bool
	Clarification Clarification
	Created       time.Time
	Updated       time.Time

	// Filled by the store from the owning agency.
	AgencyName string
	AgencyPath []int64
}

// Clarification is the agency's official answer to a hoax, with its own
// approval: drafted by staff, approved by the head of Humas or leadership.
type Clarification struct {
	Text       string
	Status     ClarificationStatus
	ApprovedBy string // user name of the approver
	ApprovedAt time.Time
}

// ClarificationStatus is where a clarification stands.
type ClarificationStatus string

// The clarification states: none written, a draft, approved for
// publication, or sent back.
const (
	ClarificationNone     ClarificationStatus = ""
	ClarificationDraft    ClarificationStatus = "draft"
	ClarificationApproved ClarificationStatus = "approved"
	ClarificationRejected ClarificationStatus = "rejected"
)

// Resource returns what access needs to judge the claim.
func (c *Claim) Resource() access.Resource {
	return access.Resource{Classification: c.Classification, AgencyPath: c.AgencyPath}
}

// Public reports whether the claim may be shown to anyone: published and
// PUBLIK.
func (c *Claim) Public() bool { return c.Published && c.Classification == access.Publik }

// MatchText is the text the matcher compares: the headline and the
// statement as it circulated.
func (c *Claim) MatchText() string {
	if c.Claim == "" {
		return c.Title
	}
	return c.Title + "\n" + c.Claim
}

// Limits on a claim, so that one bad record cannot fill the registry.
const (
	MaxTitle       = 500     // runes
	MaxText        = 100_000 // bytes, for each of Claim, Summary, Explanation and Clarification.Text
	MaxKey         = 2_048   // bytes
	MaxList        = 64      // entries of Sources, References, Regions, People, Organisations
	MaxListEntry   = 2_048   // bytes of one entry
	MaxShortField  = 200     // runes of Category and FactChecker
	MaxClaimsBatch = 100_000 // claims in one import
)

// Clean trims the fields and checks them against the limits and the
// vocabularies; the verdict is rated again, so its score is the
// vocabulary's.
func (c *Claim) Clean(vs Vocabularies) error {
	c.tidy()
	v, ok := vs.Rate(c.Verdict.Vocabulary, c.Verdict.Label)
	switch {
	case !utf8.ValidString(c.Key + c.Title + c.Claim + c.Summary + c.Explanation + c.Category + c.FactChecker + c.Clarification.Text):
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.encoding")
	case c.Title == "":
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.empty")
	case c.Key == "":
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.no_key")
	case len(c.Key) > MaxKey:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.key_too_long", MaxKey)
	case utf8.RuneCountInString(c.Title) > MaxTitle:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.title_too_long", MaxTitle)
	case len(c.Claim) > MaxText || len(c.Summary) > MaxText || len(c.Explanation) > MaxText || len(c.Clarification.Text) > MaxText:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.text_too_long", MaxText)
	case utf8.RuneCountInString(c.Category) > MaxShortField || utf8.RuneCountInString(c.FactChecker) > MaxShortField:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.field_too_long", MaxShortField)
	case !ok:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.verdict", c.Verdict.Label, c.Verdict.Vocabulary)
	case c.Classification < access.Publik || c.Classification > access.Rahasia:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.classification")
	}
	c.Verdict = v
	for _, l := range [][]string{c.Sources, c.References, c.Regions, c.People, c.Organisations} {
		if len(l) > MaxList || slices.ContainsFunc(l, func(s string) bool { return len(s) > MaxListEntry || !utf8.ValidString(s) }) {
			return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.list_too_long", MaxList)
		}
	}
	if c.URL != "" {
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.url", c.URL)
		}
	}
	switch c.Clarification.Status {
	case ClarificationNone, ClarificationDraft, ClarificationApproved, ClarificationRejected:
	default:
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.error.clarification_status", string(c.Clarification.Status))
	}
	return nil
}

// tidy trims the fields, drops empty and repeated list entries, and fills
// the title and the key when they can be made from other fields.
func (c *Claim) tidy() {
	c.Key = strings.TrimSpace(c.Key)
	c.Title = strings.Join(strings.Fields(c.Title), " ")
	c.Claim = strings.TrimSpace(c.Claim)
	c.Summary = strings.TrimSpace(c.Summary)
	c.Explanation = strings.TrimSpace(c.Explanation)
	c.Category = strings.Join(strings.Fields(c.Category), " ")
	c.FactChecker = strings.Join(strings.Fields(c.FactChecker), " ")
	c.URL = strings.TrimSpace(c.URL)
	c.Lang = strings.ToLower(strings.TrimSpace(c.Lang))
	if c.Lang == "" {
		c.Lang = "id"
	}
	c.Clarification.Text = strings.TrimSpace(c.Clarification.Text)
	for _, l := range []*[]string{&c.Sources, &c.References, &c.Regions, &c.People, &c.Organisations} {
		*l = cleanList(*l)
	}
	c.FirstSeen = c.FirstSeen.UTC().Truncate(time.Microsecond)
	c.Reviewed = c.Reviewed.UTC().Truncate(time.Microsecond)
	if c.Title == "" {
		c.Title = headline(c.Claim)
	}
	if c.Key == "" {
		c.Key = c.URL
	}
}

// keep fills the fields a re-import left empty from the stored claim, so
// that a file which carries less than an earlier one (TurnBackHoax's
// titles-only list after its narratives) loses nothing; fields it carries
// replace the stored ones.
func (c *Claim) keep(old *Claim) {
	for _, f := range []struct{ to, from *string }{{&c.Claim, &old.Claim}, {&c.Summary, &old.Summary},
		{&c.Explanation, &old.Explanation}, {&c.Category, &old.Category}, {&c.URL, &old.URL}, {&c.FactChecker, &old.FactChecker}} {
		if *f.to == "" {
			*f.to = *f.from
		}
	}
	for _, l := range []struct{ to, from *[]string }{{&c.Sources, &old.Sources}, {&c.References, &old.References},
		{&c.Regions, &old.Regions}, {&c.People, &old.People}, {&c.Organisations, &old.Organisations}} {
		if len(*l.to) == 0 {
			*l.to = *l.from
		}
	}
	if c.FirstSeen.IsZero() {
		c.FirstSeen = old.FirstSeen
	}
	if c.Reviewed.IsZero() {
		c.Reviewed = old.Reviewed
	}
}

// cleanList trims the entries, drops empty ones and repeats, keeping the
// first spelling of each.
func cleanList(l []string) []string {
	var out []string
	for _, s := range l {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s) }) {
			out = append(out, s)
		}
	}
	return out
}

// headline returns the first sentence of text, at most 200 runes, for a
// claim that came without a title.
func headline(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.IndexAny(text, ".!?\n"); i > 20 {
		text = text[:i]
	}
	if utf8.RuneCountInString(text) <= 200 {
		return text
	}
	r := []rune(text)[:200]
	if i := strings.LastIndexByte(string(r), ' '); i > 100 {
		return string(r)[:i] + " …"
	}
	return string(r) + "…"
}
