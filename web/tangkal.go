package web

import (
	"cmp"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/chart"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/region"
)

// The analysts' pages of Tangkal, the hoax registry: the registry with
// its filters, a claim with its repeat tracking and the forms that change
// it, and an analyst's check of a text against the claims they may see.
// The rules (who sees a claim, who changes it, who approves its
// clarification) are package hoax's; the pages mirror them only to decide
// which forms to show. The public pages are in tangkal_public.go.

// tangkalPath is the registry.
const tangkalPath = "/tangkal"

// claimsPerPage is the length of a page of the registry.
const claimsPerPage = 30

// The registry's orders, as the query writes them.
const (
	orderRecent = "terbaru"
	orderSeen   = "sering"
)

// checkResults is how many matches a check shows.
const checkResults = 5

// claimRow is a claim as the pages show it.
type claimRow struct {
	*hoax.Claim
	// Narrative is the claim as it circulated (hoax.Claim.Claim, which
	// the embedded field's name hides from the templates).
	Narrative string
	Href      string
	// Tone colours the verdict: "false", "mixed" or "true" by its score.
	Tone string
	// Vocabulary names the verdict's scale for people.
	Vocabulary string
}

// newClaimRow writes a claim for the pages; href is its page.
func newClaimRow(c *hoax.Claim, href string) claimRow {
	return claimRow{Claim: c, Narrative: c.Claim, Href: href, Tone: verdictTone(c.Verdict.Score), Vocabulary: vocabularyName(c.Verdict.Vocabulary)}
}

// verdictTone sorts a verdict's score into three colours: false and
// misleading (red), unproven or partly true (amber), true (green).
func verdictTone(score float64) string {
	switch {
	case score < 0.4:
		return "false"
	case score <= 0.6:
		return "mixed"
	}
	return "true"
}

// vocabularyName names a verdict scale: the fact-checker it comes from.
// A scale an administrator configured is shown by its name.
func vocabularyName(name string) string {
	switch name {
	case hoax.VocabTurnBackHoax:
		return "TurnBackHoax (Mafindo)"
	case hoax.VocabFirstDraft:
		return "First Draft (Mafindo)"
	case hoax.VocabTempo:
		return "Tempo Cek Fakta"
	case hoax.VocabPratiwi:
		return "Pratiwi"
	case hoax.VocabClaimReview:
		return "ClaimReview"
	}
	return name
}

// tangkalListPage is the data of the registry.
type tangkalListPage struct {
	pageLayout
	Query, Verdict, Order string
	Active                bool
	Orders                []option
	Verdicts              []verdictGroup
	Claims                []claimRow
	Pager                 pager
	// CanRegister offers the forms that register and import hoaxes.
	CanRegister bool
}

// handleTangkalList lists the claims the viewer may see: found by text,
// verdict and activity, the newest review or the most sighted first.
func (s *Server) handleTangkalList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	q := r.URL.Query()
	data := &tangkalListPage{pageLayout: s.page(r), Query: strings.TrimSpace(q.Get("q")), Verdict: strings.TrimSpace(q.Get("putusan")),
		Active: q.Get("aktif") == "1", Order: orderRecent, Verdicts: s.verdictGroups(),
		Orders:      []option{{Value: orderRecent, Key: "tangkal.order.recent"}, {Value: orderSeen, Key: "tangkal.order.seen"}},
		CanRegister: mayRegister(rc)}
	f := hoax.ClaimFilter{Text: data.Query, Verdict: data.Verdict, Active: data.Active, Order: "recent", Limit: claimsPerPage}
	if q.Get("urut") == orderSeen {
		data.Order, f.Order = orderSeen, "appearances"
	}
	page := pageNumber(r)
	f.Offset = (page - 1) * claimsPerPage
	list, total, err := s.svc.Hoaxes.Claims(r.Context(), rc.actor(), f)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	for _, c := range list {
		data.Claims = append(data.Claims, newClaimRow(c, hoax.ClaimPath(c.ID)))
	}
	data.Pager = newPager(r, page, total, claimsPerPage)
	s.render(w, r, http.StatusOK, "tangkal_list", data)
}

// namedRegion is a kode wilayah with its name from the gazetteer.
type namedRegion struct{ Code, Name string }

// namedRegions names kode wilayah; an unknown code is shown as is.
func (s *Server) namedRegions(codes []string) []namedRegion {
	out := make([]namedRegion, 0, len(codes))
	for _, c := range codes {
		n := namedRegion{Code: c, Name: c}
		if reg, ok := s.regions.Lookup(region.Code(c)); ok {
			n.Name = reg.Name
		}
		out = append(out, n)
	}
	return out
}

