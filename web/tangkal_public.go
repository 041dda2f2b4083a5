package web

import (
	"context"
	"errors"
	"html/template"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/extract"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/claimreview"
	"github.com/sinergi-id/sinergi/safehttp"
)

// The public pages of Tangkal, for anyone, without signing in and
// without JavaScript: the hoax check, where a citizen pastes a text or a
// link and sees the known hoaxes it resembles, and the published PUBLIK
// claims with their verdicts. Only published PUBLIK claims ever appear
// (package hoax guarantees it: Check, PublicClaims, PublicClaim).
//
// What a citizen sends is not kept and not logged: the text goes to the
// matcher and back into the citizen's own answer only; a link is fetched
// through safehttp (which refuses private addresses unless the operator
// allowed them) and only its main text is checked. Checks are limited per
// client address, so the page cannot be used to hammer the matcher or to
// make the server fetch pages in bulk.

// hoaxCheckPath is the public hoax check; publicHoaxesPath the public
// list of hoaxes.
const (
	hoaxCheckPath    = "/cek-hoaks"
	publicHoaxesPath = "/hoaks"
)

// The limits of the public check.
const (
	// checksPerWindow checks per client address in checkWindow: enough
	// for a person, not for a script.
	checksPerWindow = 10
	checkWindow     = time.Minute
	// maxLink bounds the link a citizen gives, in bytes.
	maxLink = 2048
	// linkTimeout bounds fetching a citizen's link: they are waiting.
	linkTimeout = 15 * time.Second
	// maxLinkPage is the most of a linked page that is read.
	maxLinkPage = 2 << 20
)

// checkPage is the data of a check: the public hoax check (text or link)
// and an analyst's (text).
type checkPage struct {
	pageLayout
	Text, Link string
	Checked    bool
	Matches    []matchRow
	Max        int
	Form       formState
}

// handleHoaxCheckForm shows the public hoax check, empty.
func (s *Server) handleHoaxCheckForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "hoax_check", &checkPage{pageLayout: s.page(r), Max: hoax.MaxCheckText})
}

// handleHoaxCheck checks a citizen's text, or the main text of the page
// their link names, against the published PUBLIK claims.
func (s *Server) handleHoaxCheck(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if ok, retry := s.checks.Allow(s.clientAddress(r), s.clock.Now()); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(max(int(retry.Seconds()+0.999), 1)))
		rc.log.Warn("hoax check rate limited")
		s.renderErrorKey(w, r, http.StatusTooManyRequests, "tangkal.check.rate_limited")
		return
	}
	f := r.PostForm
	data := &checkPage{pageLayout: s.page(r), Text: f.Get("text"), Link: strings.TrimSpace(f.Get("link")), Max: hoax.MaxCheckText}
	fail := func(err error, field string) {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		if form.Field == "" {
			form.Field = field
		}
		data.Form = form
		s.render(w, r, status, "hoax_check", data)
	}
	text := data.Text
	if strings.TrimSpace(text) == "" && data.Link != "" {
		var err error
		if text, err = s.linkText(r.Context(), data.Link); err != nil {
			fail(err, "link")
			return
		}
	}
	ms, err := s.svc.Hoaxes.Check(r.Context(), text, checkResults)
	if err != nil {
		fail(err, "text")
		return
	}
	data.Checked, data.Matches = true, matchRows(rc, ms, hoax.PublicPath)
	s.render(w, r, http.StatusOK, "hoax_check", data)
}

