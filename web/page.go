package web

import (
	"net/http"
	"strings"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/auth"
)

// pageLayout is what the layout shows around every page; each page's data
// embeds it.
type pageLayout struct {
	Lang   string         // "id" or "en", for <html lang>
	User   *auth.User     // nil for a visitor
	Agency *agency.Agency // the user's agency; nil for a visitor
	CSRF   string         // the token every form carries
	Path   string         // the page to come back to after switching language
	Nav    []navItem
	// Tabs are the pages of the module the page belongs to, when it has
	// several (Pantau).
	Tabs      []navItem
	Langs     []langOption
	Version   string
	SourceURL string // the AGPL source offer, on every page
	// NoticeKey is a message confirming what the previous request did.
	NoticeKey string
}

// navItem is one entry of the main navigation.
type navItem struct {
	Key     string
	Href    string
	Current bool
	// Count is shown beside the entry when not zero: the unread
	// notifications.
	Count int
}

// notificationsPath is the notifications centre, whose entry in the
// navigation carries the unread count.
const notificationsPath = "/notifikasi"

// langOption is one language of the language switcher.
type langOption struct {
	Code    string
	Key     string
	Current bool
}

// page builds the layout data for r.
func (s *Server) page(r *http.Request) pageLayout {
	rc := requestOf(r)
	p := pageLayout{
		Lang:      string(rc.tr.Lang()),
		User:      rc.user,
		Agency:    rc.agency,
		CSRF:      rc.csrf,
		Path:      "/",
		NoticeKey: noticeKey(r.URL.Query().Get("notice")),
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		// A page shown in answer to a form has no address of its own to
		// come back to; the home page will do.
		p.Path = r.URL.RequestURI()
	}
	for _, l := range []langOption{{Code: "id", Key: "lang.id"}, {Code: "en", Key: "lang.en"}} {
		l.Current = l.Code == p.Lang
		p.Langs = append(p.Langs, l)
	}
	p.SourceURL = s.source
	if rc.user != nil {
		p.Version = s.version
		p.Nav = navFor(rc.user, r.URL.Path)
		s.countUnread(r, p.Nav)
		if inSection(r.URL.Path, "/pantau") {
			p.Tabs = pantauTabs(r.URL.Path)
		}
	}
	return p
}

// countUnread sets the count of the notifications entry of nav: one cheap
// query per page. A failure is logged and leaves the entry without count:
// the page itself may still be served.
func (s *Server) countUnread(r *http.Request, nav []navItem) {
	rc := requestOf(r)
	for i := range nav {
		if nav[i].Href != notificationsPath {
			continue
		}
		n, err := s.svc.Monitor.Unread(r.Context(), rc.actor())
		if err != nil {
			rc.log.Warn("count unread notifications", "err", err)
			return
		}
		nav[i].Count = n
	}
}

// pantauTabs returns the pages of Pantau, the one holding path marked
// current: the archive search, the saved searches, the issues, the
// sources, the feeds' health and the pipeline.
func pantauTabs(path string) []navItem {
	tabs := []navItem{
		{Key: "pantau.nav.search", Href: "/pantau"},
		{Key: "pantau.nav.dashboard", Href: "/pantau/dasbor"},
		{Key: "pantau.nav.saved", Href: "/pantau/pencarian"},
		{Key: "pantau.nav.issues", Href: issuesPath},
		{Key: "pantau.nav.sources", Href: "/pantau/sumber"},
		{Key: "pantau.nav.health", Href: "/pantau/kesehatan"},
		{Key: "pantau.nav.pipeline", Href: "/pantau/pipeline"},
		{Key: "pantau.nav.brief", Href: "/pantau/brief"},
	}
	for i := range tabs {
		tabs[i].Current = path == tabs[i].Href || tabs[i].Href != "/pantau" && inSection(path, tabs[i].Href)
	}
	return tabs
}

