package hoax

import (
	"context"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
)

// Appearance is one sighting of a registry claim: a monitored item that
// repeats or refutes it, another registry entry that restates it, or a
// citizen's check (of which nothing but the time is kept).
type Appearance struct {
	ID      int64
	ClaimID int64
	Kind    AppearanceKind
	// ItemID is the archive item, for KindItem.
	ItemID int64
	// OtherClaimID is the registry entry that restates the claim, for
	// KindClaim.
	OtherClaimID int64
	// AgencyID and Classification are the item's or the other claim's,
	// for access; 0 and PUBLIK for a citizen's check.
	AgencyID       int64
	Classification access.Level
	Title          string
	Source         string
	URL            string
	Regions        []string
	// At is when it appeared: the item's publication (or fetch) time, the
	// check's time.
	At       time.Time
	Score    float64
	Decision match.Decision
	Stance   Stance
	// Words are the words that matched, as the item wrote them.
	Words []string
	// Alerted: this appearance raised the recirculation alert.
	Alerted bool
	Created time.Time

	// Filled by the store from the owning agency.
	AgencyPath []int64
}

// Resource returns what access needs to judge the appearance.
func (a *Appearance) Resource() access.Resource {
	return access.Resource{Classification: a.Classification, AgencyPath: a.AgencyPath}
}

// AppearanceKind is what sighted a claim.
type AppearanceKind string

// The kinds of appearance.
const (
	KindItem  AppearanceKind = "item"
	KindClaim AppearanceKind = "claim"
	KindCheck AppearanceKind = "check"
)

// Stance is whether an appearance carries the hoax or refutes it.
type Stance string

// The stances.
const (
	Repeats  Stance = "repeat"
	Refutes  Stance = "refute"
	Unstated Stance = "" // a citizen's check
)

// ClaimFilter selects claims.
type ClaimFilter struct {
	// Visibility limits the listing to what the reader may see.
	Visibility access.Visibility
	// Public lists only published PUBLIK claims (the public pages).
	Public bool
	// Text matches the title or the claim (a substring, any case).
	Text string
	// Verdict is a label ("SALAH"); Active lists only active claims.
	Verdict string
	Active  bool
	// Order is "recent" (newest review first, the default) or
	// "appearances" (most sighted in the last 7 days first).
	Order         string
	Now           time.Time
	Limit, Offset int
}

// Indexed is a claim as the matcher's index needs it.
type Indexed struct {
	Claim *Claim
	// LastSeen is the newest appearance of the claim; zero when none.
	LastSeen time.Time
}

// Version is where the registry stands: how many claims it holds and
// the time of the newest change (an import, an analyst's change).
type Version struct {
	Claims  int
	Updated int64 // microseconds
}

// Store keeps the registry and the appearances.
type Store interface {
	// UpsertClaims inserts the claims or, for a key the agency already
	// holds, updates what the checker wrote (keeping the analysts'
	// classification, activity, publication and clarification), in one
	// transaction; it fills the IDs and reports which were new.
	UpsertClaims(ctx context.Context, claims []*Claim, now time.Time) (added []bool, err error)
	// FindClaim returns one claim; NotFound when there is none.
	FindClaim(ctx context.Context, id int64) (*Claim, error)
	// FindClaims returns a page of claims and their total.
	FindClaims(ctx context.Context, f ClaimFilter) ([]*Claim, int, error)
	// IndexClaims returns the claims changed after since (every claim
	// for the zero time) with their last appearances, for the matcher's
	// index.
	IndexClaims(ctx context.Context, since time.Time) ([]Indexed, error)
	// RegistryVersion says where the registry stands, to tell whether an
	// index built from it is stale.
	RegistryVersion(ctx context.Context) (Version, error)
	// UpdateClaim stores an analyst's change of a claim.
	UpdateClaim(ctx context.Context, c *Claim) error
	// AddAppearances stores appearances (one per claim and item or other
	// claim: a repeat is ignored), the notifications of the alerts they
	// raise, their deliveries to the agencies' webhooks and their e-mails
	// (to the mail outbox), in one transaction; it fills the IDs of the
	// appearances stored.
	AddAppearances(ctx context.Context, as []*Appearance, ns []*monitor.Notification, ds []*monitor.WebhookDelivery,
		mails []*mail.Outgoing) error
	// The webhooks the alerts go to.
	monitor.AgencyWebhookReader
	// LastAlert returns the time of the newest alerted appearance of a
	// claim in an agency; zero when none.
	LastAlert(ctx context.Context, claimID, agencyID int64) (time.Time, error)
	// FindAppearances returns a claim's appearances the visibility allows,
	// newest first, at most limit, and their total.
	FindAppearances(ctx context.Context, claimID int64, v access.Visibility, limit int) ([]*Appearance, int, error)
	// FindUsers lists accounts: the watchers an alert goes to.
	FindUsers(ctx context.Context, f auth.UserFilter) ([]*auth.User, int, error)
	// LatestItems streams the archive's newest items, at most limit,
	// newest first: the stream the matcher's background starts from.
	LatestItems(ctx context.Context, limit int, fn func(*archive.Item, *archive.Analysis) error) error
}

// Auditor records changes in the audit log; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, e audit.Event) error
}
