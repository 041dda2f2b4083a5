package web

import (
	"cmp"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/internal/textcut"
)

// The forms that write Tangkal's registry: a hoax an analyst registers
// (/tangkal/baru), what a claim says (its page, op=text), and the import
// of a fact-check page or of a data file (/tangkal/impor). Who may write
// is package hoax's rule; the pages offer the forms to those who may.

const (
	tangkalNewPath    = "/tangkal/baru"
	tangkalImportPath = "/tangkal/impor"
)

// claimTextForm is what a claim says, as the forms hold it: lists one
// entry to a line (sources) or separated by commas (regions), the date as
// an <input type="date"> sends it.
type claimTextForm struct {
	Title, Narrative, Summary, Explanation, Category, URL, FactChecker string
	Sources, Regions, FirstSeen                                        string
}

// claimTextFormOf fills the form from a claim, its date in the reader's
// zone.
func claimTextFormOf(rc *request, c *hoax.Claim) claimTextForm {
	f := claimTextForm{Title: c.Title, Narrative: c.Claim, Summary: c.Summary, Explanation: c.Explanation,
		Category: c.Category, URL: c.URL, FactChecker: c.FactChecker,
		Sources: strings.Join(c.Sources, "\n"), Regions: strings.Join(c.Regions, ", ")}
	if !c.FirstSeen.IsZero() {
		f.FirstSeen = c.FirstSeen.In(rc.loc).Format(dateLayout)
	}
	return f
}

// readClaimText reads a claim's text from a form. Regions may be written
// as kode wilayah or names; one the gazetteer does not know, or a date
// that is not one, is a form error.
func (s *Server) readClaimText(rc *request, f url.Values) (claimTextForm, hoax.ClaimText, formState) {
	form := claimTextForm{Title: f.Get("title"), Narrative: f.Get("narrative"), Summary: f.Get("summary"),
		Explanation: f.Get("explanation"), Category: f.Get("category"), URL: f.Get("url"),
		FactChecker: f.Get("fact_checker"), Sources: f.Get("sources"), Regions: f.Get("regions"),
		FirstSeen: strings.TrimSpace(f.Get("first_seen"))}
	t := hoax.ClaimText{Title: form.Title, Claim: form.Narrative, Summary: form.Summary, Explanation: form.Explanation,
		Category: form.Category, URL: form.URL, FactChecker: form.FactChecker, Sources: strings.Split(form.Sources, "\n")}
	for name := range strings.FieldsFuncSeq(form.Regions, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if len(t.Regions) == hoax.MaxList {
			return form, t, formState{Error: rc.tr.T("hoax.error.list_too_long", hoax.MaxList), Field: "regions"}
		}
		reg, ok := s.regions.Resolve(name)
		if !ok {
			return form, t, formState{Error: rc.tr.T("tangkal.error.region", name), Field: "regions"}
		}
		t.Regions = append(t.Regions, string(reg.Code))
	}
	if form.FirstSeen != "" {
		day, err := time.ParseInLocation(dateLayout, form.FirstSeen, rc.loc)
		if err != nil {
			return form, t, formState{Error: rc.tr.T("tangkal.error.date", form.FirstSeen), Field: "first_seen"}
		}
		t.FirstSeen = day
	}
	return form, t, formState{}
}

// claimFieldOf names the claim form's field a registry message is about.
func claimFieldOf(key string) string {
	switch key {
	case "hoax.error.empty", "hoax.error.title_too_long":
		return "title"
	case "hoax.error.url":
		return "url"
	case "hoax.error.verdict":
		return "verdict"
	case "hoax.error.classification":
		return "classification"
	case "hoax.error.field_too_long":
		return "category"
	case "hoax.error.list_too_long":
		return "sources"
	case "hoax.error.text_too_long":
		return "narrative"
	}
	return ""
}

// claimFormState turns a refused claim into the form's message, marking
// its field; ok is false when the error is not the user's to fix.
func (s *Server) claimFormState(r *http.Request, err error) (formState, int, bool) {
	form, status, ok := s.formError(r, err)
	if key, _, has := sinergi.MessageOf(err); has && form.Field == "" {
		form.Field = claimFieldOf(key)
	}
	return form, status, ok
}

// mayRegister reports whether the viewer may write claims into their
// agency's registry.
func mayRegister(rc *request) bool {
	actor := rc.actor()
	return access.Can(actor, access.Change, access.Resource{Classification: access.Publik, AgencyPath: actor.AgencyPath})
}

// verdictGroup is a verdict scale with its labels, for a select: the
// registry's filter takes the label (Key), the claim form "scale|label"
// (Value).
type verdictGroup struct {
	Name    string
	Options []option
}

// verdictGroups lists the registry's scales with their labels.
func (s *Server) verdictGroups() []verdictGroup {
	vs := s.svc.Hoaxes.Vocabularies()
	var out []verdictGroup
	for _, name := range vs.Names() {
		g := verdictGroup{Name: vocabularyName(name)}
		for _, l := range vs[name].Labels {
			g.Options = append(g.Options, option{Value: name + "|" + l.Label, Key: l.Label})
		}
		out = append(out, g)
	}
	return out
}