// navFor returns the navigation for a signed-in person: the dashboard, the
// seven modules, the pages their role opens, the notifications and the
// profile. The entry whose section holds path is marked current.
func navFor(u *auth.User, path string) []navItem {
	type entry struct {
		navItem
		prefixes []string // the sections the entry covers, beside Href
	}
	entries := []entry{{navItem: navItem{Key: "nav.dashboard", Href: "/dasbor"}}}
	for _, m := range moduleList() {
		e := entry{navItem: navItem{Key: m.NameKey, Href: m.Path}}
		if m.Path == "/sinergi" {
			e.prefixes = []string{"/instansi"}
		}
		entries = append(entries, e)
	}
	if u.Role == access.Administrator {
		entries = append(entries, entry{navItem: navItem{Key: "nav.users", Href: "/pengguna"}})
	}
	if canAudit(u) {
		entries = append(entries, entry{navItem: navItem{Key: "nav.audit", Href: "/audit"}})
	}
	entries = append(entries, entry{navItem: navItem{Key: "nav.notifications", Href: notificationsPath}},
		entry{navItem: navItem{Key: "nav.profile", Href: "/profil"}})
	items := make([]navItem, len(entries))
	for i, e := range entries {
		e.Current = inSection(path, e.Href)
		for _, p := range e.prefixes {
			e.Current = e.Current || inSection(path, p)
		}
		items[i] = e.navItem
	}
	return items
}

// inSection reports whether path is section or below it.
func inSection(path, section string) bool {
	return path == section || strings.HasPrefix(path, section+"/")
}

// notice is a confirmation a redirect asks the next page to show, by code
// in the query (?notice=agency_created); unknown codes show nothing, so a
// link cannot make the page say anything else.
type notice struct {
	Code string
	Key  string
}

// noticeKey returns the message key of a notice code, or "".
func noticeKey(code string) string {
	notices := []notice{
		{Code: "agency_created", Key: "notice.agency_created"},
		{Code: "agency_updated", Key: "notice.agency_updated"},
		{Code: "agency_webhook_saved", Key: "notice.agency_webhook_saved"},
		{Code: "user_created", Key: "notice.user_created"},
		{Code: "user_disabled", Key: "notice.user_disabled"},
		{Code: "user_enabled", Key: "notice.user_enabled"},
		{Code: "keymessage_created", Key: "notice.keymessage_created"},
		{Code: "source_created", Key: "notice.source_created"},
		{Code: "source_updated", Key: "notice.source_updated"},
		{Code: "source_paused", Key: "notice.source_paused"},
		{Code: "source_resumed", Key: "notice.source_resumed"},
		{Code: "search_created", Key: "notice.search_created"},
		{Code: "search_updated", Key: "notice.search_updated"},
		{Code: "search_deleted", Key: "notice.search_deleted"},
		{Code: "issue_corrected", Key: "notice.issue_corrected"},
		{Code: "claim_created", Key: "notice.claim_created"},
		{Code: "claim_updated", Key: "notice.claim_updated"},
		{Code: "clarification_saved", Key: "notice.clarification_saved"},
		{Code: "clarification_approved", Key: "notice.clarification_approved"},
		{Code: "clarification_returned", Key: "notice.clarification_returned"},
		{Code: "notifications_read", Key: "notice.notifications_read"},
		{Code: "password_changed", Key: "notice.password_changed"},
		{Code: "language_saved", Key: "notice.language_saved"},
		{Code: "logged_out", Key: "notice.logged_out"},
	}
	for _, n := range notices {
		if n.Code == code {
			return n.Key
		}
	}
	return ""
}

// withNotice adds a notice code to a local path.
func withNotice(path, code string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "notice=" + code
}

// levelsUpTo lists the classifications up to clearance: what a form
// lets its writer give a record.
func levelsUpTo(clearance access.Level) []access.Level {
	var out []access.Level
	for _, l := range access.Levels {
		if l <= clearance {
			out = append(out, l)
		}
	}
	return out
}

// canAudit reports whether a person may read the audit log of their
// agency's subtree: administrators, heads of Humas and leaders.
func canAudit(u *auth.User) bool {
	switch u.Role {
	case access.Administrator, access.KepalaHumas, access.Pimpinan:
		return true
	}
	return false
}
