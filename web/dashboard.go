package web

import (
	"fmt"
	"net/http"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/network"
)

// dashboardPage is the data of the dashboard. Every count is read from
// the database with the viewer's own rights.
type dashboardPage struct {
	pageLayout
	GreetingKey string
	Modules     []module
	// AgencyCount counts the viewer's agency and those below it.
	AgencyCount int
	// UserCount counts the accounts an administrator administers.
	ShowUsers bool
	UserCount int
	// Audit holds the latest entries of the viewer's subtree, for those
	// who may read the log.
	ShowAudit    bool
	AuditEntries []*audit.Entry
	AuditTotal   int
	KeyMessages  []*network.KeyMessage
	MessageTotal int
	// Alarms are the open alarms of the agency's feeds, for its
	// administrators and heads of Humas.
	Alarms []alarmView
}

// dashboardListLength is how many recent entries and messages the
// dashboard shows.
const dashboardListLength = 5

// handleDashboard shows the greeting, the viewer's agency, the open alarms
// of its feeds to those who act on them, real counts and one card per
// module.
func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	ctx := r.Context()
	u := rc.user
	data := &dashboardPage{pageLayout: s.page(r), GreetingKey: greetingKey(s.clock.Now().In(rc.loc).Hour()), Modules: moduleList()}
	var err error
	if _, data.AgencyCount, err = s.svc.Agencies.List(ctx, agency.Filter{Under: u.AgencyID, Limit: 1}); err != nil {
		s.renderError(w, r, 0, fmt.Errorf("web: dashboard: %w", err))
		return
	}
	if u.Role == access.Administrator {
		data.ShowUsers = true
		if _, data.UserCount, err = s.svc.Auth.ListUsers(ctx, rc.actor(), auth.UserFilter{IncludeDisabled: true, Limit: 1}); err != nil {
			s.renderError(w, r, 0, fmt.Errorf("web: dashboard: %w", err))
			return
		}
	}
	if canAudit(u) {
		data.ShowAudit = true
		f := audit.Filter{AgencyPathPrefix: auditScope(rc.actor()), Limit: dashboardListLength}
		entries, total, err := s.svc.Audit.Find(ctx, f)
		if err != nil {
			s.renderError(w, r, 0, fmt.Errorf("web: dashboard: %w", err))
			return
		}
		data.AuditEntries, data.AuditTotal = entries, total
	}
	data.KeyMessages, data.MessageTotal, err = s.svc.Network.List(ctx, rc.actor(), network.Filter{Limit: dashboardListLength})
	if err != nil {
		s.renderError(w, r, 0, fmt.Errorf("web: dashboard: %w", err))
		return
	}
	if data.Alarms, err = s.alarms(ctx, rc); err != nil {
		s.renderError(w, r, 0, fmt.Errorf("web: dashboard: %w", err))
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", data)
}

// greetingKey returns the Indonesian greeting of the hour: pagi until
// 10.59, siang until 14.59, sore until 17.59, malam after.
func greetingKey(hour int) string {
	switch {
	case hour >= 4 && hour < 11:
		return "dashboard.greeting.morning"
	case hour >= 11 && hour < 15:
		return "dashboard.greeting.midday"
	case hour >= 15 && hour < 18:
		return "dashboard.greeting.afternoon"
	}
	return "dashboard.greeting.evening"
}