// readLevel reads a classification the viewer may give.
func readLevel(rc *request, v string) (access.Level, bool) {
	n, err := strconv.Atoi(v)
	l := access.Level(n)
	return l, err == nil && slices.Contains(levelsUpTo(rc.user.Clearance), l)
}

// tangkalNewPage is the data of the form that registers a hoax.
type tangkalNewPage struct {
	pageLayout
	Text              claimTextForm
	Verdict           string // "scale|label"
	Verdicts          []verdictGroup
	Levels            []access.Level
	Classification    access.Level
	Active, Published bool
	Form              formState
}

// itemParam names the monitored item a new claim is written from
// (/tangkal/baru?butir=ID, linked from Pantau's results).
const itemParam = "butir"

// handleTangkalNewForm shows the form that registers a hoax: a false
// claim, PUBLIK, actively watched, not yet published. Opened from a
// monitored item, the form holds the item's headline, text, link, regions
// and date, and its classification.
func (s *Server) handleTangkalNewForm(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if !mayRegister(rc) {
		s.renderErrorKey(w, r, http.StatusForbidden, "hoax.error.forbidden")
		return
	}
	data := &tangkalNewPage{pageLayout: s.page(r), Verdict: hoax.VocabTurnBackHoax + "|SALAH",
		Verdicts: s.verdictGroups(), Levels: levelsUpTo(rc.user.Clearance), Active: true}
	if v := r.URL.Query().Get(itemParam); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.renderError(w, r, http.StatusNotFound, nil)
			return
		}
		it, err := s.svc.Archive.Item(r.Context(), rc.actor(), id)
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		data.Text = claimTextForm{Title: it.Title, Narrative: textcut.Bytes(it.Text, hoax.MaxText),
			Sources: cmp.Or(it.URL, it.Source), Regions: strings.Join(it.Regions, ", ")}
		if at := cmp.Or(it.Published, it.Fetched); !at.IsZero() {
			data.Text.FirstSeen = at.In(rc.loc).Format(dateLayout)
		}
		data.Classification = it.Classification
	}
	s.render(w, r, http.StatusOK, "tangkal_new", data)
}

