package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/network"
)

// messagesPerPage is the length of a page of key messages.
const messagesPerPage = 25

// networkPage is the data of the Sinergi module's front page.
type networkPage struct {
	pageLayout
	AgencyCount  int
	Messages     []*network.KeyMessage
	MessageTotal int
	CanCreate    bool
}

// handleNetwork shows the Sinergi module: the network of agencies and the
// latest key messages the viewer may see.
func (s *Server) handleNetwork(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rc := requestOf(r)
	data := &networkPage{pageLayout: s.page(r), CanCreate: canWriteMessages(rc.actor())}
	var err error
	if _, data.AgencyCount, err = s.svc.Agencies.List(ctx, agency.Filter{Limit: 1}); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Messages, data.MessageTotal, err = s.svc.Network.List(ctx, rc.actor(), network.Filter{Limit: 10})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "network", data)
}

// canWriteMessages reports whether the actor may write key messages for
// their agency, by the rule the service applies.
func canWriteMessages(actor access.Actor) bool {
	return access.Can(actor, access.Change, access.Resource{Classification: access.Publik, AgencyPath: actor.AgencyPath})
}

// keyMessageListPage is the data of the list of key messages.
type keyMessageListPage struct {
	pageLayout
	Messages  []*network.KeyMessage
	Query     string
	Pager     pager
	CanCreate bool
}

// handleKeyMessageList lists the key messages the viewer may see, newest
// first; the count covers only those.
func (s *Server) handleKeyMessageList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	data := &keyMessageListPage{pageLayout: s.page(r), Query: strings.TrimSpace(r.URL.Query().Get("q")), CanCreate: canWriteMessages(rc.actor())}
	page := pageNumber(r)
	list, total, err := s.svc.Network.List(r.Context(), rc.actor(), network.Filter{
		Query: data.Query, Limit: messagesPerPage, Offset: (page - 1) * messagesPerPage,
	})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Messages, data.Pager = list, newPager(r, page, total, messagesPerPage)
	s.render(w, r, http.StatusOK, "keymessage_list", data)
}

// keyMessageForm holds what the key message form submits.
type keyMessageForm struct {
	Title          string
	Body           string
	Classification int
}

// keyMessageNewPage is the data of the form that writes a key message.
type keyMessageNewPage struct {
	pageLayout
	Values keyMessageForm
	Form   formState
	Levels []access.Level
}

// handleKeyMessageNew shows the form that writes a key message.
func (s *Server) handleKeyMessageNew(w http.ResponseWriter, r *http.Request) {
	s.renderKeyMessageNew(w, r, http.StatusOK, keyMessageForm{Classification: int(access.Terbatas)}, formState{})
}

func (s *Server) renderKeyMessageNew(w http.ResponseWriter, r *http.Request, status int, v keyMessageForm, form formState) {
	rc := requestOf(r)
	if !canWriteMessages(rc.actor()) {
		s.renderError(w, r, http.StatusForbidden, nil)
		return
	}
	s.render(w, r, status, "keymessage_new", &keyMessageNewPage{pageLayout: s.page(r), Values: v, Form: form,
		Levels: levelsUpTo(rc.user.Clearance)})
}

// handleKeyMessageCreate saves a key message for the writer's agency.
func (s *Server) handleKeyMessageCreate(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	class, err := strconv.Atoi(f.Get("classification"))
	if err != nil {
		class = -1 // the service refuses it with its own message
	}
	v := keyMessageForm{Title: f.Get("title"), Body: f.Get("body"), Classification: class}
	m := &network.KeyMessage{Title: v.Title, Body: v.Body, Classification: access.Level(v.Classification)}
	if err := s.svc.Network.Create(r.Context(), requestOf(r).actor(), m); err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		s.renderKeyMessageNew(w, r, status, v, form)
		return
	}
	http.Redirect(w, r, withNotice("/sinergi/pesan/"+strconv.FormatInt(m.ID, 10), "keymessage_created"), http.StatusSeeOther)
}

// keyMessageViewPage is the data of one key message.
type keyMessageViewPage struct {
	pageLayout
	Message *network.KeyMessage
}

// handleKeyMessageView shows a key message. One the viewer may not see
// answers 404 exactly like one that does not exist, so its existence is not
// revealed.
func (s *Server) handleKeyMessageView(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	m, err := s.svc.Network.Find(r.Context(), requestOf(r).actor(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "keymessage_view", &keyMessageViewPage{pageLayout: s.page(r), Message: m})
}
