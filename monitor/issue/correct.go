package issue

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
)

// Op is the kind of an analyst's correction.
type Op string

// The corrections. Each wins over the model from the moment it is
// applied: the model never moves an item that is already in an issue,
// never merges or splits issues, and never renames one that an analyst
// named.
const (
	// Rename names the issue Title; the name stays whatever the model's
	// headline becomes. An empty Title gives the naming back to the model.
	Rename Op = "rename"
	// Merge moves every item of Other into Issue; Other's ID then names
	// Issue (for lookups and later corrections). The merged issue keeps
	// Issue's name, or takes Other's when only Other was renamed; it is
	// pinned when either was, and keeps Issue's sentiment, or Other's when
	// Issue had none. Items that later come near either join the merged
	// issue, whose centroid is both.
	Merge Op = "merge"
	// Split moves Items out of Issue into a new issue (Created). The model
	// never puts them back; only another correction (a Merge) can.
	Split Op = "split"
	// Pin keeps the issue open to new items after its Window and in
	// memory after Keep, and lists it first.
	Pin Op = "pin"
	// Unpin undoes Pin.
	Unpin Op = "unpin"
	// ItemSentiment sets the sentiment of Items (an archive sentiment
	// value; "" gives it back to the model) as the issue's Mix counts it.
	ItemSentiment Op = "item_sentiment"
	// IssueSentiment sets the sentiment of the whole issue ("" clears it).
	IssueSentiment Op = "issue_sentiment"
)

// Correction is an analyst's correction: what the integrator appends to
// its correction log (with who and when, for the audit log) and gives back
// to Replay. Apply fills After and Created; store the value Apply returns.
type Correction struct {
	Op    Op
	Issue ID
	// Other is, for Merge, the issue merged into Issue.
	Other ID
	// Items are, for Split, the items that leave Issue; for
	// ItemSentiment, the items whose sentiment is set.
	Items []int64
	// Title is the name given by Rename.
	Title string
	// Sentiment is the value set by ItemSentiment or IssueSentiment.
	Sentiment string
	// After is the number of items the clusterer had added when the
	// correction was applied: Replay applies it after that many items.
	After int64
	// Created is, for Split, the ID of the new issue.
	Created ID
}

// Apply applies a correction and returns it with After and Created
// filled, to be stored in the correction log.
func (c *Clusterer) Apply(cor Correction) (Correction, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cor.Items = slices.Clone(cor.Items)
	cor.After = c.seq
	var err error
	switch cor.Op {
	case Rename:
		err = c.rename(cor.Issue, cor.Title)
	case Merge:
		err = c.merge(cor.Issue, cor.Other)
	case Split:
		cor.Created, err = c.split(cor.Issue, cor.Items)
	case Pin, Unpin:
		err = c.pin(cor.Issue, cor.Op == Pin)
	case ItemSentiment:
		err = c.itemSentiment(cor.Items, cor.Sentiment)
	case IssueSentiment:
		err = c.issueSentiment(cor.Issue, cor.Sentiment)
	default:
		err = invalid("unknown correction %q", cor.Op)
	}
	if err != nil {
		return Correction{}, fmt.Errorf("issue: %s: %w", cor.Op, err)
	}
	return cor, nil
}

// invalid is an error of the Invalid kind with its detail kept for the log.
func invalid(format string, args ...any) error {
	e := sinergi.Errorf(sinergi.KindInvalid, "error.invalid")
	e.Err = fmt.Errorf(format, args...)
	return e
}

// Rename names an issue (see the Rename op).
func (c *Clusterer) Rename(id ID, title string) (Correction, error) {
	return c.Apply(Correction{Op: Rename, Issue: id, Title: title})
}

// Merge merges issue b into issue a (see the Merge op).
func (c *Clusterer) Merge(a, b ID) (Correction, error) {
	return c.Apply(Correction{Op: Merge, Issue: a, Other: b})
}

// Split moves items out of an issue into a new one (see the Split op).
func (c *Clusterer) Split(id ID, items []int64) (Correction, error) {
	return c.Apply(Correction{Op: Split, Issue: id, Items: items})
}

// Pin pins (on) or unpins an issue (see the Pin op).
func (c *Clusterer) Pin(id ID, on bool) (Correction, error) {
	op := Unpin
	if on {
		op = Pin
	}
	return c.Apply(Correction{Op: op, Issue: id})
}

func (c *Clusterer) rename(id ID, title string) error {
	s, err := c.resolve(id)
	if err != nil {
		return err
	}
	title = strings.Join(strings.Fields(title), " ")
	if utf8.RuneCountInString(title) > archive.MaxTitle || !utf8.ValidString(title) {
		return invalid("title of %d runes", utf8.RuneCountInString(title))
	}
	s.title, s.renamed = title, title != ""
	return nil
}