// appearanceRow is a sighting of a claim on its page. A citizen's check
// carries nothing but its time.
type appearanceRow struct {
	*hoax.Appearance
	Check                        bool
	Regions                      []namedRegion
	Percent                      string
	DecisionKey, StanceKey, Kind string
}

// linkRow is an entry of a list of sources or references: a link when
// it is an http(s) address.
type linkRow struct{ Text, Href string }

// linkRows writes sources or references; only http and https addresses
// become links.
func linkRows(list []string) []linkRow {
	out := make([]linkRow, 0, len(list))
	for _, v := range list {
		row := linkRow{Text: v}
		if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			row.Href = v
		}
		out = append(out, row)
	}
	return out
}

// claimPage is the data of a claim's page.
type claimPage struct {
	pageLayout
	Claim      claimRow
	Score      string // the verdict's score, "0,25"
	Sources    []linkRow
	References []linkRow
	Regions    []namedRegion
	// ClarificationKey names the clarification's state; Draft and
	// Approved say which.
	ClarificationKey string
	Draft, Approved  bool
	Tracking         *hoax.Tracking
	Chart            template.HTML
	Appearances      []appearanceRow
	// CanChange shows the forms that change the claim; CanApprove the
	// buttons that approve or send back its clarification.
	CanChange, CanApprove bool
	Labels                []string // the labels of the claim's scale
	Levels                []access.Level
	// Text fills the form that changes what the claim says: the claim's,
	// or what was typed when the change was refused.
	Text claimTextForm
	Form formState
}

// handleClaimView shows a claim, its repeat tracking and, to those who
// may change it, the forms.
func (s *Server) handleClaimView(w http.ResponseWriter, r *http.Request) {
	s.renderClaim(w, r, http.StatusOK, formState{})
}

func (s *Server) renderClaim(w http.ResponseWriter, r *http.Request, status int, form formState) {
	s.renderClaimText(w, r, status, form, nil)
}

