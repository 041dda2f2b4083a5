package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/region"
)

func (c *cli) agency(args []string) error {
	return dispatch(args, subcommand{"add", c.agencyAdd}, subcommand{"list", c.agencyList})
}

func (c *cli) agencyAdd(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("agency add", &cfg)
	var (
		a                          agency.Agency
		kind, parentRef, regionRef string
		timeZone                   string
	)
	fs.StringVar(&a.Name, "name", "", "name (optional with --region: derived from the gazetteer)")
	fs.StringVar(&a.ShortName, "short-name", "", "short name, e.g. Diskominfo DIY")
	fs.StringVar(&kind, "kind", "", "kind: "+kindList())
	fs.StringVar(&parentRef, "parent", "", "parent agency: ID or exact name (empty: a root)")
	fs.StringVar(&regionRef, "region", "", "kode wilayah or name from the gazetteer, e.g. 15.71 or \"Kota Jambi\"")
	fs.StringVar(&timeZone, "time-zone", "", "WIB, WITA or WIT (default: from the region, else the parent's)")
	fs.StringVar(&a.Email, "email", "", "e-mail address")
	fs.StringVar(&a.Website, "website", "", "web site URL")
	fs.StringVar(&a.BriefAt, "brief-at", "", "local time of the daily leadership brief, HH.MM (default 06.00)")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	if parentRef != "" {
		p, err := resolveAgency(c, m, parentRef)
		if err != nil {
			return err
		}
		a.ParentID = p.ID
	}
	if regionRef != "" {
		r, ok := m.Regions.Resolve(regionRef)
		if !ok {
			return usageError{fmt.Errorf("--region: %q bukan kode atau nama wilayah Kemendagri / is not a kode wilayah or region name of the gazetteer", regionRef)}
		}
		a.RegionCode = r.Code
	}
	a.TimeZone = region.TimeZone(strings.ToUpper(timeZone))
	console := access.SystemActor()
	if a.Name == "" && kind == "" && a.RegionCode != "" {
		err = m.Services.Agencies.CreateForRegion(c.ctx, console, &a)
	} else {
		if a.Kind, err = agency.ParseKind(kind); err != nil {
			return usageError{fmt.Errorf("--kind: %w", err)}
		}
		err = m.Services.Agencies.Create(c.ctx, console, &a)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Instansi %q dibuat (ID %d, %s, %s). / Agency created.\n", a.Name, a.ID, a.Kind, a.TimeZone)
	return nil
}

// agencyJSON is an agency as `agency list --json` prints it.
type agencyJSON struct {
	ID         int64   `json:"id"`
	ParentID   int64   `json:"parent_id,omitempty"`
	Name       string  `json:"name"`
	ShortName  string  `json:"short_name,omitempty"`
	Kind       string  `json:"kind"`
	RegionCode string  `json:"region_code,omitempty"`
	RegionName string  `json:"region_name,omitempty"`
	TimeZone   string  `json:"time_zone"`
	Email      string  `json:"email,omitempty"`
	Website    string  `json:"website,omitempty"`
	BriefAt    string  `json:"brief_at"`
	Path       []int64 `json:"path"`
}

func (c *cli) agencyList(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("agency list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	query := fs.String("q", "", "only agencies whose name contains this")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	list, _, err := m.Services.Agencies.List(c.ctx, agency.Filter{Query: *query, Limit: 10_000})
	if err != nil {
		return err
	}
	if cfg.JSON {
		out := make([]agencyJSON, 0, len(list))
		for _, a := range list {
			j := agencyJSON{ID: a.ID, ParentID: a.ParentID, Name: a.Name, ShortName: a.ShortName, Kind: string(a.Kind),
				RegionCode: string(a.RegionCode), TimeZone: string(a.TimeZone), Email: a.Email, Website: a.Website, BriefAt: a.BriefAt, Path: a.Path}
			if r, ok := m.Regions.Lookup(a.RegionCode); ok {
				j.RegionName = r.Name
			}
			out = append(out, j)
		}
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tINSTANSI\tJENIS\tKODE WILAYAH\tZONA")
	for _, a := range list {
		indent := strings.Repeat("  ", a.Depth())
		fmt.Fprintf(tw, "%d\t%s%s\t%s\t%s\t%s\n", a.ID, indent, a.Name, a.Kind, a.RegionCode, a.TimeZone)
	}
	return tw.Flush()
}

func kindList() string {
	names := make([]string, len(agency.Kinds))
	for i, k := range agency.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func equalFold(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
