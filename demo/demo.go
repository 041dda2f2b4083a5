// Package demo fills an empty Sinergi with the agencies, accounts and key
// messages of a small, plausible Bakohumas network, an archive of news and
// a starter list of real Indonesian sources to watch, so that a new user
// can sign in and look around. Seeding is idempotent: what exists is left
// alone.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
)

// Services are what seeding needs.
type Services struct {
	Agencies *agency.Service
	Auth     *auth.Service
	Network  *network.Service
	Archive  *archive.Service
	Sources  *source.Service
	// ImportHoaxes reads a hoax file of the importer's "pratiwi" format
	// into an agency's registry as published PUBLIK claims and returns
	// how many were new (the command wires it to hoax/importer and
	// hoax.Service, which this package may not reach: the importer reads
	// feeds over HTTP). Nil leaves the registry empty.
	ImportHoaxes func(ctx context.Context, agencyPath []int64, r io.Reader) (int, error)
	// Upload stores the demo archive's items through the ingestion
	// pipeline (ingest.Pipeline.Upload), so that they are clustered into
	// issues and matched with the hoax registry as fed items are, and
	// returns how many it stored. Nil imports them into Archive alone.
	Upload func(ctx context.Context, items []*archive.Item) (int, error)
}

// Account is a demo account. Password is set only when this run created it:
// it is shown once and never stored in clear.
type Account struct {
	Username   string
	Role       access.Role
	Clearance  access.Level
	AgencyName string
	Password   string
}

// Result says what seeding did.
type Result struct {
	AgenciesCreated int
	ItemsImported   int
	SourcesCreated  int
	HoaxesImported  int
	Accounts        []Account
}

// agencySeed describes one demo agency. Parent names another seed's key.
type agencySeed struct {
	key, parent string
	name, short string
	kind        agency.Kind
	region      region.Code
}

// The demo network: the Ministry of Home Affairs' information centre at the
// top, provincial Humas units below it, a kota below Jambi, and the
// national police's Humas division as a second root.
var agencySeeds = []agencySeed{
	{key: "puspen", name: "Pusat Penerangan Kementerian Dalam Negeri", short: "Puspen Kemendagri", kind: agency.Kementerian},
	{key: "aceh", parent: "puspen", name: "Biro Humas Setda Aceh", short: "Biro Humas Aceh", kind: agency.Provinsi, region: "11"},
	{key: "diy", parent: "puspen", name: "Dinas Komunikasi dan Informatika Daerah Istimewa Yogyakarta", short: "Diskominfo DIY", kind: agency.Provinsi, region: "34"},
	{key: "jambi", parent: "puspen", name: "Biro Humas dan Protokol Setda Provinsi Jambi", short: "Biro Humas Jambi", kind: agency.Provinsi, region: "15"},
	{key: "kotajambi", parent: "jambi", name: "Bagian Humas Kota Jambi", short: "Humas Kota Jambi", kind: agency.Kota, region: "15.71"},
	{key: "sulsel", parent: "puspen", name: "Biro Humas dan Protokol Setda Provinsi Sulawesi Selatan", short: "Biro Humas Sulsel", kind: agency.Provinsi, region: "73"},
	{key: "papua", parent: "puspen", name: "Biro Humas Setda Provinsi Papua", short: "Biro Humas Papua", kind: agency.Provinsi, region: "91"},
	{key: "polri", name: "Divisi Hubungan Masyarakat Polri", short: "Divhumas Polri", kind: agency.Polri},
}

// One account per role. The administrator sits at the top so that one
// account can show every page; the others work in the Jambi province's
// Humas, where the demo key messages live.
var accountSeeds = []struct {
	username, name, agency string
	role                   access.Role
	clearance              access.Level
}{
	{"admin", "Administrator Sinergi", "puspen", access.Administrator, access.Rahasia},
	{"pimpinan", "Sekretaris Daerah Provinsi Jambi", "jambi", access.Pimpinan, access.Rahasia},
	{"kepala.humas", "Kepala Biro Humas dan Protokol", "jambi", access.KepalaHumas, access.Rahasia},
	{"analis", "Analis Media Biro Humas", "jambi", access.Analis, access.Terbatas},
	{"editor", "Editor Konten Biro Humas", "jambi", access.Editor, access.Terbatas},
	{"reporter", "Reporter Biro Humas", "jambi", access.Reporter, access.Publik},
	{"ppid", "Petugas PPID Provinsi Jambi", "jambi", access.PetugasPPID, access.Terbatas},
	{"staf", "Staf Bagian Humas Kota Jambi", "kotajambi", access.Staf, access.Publik},
}

