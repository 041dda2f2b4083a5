package brief_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/storetest"
)

var (
	loadRegions  = sync.OnceValues(region.Load)
	loadCatalogs = sync.OnceValues(i18n.Load)
	loadAnalyzer = sync.OnceValues(func() (*analysis.Analyzer, error) {
		g, err := loadRegions()
		if err != nil {
			return nil, err
		}
		return analysis.New(g)
	})
)

// at is the end of the test briefs' window: 06.00 WIB on 23 November 2026.
var at = time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC)

// env is a brief service over a real store with one agency, Humas Polda
// Metro Jaya (names chosen because the demo corpus of IndoSum articles
// names them: "Polda Metro Jaya" 8 times, "Joko Widodo" 12), its people and
// the demo archive's items moved into the window.
type env struct {
	db       *store.DB
	svc      *brief.Service
	archive  *archive.Service
	monitor  *monitor.Service
	agencies *agency.Service
	polda    *agency.Agency
	other    *agency.Agency
	users    map[string]*auth.User
	// inWindow counts the stored items in the window by classification.
	inWindow map[access.Level]int
	dupTitle string
}

func forEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) { fn(t, newEnv(t, db, sinergi.SystemClock{})) })
}

func newEnv(t *testing.T, db *store.DB, clock sinergi.Clock) *env {
	t.Helper()
	ctx := t.Context()
	g, err := loadRegions()
	if err != nil {
		t.Fatal(err)
	}
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	log := audit.NewLog(db, clock)
	e := &env{db: db, users: map[string]*auth.User{}, inWindow: map[access.Level]int{}}
	e.agencies = agency.NewService(db, g, log)
	users := auth.NewService(db, e.agencies, log, clock)
	e.archive = archive.NewService(db, loadAnalyzer, g, e.agencies, log, clock)
	e.monitor = monitor.NewService(db, e.archive, log, clock, nil)
	e.svc = brief.NewService(brief.Deps{Store: db, Agencies: e.agencies, Users: users, Compiler: e.archive,
		Regions: g, Catalogs: cats, Audit: log, Clock: clock})
	sys := access.SystemActor()
	e.polda = &agency.Agency{Name: "Humas Polda Metro Jaya", ShortName: "Polda Metro Jaya", Kind: agency.Polri,
		Leader: "Joko Widodo"}
	if err := e.agencies.Create(ctx, sys, e.polda); err != nil {
		t.Fatal(err)
	}
	if e.other, err = e.agencies.CreateFromRegion(ctx, sys, "15", 0); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name, email string
		agency      int64
		role        access.Role
		clearance   access.Level
	}{
		{"kepala", "kepala@polri.go.id", e.polda.ID, access.KepalaHumas, access.Terbatas},
		{"pimpinan", "kapolda@polri.go.id", e.polda.ID, access.Pimpinan, access.Rahasia},
		{"staf", "", e.polda.ID, access.Staf, access.Publik},
		{"analis", "", e.polda.ID, access.Analis, access.Terbatas},
		{"jambi", "jambi@jambiprov.go.id", e.other.ID, access.KepalaHumas, access.Rahasia},
	} {
		created, err := users.CreateUser(ctx, sys, auth.NewUser{AgencyID: u.agency, Username: u.name, Name: u.name, Email: u.email,
			Role: u.role, Clearance: u.clearance, Password: "kata-sandi-yang-panjang-sekali"})
		if err != nil {
			t.Fatalf("CreateUser(%s): %v", u.name, err)
		}
		e.users[u.name] = created
	}
	e.importDemo(t)
	return e
}

