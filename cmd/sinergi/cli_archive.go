package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// ingest imports items into the archive from a JSONL or CSV file, all or
// nothing.
func (c *cli) ingest(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("ingest", &cfg)
	file := fs.String("file", "", "JSONL or CSV file of items (\"-\": standard input) [SINERGI_FILE]")
	format := fs.String("format", "", "jsonl or csv (default: from the file name)")
	agencyRef := fs.String("agency", "", "agency (ID or exact name) whose archive receives items without an agency (default: the only root agency)")
	zone := fs.String("tz", "WIB", "time zone of times written without one: WIB, WITA or WIT")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	if *file == "" {
		return usageError{errors.New("--file wajib / --file is required")}
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*file)), ".")
		if *format == "ndjson" || *format == "json" {
			*format = archive.FormatJSONL
		}
	}
	if *format != archive.FormatJSONL && *format != archive.FormatCSV {
		return usageError{fmt.Errorf("--format: %q bukan / is not jsonl or csv", *format)}
	}
	loc, err := zoneFlag(*zone)
	if err != nil {
		return err
	}
	var in io.Reader = c.stdin
	if *file != "-" {
		f, err := os.Open(*file)
		if err != nil {
			return fmt.Errorf("--file: %w", err)
		}
		defer f.Close()
		in = f
	}
	items, lines, err := archive.ReadFile(in, *format, loc)
	if err != nil {
		var le *archive.LineError
		if errors.As(err, &le) {
			return fmt.Errorf("%s baris / line %d: %w", *file, le.Line, le.Err)
		}
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	if *agencyRef != "" || slices.ContainsFunc(items, func(it *archive.Item) bool { return it.AgencyID == 0 }) {
		a, err := agencyOrRoot(c, m, *agencyRef)
		if err != nil {
			return err
		}
		for _, it := range items {
			if it.AgencyID == 0 {
				it.AgencyID = a.ID
			}
		}
	}
	res, err := m.Services.Ingest.Upload(c.ctx, access.SystemActor(), items)
	if err != nil {
		var ie *archive.ItemError
		if errors.As(err, &ie) && ie.Index < len(lines) {
			return fmt.Errorf("%s baris / line %d: %s; tidak ada yang diimpor / nothing was imported", *file, lines[ie.Index], describe(ie.Err))
		}
		return err
	}
	fmt.Fprintf(c.stdout, "%d item dibaca: %d baru disimpan di arsip, %d salinan dicatat sebagai kemunculan, %d sudah ada. / "+
		"%d items read: %d new stored, %d copies recorded as appearances, %d already there.\n",
		len(items), res.Items, res.Duplicates, res.Known, len(items), res.Items, res.Duplicates, res.Known)
	return nil
}

// reindex analyses every archived item again with this version's
// analysis and rewrites the full-text index (archive.Service.Reanalyse).
func (c *cli) reindex(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("reindex", &cfg)
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	start := time.Now()
	n, err := m.Services.Archive.Reanalyse(c.ctx, access.SystemActor(), func(items int) {
		if items%10_000 == 0 {
			fmt.Fprintf(c.stderr, "%d item… / %d items…\n", items, items)
		}
	})
	if err != nil {
		return err
	}
	took := time.Since(start).Round(time.Second)
	fmt.Fprintf(c.stdout, "%d item dianalisis ulang dan diindeks dalam %v. / %d items reanalysed and indexed in %v.\n", n, took, n, took)
	return nil
}

func zoneFlag(z string) (*time.Location, error) {
	tz, err := region.ParseTimeZone(z)
	if err != nil {
		return nil, usageError{fmt.Errorf("--tz: %w", err)}
	}
	return tz.Location(), nil
}