// Key messages of the demo, written for it, one per classification.
var messageSeeds = []struct {
	agency, title, body string
	class               access.Level
}{
	{"jambi", "Kesiapsiagaan banjir musim hujan 2026/2027",
		"Pemerintah Provinsi Jambi telah menyiagakan posko banjir di sebelas kabupaten/kota. Sampaikan nomor darurat BPBD dan lokasi posko pengungsian di setiap rilis dan unggahan media sosial.",
		access.Publik},
	{"jambi", "Narasi tunggal penanganan kabut asap",
		"Gunakan data titik panas resmi dari BMKG saja. Jangan menyebut angka kerugian sebelum rapat koordinasi gubernur. Rujuk pertanyaan wartawan tentang perusahaan ke Dinas Lingkungan Hidup.",
		access.Terbatas},
	{"jambi", "Persiapan konferensi pers hasil audit BPK",
		"Konferensi pers dijadwalkan setelah rapat pimpinan. Materi dan juru bicara ditetapkan kepala biro; jangan dibagikan di luar biro.",
		access.Rahasia},
	{"kotajambi", "Jadwal layanan kependudukan keliling",
		"Layanan Disdukcapil keliling hadir di kelurahan setiap Sabtu. Sebarkan jadwal mingguan dari akun resmi pemerintah kota.",
		access.Publik},
}

// Seed creates what is missing of the demo content.
func Seed(ctx context.Context, svc Services) (Result, error) {
	var res Result
	console := access.SystemActor()
	ids := make(map[string]int64, len(agencySeeds))
	names := make(map[string]string, len(agencySeeds))
	for _, s := range agencySeeds {
		parent := ids[s.parent]
		existing, err := findAgency(ctx, svc.Agencies, parent, s.name)
		if err != nil {
			return res, err
		}
		if existing == nil {
			existing = &agency.Agency{ParentID: parent, Name: s.name, ShortName: s.short, Kind: s.kind, RegionCode: s.region}
			if err := svc.Agencies.Create(ctx, console, existing); err != nil {
				return res, fmt.Errorf("demo: agency %s: %w", s.name, err)
			}
			res.AgenciesCreated++
		}
		ids[s.key], names[s.key] = existing.ID, existing.Name
	}
	for _, s := range accountSeeds {
		acct := Account{Username: s.username, Role: s.role, Clearance: s.clearance, AgencyName: names[s.agency]}
		_, err := svc.Auth.FindUserByUsername(ctx, console, s.username)
		switch {
		case err == nil:
			res.Accounts = append(res.Accounts, acct)
			continue
		case !errors.Is(err, sinergi.ErrNotFound):
			return res, fmt.Errorf("demo: account %s: %w", s.username, err)
		}
		acct.Password = auth.GeneratePassword()
		_, err = svc.Auth.CreateUser(ctx, console, auth.NewUser{AgencyID: ids[s.agency], Username: s.username,
			Name: s.name, Role: s.role, Clearance: s.clearance, Password: acct.Password})
		if err != nil {
			return res, fmt.Errorf("demo: account %s: %w", s.username, err)
		}
		res.Accounts = append(res.Accounts, acct)
	}
	if err := seedMessages(ctx, svc.Network, ids); err != nil {
		return res, err
	}
	var err error
	if res.SourcesCreated, err = seedSources(ctx, svc.Sources, ids); err != nil {
		return res, err
	}
	// The registry before the archive, so that the items are matched with it.
	if svc.ImportHoaxes != nil {
		a, err := svc.Agencies.Find(ctx, ids["puspen"])
		if err != nil {
			return res, fmt.Errorf("demo: hoaxes: %w", err)
		}
		if res.HoaxesImported, err = svc.ImportHoaxes(ctx, a.Path, Hoaxes()); err != nil {
			return res, fmt.Errorf("demo: hoaxes: %w", err)
		}
	}
	res.ItemsImported, err = seedArchive(ctx, svc, ids["jambi"])
	return res, err
}