// linkText fetches the page a citizen's link names and returns its title
// and main text, at most hoax.MaxCheckText runes. Errors carry a message
// for the citizen; the link itself is never logged.
func (s *Server) linkText(ctx context.Context, link string) (string, error) {
	if len(link) > maxLink || !utf8.ValidString(link) {
		return "", sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_invalid")
	}
	if !strings.Contains(link, "://") {
		link = "https://" + link
	}
	ctx, cancel := context.WithTimeout(ctx, linkTimeout)
	defer cancel()
	resp, err := s.svc.Fetcher.Get(ctx, link, http.Header{"Accept": {"text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8"}})
	if err != nil {
		return "", linkError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_status", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxLinkPage+1))
	if err != nil {
		return "", linkError(err)
	}
	if len(body) > maxLinkPage {
		return "", sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_too_large", maxLinkPage>>20)
	}
	contentType := resp.Header.Get("Content-Type")
	page, _ := safehttp.ToUTF8(body, contentType)
	media, _, _ := mime.ParseMediaType(contentType)
	var text string
	switch media {
	case "text/plain":
		text = page
	case "text/html", "application/xhtml+xml", "":
		a, err := extract.FromHTML(resp.URL.String(), []byte(page))
		if err != nil {
			return "", sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_no_text")
		}
		text = strings.TrimSpace(strings.Join(strings.Fields(a.Title), " ") + "\n\n" + a.Text)
	default:
		return "", sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_type")
	}
	if strings.TrimSpace(text) == "" {
		return "", sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_no_text")
	}
	if r := []rune(text); len(r) > hoax.MaxCheckText {
		text = string(r[:hoax.MaxCheckText])
	}
	return text, nil
}

// linkError turns a failed fetch of a citizen's link into the message
// they see, without the address (which the log must not keep): a private
// address is refused in words for a citizen, not for an operator; other
// refusals and failures keep safehttp's message, which names only the
// host.
func linkError(err error) error {
	var e *safehttp.Error
	switch {
	case !errors.As(err, &e):
		return sinergi.Errorf(sinergi.KindUnavailable, "tangkal.check.error.link_failed")
	case e.Kind == safehttp.Refused:
		return sinergi.Errorf(sinergi.KindInvalid, "tangkal.check.error.link_private")
	}
	return sinergi.Errorf(sinergi.KindOf(err), e.Key, e.Args...)
}

// publicHoaxesPerPage is the length of a page of the public list.
const publicHoaxesPerPage = 20

// hoaxListPage is the data of the public list of hoaxes.
type hoaxListPage struct {
	pageLayout
	Claims []claimRow
	Pager  pager
}

// handlePublicHoaxes lists the published PUBLIK claims, newest first.
func (s *Server) handlePublicHoaxes(w http.ResponseWriter, r *http.Request) {
	page := pageNumber(r)
	list, total, err := s.svc.Hoaxes.PublicClaims(r.Context(), publicHoaxesPerPage, (page-1)*publicHoaxesPerPage)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &hoaxListPage{pageLayout: s.page(r), Pager: newPager(r, page, total, publicHoaxesPerPage)}
	for _, c := range list {
		data.Claims = append(data.Claims, newClaimRow(c, hoax.PublicPath(c.ID)))
	}
	s.render(w, r, http.StatusOK, "hoax_list", data)
}

// hoaxPage is the data of a claim's public page.
type hoaxPage struct {
	pageLayout
	Claim      claimRow
	References []linkRow
	// Clarification is the agency's clarification, shown only once
	// approved.
	Clarification *hoax.Clarification
	// JSONLD is the claim as schema.org ClaimReview, for the page's head;
	// nil leaves it out.
	JSONLD template.JS
}

// handlePublicHoax shows a published PUBLIK claim; any other is not
// found.
func (s *Server) handlePublicHoax(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	c, err := s.svc.Hoaxes.PublicClaim(r.Context(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &hoaxPage{pageLayout: s.page(r), Claim: newClaimRow(c, hoax.PublicPath(c.ID)), References: linkRows(c.References)}
	if c.Clarification.Status == hoax.ClarificationApproved {
		data.Clarification = &c.Clarification
	}
	jsonld, err := claimreview.Marshal(c, s.publicBase(r)+hoax.PublicPath(c.ID))
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.JSONLD = template.JS(jsonld) // Marshal escapes <, > and &
	s.render(w, r, http.StatusOK, "hoax_view", data)
}

// handleHoaxFeed serves every published PUBLIK claim as a schema.org
// DataFeed of ClaimReviews, for fact-check aggregators.
func (s *Server) handleHoaxFeed(w http.ResponseWriter, r *http.Request) {
	data, err := claimreview.PublicFeed(r.Context(), s.svc.Hoaxes, s.publicBase(r), s.clock.Now())
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	w.Header().Set("Content-Type", "application/ld+json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(data)
}

// publicBase is the address the outside world reaches the server at:
// --public-url, else the request's own host.
func (s *Server) publicBase(r *http.Request) string {
	if s.publicURL != "" {
		return strings.TrimSuffix(s.publicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