func (c *Clusterer) merge(a, b ID) error {
	sa, err := c.resolve(a)
	if err != nil {
		return err
	}
	sb, err := c.resolve(b)
	if err != nil {
		return err
	}
	if sa == sb {
		return invalid("issue %d merged into itself", a)
	}
	c.unindex(sb)
	for _, m := range sb.members {
		m.issue = sa
	}
	sa.members = append(sa.members, sb.members...)
	sortMembers(sa.members)
	if !sa.renamed && sb.renamed {
		sa.title, sa.renamed = sb.title, true
	}
	if sa.sentiment == "" {
		sa.sentiment = sb.sentiment
	}
	sa.pinned = sa.pinned || sb.pinned
	delete(c.issues, sb.id)
	c.alias[sb.id] = sa.id
	for from, to := range c.alias {
		if to == sb.id {
			c.alias[from] = sa.id
		}
	}
	c.recompute(sa)
	c.reindex(sa)
	return nil
}

func (c *Clusterer) split(id ID, items []int64) (ID, error) {
	s, err := c.resolve(id)
	if err != nil {
		return 0, err
	}
	out := map[int64]bool{}
	for _, it := range items {
		m, ok := c.items[it]
		if !ok || m.issue != s {
			return 0, invalid("item %d is not in issue %d", it, id)
		}
		out[it] = true
	}
	if len(out) == 0 || len(out) == len(s.members) {
		return 0, invalid("split of %d of the %d items of issue %d", len(out), len(s.members), id)
	}
	n := c.newIssue()
	keep := s.members[:0:0]
	for _, m := range s.members {
		if out[m.id] {
			m.issue = n
			n.members = append(n.members, m)
		} else {
			keep = append(keep, m)
		}
	}
	s.members = keep
	c.recompute(s)
	c.recompute(n)
	return n.id, nil
}

func (c *Clusterer) pin(id ID, on bool) error {
	s, err := c.resolve(id)
	if err != nil {
		return err
	}
	s.pinned = on
	if on {
		c.reindex(s)
	} else if !c.open(s) {
		c.unindex(s)
	}
	return nil
}

func validSentiment(v string) bool { return v == "" || slices.Contains(archive.Sentiments, v) }

func (c *Clusterer) itemSentiment(items []int64, v string) error {
	if !validSentiment(v) || len(items) == 0 {
		return invalid("sentiment %q of %d items", v, len(items))
	}
	ms := make([]*member, len(items))
	for i, id := range items {
		m, ok := c.items[id]
		if !ok {
			return fmt.Errorf("item %d: %w", id, sinergi.Errorf(sinergi.KindNotFound, "error.not_found"))
		}
		ms[i] = m
	}
	for _, m := range ms {
		m.corrected = v
	}
	return nil
}

func (c *Clusterer) issueSentiment(id ID, v string) error {
	s, err := c.resolve(id)
	if err != nil {
		return err
	}
	if !validSentiment(v) {
		return invalid("sentiment %q", v)
	}
	s.sentiment = v
	return nil
}

// Replay rebuilds a clusterer from the stored items, given in the order of
// their Assignment.Seq, and the correction log in the order it was
// written: each correction is applied after its After-th item. Given the
// same options, items and log it reaches the same state as the clusterer
// that wrote them: the same assignments, issue IDs and figures.
func Replay(opts Options, items iter.Seq2[*archive.Item, *archive.Analysis], log []Correction) (*Clusterer, error) {
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	next := 0
	flush := func() error {
		for next < len(log) && log[next].After <= c.seq {
			want := log[next]
			if want.After < c.seq {
				return fmt.Errorf("issue: replay: correction %d after item %d comes after item %d", next, want.After, c.seq)
			}
			got, err := c.Apply(want)
			if err != nil {
				return fmt.Errorf("issue: replay: correction %d: %w", next, err)
			}
			if got.Created != want.Created {
				return fmt.Errorf("issue: replay: correction %d created issue %d, the log says %d", next, got.Created, want.Created)
			}
			next++
		}
		return nil
	}
	for it, a := range items {
		if err := flush(); err != nil {
			return nil, err
		}
		if _, err := c.Add(it, a); err != nil {
			return nil, fmt.Errorf("issue: replay: %w", err)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if next < len(log) {
		return nil, fmt.Errorf("issue: replay: correction %d is after item %d, only %d items given", next, log[next].After, c.seq)
	}
	return c, nil
}