//go:embed hoaxes.jsonl
var hoaxes []byte

// Hoaxes returns the demo hoax registry: the 181 hoax texts of the Pratiwi
// set, CC BY 4.0 (see HOAXES-SOURCE.md), in the importer's "pratiwi"
// format.
func Hoaxes() io.Reader { return bytes.NewReader(hoaxes) }

//go:embed sources.json
var starterSources []byte

// sourceSeed is one source of the starter list (sources.json): national and
// regional outlets and government sites with the feed addresses they
// publish. Feed addresses move; a feed that did shows as gone on the health
// page, which is what it is for.
type sourceSeed struct {
	Agency      string   `json:"agency"` // an agency seed's key
	Name        string   `json:"name"`
	HomePage    string   `json:"home_page"`
	MediaType   string   `json:"media_type"`
	Region      string   `json:"region"`
	AltDomains  []string `json:"alt_domains"`
	Collections []string `json:"collections"`
	Notes       string   `json:"notes"`
	Feeds       []struct {
		URL  string `json:"url"`
		Kind string `json:"kind"`
	} `json:"feeds"`
}

// seedSources registers the starter list, paused: a demo does not reach
// out to the Internet until an officer resumes a source (`sinergi source
// resume ID`, or the source's page). A source whose domain the agency has
// already registered is left alone.
func seedSources(ctx context.Context, svc *source.Service, ids map[string]int64) (int, error) {
	var seeds []sourceSeed
	if err := json.Unmarshal(starterSources, &seeds); err != nil {
		return 0, fmt.Errorf("demo: sources.json: %w", err)
	}
	created := 0
	for _, s := range seeds {
		src := &source.Source{AgencyID: ids[s.Agency], Name: s.Name, HomePage: s.HomePage, MediaType: source.MediaType(s.MediaType),
			Lang: "id", Region: s.Region, AltDomains: s.AltDomains, Collections: s.Collections, Notes: s.Notes, Paused: true}
		for _, f := range s.Feeds {
			src.Feeds = append(src.Feeds, source.FeedURL{URL: f.URL, Kind: source.FeedKind(f.Kind)})
		}
		err := svc.Add(ctx, access.SystemActor(), src)
		switch {
		case errors.Is(err, sinergi.ErrConflict):
			continue // registered before
		case err != nil:
			return created, fmt.Errorf("demo: source %s: %w", s.Name, err)
		}
		created++
	}
	return created, nil
}

func seedMessages(ctx context.Context, svc *network.Service, ids map[string]int64) error {
	console := access.SystemActor()
	if _, n, err := svc.List(ctx, console, network.Filter{Limit: 1}); err != nil || n > 0 {
		return err // the key messages are there already
	}
	for _, s := range messageSeeds {
		m := &network.KeyMessage{AgencyID: ids[s.agency], Title: s.title, Body: s.body, Classification: s.class}
		if err := svc.Create(ctx, console, m); err != nil {
			return fmt.Errorf("demo: key message %q: %w", s.title, err)
		}
	}
	return nil
}

//go:embed items.jsonl
var items []byte

// Items returns the demo archive's items as an import file (JSONL): 200
// IndoSum news articles, CC BY-SA 4.0 (see ITEMS-SOURCE.md).
func Items() io.Reader { return bytes.NewReader(items) }

//go:embed posts.jsonl
var posts []byte

// postEvery is the time between the demo's social media posts, the last
// of them that long before the seed.
const postEvery = 90 * time.Minute