// handleTangkalCreate registers the hoax of the form in the viewer's
// agency and opens its page.
func (s *Server) handleTangkalCreate(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if !mayRegister(rc) {
		s.renderErrorKey(w, r, http.StatusForbidden, "hoax.error.forbidden")
		return
	}
	f := r.PostForm
	data := &tangkalNewPage{pageLayout: s.page(r), Verdict: f.Get("verdict"), Verdicts: s.verdictGroups(),
		Levels: levelsUpTo(rc.user.Clearance), Active: f.Get("active") == "1", Published: f.Get("published") == "1"}
	var text hoax.ClaimText
	data.Text, text, data.Form = s.readClaimText(rc, f)
	level, ok := readLevel(rc, f.Get("classification"))
	if data.Form.Error == "" && !ok {
		data.Form = formState{Error: rc.tr.T("hoax.error.classification"), Field: "classification"}
	}
	data.Classification = level
	if data.Form.Error != "" {
		s.render(w, r, http.StatusBadRequest, "tangkal_new", data)
		return
	}
	vocabulary, label, _ := strings.Cut(data.Verdict, "|")
	c := &hoax.Claim{Title: text.Title, Claim: text.Claim, Summary: text.Summary, Explanation: text.Explanation,
		Category: text.Category, URL: text.URL, FactChecker: text.FactChecker, Sources: text.Sources, Regions: text.Regions,
		FirstSeen: text.FirstSeen, Classification: level, Active: data.Active, Published: data.Published,
		Verdict: hoax.Verdict{Vocabulary: vocabulary, Label: label}}
	if err := s.svc.Hoaxes.Create(r.Context(), rc.actor(), rc.actor().AgencyPath, c); err != nil {
		form, status, ok := s.claimFormState(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		data.Form = form
		s.render(w, r, status, "tangkal_new", data)
		return
	}
	http.Redirect(w, r, withNotice(hoax.ClaimPath(c.ID), "claim_created"), http.StatusSeeOther)
}

// tangkalImportPage is the data of the import form and of its outcome.
type tangkalImportPage struct {
	pageLayout
	URL            string
	Format         string
	Formats        []option
	Levels         []access.Level
	Classification access.Level
	Publish        bool
	Form           formState
	// Problems are the records that stopped the import, with their lines.
	Problems []string
	// Done: the import went through; it read Read claims, added Added,
	// updated Updated and skipped what Skipped says.
	Done                 bool
	Read, Added, Updated int
	Skipped              []string
}

// importFormats lists the formats the form offers, automatic first.
func importFormats() []option {
	out := []option{{Value: string(importer.FormatAuto), Key: importFormatKey(importer.FormatAuto)}}
	for _, f := range importer.Formats() {
		if f != importer.FormatAuto {
			out = append(out, option{Value: string(f), Key: importFormatKey(f)})
		}
	}
	return out
}

// importFormatKey names an import format for people.
func importFormatKey(f importer.Format) string { return "tangkal.import.format." + string(f) }

// handleTangkalImportForm shows the import form.
func (s *Server) handleTangkalImportForm(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if !mayRegister(rc) {
		s.renderErrorKey(w, r, http.StatusForbidden, "hoax.error.forbidden")
		return
	}
	s.render(w, r, http.StatusOK, "tangkal_import", &tangkalImportPage{pageLayout: s.page(r), Format: string(importer.FormatAuto),
		Formats: importFormats(), Levels: levelsUpTo(rc.user.Clearance)})
}

// handleTangkalImport imports into the viewer's agency the fact-checks of
// an uploaded file or of a fact-check page (its ClaimReview, fetched
// through safehttp), all or none, and shows what it did.
func (s *Server) handleTangkalImport(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if !mayRegister(rc) { // before anything is read or fetched
		s.renderErrorKey(w, r, http.StatusForbidden, "hoax.error.forbidden")
		return
	}
	f := r.PostForm
	data := &tangkalImportPage{pageLayout: s.page(r), URL: strings.TrimSpace(f.Get("url")), Format: f.Get("format"),
		Formats: importFormats(), Levels: levelsUpTo(rc.user.Clearance), Publish: f.Get("publish") == "1"}
	fail := func(status int, form formState) {
		data.Form = form
		s.render(w, r, status, "tangkal_import", data)
	}
	level, ok := readLevel(rc, f.Get("classification"))
	data.Classification = level
	if !ok {
		fail(http.StatusBadRequest, formState{Error: rc.tr.T("hoax.error.classification"), Field: "classification"})
		return
	}
	format, err := importer.ParseFormat(data.Format)
	if err != nil {
		fail(http.StatusBadRequest, formState{Error: rc.tr.T("tangkal.import.error.format"), Field: "format"})
		return
	}
	var res *importer.Result
	vocab := s.svc.Hoaxes.Vocabularies()
	file, _, ferr := r.FormFile("file")
	switch {
	case ferr == nil:
		defer file.Close()
		res, err = importer.Read(file, format, vocab)
	case !errors.Is(ferr, http.ErrMissingFile) && !errors.Is(ferr, http.ErrNotMultipart):
		fail(http.StatusBadRequest, formState{Error: rc.tr.T("error.invalid"), Field: "file"})
		return
	case data.URL != "":
		res, err = importer.FromPage(r.Context(), s.svc.Fetcher, data.URL, vocab)
	default:
		fail(http.StatusBadRequest, formState{Error: rc.tr.T("tangkal.import.error.nothing"), Field: "file"})
		return
	}
	if err != nil {
		var ie *importer.Error
		if errors.As(err, &ie) {
			for _, p := range ie.Problems {
				data.Problems = append(data.Problems, problemLine(rc, p))
			}
			if ie.More > 0 {
				data.Problems = append(data.Problems, rc.tr.T("tangkal.import.more", ie.More))
			}
			fail(http.StatusBadRequest, formState{Error: rc.tr.T("tangkal.import.error.problems", len(ie.Problems)+ie.More)})
			return
		}
		form, status, ok := s.formError(r, err)
		if !ok {
			form, status = formState{Error: rc.tr.T("tangkal.import.error.read")}, http.StatusBadRequest
			rc.log.Info("hoax import refused", "err", err)
		}
		if form.Field == "" {
			form.Field = "url"
		}
		fail(status, form)
		return
	}
	if len(res.Claims) == 0 {
		fail(http.StatusBadRequest, formState{Error: rc.tr.T("tangkal.import.error.empty"), Field: "file"})
		return
	}
	for _, c := range res.Claims {
		c.Published = data.Publish
	}
	data.Added, data.Updated, err = s.svc.Hoaxes.Import(r.Context(), rc.actor(), rc.actor().AgencyPath, level, res.Claims)
	if err != nil {
		form, status, ok := s.claimFormState(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		fail(status, form)
		return
	}
	data.Done, data.Read = true, len(res.Claims)
	for _, skip := range importer.Skips {
		if n := res.Skipped[skip]; n > 0 {
			data.Skipped = append(data.Skipped, rc.tr.T("tangkal.import.skipped", n, rc.tr.T(string(skip))))
		}
	}
	s.render(w, r, http.StatusOK, "tangkal_import", data)
}

// problemLine writes an import problem for the page: where, then what.
func problemLine(rc *request, p importer.Problem) string {
	msg := p.Err.Error()
	if key, args, ok := sinergi.MessageOf(p.Err); ok {
		msg = rc.tr.T(key, args...)
	}
	switch {
	case p.Line > 0:
		return rc.tr.T("tangkal.import.line", p.Line, msg)
	case p.Item > 0:
		return rc.tr.T("tangkal.import.item", p.Item, msg)
	}
	return msg
}