// importDemo imports the 200 demo articles as the agency's items, spread
// over the 24 hours before at in their order, every tenth TERBATAS and
// every 25th RAHASIA, the first one also syndicated by a second outlet
// (so that it forms an issue), and two outside the window.
func (e *env) importDemo(t *testing.T) {
	t.Helper()
	f, err := os.Open(filepath.Join(testenv.RepoRoot(t), "demo", "items.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, _, err := archive.ReadFile(f, "jsonl", region.WIB.Location())
	if err != nil {
		t.Fatal(err)
	}
	n := len(items)
	for i, it := range items {
		it.AgencyID = e.polda.ID
		it.Published = at.Add(-time.Duration(n-i) * (brief.Window / time.Duration(n+1)))
		it.Classification = access.Publik
		switch {
		case i%25 == 24:
			it.Classification = access.Rahasia
		case i%10 == 9:
			it.Classification = access.Terbatas
		}
		e.inWindow[it.Classification]++
	}
	dup := *items[0]
	dup.URL, dup.Source, dup.Published = "https://syndication.example.id/berita-1", "syndication.example.id", items[0].Published.Add(10*time.Minute)
	e.dupTitle = items[0].Title
	e.inWindow[dup.Classification]++
	before, after := *items[1], *items[2]
	before.URL, before.Published = "https://old.example.id/1", at.Add(-brief.Window)
	after.URL, after.Published = "https://new.example.id/2", at.Add(time.Second)
	items = append(items, &dup, &before, &after)
	if err := e.archive.Import(t.Context(), access.SystemActor(), items); err != nil {
		t.Fatalf("Import: %v", err)
	}
}

// spikes records two spike alerts in the window through the store, as
// monitor.CheckSpikes does: one of a search shared with the agency, one of
// a private search (left out of the brief).
func (e *env) spikes(t *testing.T) *monitor.SavedSearch {
	t.Helper()
	shared := &monitor.SavedSearch{Name: "Polda", Query: `"polda metro jaya"`, Sharing: monitor.Agency}
	private := &monitor.SavedSearch{Name: "Pribadi", Query: "ahok"}
	for _, ss := range []*monitor.SavedSearch{shared, private} {
		if err := e.monitor.Save(t.Context(), e.users["analis"].Actor(), ss); err != nil {
			t.Fatalf("Save(%s): %v", ss.Name, err)
		}
		n := &monitor.Notification{UserID: ss.OwnerID, SearchID: ss.ID, Created: at.Add(-2 * time.Hour),
			Link: "/pantau/pencarian/1", Message: monitor.Message{Key: "spike.reason",
				Args: []any{42, `"` + ss.Name + `"`, 3, 5.0, 2.0, 14, 11.0, 3.0}}}
		if err := e.db.SpikeAlert(t.Context(), ss.ID, at.Add(-time.Hour), n); err != nil {
			t.Fatalf("SpikeAlert: %v", err)
		}
	}
	return shared
}

func TestGenerate(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		shared := e.spikes(t)
		snap, err := e.svc.Create(t.Context(), e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		b, err := snap.Brief()
		if err != nil {
			t.Fatalf("Brief: %v", err)
		}
		// The recipients are kepala (TERBATAS) and pimpinan (RAHASIA):
		// the ceiling is TERBATAS, so RAHASIA items are left out.
		if snap.Classification != access.Terbatas || b.Ceiling != "TERBATAS" {
			t.Errorf("ceiling = %v / %q, want TERBATAS", snap.Classification, b.Ceiling)
		}
		if want := e.inWindow[access.Publik] + e.inWindow[access.Terbatas]; b.Items != want {
			t.Errorf("Items = %d, want %d (PUBLIK and TERBATAS in the window)", b.Items, want)
		}
		if !b.Since.Equal(at.Add(-24*time.Hour)) || !b.Until.Equal(at) || len(b.Hours) != 24 {
			t.Errorf("window = %s – %s, %d hours", b.Since, b.Until, len(b.Hours))
		}
		sum := 0
		for _, h := range b.Hours {
			sum += h.Items
		}
		if sum != b.Items || b.Sentiment.Total() != b.Items {
			t.Errorf("hours sum to %d, sentiments to %d, want %d", sum, b.Sentiment.Total(), b.Items)
		}
		if !slices.ContainsFunc(b.Issues, func(is brief.Issue) bool { return is.Title == e.dupTitle && is.Items >= 2 }) {
			t.Errorf("issues %+v lack the syndicated story %q", b.Issues, e.dupTitle)
		}
		if b.Mentions.Agency == 0 || b.Mentions.Leader == 0 || b.Mentions.Total > b.Mentions.Agency+b.Mentions.Leader {
			t.Errorf("mentions = %d (agency %d, leader %d)", b.Mentions.Total, b.Mentions.Agency, b.Mentions.Leader)
		}
		// The word check before the matcher drops nothing: every item of
		// the window through the matcher gives the same counts.
		var agencyN, leaderN, total int
		qa, qb := compileQuery(t, e, brief.MentionQuery("Humas Polda Metro Jaya", "Polda Metro Jaya")), compileQuery(t, e, `"Joko Widodo"`)
		err = e.db.BriefItems(t.Context(), e.polda.ID, access.Terbatas, b.Since, b.Until, func(it *archive.Item, an *archive.Analysis) error {
			p := an.Prepared(it)
			x, y := qa.Match(p, at, region.WIB.Location()), qb.Match(p, at, region.WIB.Location())
			if x {
				agencyN++
			}
			if y {
				leaderN++
			}
			if x || y {
				total++
			}
			return nil
		})
		if err != nil || agencyN != b.Mentions.Agency || leaderN != b.Mentions.Leader || total != b.Mentions.Total {
			t.Errorf("mentions %d/%d/%d, by the matcher alone %d/%d/%d (%v)", b.Mentions.Total, b.Mentions.Agency,
				b.Mentions.Leader, total, agencyN, leaderN, err)
		}
		if len(b.Spikes) != 1 || b.Spikes[0].SearchID != shared.ID || b.Spikes[0].Key != "spike.reason" {
			t.Errorf("spikes = %+v, want the shared search's one", b.Spikes)
		}
		if len(b.Regions) == 0 {
			t.Error("no region rows")
		}
		if !slices.ContainsFunc(b.Queries, func(q brief.QueryVersion) bool { return q.Kind == "saved_search" && q.ID == shared.ID }) ||
			!slices.ContainsFunc(b.Queries, func(q brief.QueryVersion) bool {
				return q.Kind == "mentions" && q.Query == `"Joko Widodo"`
			}) {
			t.Errorf("queries = %+v", b.Queries)
		}
	})
}

func compileQuery(t *testing.T, e *env, src string) *query.Query {
	t.Helper()
	q, err := query.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.archive.Compile(t.Context(), src, q)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestImmutable: a stored brief keeps its content and hash whatever is
// imported later; the database refuses to change it; a changed content
// no longer matches its hash; re-rendering gives the same page and PDF.
func TestImmutable(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		snap, err := e.svc.Create(ctx, e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		if brief.Hash(snap.Content) != snap.SHA256 || len(snap.SHA256) != 64 {
			t.Errorf("SHA256 = %q, want the hash of the content", snap.SHA256)
		}
		late := &archive.Item{AgencyID: e.polda.ID, Classification: access.Publik, Title: "Polda Metro Jaya menambah pos",
			Text: "Polda Metro Jaya menambah pos pengamanan.", URL: "https://late.example.id/1", Published: at.Add(-time.Hour)}
		if err := e.archive.Import(ctx, access.SystemActor(), []*archive.Item{late}); err != nil {
			t.Fatal(err)
		}
		stored, err := e.svc.Find(ctx, e.users["kepala"].Actor(), snap.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stored.Content, snap.Content) || stored.SHA256 != snap.SHA256 {
			t.Error("the stored brief changed after a later import")
		}
		again, err := e.svc.Create(ctx, e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		b1, _ := snap.Brief()
		b2, _ := again.Brief()
		if b2.Items != b1.Items+1 {
			t.Errorf("a new brief of the same window has %d items, want %d", b2.Items, b1.Items+1)
		}
		_, err = e.db.SQL().ExecContext(ctx, e.db.Dialect().Rebind(`UPDATE briefs SET content = '{}' WHERE id = ?`), snap.ID)
		if err == nil {
			t.Error("UPDATE briefs succeeded; want the database to refuse")
		}
		tampered := *stored
		tampered.Content = bytes.Replace(stored.Content, []byte(`"items":`), []byte(`"items": `), 1)
		if _, err := tampered.Brief(); sinergi.KindOf(err) != sinergi.KindInternal {
			t.Errorf("Brief() of changed content = %v, want an internal error", err)
		}
		cats, _ := loadCatalogs()
		tr := cats.Translator(i18n.ID)
		pdf1, html1 := render(t, snap, tr)
		pdf2, html2 := render(t, stored, tr)
		if pdftotext(t, pdf1) != pdftotext(t, pdf2) || html1 != html2 {
			t.Error("re-rendering the stored brief gave another page or PDF text")
		}
	})
}

func render(t *testing.T, s *brief.Snapshot, tr *i18n.Translator) ([]byte, string) {
	t.Helper()
	b, err := s.Brief()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := brief.PDF(b, tr)
	if err != nil {
		t.Fatal(err)
	}
	html, err := brief.HTML(b, tr, true)
	if err != nil {
		t.Fatal(err)
	}
	return pdf, string(html)
}

// pdftotext returns the text of a PDF as Debian's poppler-utils reads it,
// its white space collapsed.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		testenv.Missing(t, "pdftotext (apt install poppler-utils)")
	}
	cmd := exec.CommandContext(t.Context(), bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestPDF reads the PDF back with pdftotext: the agency, the window in
// Indonesian (and English), an issue's title, page numbers; and checks
// that the fonts are embedded.
func TestPDF(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		e.spikes(t)
		snap, err := e.svc.Create(t.Context(), e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := snap.Brief()
		cats, _ := loadCatalogs()
		for _, tc := range []struct {
			lang i18n.Lang
			want []string
		}{
			{i18n.ID, []string{"Humas Polda Metro Jaya", "Periode Minggu, 22 November 2026 06.00 WIB – Senin, 23 November 2026 06.00 WIB",
				"Isu utama", "Lonjakan 24 jam terakhir", "Lonjakan: 42 artikel", "Halaman 1 dari", "Wilayah", "Berisi berita hingga klasifikasi TERBATAS"}},
			{i18n.EN, []string{"Humas Polda Metro Jaya", "Period Sunday, 22 November 2026 06:00 WIB – Monday, 23 November 2026 06:00 WIB",
				"Top issues", "Page 1 of"}},
		} {
			pdf, err := brief.PDF(b, cats.Translator(tc.lang))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(pdf, []byte("/FontFile2")) {
				t.Errorf("%s: the PDF embeds no TrueType font", tc.lang)
			}
			text := pdftotext(t, pdf)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: PDF text lacks %q", tc.lang, w)
				}
			}
			title := strings.Join(strings.Fields(b.Issues[0].Title)[:4], " ")
			if !strings.Contains(text, title) {
				t.Errorf("%s: PDF text lacks the top issue's title %q", tc.lang, title)
			}
		}
	})
}