// renderClaimText renders a claim's page; text, when set, is what the
// text form shows instead of the claim's own.
func (s *Server) renderClaimText(w http.ResponseWriter, r *http.Request, status int, form formState, text *claimTextForm) {
	rc := requestOf(r)
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	c, err := s.svc.Hoaxes.Claim(r.Context(), rc.actor(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	tr, err := s.svc.Hoaxes.Track(r.Context(), rc.actor(), id, rc.loc)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	actor := rc.actor()
	data := &claimPage{pageLayout: s.page(r), Claim: newClaimRow(c, hoax.ClaimPath(c.ID)), Regions: s.namedRegions(c.Regions),
		Tracking: tr, Chart: trackingChart(rc, tr), Form: form, Score: rc.tr.Decimal(c.Verdict.Score, 2),
		Sources: linkRows(c.Sources), References: linkRows(c.References),
		ClarificationKey: clarificationKey(c.Clarification.Status),
		Draft:            c.Clarification.Status == hoax.ClarificationDraft,
		Approved:         c.Clarification.Status == hoax.ClarificationApproved,
		CanChange:        access.Can(actor, access.Change, c.Resource()), CanApprove: hoax.CanApprove(actor, c)}
	for _, a := range tr.Appearances {
		data.Appearances = append(data.Appearances, s.appearanceRow(rc, a))
	}
	if v, ok := s.svc.Hoaxes.Vocabularies()[c.Verdict.Vocabulary]; ok {
		for _, l := range v.Labels {
			data.Labels = append(data.Labels, l.Label)
		}
	}
	data.Levels = levelsUpTo(rc.user.Clearance)
	data.Text = claimTextFormOf(rc, c)
	if text != nil {
		data.Text = *text
	}
	s.render(w, r, status, "tangkal_claim", data)
}

// appearanceRow writes a sighting for the claim's page.
func (s *Server) appearanceRow(rc *request, a *hoax.Appearance) appearanceRow {
	row := appearanceRow{Appearance: a, Check: a.Kind == hoax.KindCheck, Percent: percent(rc, a.Score),
		DecisionKey: decisionKey(a.Decision), StanceKey: stanceKey(a.Stance), Kind: appearanceKindKey(a.Kind)}
	if !row.Check {
		row.Regions = s.namedRegions(a.Regions)
	}
	return row
}

// percent writes a score from 0 to 1 as a whole percentage: "82%".
func percent(rc *request, score float64) string {
	return rc.tr.Percent(math.Round(score*100), 0)
}

// trackingDays is the longest timeline a claim's page draws.
const trackingDays = 90

// trackingChart draws a claim's confirmed sightings per day: repeats,
// refutations and citizens' checks, stacked; the days between, empty.
func trackingChart(rc *request, tr *hoax.Tracking) template.HTML {
	var days []time.Time
	var repeats, refutes, checks []float64
	if n := len(tr.Days); n > 0 {
		byDay := map[string]hoax.Day{}
		for _, d := range tr.Days {
			byDay[d.Day.Format(time.DateOnly)] = d
		}
		last := tr.Days[n-1].Day
		first := tr.Days[0].Day
		if earliest := last.AddDate(0, 0, -(trackingDays - 1)); first.Before(earliest) {
			first = earliest
		}
		for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
			d := byDay[day.Format(time.DateOnly)]
			days = append(days, day)
			repeats, refutes, checks = append(repeats, float64(d.Repeats)), append(refutes, float64(d.Refutes)), append(checks, float64(d.Checks))
		}
	}
	return (&chart.Stacked{Text: chartByKey(rc, "tangkal.chart.title", "tangkal.chart.desc", "", trackingDays),
		Format: chartFormat(rc, rc.loc, false), TimeHead: timeHead(rc, false, rc.zone), Times: days,
		Parts: []chart.Part{
			{Name: rc.tr.T("tangkal.chart.repeats"), Colour: "#a4161a", Values: repeats},
			{Name: rc.tr.T("tangkal.chart.refutes"), Colour: "#1d6b36", Values: refutes},
			{Name: rc.tr.T("tangkal.chart.checks"), Colour: "#1f5fa8", Values: checks},
		}}).SVG()
}

// pathID reads the positive ID of a page's path.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// handleClaimUpdate takes one of a claim's forms: its state (active,
// published, classification, verdict; op=state), what it says (op=text)
// or its clarification's text (op=clarification), which is saved as a
// draft.
func (s *Server) handleClaimUpdate(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	f := r.PostForm
	var ch hoax.Change
	notice := "claim_updated"
	switch f.Get("op") {
	case "state":
		active, published := f.Get("active") == "1", f.Get("published") == "1"
		verdict := f.Get("verdict")
		class, err := strconv.Atoi(f.Get("classification"))
		if err != nil || !slices.Contains(access.Levels, access.Level(class)) {
			s.renderClaim(w, r, http.StatusBadRequest, formState{Error: rc.tr.T("hoax.error.classification"), Field: "classification"})
			return
		}
		level := access.Level(class)
		ch = hoax.Change{Active: &active, Published: &published, Classification: &level, Verdict: &verdict}
	case "clarification":
		text := f.Get("clarification")
		ch, notice = hoax.Change{Clarification: &text}, "clarification_saved"
	case "text":
		c, err := s.svc.Hoaxes.Claim(r.Context(), rc.actor(), id)
		if err == nil && !access.Can(rc.actor(), access.Change, c.Resource()) {
			err = sinergi.Errorf(sinergi.KindForbidden, "hoax.error.forbidden")
		}
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		typed, text, form := s.readClaimText(rc, f)
		if form.Error != "" {
			s.renderClaimText(w, r, http.StatusBadRequest, form, &typed)
			return
		}
		if _, err := s.svc.Hoaxes.Update(r.Context(), rc.actor(), id, hoax.Change{Text: &text}); err != nil {
			form, status, ok := s.claimFormState(r, err)
			if !ok || sinergi.KindOf(err) == sinergi.KindForbidden {
				s.renderError(w, r, 0, err)
				return
			}
			s.renderClaimText(w, r, status, form, &typed)
			return
		}
		http.Redirect(w, r, withNotice(hoax.ClaimPath(id), "claim_updated"), http.StatusSeeOther)
		return
	default:
		s.renderClaim(w, r, http.StatusBadRequest, formState{Error: rc.tr.T("error.invalid")})
		return
	}
	if _, err := s.svc.Hoaxes.Update(r.Context(), rc.actor(), id, ch); err != nil {
		s.claimFormError(w, r, err)
		return
	}
	http.Redirect(w, r, withNotice(hoax.ClaimPath(id), notice), http.StatusSeeOther)
}

// handleClaimApprove approves (keputusan=setuju) or sends back
// (keputusan=kembalikan) a claim's draft clarification.
func (s *Server) handleClaimApprove(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	var approve bool
	switch r.PostForm.Get("keputusan") {
	case "setuju":
		approve = true
	case "kembalikan":
	default:
		s.renderClaim(w, r, http.StatusBadRequest, formState{Error: rc.tr.T("error.invalid")})
		return
	}
	if _, err := s.svc.Hoaxes.Approve(r.Context(), rc.actor(), id, approve); err != nil {
		s.claimFormError(w, r, err)
		return
	}
	notice := "clarification_returned"
	if approve {
		notice = "clarification_approved"
	}
	http.Redirect(w, r, withNotice(hoax.ClaimPath(id), notice), http.StatusSeeOther)
}

// claimFormError answers a refused change of a claim: the claim's page
// with the message when the viewer can fix it, the error page otherwise
// (not found, forbidden, a failure).
func (s *Server) claimFormError(w http.ResponseWriter, r *http.Request, err error) {
	form, status, ok := s.formError(r, err)
	if !ok || sinergi.KindOf(err) == sinergi.KindForbidden {
		s.renderError(w, r, 0, err)
		return
	}
	s.renderClaim(w, r, status, form)
}

// matchRow is a claim a checked text resembles.
type matchRow struct {
	Claim     claimRow
	Percent   string
	Confirmed bool
	Words     []string
	// Excerpt is the finding to show with it: the summary, else the
	// start of the explanation.
	Excerpt string
}

// matchRows writes matches for the pages; href gives a claim's page.
func matchRows(rc *request, ms []hoax.Match, href func(int64) string) []matchRow {
	out := make([]matchRow, 0, len(ms))
	for _, m := range ms {
		out = append(out, matchRow{Claim: newClaimRow(m.Claim, href(m.Claim.ID)), Percent: percent(rc, m.Score),
			Confirmed: m.Decision == match.Confirmed, Words: m.Words, Excerpt: excerpt(m.Claim)})
	}
	return out
}

// excerptRunes is the length of the excerpt of a claim's finding.
const excerptRunes = 400

// excerpt returns a claim's summary, else the start of its explanation,
// cut at a word within excerptRunes.
func excerpt(c *hoax.Claim) string {
	text := strings.Join(strings.Fields(cmp.Or(c.Summary, c.Explanation)), " ")
	r := []rune(text)
	if len(r) <= excerptRunes {
		return text
	}
	cut := string(r[:excerptRunes])
	if i := strings.LastIndexByte(cut, ' '); i > excerptRunes/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

// handleTangkalCheckForm shows the analyst's check, empty.
func (s *Server) handleTangkalCheckForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "tangkal_check", &checkPage{pageLayout: s.page(r), Max: hoax.MaxMatchText})
}

