package monitor

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
)

// E-mail alerts. A saved search may name e-mail recipients: users of the
// system (an address that is a user's, who receives at once, in their
// language, what they may see) and outside addresses, which get a
// confirmation e-mail with a link and receive nothing else until they
// confirm (and then only PUBLIK items). Every alert e-mail carries a
// one-click unsubscribe (RFC 8058). Like webhooks, e-mails are an outbox:
// the rows are written in the transaction of the alert, sent by
// Mailer.Deliver (mailer.go) with retries and back-off, and they are the
// delivery log. Tokens (confirm, unsubscribe) are random, made when the
// message is sent, and only their SHA-256 is stored.

// RecipientStatus is where a recipient stands.
type RecipientStatus string

// The recipient statuses.
const (
	RecipientPending      RecipientStatus = "pending"      // an outside address, not yet confirmed
	RecipientConfirmed    RecipientStatus = "confirmed"    // receives the alerts
	RecipientUnsubscribed RecipientStatus = "unsubscribed" // asked to stop; receives nothing
)

// Recipient is an address a saved search's alerts are e-mailed to.
type Recipient struct {
	ID       int64
	SearchID int64
	Address  string // lower case
	UserID   int64  // the user whose address it is; 0 for an outside address
	Status   RecipientStatus
	Created  time.Time
	Changed  time.Time
	// Lang is the recipient user's language, filled by the store ("" for
	// an outside address: Indonesian with English below).
	Lang string
}

// MailKind is what an e-mail delivery says.
type MailKind string

// The kinds of e-mail.
const (
	MailConfirm MailKind = "confirm" // asks an outside address to confirm
	MailAlert   MailKind = "alert"   // one item, at once
	MailDigest  MailKind = "digest"  // the items of a digest period
	MailSummary MailKind = "summary" // what quiet hours or the hourly cap held back
)

// MailItem is an item as an e-mail shows it, with what decides who may
// receive it.
type MailItem struct {
	ID             int64              `json:"id"`
	Title          []archive.Fragment `json:"title"` // the matched words marked
	Source         string             `json:"source"`
	URL            string             `json:"url,omitempty"`
	Published      time.Time          `json:"published,omitzero"`
	Classification access.Level       `json:"classification"`
	AgencyPath     []int64            `json:"agency_path"`
}

// Resource returns what access decisions about the item need.
func (it MailItem) Resource() access.Resource {
	return access.Resource{Classification: it.Classification, AgencyPath: it.AgencyPath}
}

// PlainTitle returns the title without marks.
func (it MailItem) PlainTitle() string {
	var b strings.Builder
	for _, f := range it.Title {
		b.WriteString(f.Text)
	}
	return b.String()
}

// MailPayload is what an e-mail delivery lists.
type MailPayload struct {
	Items []MailItem `json:"items,omitempty"`
	// More counts the matches not listed ("and N more").
	More int `json:"more,omitempty"`
	// Quiet: the summary of the search's quiet hours.
	Quiet bool `json:"quiet,omitempty"`
}

// MailDelivery is one e-mail sent (or to send) to one recipient.
type MailDelivery struct {
	ID          int64
	SearchID    int64
	RecipientID int64
	Kind        MailKind
	Payload     MailPayload
	Status      string // DeliveryPending, DeliveryDelivered, DeliveryFailed, DeliveryCancelled
	Attempts    int
	NextAttempt time.Time
	LastError   string
	Created     time.Time
	Delivered   time.Time

	// Filled by the store when claimed or listed: the recipient and, when
	// claimed, the search.
	Recipient *Recipient
	Search    *SavedSearch
}

// DeliveryCancelled is a delivery not sent because its recipient
// unsubscribed, was never confirmed, or may no longer see the item.
const DeliveryCancelled = "cancelled"

// HeldItem is a match held back from the e-mails, by the hourly cap or
// the quiet hours, for the summary sent when the quiet hours (or the
// hour) end.
type HeldItem struct {
	SearchID int64
	Quiet    bool // held by the quiet hours (else by the cap)
	Item     MailItem
	Created  time.Time
}