// TestAccess: a brief opens only to people of its agency (or above it)
// cleared for its ceiling; others are told it does not exist.
func TestAccess(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		snap, err := e.svc.Create(ctx, e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			user string
			ok   bool
		}{{"kepala", true}, {"pimpinan", true}, {"analis", true}, {"staf", false}, {"jambi", false}} {
			_, err := e.svc.Find(ctx, e.users[tc.user].Actor(), snap.ID)
			if tc.ok && err != nil || !tc.ok && !errors.Is(err, sinergi.ErrNotFound) {
				t.Errorf("as %s: Find = %v, want ok %v (NotFound otherwise)", tc.user, err, tc.ok)
			}
		}
		if _, err := e.svc.Create(ctx, e.users["staf"].Actor(), e.polda.ID, at); !errors.Is(err, sinergi.ErrForbidden) {
			t.Errorf("as staf: Create = %v, want Forbidden", err)
		}
		if _, err := e.svc.Create(ctx, e.users["jambi"].Actor(), e.polda.ID, at); !errors.Is(err, sinergi.ErrForbidden) {
			t.Errorf("as another agency's head: Create = %v, want Forbidden", err)
		}
		list, n, err := e.svc.List(ctx, e.users["staf"].Actor(), brief.Filter{AgencyID: e.polda.ID})
		if err != nil || len(list) != 0 || n != 0 {
			t.Errorf("as staf: List = %d (%d), %v; want none", len(list), n, err)
		}
	})
}

