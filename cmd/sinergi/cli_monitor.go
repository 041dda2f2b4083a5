package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// searchSave saves a search for an owner: `search save NAME 'QUERY'`.
func (c *cli) searchSave(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("search save", &cfg)
	agencyRef := fs.String("agency", "", "agency (ID or exact name) whose search it is; its administrator owns it unless --owner says")
	ownerName := fs.String("owner", "", "username of the owner")
	sharing := fs.String("sharing", string(monitor.Private), "private, agency or network")
	alert := fs.String("alert", "", "instant (a notification per matching item as it arrives), digest_15m, digest_hourly or digest_daily")
	digestAt := fs.String("digest-at", "", "local time of a daily digest, e.g. 06:30 (the agency's zone)")
	locked := fs.Bool("locked", false, "others may use the search but not change it")
	webhook := fs.String("webhook", "", "URL that receives each instant alert as JSON signed with HMAC-SHA256 (X-Sinergi-Signature)")
	sensitivity := fs.String("sensitivity", "medium", "how readily its volume raises a spike alert: low (3σ), medium (2.5σ) or high (2σ)")
	quiet := fs.String("quiet", "", "quiet hours in the agency's zone, e.g. 22:00-06:00: no instant e-mail or webhook then, one summary after")
	var labels, emails listFlag
	fs.Var(&labels, "label", "label to group it under (repeatable)")
	fs.Var(&emails, "email", "e-mail address the alerts go to (repeatable; an outside address must confirm first; needs --smtp-url)")
	positional, err := c.parse(fs, &cfg, args, 2)
	if err != nil {
		return err
	}
	if *ownerName == "" && *agencyRef == "" {
		return usageError{errors.New("--owner atau --agency wajib / --owner or --agency is required")}
	}
	sens, err := spike.ParseSensitivity(*sensitivity)
	if err != nil {
		return usageError{fmt.Errorf("--sensitivity: %w", err)}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	owner, err := searchOwner(c, m, *ownerName, *agencyRef)
	if err != nil {
		return err
	}
	ss := &monitor.SavedSearch{Name: positional[0], Query: positional[1], Sharing: monitor.Sharing(*sharing),
		Alert: monitor.AlertMode(*alert), DigestAt: *digestAt, WebhookURL: *webhook, Locked: *locked, Labels: labels, OwnerID: owner.ID, AgencyID: owner.AgencyID,
		QuietHours: *quiet, Emails: emails, Sensitivity: sens}
	if err := m.Services.Monitor.Save(c.ctx, access.SystemActor(), ss); err != nil {
		return queryError(positional[1], err)
	}
	fmt.Fprintf(c.stdout, "Pencarian %q disimpan (ID %d) untuk %s: %s / Search saved.\n", ss.Name, ss.ID, owner.Username, ss.Query)
	if ss.WebhookSecret != "" {
		fmt.Fprintf(c.stdout, "Rahasia webhook (HMAC-SHA256) / webhook secret: %s\n", ss.WebhookSecret)
	}
	if len(ss.Emails) > 0 {
		fmt.Fprintf(c.stdout, "Penerima surel / e-mail recipients: %s (alamat luar menerima surel konfirmasi dulu / outside addresses get a confirmation first)\n",
			strings.Join(ss.Emails, ", "))
	}
	return nil
}

// searchOwner finds the owner of a saved search: the named user, or the
// agency's first active administrator (else its first active user).
func searchOwner(c *cli, m *Main, username, agencyRef string) (*auth.User, error) {
	if username != "" {
		return m.Services.Auth.FindUserByUsername(c.ctx, access.SystemActor(), username)
	}
	a, err := resolveAgency(c, m, agencyRef)
	if err != nil {
		return nil, err
	}
	users, _, err := m.Services.Auth.ListUsers(c.ctx, access.SystemActor(), auth.UserFilter{AgencyID: a.ID, Limit: 1000})
	if err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(users, func(u *auth.User) bool { return u.Role == access.Administrator }); i >= 0 {
		return users[i], nil
	}
	if len(users) > 0 {
		return users[0], nil
	}
	return nil, fmt.Errorf("instansi %s belum punya pengguna; sebutkan --owner / agency %s has no users: %w", a.Name, a.Name, sinergi.ErrNotFound)
}

// savedSearchJSON is a saved search as `search saved --json` prints it.
type savedSearchJSON struct {
	ID       int64    `json:"id"`
	AgencyID int64    `json:"agency_id"`
	OwnerID  int64    `json:"owner_id"`
	Name     string   `json:"name"`
	Query    string   `json:"query"`
	Sharing  string   `json:"sharing"`
	Locked   bool     `json:"locked"`
	Labels   []string `json:"labels,omitempty"`
	Alert    string   `json:"alert,omitempty"`
}

// searchSaved lists every saved search.
func (c *cli) searchSaved(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("search saved", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	list, _, err := m.Services.Monitor.List(c.ctx, access.SystemActor(), monitor.SearchFilter{Limit: 10_000})
	if err != nil {
		return err
	}
	if cfg.JSON {
		out := make([]savedSearchJSON, len(list))
		for i, s := range list {
			out[i] = savedSearchJSON{ID: s.ID, AgencyID: s.AgencyID, OwnerID: s.OwnerID, Name: s.Name, Query: s.Query,
				Sharing: string(s.Sharing), Locked: s.Locked, Labels: s.Labels, Alert: string(s.Alert)}
		}
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAMA\tKUERI\tBERBAGI\tPERINGATAN")
	for _, s := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", s.ID, s.Name, s.Query, s.Sharing, s.Alert)
	}
	return tw.Flush()
}

// issueJSON is an issue as `issues list --json` prints it. Stored says
// whether it is a stored issue (the tracker's: ID is its page's) or one
// clustered from the archive for this listing (ID only names it here).
type issueJSON struct {
	ID            int64          `json:"id"`
	AgencyID      int64          `json:"agency_id,omitempty"`
	Stored        bool           `json:"stored"`
	Title         string         `json:"title"`
	FirstSeen     time.Time      `json:"first_seen"`
	LastSeen      time.Time      `json:"last_seen"`
	Items         int            `json:"items"`
	LastHour      int            `json:"last_hour"`
	Growth        float64        `json:"growth"`
	Pinned        bool           `json:"pinned,omitempty"`
	Sources       []issue.Count  `json:"sources"`
	Regions       []issue.Count  `json:"regions,omitempty"`
	People        []issue.Count  `json:"people,omitempty"`
	Organisations []issue.Count  `json:"organisations,omitempty"`
	Sentiment     map[string]int `json:"sentiment"`
	// SentimentSet is the analyst's sentiment of the whole issue.
	SentimentSet string `json:"sentiment_set,omitempty"`
}

func mixJSON(m issue.Mix) map[string]int {
	return map[string]int{"positive": m.Positive, "neutral": m.Neutral, "negative": m.Negative, "not_rated": m.NotRated}
}

// issues is `sinergi issues list`: the stored issues of every agency when
// the issue tracker has run (a server, or `sinergi ingest`), otherwise the
// archive's recent items clustered into issues for the listing (package
// monitor/issue); the largest first. The output says which.
func (c *cli) issues(args []string) error {
	if len(args) == 0 || args[0] != "list" {
		return usageError{errors.New("pilih / want: issues list [--since 24h] [--min N] [--json]")}
	}
	cfg := NewMain().Config
	fs := c.flags("issues list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	since := fs.Duration("since", 24*time.Hour, "the items of this last period, e.g. 24h, 72h")
	minItems := fs.Int("min", 2, "only issues of at least this many items")
	if _, err := c.parse(fs, &cfg, args[1:], 0); err != nil {
		return err
	}
	if *since <= 0 || *since > 31*24*time.Hour {
		return usageError{fmt.Errorf("--since: %s bukan antara 1 jam dan 31 hari / is not between 1h and 31 days", *since)}
	}
	if *minItems < 1 {
		return usageError{fmt.Errorf("--min: %d bukan bilangan positif / is not positive", *minItems)}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	now := time.Now().UTC()
	console := access.SystemActor()
	_, stored, err := m.Services.Issues.List(c.ctx, console, issuetrack.ListFilter{All: true, Limit: 1})
	if err != nil {
		return err
	}
	var (
		list []issueJSON
		note string
	)
	if stored > 0 {
		list, err = storedIssues(c, m, now.Add(-*since), *minItems)
		note = fmt.Sprintf("%d isu tersimpan (pelacak isu) dalam %s terakhir. / %d stored issues (the issue tracker) in the last %s.",
			len(list), *since, len(list), *since)
	} else {
		var n int
		list, n, err = replayIssues(c, m, now, *since, *minItems)
		note = fmt.Sprintf("%d isu dari %d berita dalam %s terakhir, dikelompokkan ulang dari arsip (pelacak isu belum berjalan). / %d issues from %d items in the last %s, clustered from the archive (the issue tracker has not run).",
			len(list), n, *since, len(list), n, *since)
	}
	if err != nil {
		return err
	}
	if cfg.JSON {
		if list == nil {
			list = []issueJSON{}
		}
		return c.writeJSON(list)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ISU\tBERITA\tSUMBER\tPERTAMA (UTC)\tJUDUL")
	for _, is := range list {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\n", is.ID, is.Items, len(is.Sources), is.FirstSeen.Format("2006-01-02 15:04"), is.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, note)
	return nil
}

// storedIssues reads the stored issues of every agency, largest first.
func storedIssues(c *cli, m *Main, since time.Time, minItems int) ([]issueJSON, error) {
	var out []issueJSON
	for offset := 0; ; offset += 1000 {
		page, total, err := m.Services.Issues.List(c.ctx, access.SystemActor(), issuetrack.ListFilter{All: true, Since: since,
			MinItems: minItems, Limit: 1000, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, is := range page {
			out = append(out, issueJSON{ID: is.ID, AgencyID: is.AgencyID, Stored: true, Title: is.Title, FirstSeen: is.FirstSeen,
				LastSeen: is.LastSeen, Items: is.Items, LastHour: is.LastHour, Growth: is.Growth, Pinned: is.Pinned,
				Sources: is.Sources, Regions: is.Regions, People: is.People, Organisations: is.Organisations,
				Sentiment: mixJSON(is.Mix), SentimentSet: is.Sentiment})
		}
		if offset+len(page) >= total || len(page) == 0 {
			return out, nil
		}
	}
}

// replayIssues clusters the archive's items of the last period, as the
// console sees them, for this listing only; it returns how many items.
func replayIssues(c *cli, m *Main, now time.Time, since time.Duration, minItems int) ([]issueJSON, int, error) {
	items, analyses, err := m.Services.Archive.Recent(c.ctx, access.SystemActor(), now.Add(-since))
	if err != nil {
		return nil, 0, err
	}
	cl, err := issue.Replay(issue.Options{}, func(yield func(*archive.Item, *archive.Analysis) bool) {
		for i := range items {
			if !yield(items[i], analyses[i]) {
				return
			}
		}
	}, nil)
	if err != nil {
		return nil, 0, err
	}
	list := slices.DeleteFunc(cl.Issues(now.Add(-since), now), func(is issue.Issue) bool { return is.Items < minItems })
	slices.SortStableFunc(list, func(a, b issue.Issue) int { return cmp.Compare(b.Items, a.Items) })
	out := make([]issueJSON, len(list))
	for i, is := range list {
		out[i] = issueJSON{ID: int64(is.ID), Title: is.Title, FirstSeen: is.FirstSeen, LastSeen: is.LastSeen, Items: is.Items,
			LastHour: is.LastHour, Growth: is.Growth, Sources: is.Sources, Regions: is.Regions, People: is.People,
			Organisations: is.Organisations, Sentiment: mixJSON(is.Mix)}
	}
	return out, len(items), nil
}