// AlertMail is what an alert adds to the e-mail outbox and holds back,
// written with its notifications (Store.AddAlerts).
type AlertMail struct {
	Deliveries []*MailDelivery
	Held       []HeldItem
	// More counts, per search and hour, the matches the cap held back
	// from the in-app notifications.
	More []HourCount
}

// MailStore keeps e-mail recipients, tokens, deliveries and held matches.
type MailStore interface {
	// MailRecipients returns a search's recipients, by address.
	MailRecipients(ctx context.Context, searchID int64) ([]*Recipient, error)
	// ConfirmedMailRecipients returns the confirmed recipients of every
	// search.
	ConfirmedMailRecipients(ctx context.Context) ([]*Recipient, error)
	// ChangeMailRecipients adds recipients (filling their IDs), with a
	// confirmation delivery for each pending one, and removes others (by
	// ID, with their deliveries and tokens), in one transaction.
	ChangeMailRecipients(ctx context.Context, searchID int64, add []*Recipient, remove []int64, now time.Time) error
	// UserIDsByEmail returns the active users owning the addresses (lower
	// case), by address.
	UserIDsByEmail(ctx context.Context, addresses []string) (map[string]int64, error)
	// AddMailToken records a token's hash for a recipient.
	AddMailToken(ctx context.Context, hash string, recipientID int64, purpose string, at time.Time) error
	// RecipientByToken returns the recipient of a token's hash and
	// purpose; NotFound when there is none.
	RecipientByToken(ctx context.Context, hash, purpose string) (*Recipient, error)
	// SetRecipientStatus changes a recipient's status; when it leaves
	// confirmed, its pending deliveries are cancelled in the same
	// transaction.
	SetRecipientStatus(ctx context.Context, id int64, status RecipientStatus, at time.Time) error
	// ClaimMailDeliveries returns up to limit pending deliveries due at
	// now with their recipients and searches, held until lease.
	ClaimMailDeliveries(ctx context.Context, now, lease time.Time, limit int) ([]*MailDelivery, error)
	// FinishMailDeliveries records the outcomes of attempts.
	FinishMailDeliveries(ctx context.Context, ds []*MailDelivery) error
	// FindMailDeliveries returns a search's deliveries with their
	// recipients, newest first.
	FindMailDeliveries(ctx context.Context, searchID int64, limit int) ([]*MailDelivery, error)
	// DigestMailItems returns the items of a search's digest entries
	// created at or before upTo, oldest first, as e-mails show them.
	DigestMailItems(ctx context.Context, searchID int64, upTo time.Time) ([]MailItem, error)
	// HeldSearches returns the saved searches with held matches.
	HeldSearches(ctx context.Context) ([]*SavedSearch, error)
	// HeldItems returns a search's held matches, oldest first.
	HeldItems(ctx context.Context, searchID int64) ([]HeldItem, error)
	// FinishHeld, in one transaction, adds the deliveries summarising a
	// search's held matches and removes those they cover (created at or
	// before upTo).
	FinishHeld(ctx context.Context, searchID int64, upTo time.Time, ds []*MailDelivery) error
	// MoreCounts returns the in-app matches held back in hours before
	// the given one.
	MoreCounts(ctx context.Context, before time.Time) ([]HourCount, error)
	// FinishMore, in one transaction, adds the notification saying how
	// many more matched in an hour and removes that hour's count.
	FinishMore(ctx context.Context, c HourCount, n *Notification) error
}

// Limits on e-mail recipients.
const (
	// MaxRecipients is how many addresses one saved search e-mails.
	MaxRecipients = 20
	// MaxAddress is the longest address (RFC 5321's path limit).
	MaxAddress = 254
)

// Token purposes.
const (
	TokenConfirm     = "confirm"
	TokenUnsubscribe = "unsubscribe"
)

// newToken returns a random token (130 bits, base32) and the hash stored
// for it.
func newToken() (token, hash string) {
	token = rand.Text()
	return token, TokenHash(token)
}