// TestSchedule: at 06.30 WIB every agency whose time has come gets one
// brief for the day, whose window ends at 06.00, mailed to its heads with
// the PDF; runs again (and two services at once) make none twice.
func TestSchedule(t *testing.T) {
	forEngine(t, func(t *testing.T, e0 *env) {
		ctx := context.Background()
		clock := sinergi.FixedClock(at.Add(30 * time.Minute))
		var kicks atomic.Int32
		e := newSchedEnv(t, e0, clock, kicker(func() { kicks.Add(1) }))
		other := newSchedEnv(t, e0, clock, nil)
		var wg sync.WaitGroup
		made := make([]int, 2)
		for i, s := range []*brief.Service{e, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := s.GenerateDue(ctx)
				if err != nil && !errors.Is(err, sinergi.ErrConflict) {
					t.Errorf("GenerateDue: %v", err)
				}
				made[i] = n
			}()
		}
		wg.Wait()
		if made[0]+made[1] != 2 {
			t.Errorf("two runs made %v briefs, want 2 in all (one per agency)", made)
		}
		if n, err := e.GenerateDue(ctx); err != nil || n != 0 {
			t.Errorf("GenerateDue again = %d, %v; want 0", n, err)
		}
		list, _, err := e.List(ctx, access.SystemActor(), brief.Filter{AgencyID: e0.polda.ID})
		if err != nil || len(list) != 1 || list[0].Day != "2026-11-23" || !list[0].Until.Equal(at) {
			t.Fatalf("briefs of the agency = %+v, %v; want one of 2026-11-23 ending at 06.00 WIB", list, err)
		}
		if made[0] == 2 { // this service made both agencies' briefs and queued their e-mails
			var got []string
			for _, a := range []*agency.Agency{e0.polda, e0.other} {
				list, _, err := e.List(ctx, access.SystemActor(), brief.Filter{AgencyID: a.ID})
				if err != nil || len(list) != 1 {
					t.Fatalf("briefs of %s = %d, %v", a.Name, len(list), err)
				}
				out, err := e0.db.FindOutgoing(ctx, brief.OutboxOrigin, list[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range out {
					m := o.Message
					got = append(got, m.To...)
					if o.Status != mail.OutboxPending || len(m.Attachments) != 1 || len(m.Attachments[0].Data) == 0 ||
						!strings.HasPrefix(m.Attachments[0].Name, fmt.Sprintf("brief-%d-", list[0].ID)) ||
						!strings.HasPrefix(m.Subject, "Ringkasan pimpinan") || !strings.Contains(m.HTML, "<html") {
						t.Errorf("queued e-mail %q (%s): attachments %v", m.Subject, o.Status, m.Attachments)
					}
				}
			}
			slices.Sort(got)
			// Jambi's head and Polda's two heads, one e-mail each; staff
			// and analysts are not recipients.
			if want := []string{"jambi@jambiprov.go.id", "kapolda@polri.go.id", "kepala@polri.go.id"}; !slices.Equal(got, want) {
				t.Errorf("queued e-mails to %v, want %v", got, want)
			}
			if kicks.Load() == 0 {
				t.Error("the outbox was not kicked")
			}
		}
		early := newSchedEnv(t, e0, sinergi.FixedClock(at.Add(-time.Minute+24*time.Hour)), nil)
		if n, err := early.GenerateDue(ctx); err != nil || n != 0 {
			t.Errorf("at 05.59 the next day: GenerateDue = %d, %v; want 0", n, err)
		}
	})
}

// TestBriefWithMails: a brief and its e-mails are stored in one
// transaction: when the e-mails cannot be written, neither is the brief.
func TestBriefWithMails(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		made, err := e.svc.Create(ctx, e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		snap := *made
		snap.ID, snap.Day = 0, "2026-11-23"
		failed := errors.New("the outbox is full")
		err = e.db.CreateBrief(ctx, &snap, func(int64) ([]*mail.Outgoing, error) { return nil, failed })
		if !errors.Is(err, failed) || snap.ID != 0 {
			t.Fatalf("CreateBrief with failing e-mails = %v, ID %d; want the e-mails' error and no ID", err, snap.ID)
		}
		if _, n, err := e.svc.List(ctx, access.SystemActor(), brief.Filter{AgencyID: e.polda.ID}); err != nil || n != 1 {
			t.Fatalf("briefs after the failure = %d, %v; want only the first", n, err)
		}
		var gotID int64
		err = e.db.CreateBrief(ctx, &snap, func(id int64) ([]*mail.Outgoing, error) {
			gotID = id
			o, err := mail.NewOutgoing(brief.OutboxOrigin, id, mail.Message{To: []string{"kepala@polri.go.id"},
				Subject: "Ringkasan", Text: "isi"}, at)
			return []*mail.Outgoing{o}, err
		})
		if err != nil || snap.ID == 0 || gotID != snap.ID {
			t.Fatalf("CreateBrief = %v, ID %d, e-mails made for %d", err, snap.ID, gotID)
		}
		out, err := e.db.FindOutgoing(ctx, brief.OutboxOrigin, snap.ID)
		if err != nil || len(out) != 1 || out[0].Message.To[0] != "kepala@polri.go.id" {
			t.Errorf("e-mails of the brief = %v, %v; want the one queued with it", out, err)
		}
	})
}

