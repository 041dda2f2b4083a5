package feedfarm

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Text is what a generated item is made of: its title and its body (the
// item's description).
type Text struct {
	Title string
	Body  string
}

// Shape of generated feeds.
const (
	// GeneratedWindow is how many items a generated feed keeps, newest
	// first, like a real feed.
	GeneratedWindow = 20
	// GeneratedInterval is the time between two steps of a generated farm.
	GeneratedInterval = 10 * time.Minute
)

// generatedStart is the time of a generated farm's first step, fixed so
// that runs are comparable.
func generatedStart() time.Time { return time.Date(2025, 1, 6, 1, 0, 0, 0, time.UTC) }

// wib is Western Indonesian Time, the zone of generated pubDates.
func wib() *time.Location { return time.FixedZone("WIB", 7*60*60) }

// NewGenerated returns a farm of feeds RSS 2.0 feeds named feed1 ... feedN,
// independent of any data set, for benchmarks. Its timeline has steps steps,
// GeneratedInterval apart; each step adds itemsPerStep new items to every
// feed, which shows its newest GeneratedWindow (so every item is served at
// some step only when itemsPerStep <= GeneratedWindow). Item n (from 1) of
// feedF links to https://feedF.example.id/berita/n, that link is its guid,
// its pubDate (RFC 1123Z, +0700) falls within its step, and it is made of
// texts[((n-1)*feeds+F-1) % len(texts)]: items repeat a text only when the
// farm has more items than texts. Its feeds send both validators.
// NewGenerated panics on a count below 1 (itemsPerStep may be 0) or on no
// texts.
func NewGenerated(feeds, itemsPerStep, steps int, texts []Text) *Farm {
	return NewGeneratedWith(feeds, itemsPerStep, steps, texts, Options{ETag: true, LastModified: true})
}

// NewGeneratedWith is NewGenerated with the given validators.
func NewGeneratedWith(feeds, itemsPerStep, steps int, texts []Text, opts Options) *Farm {
	if feeds < 1 || steps < 1 || itemsPerStep < 0 || (itemsPerStep > 0 && len(texts) == 0) {
		panic(fmt.Sprintf("feedfarm: NewGenerated(%d, %d, %d, %d texts): need feeds and steps >= 1, itemsPerStep >= 0 and texts",
			feeds, itemsPerStep, steps, len(texts)))
	}
	g := &generated{perStep: itemsPerStep, texts: slices.Clone(texts)}
	for i := range feeds {
		g.names = append(g.names, "feed"+strconv.Itoa(i+1))
	}
	start := generatedStart()
	for i := range steps {
		g.timeline = append(g.timeline, start.Add(time.Duration(i)*GeneratedInterval))
	}
	return newFarm(g, opts)
}

// GeneratedLink returns the link of item n (from 1) of a generated feed.
func GeneratedLink(feed string, n int) string {
	return "https://" + feed + ".example.id/berita/" + strconv.Itoa(n)
}

// generated renders the snapshots of a generated farm on demand.
type generated struct {
	names    []string
	perStep  int
	texts    []Text
	timeline []time.Time
}

func (g *generated) feeds() []string    { return g.names }
func (g *generated) steps() []time.Time { return g.timeline }

func (g *generated) at(feed string, t time.Time) *snapshot {
	f := slices.Index(g.names, feed)
	// step is the index of the last step at or before t.
	step, found := slices.BinarySearchFunc(g.timeline, t, time.Time.Compare)
	if !found {
		step--
	}
	if f < 0 || step < 0 {
		return nil
	}
	at := g.timeline[step]
	doc := rssDoc{Version: "2.0", Channel: rssChannel{
		Title:         "Berita uji " + feed,
		Link:          "https://" + feed + ".example.id/",
		Description:   "Umpan berita buatan untuk uji beban Sinergi",
		Language:      "id",
		LastBuildDate: at.In(wib()).Format(time.RFC1123Z),
	}}
	total := (step + 1) * g.perStep
	for n := total; n > max(0, total-GeneratedWindow); n-- {
		doc.Channel.Items = append(doc.Channel.Items, g.item(f, n))
	}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("feedfarm: render generated feed: " + err.Error()) // the types above always marshal
	}
	return newSnapshot(at, append([]byte(xml.Header), body...))
}

// item returns item n (from 1) of the feed with index f.
func (g *generated) item(f, n int) rssItem {
	step, j := (n-1)/g.perStep, (n-1)%g.perStep
	// Items of a step are spread over the interval before it, the last
	// one published at the step itself.
	ago := time.Duration(g.perStep-1-j) * (GeneratedInterval / time.Duration(g.perStep))
	pub := g.timeline[0].Add(time.Duration(step)*GeneratedInterval - ago).Truncate(time.Second)
	text := g.texts[((n-1)*len(g.names)+f)%len(g.texts)]
	link := GeneratedLink(g.names[f], n)
	return rssItem{
		Title:       text.Title,
		Link:        link,
		GUID:        rssGUID{IsPermaLink: "true", Value: link},
		PubDate:     pub.In(wib()).Format(time.RFC1123Z),
		Description: text.Body,
	}
}

// rssDoc is an RSS 2.0 document, as the farm's feeds write it.
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr,omitempty"`
	Value       string `xml:",chardata"`
}