// search runs a query over the archive, as the console (which sees every
// item).
func (c *cli) search(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "save":
			return c.searchSave(args[1:])
		case "saved":
			return c.searchSaved(args[1:])
		}
	}
	cfg := NewMain().Config
	fs := c.flags("search", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	limit := fs.Int("limit", 10, "results per page (at most 200)")
	offset := fs.Int("offset", 0, "results to skip")
	newest := fs.Bool("newest", false, "newest first instead of most relevant first")
	facets := fs.Bool("facets", false, "print the counts per day, source, region and sentiment")
	zone := fs.String("tz", "WIB", "time zone of days in date filters and facets: WIB, WITA or WIT")
	positional, err := c.parse(fs, &cfg, args, 1)
	if err != nil {
		return err
	}
	loc, err := zoneFlag(*zone)
	if err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	res, err := m.Services.Archive.Search(c.ctx, access.SystemActor(), archive.Request{
		Query: positional[0], Limit: *limit, Offset: *offset, Newest: *newest, Facets: *facets, Location: loc,
	})
	if err != nil {
		return queryError(positional[0], err)
	}
	if cfg.JSON {
		return c.writeJSON(searchJSON(res))
	}
	tr := m.Catalogs.Translator(i18n.ID)
	fmt.Fprintf(c.stdout, "%s hasil / results — %s\n", tr.Number(int64(res.Total)), res.Query)
	for i, h := range res.Hits {
		when := "tanpa tanggal / undated"
		if !h.Item.Published.IsZero() {
			when = tr.ShortDateTime(h.Item.Published, loc, *zone)
		}
		fmt.Fprintf(c.stdout, "\n%d. %s\n   %s · %s · #%d\n", *offset+i+1, marked(h.Title), h.Item.Source, when, h.Item.ID)
		if h.Item.URL != "" {
			fmt.Fprintf(c.stdout, "   %s\n", h.Item.URL)
		}
		if s := marked(h.Snippet); s != "" {
			fmt.Fprintf(c.stdout, "   %s\n", s)
		}
	}
	if res.Facets != nil {
		f := res.Facets
		for _, g := range []struct {
			name string
			list []archive.Count
		}{{"Hari / days", f.Days}, {"Sumber / sources", f.Sources}, {"Provinsi / provinces", f.Provinces},
			{"Kabupaten/kota", f.Regencies}, {"Sentimen / sentiment", f.Sentiments}} {
			fmt.Fprintf(c.stdout, "\n%s:\n", g.name)
			for _, v := range g.list {
				label := v.Key
				if v.Label != "" {
					label += " " + v.Label
				}
				fmt.Fprintf(c.stdout, "  %6d  %s\n", v.N, label)
			}
		}
	}
	return nil
}

// marked writes fragments with the matching words in «», on one line.
func marked(fs []archive.Fragment) string {
	return strings.Join(strings.Fields(archive.Marked(fs)), " ")
}

// queryError shows a malformed query with the spot marked, in Indonesian
// and English.
func queryError(src string, err error) error {
	var qe *query.Error
	if !errors.As(err, &qe) {
		return err
	}
	return fmt.Errorf("%s\n%s\n%s", qe.Message("id"), qe.Message("en"), query.Mark(src, qe))
}

// query is `sinergi query check`.
func (c *cli) query(args []string) error {
	if len(args) == 0 || args[0] != "check" {
		return usageError{errors.New("pilih / want: query check 'QUERY'")}
	}
	cfg := NewMain().Config
	fs := c.flags("query check", &cfg)
	positional, err := c.parse(fs, &cfg, args[1:], 1)
	if err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	canonical, err := m.Services.Archive.Check(c.ctx, positional[0])
	if err != nil {
		return queryError(positional[0], err)
	}
	fmt.Fprintf(c.stdout, "Kueri sah. / The query is valid.\n%s\n", canonical)
	return nil
}

// searchJSON is the JSON form of a result.
func searchJSON(res *archive.Result) any {
	type hit struct {
		ID        int64              `json:"id"`
		Score     float64            `json:"score"`
		Title     string             `json:"title"`
		URL       string             `json:"url,omitempty"`
		Source    string             `json:"source"`
		Published *time.Time         `json:"published,omitempty"`
		Lang      string             `json:"lang"`
		Sentiment string             `json:"sentiment"`
		Type      string             `json:"type"`
		Regions   []string           `json:"regions"`
		Entities  []string           `json:"entities,omitempty"`
		AgencyID  int64              `json:"agency_id"`
		Highlight []archive.Fragment `json:"snippet"`
	}
	out := struct {
		Query  string          `json:"query"`
		Total  int             `json:"total"`
		Hits   []hit           `json:"hits"`
		Facets *archive.Facets `json:"facets,omitempty"`
	}{Query: res.Query, Total: res.Total, Hits: []hit{}, Facets: res.Facets}
	for _, h := range res.Hits {
		it := h.Item
		j := hit{ID: it.ID, Score: h.Score, Title: it.Title, URL: it.URL, Source: it.Source, Lang: it.Lang,
			Sentiment: it.Sentiment, Type: it.Type, Regions: it.Regions, Entities: it.Entities, AgencyID: it.AgencyID, Highlight: h.Snippet}
		if !it.Published.IsZero() {
			p := it.Published
			j.Published = &p
		}
		out.Hits = append(out.Hits, j)
	}
	return out
}