// TokenHash returns the stored form of a token: hex SHA-256.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// cleanEmails checks the addresses given for a search: valid (net/mail),
// one each, lower case, at most MaxRecipients; and e-mail must be
// configured.
func (s *Service) cleanEmails(ss *SavedSearch) error {
	if ss.Emails == nil {
		return nil
	}
	var out []string
	for _, e := range ss.Emails {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		addr, err := mail.ParseAddress(e)
		if err != nil || len(addr.Address) > MaxAddress || !strings.Contains(addr.Address, ".") {
			return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.email", e)
		}
		out = append(out, strings.ToLower(addr.Address))
	}
	slices.Sort(out)
	out = slices.Compact(out)
	switch {
	case len(out) > MaxRecipients:
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.too_many_emails", MaxRecipients)
	case len(out) > 0 && !s.MailEnabled:
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.mail_disabled")
	}
	ss.Emails = append([]string{}, out...)
	return nil
}

// syncRecipients makes a search's recipients its Emails (when set): new
// addresses are added (a user's confirmed at once, an outside one pending
// with a confirmation e-mail), missing ones removed; an address that
// unsubscribed stays unsubscribed. Each change is audited.
func (s *Service) syncRecipients(ctx context.Context, actor access.Actor, ss *SavedSearch) error {
	if ss.Emails == nil {
		return nil
	}
	have, err := s.store.MailRecipients(ctx, ss.ID)
	if err != nil {
		return fmt.Errorf("monitor: recipients of search %d: %w", ss.ID, err)
	}
	var add []*Recipient
	var remove []int64
	var added, removed []string
	for _, r := range have {
		if !slices.Contains(ss.Emails, r.Address) {
			remove, removed = append(remove, r.ID), append(removed, r.Address)
		}
	}
	var fresh []string
	for _, e := range ss.Emails {
		if !slices.ContainsFunc(have, func(r *Recipient) bool { return r.Address == e }) {
			fresh = append(fresh, e)
		}
	}
	if len(fresh) == 0 && len(remove) == 0 {
		return nil
	}
	users, err := s.store.UserIDsByEmail(ctx, fresh)
	if err != nil {
		return fmt.Errorf("monitor: recipients of search %d: %w", ss.ID, err)
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	for _, e := range fresh {
		r := &Recipient{SearchID: ss.ID, Address: e, Status: RecipientPending, Created: now, Changed: now}
		if id, ok := users[e]; ok {
			r.UserID, r.Status = id, RecipientConfirmed
		}
		add, added = append(add, r), append(added, e)
	}
	if err := s.store.ChangeMailRecipients(ctx, ss.ID, add, remove, now); err != nil {
		return fmt.Errorf("monitor: recipients of search %d: %w", ss.ID, err)
	}
	for _, change := range []struct {
		action, summary string
		list            []string
	}{{"search.email_add", "audit.summary.search_email_add", added}, {"search.email_remove", "audit.summary.search_email_remove", removed}} {
		if len(change.list) == 0 {
			continue
		}
		if err := s.recordMail(ctx, actor, ss, change.action, change.summary, strings.Join(change.list, ", ")); err != nil {
			return err
		}
	}
	if s.mailKick != nil && len(add) > 0 {
		s.mailKick()
	}
	return nil
}

// recordMail audits a change of a search's e-mail recipients.
func (s *Service) recordMail(ctx context.Context, actor access.Actor, ss *SavedSearch, action, summary, addresses string) error {
	err := s.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: ss.AgencyID, AgencyPath: access.PathString(ss.AgencyPath),
		Action: action, TargetType: "saved_search", TargetID: fmt.Sprint(ss.ID),
		Summary: summary, SummaryArgs: []string{ss.Name, addresses},
	})
	if err != nil {
		return fmt.Errorf("monitor: %w", err)
	}
	return nil
}

// OnMail makes the Service call kick after it queues confirmation e-mails;
// Mailer.Kick sends them at once.
func (s *Service) OnMail(kick func()) { s.mailKick = kick }

