package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/source"
)

func (c *cli) source(args []string) error {
	return dispatch(args,
		subcommand{"add", c.sourceAdd},
		subcommand{"list", c.sourceList},
		subcommand{"pause", func(a []string) error { return c.sourcePause(a, true) }},
		subcommand{"resume", func(a []string) error { return c.sourcePause(a, false) }},
		subcommand{"poll", c.sourcePoll})
}

// listFlag collects a repeated flag's values.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func (c *cli) sourceAdd(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("source add", &cfg)
	var (
		src                                   source.Source
		agencyRef, media                      string
		feeds, sitemaps, pages, alt, collects listFlag
	)
	fs.StringVar(&src.Name, "name", "", "name of the outlet, e.g. \"Jambi Independent\"")
	fs.StringVar(&src.HomePage, "home-page", "", "home page URL; its host is the source's domain")
	fs.StringVar(&agencyRef, "agency", "", "agency (ID or exact name) that watches the source")
	fs.StringVar(&media, "media-type", "online", "online, print, tv, radio, social or government")
	fs.StringVar(&src.Lang, "lang", "id", "language, ISO 639 code")
	fs.StringVar(&src.Region, "region", "", "province or kabupaten/kota it covers: kode wilayah or name (empty: national)")
	fs.StringVar(&src.Notes, "notes", "", "notes for the analysts")
	fs.Var(&feeds, "feed", "RSS, Atom or JSON Feed URL (repeatable)")
	fs.Var(&sitemaps, "sitemap", "news sitemap URL (repeatable)")
	fs.Var(&pages, "page", "single page URL to watch (repeatable)")
	fs.Var(&alt, "alt-domain", "another domain of the outlet (repeatable)")
	fs.Var(&collects, "collection", "collection to file it in, e.g. \"media daerah\" (repeatable)")
	fullText := fs.Bool("full-text", false, "fetch each new article's page and extract its main text (feeds that give only summaries)")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	if agencyRef == "" {
		return usageError{errors.New("--agency wajib / --agency is required")}
	}
	src.MediaType = source.MediaType(media)
	src.AltDomains, src.Collections = alt, collects
	for _, group := range []struct {
		kind source.FeedKind
		urls []string
	}{{source.Feed, feeds}, {source.Sitemap, sitemaps}, {source.Page, pages}} {
		for _, u := range group.urls {
			src.Feeds = append(src.Feeds, source.FeedURL{URL: u, Kind: group.kind, FullText: *fullText})
		}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	a, err := resolveAgency(c, m, agencyRef)
	if err != nil {
		return err
	}
	src.AgencyID = a.ID
	if err := m.Services.Sources.Add(c.ctx, access.SystemActor(), &src); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Sumber %q ditambahkan (ID %d, %s, %d umpan). / Source added.\n", src.Name, src.ID, src.Domain, len(src.Feeds))
	return nil
}

// sourceJSON is a source as `source list --json` prints it.
type sourceJSON struct {
	ID          int64      `json:"id"`
	AgencyID    int64      `json:"agency_id"`
	Name        string     `json:"name"`
	HomePage    string     `json:"home_page"`
	Domain      string     `json:"domain"`
	AltDomains  []string   `json:"alt_domains,omitempty"`
	MediaType   string     `json:"media_type"`
	Lang        string     `json:"lang"`
	Region      string     `json:"region,omitempty"`
	Collections []string   `json:"collections,omitempty"`
	Notes       string     `json:"notes,omitempty"`
	Paused      bool       `json:"paused"`
	Feeds       []feedJSON `json:"feeds"`
}

type feedJSON struct {
	ID   int64  `json:"id"`
	URL  string `json:"url"`
	Kind string `json:"kind"`
}

