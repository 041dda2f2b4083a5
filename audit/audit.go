// Package audit keeps a tamper-evident record of every change in Sinergi.
// Each entry carries the SHA-256 hash of its own content and of the entry
// before it, so editing or deleting a stored entry breaks the chain, and
// Verify names the first entry where it breaks.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
)

// Entry is one line of the audit log as stored.
type Entry struct {
	Seq        int64     // 1, 2, 3, ... without gaps
	Time       time.Time // UTC, microsecond precision (what both engines keep)
	ActorID    int64     // 0 for the console operator or a visitor
	ActorName  string    // username at the time, or "system"
	AgencyID   int64     // agency the change belongs to (0: none)
	AgencyPath string    // "/1/2/" path of that agency, for access filtering
	Action     string    // e.g. "auth.login", "agency.create"
	TargetType string    // e.g. "user", "agency"
	TargetID   string
	// Summary is the i18n message key that describes the change
	// ("audit.summary.user_create") and SummaryArgs its arguments, so each
	// reader sees it in their language. Never secret content.
	Summary     string
	SummaryArgs []string
	Address     string // client address, when the change came over HTTP
	PrevHash    string // hex SHA-256 of the previous entry ("" for the first)
	Hash        string // hex SHA-256 of this entry's content and PrevHash
}

// Event is what a service reports; the log turns it into an Entry.
type Event struct {
	Actor      access.Actor
	ActorName  string
	AgencyID   int64
	AgencyPath string
	Action     string
	TargetType string
	TargetID   string
	// Summary is a message key (audit.summary.*) and SummaryArgs its
	// arguments.
	Summary     string
	SummaryArgs []string
	Address     string
}

// Filter selects entries for the viewer.
type Filter struct {
	Action     string // prefix, e.g. "auth." or "agency.create"
	ActorName  string
	TargetType string
	TargetID   string
	Since      time.Time
	Until      time.Time
	// AgencyPathPrefix limits the result to entries of one agency and the
	// agencies below it ("/1/2/"); empty means all.
	AgencyPathPrefix string
	Limit, Offset    int
}

// Store keeps the entries. AppendAuditEntry must serialise appends: within
// one transaction it reads the last entry (seq 0 and hash "" when the log is
// empty), calls seal, inserts the entry and moves the head.
type Store interface {
	AppendAuditEntry(ctx context.Context, e *Entry, seal func(lastSeq int64, lastHash string)) error
	FindAuditEntries(ctx context.Context, f Filter) ([]*Entry, int, error)
	// ScanAuditEntries calls fn for every entry in order of Seq.
	ScanAuditEntries(ctx context.Context, fn func(*Entry) error) error
	// AuditHead returns the Seq and Hash the last append recorded.
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

// Log appends to and checks the audit log.
type Log struct {
	store Store
	clock sinergi.Clock
}

// NewLog returns a Log over store.
func NewLog(store Store, clock sinergi.Clock) *Log {
	return &Log{store: store, clock: clock}
}

// Record appends an entry for ev.
func (l *Log) Record(ctx context.Context, ev Event) error {
	name := ev.ActorName
	switch {
	case name != "":
	case ev.Actor.System:
		name = "system"
	default:
		name = ev.Actor.Username
	}
	e := &Entry{
		Time:        l.clock.Now().UTC().Truncate(time.Microsecond),
		ActorID:     ev.Actor.UserID,
		ActorName:   name,
		AgencyID:    ev.AgencyID,
		AgencyPath:  ev.AgencyPath,
		Action:      ev.Action,
		TargetType:  ev.TargetType,
		TargetID:    ev.TargetID,
		Summary:     ev.Summary,
		SummaryArgs: ev.SummaryArgs,
		Address:     ev.Address,
	}
	err := l.store.AppendAuditEntry(ctx, e, func(lastSeq int64, lastHash string) {
		e.Seq = lastSeq + 1
		e.PrevHash = lastHash
		e.Hash = HashOf(e)
	})
	if err != nil {
		return fmt.Errorf("audit: record %s: %w", ev.Action, err)
	}
	return nil
}

// Find returns entries matching f, newest first, and the total count.
func (l *Log) Find(ctx context.Context, f Filter) ([]*Entry, int, error) {
	entries, n, err := l.store.FindAuditEntries(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("audit: find: %w", err)
	}
	return entries, n, nil
}

// Report is the outcome of Verify.
type Report struct {
	Entries  int64  // entries checked
	OK       bool   // the whole chain holds
	BrokenAt int64  // Seq of the first entry that does not hold (0 when OK)
	Reason   string // why, in English, for operators
}

// Verify walks the whole log and checks every link of the chain: the
// sequence has no gap, each entry's hash matches its content, each entry
// points at the hash of the one before, and the last entry is the head the
// log recorded.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	var (
		rep      = Report{OK: true}
		prevSeq  int64
		prevHash string
	)
	fail := func(seq int64, format string, args ...any) {
		if rep.OK {
			rep.OK, rep.BrokenAt, rep.Reason = false, seq, fmt.Sprintf(format, args...)
		}
	}
	err := l.store.ScanAuditEntries(ctx, func(e *Entry) error {
		rep.Entries++
		switch {
		case e.Seq != prevSeq+1:
			fail(prevSeq+1, "entry %d is missing (next stored entry is %d)", prevSeq+1, e.Seq)
		case e.PrevHash != prevHash:
			fail(e.Seq, "entry %d does not point at the hash of entry %d", e.Seq, prevSeq)
		case HashOf(e) != e.Hash:
			fail(e.Seq, "entry %d was changed after it was written (hash mismatch)", e.Seq)
		}
		prevSeq, prevHash = e.Seq, e.Hash
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("audit: verify: %w", err)
	}
	headSeq, headHash, err := l.store.AuditHead(ctx)
	if err != nil {
		return rep, fmt.Errorf("audit: verify: read head: %w", err)
	}
	if headSeq != prevSeq || headHash != prevHash {
		fail(prevSeq+1, "the log ends at entry %d but entry %d was written (entries deleted at the end)", prevSeq, headSeq)
	}
	return rep, nil
}

// HashOf returns the hex SHA-256 of an entry's content and PrevHash. Every
// field is written with its length first, so no two different entries
// serialise alike.
func HashOf(e *Entry) string {
	h := sha256.New()
	var buf [binary.MaxVarintLen64]byte
	field := func(s string) {
		n := binary.PutUvarint(buf[:], uint64(len(s)))
		h.Write(buf[:n])
		h.Write([]byte(s))
	}
	field("sinergi-audit-v1")
	field(strconv.FormatInt(e.Seq, 10))
	field(e.Time.UTC().Format(time.RFC3339Nano))
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.ActorName)
	field(strconv.FormatInt(e.AgencyID, 10))
	field(e.AgencyPath)
	field(e.Action)
	field(e.TargetType)
	field(e.TargetID)
	field(e.Summary)
	field(strconv.Itoa(len(e.SummaryArgs)))
	for _, a := range e.SummaryArgs {
		field(a)
	}
	field(e.Address)
	field(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}