// seedArchive stores the demo items in an empty archive, for the given
// agency, and returns how many it stored: the news of items.jsonl dated by
// redate, then the social media posts of posts.jsonl, written for the
// demo, which repeat hoaxes of the demo registry in their own words in
// the last hours (one is confirmed and raises a recirculation alert when
// the items go through the pipeline).
func seedArchive(ctx context.Context, svc Services, agencyID int64) (int, error) {
	if n, err := svc.Archive.Count(ctx); err != nil || n > 0 {
		return 0, err
	}
	now := time.Now()
	list, _, err := archive.ReadFile(Items(), archive.FormatJSONL, region.WIB.Location())
	if err != nil {
		return 0, fmt.Errorf("demo: items: %w", err)
	}
	redate(list, now)
	social, _, err := archive.ReadFile(bytes.NewReader(posts), archive.FormatJSONL, region.WIB.Location())
	if err != nil {
		return 0, fmt.Errorf("demo: posts: %w", err)
	}
	for i, it := range social {
		it.Published = now.Add(-time.Duration(len(social)-i) * postEvery).Truncate(time.Minute)
	}
	list = append(list, social...)
	for _, it := range list {
		it.AgencyID = agencyID
	}
	if svc.Upload != nil {
		n, err := svc.Upload(ctx, list)
		if err != nil {
			return n, fmt.Errorf("demo: items: %w", err)
		}
		return n, nil
	}
	if err := svc.Archive.Import(ctx, access.SystemActor(), list); err != nil {
		return 0, fmt.Errorf("demo: items: %w", err)
	}
	return len(list), nil
}

// The demo archive is spread over the daytime hours of the recentDays days
// before the seed: the dashboards, the brief and the early warning look at
// the last day, week or month, and the articles' own dates (2016–2018)
// would leave them empty.
const (
	recentDays = 30
	dayStarts  = 6  // WIB hour of the first news of a day
	dayEnds    = 22 // and of the last
)

// redate spreads the items' publication times evenly over the daytime
// hours (06.00–22.00 WIB) of the recentDays days before now, in their
// original order, the newest shortly before now (or before 22.00 of the
// last evening when now is at night), so that each day has about the same
// number of items and none is in the future. Items without a publication
// time are left without one.
func redate(items []*archive.Item, now time.Time) {
	dated := make([]*archive.Item, 0, len(items))
	for _, it := range items {
		if !it.Published.IsZero() {
			dated = append(dated, it)
		}
	}
	slices.SortStableFunc(dated, func(a, b *archive.Item) int { return a.Published.Compare(b.Published) })
	const daytime = (dayEnds - dayStarts) * time.Hour
	// end is the last daytime moment up to now, and into its day's daytime.
	end := now.In(region.WIB.Location())
	y, m, d := end.Date()
	morning := time.Date(y, m, d, dayStarts, 0, 0, 0, end.Location())
	switch {
	case end.Before(morning):
		end = morning.AddDate(0, 0, -1).Add(daytime)
	case end.After(morning.Add(daytime)):
		end = morning.Add(daytime)
	}
	y, m, d = end.Date()
	into := end.Sub(time.Date(y, m, d, dayStarts, 0, 0, 0, end.Location()))
	span := recentDays * daytime
	for k, it := range dated {
		back := span * time.Duration(2*(len(dated)-k)-1) / time.Duration(2*len(dated))
		if back <= into {
			it.Published = end.Add(-back).Truncate(time.Minute)
			continue
		}
		back -= into
		days := 1 + int(back/daytime)
		evening := time.Date(y, m, d, dayEnds, 0, 0, 0, end.Location()).AddDate(0, 0, -days)
		it.Published = evening.Add(-(back % daytime)).Truncate(time.Minute)
	}
}

func findAgency(ctx context.Context, agencies *agency.Service, parent int64, name string) (*agency.Agency, error) {
	list, _, err := agencies.List(ctx, agency.Filter{Parent: &parent, Query: name, Limit: 100})
	if err != nil {
		return nil, fmt.Errorf("demo: find agency %s: %w", name, err)
	}
	for _, a := range list {
		if a.Name == name {
			return a, nil
		}
	}
	return nil, nil
}
