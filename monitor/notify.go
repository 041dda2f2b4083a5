package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
)

// Message is a text for a person: an i18n key and its arguments, so each
// reader sees it in their language. Arguments are strings or numbers, and
// stay numbers when stored (JSON), so that the translator writes them the
// reader's way: "0,7" in Indonesian, "0.7" in English.
type Message struct {
	Key  string `json:"key"`
	Args []any  `json:"args,omitempty"`
	// Details are further lines under the message, such as a spike's top
	// sources, words and sentiment.
	Details []Message `json:"details,omitempty"`
}

// Values returns the arguments as a translator takes them.
func (m Message) Values() []any { return m.Args }

// Notification is an in-app notification for one user.
type Notification struct {
	ID       int64
	UserID   int64
	SearchID int64 // the saved search whose alert raised it; 0 for others
	ItemID   int64 // the item it is about; 0 for none
	Message  Message
	Link     string // where it leads, a path of the web interface
	Created  time.Time
	Read     time.Time // zero while unread
}

// NotificationFilter selects a user's notifications.
type NotificationFilter struct {
	Unread bool
	Limit  int
	Offset int
}

// NotificationStore keeps notifications.
type NotificationStore interface {
	// AddAlerts inserts notifications, the webhook deliveries of the same
	// alerts and the matches' hourly counts, in one transaction (IDs are
	// not filled: an alert does not need them).
	// The e-mails of the alerts and the matches held back (AlertMail)
	// are written in the same transaction.
	AddAlerts(ctx context.Context, ns []*Notification, ds []*WebhookDelivery, counts []HourCount, mail ...AlertMail) error
	// FindNotifications returns a user's notifications, newest first, their
	// count and how many are unread.
	FindNotifications(ctx context.Context, userID int64, f NotificationFilter) ([]*Notification, int, int, error)
	// MarkNotificationsRead marks a user's notifications read: the given
	// ones, or all when ids is empty.
	MarkNotificationsRead(ctx context.Context, userID int64, ids []int64, at time.Time) error
	// CountUnread counts a user's unread notifications.
	CountUnread(ctx context.Context, userID int64) (int, error)
}

// Notifications returns the actor's notifications, their count and the
// unread count.
func (s *Service) Notifications(ctx context.Context, actor access.Actor, f NotificationFilter) ([]*Notification, int, int, error) {
	if actor.UserID == 0 {
		return nil, 0, 0, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	list, total, unread, err := s.store.FindNotifications(ctx, actor.UserID, f)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("monitor: notifications: %w", err)
	}
	return list, total, unread, nil
}

// Unread counts the actor's unread notifications (the badge in the menu).
func (s *Service) Unread(ctx context.Context, actor access.Actor) (int, error) {
	if actor.UserID == 0 {
		return 0, nil
	}
	n, err := s.store.CountUnread(ctx, actor.UserID)
	if err != nil {
		return 0, fmt.Errorf("monitor: unread: %w", err)
	}
	return n, nil
}

// MarkRead marks the actor's notifications read: the given ones, or all.
func (s *Service) MarkRead(ctx context.Context, actor access.Actor, ids []int64) error {
	if actor.UserID == 0 {
		return sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	if err := s.store.MarkNotificationsRead(ctx, actor.UserID, ids, s.clock.Now().UTC().Truncate(time.Microsecond)); err != nil {
		return fmt.Errorf("monitor: mark read: %w", err)
	}
	return nil
}