// handleTangkalCheck compares an analyst's text with the claims they may
// see, TERBATAS and RAHASIA ones included, and shows the best matches.
func (s *Server) handleTangkalCheck(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	data := &checkPage{pageLayout: s.page(r), Text: r.PostForm.Get("text"), Max: hoax.MaxMatchText}
	if strings.TrimSpace(data.Text) == "" {
		data.Form = formState{Error: rc.tr.T("hoax.error.check_empty"), Field: "text"}
		s.render(w, r, http.StatusBadRequest, "tangkal_check", data)
		return
	}
	ms, err := s.svc.Hoaxes.Match(r.Context(), rc.actor(), data.Text, checkResults)
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		form.Field = "text"
		data.Form = form
		s.render(w, r, status, "tangkal_check", data)
		return
	}
	data.Checked, data.Matches = true, matchRows(rc, ms, hoax.ClaimPath)
	s.render(w, r, http.StatusOK, "tangkal_check", data)
}

// decisionKey, stanceKey and appearanceKindKey name a match's decision,
// an appearance's stance and what sighted a claim.
func decisionKey(d match.Decision) string            { return "tangkal.decision." + string(d) }
func stanceKey(st hoax.Stance) string                { return "tangkal.stance." + cmp.Or(string(st), "none") }
func appearanceKindKey(k hoax.AppearanceKind) string { return "tangkal.kind." + string(k) }

// clarificationKey names the state of a clarification.
func clarificationKey(st hoax.ClarificationStatus) string {
	return "tangkal.clarification.status." + cmp.Or(string(st), "none")
}

// tangkalKeys lists the keys the functions above return, for
// generatedKeys.
func tangkalKeys() []string {
	var keys []string
	for _, d := range []match.Decision{match.Confirmed, match.Suggested, match.None} {
		keys = append(keys, decisionKey(d))
	}
	for _, st := range []hoax.Stance{hoax.Repeats, hoax.Refutes, hoax.Unstated} {
		keys = append(keys, stanceKey(st))
	}
	for _, k := range []hoax.AppearanceKind{hoax.KindItem, hoax.KindClaim, hoax.KindCheck} {
		keys = append(keys, appearanceKindKey(k))
	}
	for _, st := range []hoax.ClarificationStatus{hoax.ClarificationNone, hoax.ClarificationDraft, hoax.ClarificationApproved, hoax.ClarificationRejected} {
		keys = append(keys, clarificationKey(st))
	}
	for _, f := range importFormats() {
		keys = append(keys, f.Key)
	}
	return keys
}
