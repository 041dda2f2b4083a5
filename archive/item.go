// Package archive keeps the monitored items (berita, unggahan media sosial,
// siaran) that Pantau watches and that search, alerts and dashboards read.
// An item is analysed once, when it enters the archive: its words (for the
// query matcher and the database's full-text index), language, sentiment
// and regions. Search takes its candidates from the database's own
// full-text index and verifies every candidate with the query matcher, so
// the archive and the stored-query alerts agree exactly.
package archive

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/query"
)

// Item is one monitored item.
type Item struct {
	ID             int64
	AgencyID       int64 // the agency whose archive holds it
	Classification access.Level
	Title          string
	Text           string
	URL            string
	Source         string // a host ("kompas.com") or a name ("Antara News")
	Author         string
	Published      time.Time // zero when unknown: such an item matches no date filter
	Fetched        time.Time
	Lang           string   // ISO 639 code; "und" when undetermined
	Regions        []string // kode wilayah at any level, ascending
	Sentiment      string   // "positive", "neutral", "negative" or "not_rated"
	// Entities are the named entities the analysis found, "TYPE:Name"
	// ("PER:Joko Widodo", "ORG:KPK"; types PER, ORG, LOC, EVT, FNB),
	// distinct, in order of first mention, at most MaxEntities.
	Entities   []string
	Type       string // one of Types
	ImportedAt time.Time

	// Filled by the store from the owning agency.
	AgencyName string
	AgencyPath []int64
}

// Types are the kinds of item, as `type:` in queries names them.
var Types = []string{"news", "social", "print", "tv", "radio", "blog", "forum", "video"}

// Sentiments are the values of Item.Sentiment.
var Sentiments = []string{"positive", "neutral", "negative", "not_rated"}

// Limits on an item, so one bad row cannot fill the archive.
const (
	MaxTitle  = 1_000   // runes
	MaxText   = 200_000 // bytes
	MaxURL    = 2_048   // bytes
	MaxSource = 200     // runes
	MaxAuthor = 200     // runes
	// MaxRegions is the most region codes one item may carry.
	MaxRegions = 64
	// MaxEntities is the most named entities kept of one item.
	MaxEntities = 64
)

// Resource returns what access needs to judge the item.
func (it *Item) Resource() access.Resource {
	return access.Resource{Classification: it.Classification, AgencyPath: it.AgencyPath}
}

// Document returns what the query matcher sees of the item.
func (it *Item) Document() query.Document {
	return query.Document{
		Title: it.Title, Text: it.Text, Source: it.Source, Regions: it.Regions,
		Lang: it.Lang, Sentiment: it.Sentiment, Type: it.Type,
		AgencyID: it.AgencyID, Published: it.Published,
	}
}

// clean trims and normalises the fields an importer wrote, and checks them.
// Values the analysis fills (language, sentiment, regions) may be empty.
// Times lose what is finer than a microsecond, the precision both engines
// keep, so that what the matcher sees before and after storage is equal.
func (it *Item) clean() error {
	it.Title = strings.Join(strings.Fields(it.Title), " ")
	it.Text = strings.TrimSpace(it.Text)
	it.URL = strings.TrimSpace(it.URL)
	it.Source = strings.Join(strings.Fields(it.Source), " ")
	it.Author = strings.Join(strings.Fields(it.Author), " ")
	it.Lang = strings.ToLower(strings.TrimSpace(it.Lang))
	it.Sentiment = canonical(it.Sentiment, "sentiment")
	it.Type = canonical(it.Type, "type")
	if it.Type == "" {
		it.Type = "news"
	}
	it.Published = it.Published.Truncate(time.Microsecond)
	it.Fetched = it.Fetched.Truncate(time.Microsecond)
	switch {
	case !utf8.ValidString(it.Title + it.Text + it.Source + it.Author + it.URL):
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.encoding")
	case it.Title == "" && it.Text == "":
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.empty")
	case utf8.RuneCountInString(it.Title) > MaxTitle:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.title_too_long", MaxTitle)
	case len(it.Text) > MaxText:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.text_too_long", MaxText)
	case len(it.URL) > MaxURL:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.url_too_long", MaxURL)
	case utf8.RuneCountInString(it.Source) > MaxSource:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.source_too_long", MaxSource)
	case utf8.RuneCountInString(it.Author) > MaxAuthor:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.author_too_long", MaxAuthor)
	case len(it.Regions) > MaxRegions:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.too_many_regions", MaxRegions)
	case !slices.Contains(Types, it.Type):
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.type", it.Type, strings.Join(Types, ", "))
	case it.Sentiment != "" && !slices.Contains(Sentiments, it.Sentiment):
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.sentiment", it.Sentiment)
	case it.Lang != "" && !query.IsLangCode(it.Lang):
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.lang", it.Lang)
	case it.Classification < access.Publik || it.Classification > access.Rahasia:
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.classification")
	}
	if it.URL != "" {
		u, err := url.Parse(it.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return sinergi.Errorf(sinergi.KindInvalid, "archive.error.url", it.URL)
		}
		if it.Source == "" {
			it.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return nil
}

// canonical maps the Indonesian and English names of a sentiment or type to
// the English value the archive stores ("negatif" → "negative", "berita" →
// "news"); query.CanonicalValue does the same for queries.
func canonical(v, field string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return ""
	}
	return query.CanonicalValue(field, v)
}
