package ingest

import (
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/feed"
	"github.com/sinergi-id/sinergi/internal/textcut"
)

// doc is one entry on its way through the chain.
type doc struct {
	ident     string // identity within the agency (see Appearance.Ident)
	url       string // canonical; "" when the entry had none
	link      string // as the feed gave it: what is fetched (the canonical form may change the scheme)
	title     string
	text      string // the fullest text known: content, else summary
	author    string
	published time.Time // zero when unknown
	lang      string
	source    string        // the source as the archive names it (a domain)
	item      *archive.Item // an upload's item, already analysed
	analysis  *archive.Analysis
}

// maxFuture is how far ahead of the poll a publication time may be: feeds
// with a wrong zone are common; a time further ahead is a broken feed and
// is taken as the time of the poll.
const maxFuture = 15 * time.Minute

// normalise turns entries into documents: the canonical URL (tracking
// parameters, AMP and mobile hosts, trailing slashes: dedup.URLRules) as
// identity, the fullest text, fields cut to the archive's limits on a
// character boundary, publication times not in the future.
//
// A watched page keeps one address while its text changes: with versioned,
// the identity is the address and the text's hash, so each version of the
// page is a new item.
//
// Contract: an entry with neither address nor text is dropped (invalid), as
// is a second entry of the same document with the same identity. Nothing
// fails here.
func normalise(entries []feed.Entry, sourceKey string, versioned bool, rules *dedup.URLRules, now time.Time) ([]*doc, tally) {
	t := tally{in: len(entries)}
	seen := make(map[string]bool, len(entries))
	docs := make([]*doc, 0, len(entries))
	for _, e := range entries {
		d := &doc{
			source: sourceKey,
			title:  textcut.Runes(strings.Join(strings.Fields(e.Title), " "), archive.MaxTitle),
			text:   textcut.Bytes(strings.TrimSpace(firstNonEmpty(e.Content, e.Summary)), archive.MaxText),
			author: textcut.Runes(strings.Join(strings.Fields(e.Author), " "), archive.MaxAuthor),
			lang:   e.Lang,
		}
		d.published = e.Published
		if d.published.IsZero() {
			d.published = e.Updated
		}
		if d.published.After(now.Add(maxFuture)) {
			d.published = now
		}
		if canon, err := rules.Canonical(e.URL); err == nil && len(canon) <= archive.MaxURL {
			d.url, d.link = canon, e.URL
		}
		switch {
		case d.url != "" && versioned:
			d.ident = d.url + "#" + dedup.ContentHash(d.title+"\n"+d.text)
		case d.url != "":
			d.ident = d.url
		case d.title != "" || d.text != "":
			d.ident = textIdent(sourceKey, d.title, d.text)
		}
		if d.ident == "" || seen[d.ident] {
			t.dropped++
			continue
		}
		seen[d.ident] = true
		docs = append(docs, d)
	}
	t.out = len(docs)
	return docs, t
}

// textIdent is the identity of an item without an address: its source and
// the hash of its normalised words.
func textIdent(sourceKey, title, text string) string {
	return "text:" + sourceKey + ":" + dedup.ContentHash(title+"\n"+text)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