// newSchedEnv is a second brief service over e's store with a fixed clock
// and an outbox (nil: no e-mail).
func newSchedEnv(t *testing.T, e *env, clock sinergi.Clock, outbox brief.Outbox) *brief.Service {
	g, _ := loadRegions()
	cats, _ := loadCatalogs()
	log := audit.NewLog(e.db, clock)
	users := auth.NewService(e.db, e.agencies, log, clock)
	return brief.NewService(brief.Deps{Store: e.db, Agencies: e.agencies, Users: users, Compiler: e.archive,
		Regions: g, Catalogs: cats, Audit: log, Clock: clock, Outbox: outbox})
}

// kicker is an outbox that only counts its kicks.
type kicker func()

func (k kicker) Kick() { k() }

func TestDue(t *testing.T) {
	jambi := &agency.Agency{TimeZone: region.WIB, BriefAt: "06:00"}
	papua := &agency.Agency{TimeZone: region.WIT, BriefAt: "07.30"}
	for _, tc := range []struct {
		a       *agency.Agency
		now     time.Time
		day     string
		ok      bool
		atLocal string
	}{
		{jambi, time.Date(2026, 11, 22, 22, 59, 0, 0, time.UTC), "", false, ""},
		{jambi, time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC), "2026-11-23", true, "06:00"},
		{jambi, time.Date(2026, 11, 23, 16, 59, 0, 0, time.UTC), "2026-11-23", true, "06:00"},
		{jambi, time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC), "", false, ""}, // 00.00 WIB on the 24th
		{papua, time.Date(2026, 11, 22, 22, 30, 0, 0, time.UTC), "2026-11-23", true, "07:30"},
	} {
		day, at, ok := brief.Due(tc.a, tc.now)
		if day != tc.day || ok != tc.ok || ok && at.In(tc.a.Location()).Format("15:04") != tc.atLocal {
			t.Errorf("Due(%s %s, %s) = %q, %s, %v; want %q at %s, %v", tc.a.TimeZone, tc.a.BriefAt, tc.now, day, at, ok, tc.day, tc.atLocal, tc.ok)
		}
	}
}