func (c *cli) sourceList(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("source list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	query := fs.String("q", "", "only sources whose name or domain contains this")
	collection := fs.String("collection", "", "only sources of this collection")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	list, _, err := m.Services.Sources.List(c.ctx, source.Filter{Query: *query, Collection: *collection, Limit: 10_000})
	if err != nil {
		return err
	}
	if cfg.JSON {
		out := make([]sourceJSON, 0, len(list))
		for _, s := range list {
			j := sourceJSON{ID: s.ID, AgencyID: s.AgencyID, Name: s.Name, HomePage: s.HomePage, Domain: s.Domain,
				AltDomains: s.AltDomains, MediaType: string(s.MediaType), Lang: s.Lang, Region: s.Region,
				Collections: s.Collections, Notes: s.Notes, Paused: s.Paused, Feeds: []feedJSON{}}
			for _, f := range s.Feeds {
				j.Feeds = append(j.Feeds, feedJSON{ID: f.ID, URL: f.URL, Kind: string(f.Kind)})
			}
			out = append(out, j)
		}
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSUMBER\tDOMAIN\tJENIS\tWILAYAH\tUMPAN\tSTATUS")
	for _, s := range list {
		status := "aktif"
		if s.Paused {
			status = "jeda"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\n", s.ID, s.Name, s.Domain, s.MediaType, s.Region, len(s.Feeds), status)
	}
	return tw.Flush()
}

func (c *cli) sourcePause(args []string, pause bool) error {
	name := "source resume"
	if pause {
		name = "source pause"
	}
	cfg := NewMain().Config
	positional, err := c.parse(c.flags(name, &cfg), &cfg, args, 1)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(positional[0], 10, 64)
	if err != nil {
		return usageError{fmt.Errorf("%q bukan ID sumber / is not a source ID", positional[0])}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	src, err := m.Services.Sources.SetPaused(c.ctx, access.SystemActor(), id, pause)
	if err != nil {
		return err
	}
	if pause {
		fmt.Fprintf(c.stdout, "Sumber %q dijeda. / Source paused.\n", src.Name)
	} else {
		fmt.Fprintf(c.stdout, "Sumber %q aktif lagi. / Source resumed.\n", src.Name)
	}
	return nil
}

// pollJSON is one feed's poll as `source poll --json` prints it.
type pollJSON struct {
	FeedID      int64  `json:"feed_id"`
	SourceID    int64  `json:"source_id"`
	Source      string `json:"source"`
	URL         string `json:"url"`
	Status      int    `json:"status"`
	NotModified bool   `json:"not_modified"`
	Error       string `json:"error,omitempty"`
	Entries     int    `json:"entries"`
	New         int    `json:"new"`
	Stored      int    `json:"stored"`
	Appearances int    `json:"appearances"`
	Deferred    int    `json:"deferred,omitempty"`
	Health      string `json:"health"`
	NextPoll    string `json:"next_poll"`
}

// sourcePoll runs one poll cycle now and exits: the feeds that are due,
// every feed (--all), or the feeds of the sources named by ID.
func (c *cli) sourcePoll(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("source poll", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	all := fs.Bool("all", false, "poll every feed of every source not paused, due or not")
	ids, err := c.parse(fs, &cfg, args, -1)
	if err != nil {
		return err
	}
	if *all && len(ids) > 0 {
		return usageError{errors.New("--all atau ID sumber, bukan keduanya / --all or source IDs, not both")}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	var feeds []*ingest.Feed
	for _, raw := range ids {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return usageError{fmt.Errorf("%q bukan ID sumber / is not a source ID", raw)}
		}
		src, err := m.Services.Sources.Find(c.ctx, id)
		if err != nil {
			return err
		}
		fs, _, err := m.DB.FindFeeds(c.ctx, ingest.FeedFilter{SourceID: src.ID, Limit: source.MaxFeeds})
		if err != nil {
			return err
		}
		feeds = append(feeds, fs...)
	}
	var results []ingest.Result
	if len(ids) > 0 {
		results, err = m.Services.Ingest.PollFeeds(c.ctx, feeds)
	} else {
		results, err = m.Services.Ingest.PollDue(c.ctx, *all)
	}
	if err != nil {
		return err
	}
	return c.printPolls(m, results)
}

// printPolls prints one line per polled feed and the totals.
func (c *cli) printPolls(m *Main, results []ingest.Result) error {
	tr := m.Catalogs.Translator(i18n.ID)
	out := make([]pollJSON, 0, len(results))
	for _, r := range results {
		f, err := m.DB.FindFeedByID(c.ctx, r.FeedID)
		if err != nil {
			return err
		}
		j := pollJSON{FeedID: f.ID, SourceID: f.Source.ID, Source: f.Source.Name, URL: f.URL, Status: r.Outcome.Status,
			NotModified: r.Outcome.NotModified, Entries: r.Outcome.Entries, New: r.Outcome.New, Stored: r.Stored,
			Appearances: r.Appearances, Deferred: r.Deferred, Health: string(f.State.Health),
			NextPoll: f.State.NextPoll.Format(time.RFC3339)}
		if r.Outcome.Failed() {
			j.Error = tr.T(r.Outcome.Err.Key, r.Outcome.Err.Values()...)
		}
		out = append(out, j)
	}
	if m.Config.JSON {
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "UMPAN\tSUMBER\tHTTP\tENTRI\tBARU\tDISIMPAN\tKESEHATAN\tKETERANGAN")
	var stored, appearances, failed int
	for _, j := range out {
		note := j.Error
		if j.NotModified {
			note = "tidak berubah (304)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", j.FeedID, j.Source, j.Status, j.Entries, j.New, j.Stored, j.Health, note)
		stored, appearances = stored+j.Stored, appearances+j.Appearances
		if j.Error != "" {
			failed++
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d umpan, %d gagal; %d berita baru disimpan, %d kemunculan dicatat. / %d feeds, %d failed; %d new items stored, %d appearances recorded.\n",
		len(out), failed, stored, appearances, len(out), failed, stored, appearances)
	return nil
}