// Recipients returns a search's e-mail recipients, for those who may
// change the search.
func (s *Service) Recipients(ctx context.Context, actor access.Actor, id int64) ([]*Recipient, error) {
	ss, err := s.Find(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanChange(actor, ss) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	list, err := s.store.MailRecipients(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("monitor: recipients of search %d: %w", id, err)
	}
	return list, nil
}

// MailLog returns the last e-mail deliveries of a saved search, for those
// who may change it.
func (s *Service) MailLog(ctx context.Context, actor access.Actor, id int64, limit int) ([]*MailDelivery, error) {
	ss, err := s.Find(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanChange(actor, ss) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	list, err := s.store.FindMailDeliveries(ctx, id, limit)
	if err != nil {
		return nil, fmt.Errorf("monitor: mail log of search %d: %w", id, err)
	}
	return list, nil
}

// TokenRecipient is what the public confirm and unsubscribe pages show: the
// address and the search's name.
type TokenRecipient struct {
	Recipient *Recipient
	Search    string
}

// MailToken returns the recipient a confirm or unsubscribe token is for,
// with its search's name: the page a link opens shows them before the
// button. An unknown token is NotFound.
func (s *Service) MailToken(ctx context.Context, token, purpose string) (*TokenRecipient, error) {
	if len(token) == 0 || len(token) > 64 {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "mail.error.token")
	}
	r, err := s.store.RecipientByToken(ctx, TokenHash(token), purpose)
	if sinergi.KindOf(err) == sinergi.KindNotFound {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "mail.error.token")
	}
	if err != nil {
		return nil, fmt.Errorf("monitor: mail token: %w", err)
	}
	ss, err := s.store.FindSavedSearchByID(ctx, r.SearchID)
	if err != nil {
		return nil, fmt.Errorf("monitor: mail token: %w", err)
	}
	return &TokenRecipient{Recipient: r, Search: ss.Name}, nil
}

// ConfirmMail confirms the address of a confirmation token: from now on
// it receives the search's alerts. Confirming twice is harmless; an
// address that unsubscribed is subscribed again by its own click.
func (s *Service) ConfirmMail(ctx context.Context, token string) (*TokenRecipient, error) {
	return s.setByToken(ctx, token, TokenConfirm, RecipientConfirmed, "search.email_confirm", "audit.summary.search_email_confirm")
}

// Unsubscribe stops the e-mails to the address of an unsubscribe token
// (RFC 8058's one-click POST and the page's button): pending deliveries
// are cancelled and nothing more is sent.
func (s *Service) Unsubscribe(ctx context.Context, token string) (*TokenRecipient, error) {
	return s.setByToken(ctx, token, TokenUnsubscribe, RecipientUnsubscribed, "search.email_unsubscribe", "audit.summary.search_email_unsubscribe")
}

func (s *Service) setByToken(ctx context.Context, token, purpose string, status RecipientStatus, action, summary string) (*TokenRecipient, error) {
	tr, err := s.MailToken(ctx, token, purpose)
	if err != nil {
		return nil, err
	}
	if tr.Recipient.Status == status {
		return tr, nil
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	if err := s.store.SetRecipientStatus(ctx, tr.Recipient.ID, status, now); err != nil {
		return nil, fmt.Errorf("monitor: mail recipient %d: %w", tr.Recipient.ID, err)
	}
	tr.Recipient.Status = status
	ss, err := s.store.FindSavedSearchByID(ctx, tr.Recipient.SearchID)
	if err != nil {
		return nil, fmt.Errorf("monitor: mail recipient %d: %w", tr.Recipient.ID, err)
	}
	if err := s.recordMail(ctx, access.SystemActor(), ss, action, summary, tr.Recipient.Address); err != nil {
		return nil, err
	}
	if s.changed != nil {
		s.changed(ctx) // the alerts follow at once (and other processes within a check)
	}
	return tr, nil
}

// mayReceive reports whether a recipient may be e-mailed an item: an
// outside address only PUBLIK items; a user what they may see.
func mayReceive(r *Recipient, u *auth.User, res access.Resource) bool {
	if r.Status != RecipientConfirmed {
		return false
	}
	if r.UserID == 0 {
		return res.Classification == access.Publik
	}
	return u != nil && !u.Disabled && access.Can(u.Actor(), access.View, res)
}

// mailItem is an item as e-mails show it, its title's matched words
// marked.
func mailItem(it *archive.Item, title []archive.Fragment) MailItem {
	if title == nil {
		title = []archive.Fragment{{Text: it.Title}}
	}
	return MailItem{ID: it.ID, Title: title, Source: it.Source, URL: it.URL, Published: it.Published,
		Classification: it.Classification, AgencyPath: it.AgencyPath}
}

// searchLink is the path of a saved search's page.
func searchLink(id int64) string { return "/pantau/pencarian/" + strconv.FormatInt(id, 10) }
