package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/monitor"
)

// The notifications centre: what the alerts of a person's saved searches
// raised, and where those alerts are set. The menu's unread count is
// page.go's.

// notificationsPerPage is the length of a page of notifications.
const notificationsPerPage = 50

// maxAlertingScan bounds the saved searches the notifications centre reads
// to list the viewer's alerting ones (monitor.SearchFilter cannot ask for
// one owner's searches); past it, the page says the list may be partial.
const maxAlertingScan = 1_000

// maxMarkRead bounds the notifications one request marks read by ID.
const maxMarkRead = 1_000

// unreadParam, set to 1, shows the unread notifications only.
const unreadParam = "belum"

// notificationsPage is the data of the notifications centre.
type notificationsPage struct {
	pageLayout
	UnreadOnly    bool
	Notifications []notificationRow
	Total, Unread int
	Pager         pager
	// Back is the page to return to after marking notifications read.
	Back string
	// Alerting are the viewer's saved searches that alert: the
	// preferences, each changed on its search's form.
	Alerting []savedSearchRow
	// AlertingPartial says more searches exist than were looked through.
	AlertingPartial bool
	MaxPerHour      int
	MaxAlerting     int
}

// notificationRow is one notification, its message translated.
type notificationRow struct {
	ID      int64
	Text    string
	Href    string // where it leads; "" when its link is not a local page
	Created time.Time
	Read    bool
	// Details are the message's further lines: a spike's sources, words
	// and sentiment.
	Details []string
}

// handleNotificationList is the notifications centre: the viewer's
// notifications, newest first, the unread ones marked and, on request,
// alone; the buttons that mark them read; and the viewer's alerting saved
// searches, which are where alerts are set.
func (s *Server) handleNotificationList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	ctx := r.Context()
	data := &notificationsPage{pageLayout: s.page(r), UnreadOnly: r.URL.Query().Get(unreadParam) == "1",
		MaxPerHour: monitor.MaxPerHour, MaxAlerting: maxAlertingScan}
	page := pageNumber(r)
	list, total, unread, err := s.svc.Monitor.Notifications(ctx, rc.actor(), monitor.NotificationFilter{
		Unread: data.UnreadOnly, Limit: notificationsPerPage, Offset: (page - 1) * notificationsPerPage})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Total, data.Unread = total, unread
	for _, n := range list {
		row := notificationRow{ID: n.ID, Text: rc.tr.T(n.Message.Key, n.Message.Values()...),
			Href: localPath(n.Link, ""), Created: n.Created, Read: !n.Read.IsZero()}
		for _, d := range n.Message.Details {
			row.Details = append(row.Details, rc.tr.T(d.Key, d.Values()...))
		}
		data.Notifications = append(data.Notifications, row)
	}
	data.Pager = newPager(r, page, total, notificationsPerPage)
	back := r.URL.Query()
	back.Del("notice")
	data.Back = r.URL.Path
	if len(back) > 0 {
		data.Back += "?" + back.Encode()
	}
	if data.Alerting, data.AlertingPartial, err = s.alertingSearches(ctx, rc); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "notifications", data)
}

// alertingSearches returns the viewer's own saved searches that alert
// (alerts go to a search's owner), from the first maxAlertingScan searches
// they may use; partial says there were more.
func (s *Server) alertingSearches(ctx context.Context, rc *request) (rows []savedSearchRow, partial bool, err error) {
	list, total, err := s.svc.Monitor.List(ctx, rc.actor(), monitor.SearchFilter{Limit: maxAlertingScan})
	if err != nil {
		return nil, false, err
	}
	var mine []*monitor.SavedSearch
	for _, ss := range list {
		if ss.OwnerID == rc.user.ID && ss.Alert != monitor.NoAlert {
			mine = append(mine, ss)
		}
	}
	rows, err = s.savedSearchRows(ctx, rc, mine)
	return rows, total > len(list), err
}

// handleNotificationsRead marks the viewer's notifications read: those
// whose IDs the form gives as id, or all of them when it gives none. Only
// the viewer's own are touched, whatever IDs are sent.
func (s *Server) handleNotificationsRead(w http.ResponseWriter, r *http.Request) {
	values := r.PostForm["id"]
	if len(values) > maxMarkRead {
		s.renderError(w, r, http.StatusBadRequest, nil)
		return
	}
	ids := make([]int64, 0, len(values))
	for _, v := range values {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.renderError(w, r, http.StatusBadRequest, nil)
			return
		}
		ids = append(ids, id)
	}
	if err := s.svc.Monitor.MarkRead(r.Context(), requestOf(r).actor(), ids); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	back := localPath(r.PostForm.Get("next"), "/notifikasi")
	if !inSection(strings.SplitN(back, "?", 2)[0], "/notifikasi") {
		back = "/notifikasi"
	}
	http.Redirect(w, r, withNotice(back, "notifications_read"), http.StatusSeeOther)
}