func TestMentionQuery(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"Humas Polda Metro Jaya", "Polda Metro Jaya"}, `"Humas Polda Metro Jaya" OR "Polda Metro Jaya"`},
		{[]string{`Budi "Gembul"  Santoso`, ""}, `"Budi Gembul Santoso"`},
		{[]string{"A", "A"}, `"A"`},
		{nil, ""},
	} {
		if got := brief.MentionQuery(tc.names...); got != tc.want {
			t.Errorf("MentionQuery(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}

// TestHoaxes: the brief lists the known hoaxes the window's items repeated
// or refuted, the most repeated first, leaving out claims the brief's
// readers may not see and appearances outside the window or above the
// ceiling.
func TestHoaxes(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		var items []*archive.Item
		err := e.db.BriefItems(ctx, e.polda.ID, access.Rahasia, at.Add(-brief.Window), at, func(it *archive.Item, _ *archive.Analysis) error {
			items = append(items, it)
			return nil
		})
		if err != nil || len(items) < 5 {
			t.Fatalf("items of the window: %d, %v", len(items), err)
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		claim := func(key, title string, agencyID int64, class access.Level) *hoax.Claim {
			return &hoax.Claim{Key: key, Title: title, AgencyID: agencyID, Classification: class, Lang: "id",
				Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH", Score: 0}}
		}
		claims := []*hoax.Claim{
			claim("t:public", "Hoaks Publik dari Jambi", e.other.ID, access.Publik),
			claim("t:own", "Hoaks Terbatas Milik Polda", e.polda.ID, access.Terbatas),
			claim("t:other", "Hoaks Terbatas Milik Jambi", e.other.ID, access.Terbatas),
		}
		if _, err := e.db.UpsertClaims(ctx, claims, now); err != nil {
			t.Fatal(err)
		}
		seen := func(c *hoax.Claim, it *archive.Item, stance hoax.Stance, at time.Time) *hoax.Appearance {
			return &hoax.Appearance{ClaimID: c.ID, Kind: hoax.KindItem, ItemID: it.ID, AgencyID: e.polda.ID,
				Classification: it.Classification, Source: it.Source, At: at, Score: 0.8, Decision: match.Confirmed,
				Stance: stance, Created: now}
		}
		in := at.Add(-time.Hour)
		apps := []*hoax.Appearance{
			seen(claims[0], items[0], hoax.Repeats, in), seen(claims[0], items[1], hoax.Repeats, in),
			seen(claims[0], items[2], hoax.Refutes, in),
			seen(claims[1], items[3], hoax.Repeats, in),
			seen(claims[2], items[4], hoax.Repeats, in),                              // another agency's TERBATAS claim
			seen(claims[1], items[0], hoax.Repeats, at.Add(-brief.Window-time.Hour)), // before the window
		}
		if err := e.db.AddAppearances(ctx, apps, nil, nil, nil); err != nil {
			t.Fatal(err)
		}
		snap, err := e.svc.Create(ctx, e.users["kepala"].Actor(), e.polda.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		b, err := snap.Brief()
		if err != nil {
			t.Fatal(err)
		}
		want := []brief.Hoax{
			{ClaimID: claims[0].ID, Title: "Hoaks Publik dari Jambi", Verdict: "SALAH", Repeats: 2, Refutes: 1,
				Sources: distinctSources(items[:3])},
			{ClaimID: claims[1].ID, Title: "Hoaks Terbatas Milik Polda", Verdict: "SALAH", Repeats: 1, Sources: 1},
		}
		if !slices.Equal(b.Hoaxes, want) {
			t.Errorf("Hoaxes = %+v, want %+v", b.Hoaxes, want)
		}
		cats, err := loadCatalogs()
		if err != nil {
			t.Fatal(err)
		}
		page, err := brief.HTML(b, cats.Translator(i18n.ID), true)
		if err != nil {
			t.Fatal(err)
		}
		if html := string(page); !strings.Contains(html, "Hoaks yang beredar lagi") || !strings.Contains(html, "Hoaks Publik dari Jambi") ||
			strings.Contains(html, "Milik Jambi") {
			t.Errorf("the HTML brief's hoaxes are wrong")
		}
	})
}

func distinctSources(items []*archive.Item) int {
	seen := map[string]bool{}
	for _, it := range items {
		seen[it.Source] = true
	}
	return len(seen)
}
