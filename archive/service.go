package archive

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/region"
)

// Store keeps the archive and its full-text index.
type Store interface {
	// AddItems inserts the items with their analyses in one transaction,
	// filling their IDs: all are stored or none.
	AddItems(ctx context.Context, items []*Item, analyses []*Analysis) error
	// SearchCandidates calls fn for every item the plan admits, with the
	// light fields of the item (no title, text, URL or author), its score
	// and, when withAnalysis, its encoded analysis.
	SearchCandidates(ctx context.Context, p *Plan, withAnalysis bool, fn func(*Candidate) error) error
	// SearchTop returns one page of the items an exact plan admits, best
	// first (or newest first), and how many it admits.
	SearchTop(ctx context.Context, p *Plan, newest bool, limit, offset int) ([]Scored, int, error)
	// FindItems returns the items with the given IDs and their analyses, in
	// the order of ids; IDs that do not exist are left out.
	FindItems(ctx context.Context, ids []int64) ([]*Item, []*Analysis, error)
	// CountPrefix counts the distinct index tokens beginning with prefix,
	// stopping at limit.
	CountPrefix(ctx context.Context, prefix string, limit int) (int, error)
	// ExactPhrases reports whether the engine's index matches words at
	// consecutive positions exactly.
	ExactPhrases() bool
	// CountItems counts every item of the archive.
	CountItems(ctx context.Context) (int, error)
	// ItemsSince streams the items published (or, undated, fetched) at or
	// after since, oldest first, with their analyses.
	ItemsSince(ctx context.Context, since time.Time, fn func(*Item, *Analysis) error) error
	// ReanalyseItems rewrites every item's analysis and index entries,
	// batch items to a transaction in ID order, with the analysis analyse
	// gives; progress, if not nil, gets the count after each batch.
	ReanalyseItems(ctx context.Context, batch int, analyse func(*Item) *Analysis, progress func(done int)) (int, error)
	// ArchiveAnalysisVersion returns the AnalysisVersion the stored words
	// were made with, false when none is recorded.
	ArchiveAnalysisVersion(ctx context.Context) (int, bool, error)
	// SetArchiveAnalysisVersion records it.
	SetArchiveAnalysisVersion(ctx context.Context, v int) error
	// TakeLease gives the lease of name to holder until until (now being
	// now) and reports whether it did: free, expired or holder's already.
	TakeLease(ctx context.Context, name, holder string, until, now time.Time) (bool, error)
	// ReleaseLease frees the lease of name if holder holds it.
	ReleaseLease(ctx context.Context, name, holder string) error
}

// Candidate is an item a plan admits, as search first sees it.
type Candidate struct {
	Item     Item // ID, AgencyID, Classification, Source, Lang, Sentiment, Type, Regions, Published
	Score    float64
	Analysis []byte
}

// Scored is an item ID with its relevance.
type Scored struct {
	ID    int64
	Score float64
}

// Agencies is what the archive needs of the agency tree.
type Agencies interface {
	Find(ctx context.Context, id agency.ID) (*agency.Agency, error)
	List(ctx context.Context, f agency.Filter) ([]*agency.Agency, int, error)
}

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Service imports and searches the archive.
type Service struct {
	// MaxExpansions is the most index words a prefix may stand for;
	// zero means DefaultMaxExpansions.
	MaxExpansions int

	store    Store
	regions  *region.Gazetteer
	agencies Agencies
	audit    Auditor
	clock    sinergi.Clock

	// The models load on first use (half a second), so that commands
	// which never analyse do not wait for them.
	load     func() (*analysis.Analyzer, error)
	loadOnce sync.Once
	analyzer *analysis.Analyzer
	loadErr  error
}

// NewService returns a Service; load returns the analysis models, and is
// called once, when the service first needs them. Every reader of the
// archive must use the same analysis (alerts compile their queries with
// it too).
func NewService(store Store, load func() (*analysis.Analyzer, error), g *region.Gazetteer, agencies Agencies, auditor Auditor, clock sinergi.Clock) *Service {
	return &Service{store: store, load: load, regions: g, agencies: agencies, audit: auditor, clock: clock}
}

// Analyzer returns the analysis models, loading them on first use.
func (s *Service) Analyzer() (*analysis.Analyzer, error) {
	s.loadOnce.Do(func() {
		s.analyzer, s.loadErr = s.load()
		if s.loadErr != nil {
			s.loadErr = fmt.Errorf("archive: load analysis: %w", s.loadErr)
		}
	})
	return s.analyzer, s.loadErr
}

// Count returns how many items the archive holds, whoever may see them:
// for the console and the demo, never for a user's page.
func (s *Service) Count(ctx context.Context) (int, error) {
	n, err := s.store.CountItems(ctx)
	if err != nil {
		return 0, fmt.Errorf("archive: count: %w", err)
	}
	return n, nil
}

// MaxRecent is the most items Recent returns.
const MaxRecent = 200_000

// Recent returns the items the actor may see that were published (or,
// undated, fetched) at or after since, oldest first, with their analyses,
// at most MaxRecent (the oldest then): what issue clustering and the
// briefs read.
func (s *Service) Recent(ctx context.Context, actor access.Actor, since time.Time) ([]*Item, []*Analysis, error) {
	var (
		items    []*Item
		analyses []*Analysis
	)
	err := s.store.ItemsSince(ctx, since, func(it *Item, a *Analysis) error {
		if !access.Can(actor, access.View, it.Resource()) {
			return nil
		}
		items, analyses = append(items, it), append(analyses, a)
		if len(items) == MaxRecent {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, nil, fmt.Errorf("archive: recent items: %w", err)
	}
	return items, analyses, nil
}

// Item returns one item the actor may see; NotFound otherwise, as if it
// did not exist.
func (s *Service) Item(ctx context.Context, actor access.Actor, id int64) (*Item, error) {
	items, _, err := s.store.FindItems(ctx, []int64{id})
	if err != nil {
		return nil, fmt.Errorf("archive: item %d: %w", id, err)
	}
	if len(items) == 0 || !access.Can(actor, access.View, items[0].Resource()) {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "error.not_found")
	}
	return items[0], nil
}

// errEnough stops a stream that has given what was asked.
var errEnough = errors.New("archive: enough")

// MaxImport is the most items one import may carry.
const MaxImport = 100_000

// ItemError is an import error of one item: Index is its place in the
// batch (0-based); a file reader reports lines instead.
type ItemError struct {
	Index int
	Err   error
}

func (e *ItemError) Error() string { return fmt.Sprintf("item %d: %v", e.Index+1, e.Err) }
func (e *ItemError) Unwrap() error { return e.Err }

// Import checks, analyses and stores the items, all or none. Without an
// agency an item goes to the actor's own; the actor must be allowed to
// change records of that agency at the item's classification. Language,
// sentiment and regions left empty are filled by the analysis; given
// regions may be codes or names of the Kemendagri gazetteer.
func (s *Service) Import(ctx context.Context, actor access.Actor, items []*Item) error {
	analyses, err := s.Prepare(ctx, actor, items)
	if err != nil {
		return err
	}
	if err := s.store.AddItems(ctx, items, analyses); err != nil {
		return fmt.Errorf("archive: import: %w", err)
	}
	return s.RecordImport(ctx, actor, items)
}

// Prepare checks and analyses items as Import does, without storing them:
// the ingestion pipeline stores them with their appearances in one
// transaction of its own (and calls RecordImport for an upload).
func (s *Service) Prepare(ctx context.Context, actor access.Actor, items []*Item) ([]*Analysis, error) {
	if len(items) > MaxImport {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "archive.error.too_many_items", MaxImport)
	}
	a, err := s.Analyzer()
	if err != nil {
		return nil, err
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	paths := map[int64][]int64{}
	analyses := make([]*Analysis, len(items))
	for i, it := range items {
		if err := s.prepare(ctx, actor, it, paths); err != nil {
			return nil, &ItemError{Index: i, Err: err}
		}
		if it.Fetched.IsZero() {
			it.Fetched = now
		}
		it.ImportedAt = now
		analyses[i] = analyse(a, it)
	}
	return analyses, nil
}

// words returns the analysis of an item's title and text: their words,
// folded and stemmed.
func words(an *analysis.Analyzer, it *Item) *Analysis {
	return &Analysis{Title: an.Terms.Terms(it.Title), Text: an.Terms.Terms(it.Text)}
}

// reanalyseBatch is how many items Reanalyse rewrites to a transaction.
const reanalyseBatch = 500

// AnalysisVersion numbers the analysis that gives an item its words
// (words): the normaliser, the stemmer and their word lists. Bump it with
// every change to package bahasa that changes the words of a text
// (TestAnalysisVersion fails until then): a server whose archive holds
// words of another version analyses it again at its start
// (ReanalyseIfStale).
const AnalysisVersion = 5

// Reanalyse analyses the title and text of every stored item again, as an
// import today would, and rewrites their stored words and the full-text
// index, reanalyseBatch items to a transaction, oldest first. Search and
// alerts read an item by the words its import found; after an upgrade
// that changes the analysis (its stemmer's or normaliser's word lists),
// a search for a word analysed anew ("relawan", once read as "rawan")
// misses older items until they are reanalysed. Language, sentiment,
// regions and names are kept. Only the system actor (the command line)
// may run it; progress, if not nil, gets the count after each batch.
//
// One process at a time reanalyses a database (the lease ReanalysisLease):
// while another does, Reanalyse fails with a conflict.
func (s *Service) Reanalyse(ctx context.Context, actor access.Actor, progress func(done int)) (int, error) {
	return s.reanalyse(ctx, actor, false, progress)
}

// ReanalyseIfStale reanalyses the archive (Reanalyse, as the system) when
// its words were made with another AnalysisVersion, or with one not
// recorded, and returns how many items it reanalysed. Servers sharing a
// database all call it at their start: the first takes the lease, the
// others get a conflict, and one that comes after finds the version
// current.
func (s *Service) ReanalyseIfStale(ctx context.Context, progress func(done int)) (int, error) {
	if current, err := s.analysisCurrent(ctx); err != nil || current {
		return 0, err
	}
	return s.reanalyse(ctx, access.SystemActor(), true, progress)
}

// ReanalysisLease names the lease of the archive's reanalysis.
const ReanalysisLease = "archive.reanalyse"

// reanalysisLeaseTTL is how long the lease holds without a renewal; the
// reanalysis renews it after each batch once a quarter of it has passed.
const reanalysisLeaseTTL = 2 * time.Minute

func (s *Service) reanalyse(ctx context.Context, actor access.Actor, onlyStale bool, progress func(done int)) (int, error) {
	if !actor.System {
		return 0, sinergi.Errorf(sinergi.KindForbidden, "error.forbidden")
	}
	a, err := s.Analyzer()
	if err != nil {
		return 0, err
	}
	holder := rand.Text()
	renewed := s.clock.Now()
	ok, err := s.store.TakeLease(ctx, ReanalysisLease, holder, renewed.Add(reanalysisLeaseTTL), renewed)
	if err != nil {
		return 0, fmt.Errorf("archive: reanalyse: %w", err)
	}
	if !ok {
		return 0, sinergi.Errorf(sinergi.KindConflict, "archive.error.reanalysing")
	}
	// A lease not released (the database gone meanwhile) expires by
	// itself within reanalysisLeaseTTL, so its error changes nothing.
	defer func() { _ = s.store.ReleaseLease(context.WithoutCancel(ctx), ReanalysisLease, holder) }()
	if onlyStale { // another process may have finished meanwhile
		if current, err := s.analysisCurrent(ctx); err != nil || current {
			return 0, err
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	batchDone := func(done int) {
		if now := s.clock.Now(); now.Sub(renewed) >= reanalysisLeaseTTL/4 {
			ok, err := s.store.TakeLease(ctx, ReanalysisLease, holder, now.Add(reanalysisLeaseTTL), now)
			if err == nil && !ok {
				err = errors.New("the lease passed to another process")
			}
			if err != nil {
				cancel(fmt.Errorf("renew the lease: %w", err))
				return
			}
			renewed = now
		}
		if progress != nil {
			progress(done)
		}
	}
	n, err := s.store.ReanalyseItems(ctx, reanalyseBatch, func(it *Item) *Analysis { return words(a, it) }, batchDone)
	if err == nil {
		err = s.store.SetArchiveAnalysisVersion(ctx, AnalysisVersion)
	}
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			err = cause
		}
		return n, fmt.Errorf("archive: reanalyse: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	err = s.audit.Record(ctx, audit.Event{
		Actor: actor, Action: "archive.reanalyse", TargetType: "archive", TargetID: "all",
		Summary: "audit.summary.archive_reanalyse", SummaryArgs: []string{strconv.Itoa(n)},
	})
	if err != nil {
		return n, fmt.Errorf("archive: %w", err)
	}
	return n, nil
}

// analysisCurrent reports whether the archive's words were made with
// this AnalysisVersion.
func (s *Service) analysisCurrent(ctx context.Context) (bool, error) {
	v, known, err := s.store.ArchiveAnalysisVersion(ctx)
	return known && v == AnalysisVersion, err
}

// StampNewArchive records AnalysisVersion for an archive that has none
// recorded and holds no item: a new database, whose items this version
// analyses. An archive filled before versions were recorded keeps none,
// so that ReanalyseIfStale analyses it again.
func (s *Service) StampNewArchive(ctx context.Context) error {
	_, known, err := s.store.ArchiveAnalysisVersion(ctx)
	if err != nil || known {
		return err
	}
	n, err := s.store.CountItems(ctx)
	if err != nil || n > 0 {
		return err
	}
	return s.store.SetArchiveAnalysisVersion(ctx, AnalysisVersion)
}

// RecordImport writes the audit event of an import of stored items.
func (s *Service) RecordImport(ctx context.Context, actor access.Actor, items []*Item) error {
	if len(items) == 0 {
		return nil
	}
	err := s.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: actor.AgencyID(), AgencyPath: access.PathString(actor.AgencyPath),
		Action: "archive.import", TargetType: "archive", TargetID: strconv.FormatInt(items[0].ID, 10),
		Summary: "audit.summary.archive_import", SummaryArgs: []string{strconv.Itoa(len(items))},
	})
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// prepare cleans one item, resolves its agency and regions and checks the
// actor's right to file it.
func (s *Service) prepare(ctx context.Context, actor access.Actor, it *Item, paths map[int64][]int64) error {
	if err := it.clean(); err != nil {
		return err
	}
	if !actor.System || it.AgencyID == 0 {
		it.AgencyID = actor.AgencyID()
	}
	if it.AgencyID == 0 {
		return sinergi.Errorf(sinergi.KindInvalid, "archive.error.agency_required")
	}
	path, ok := paths[it.AgencyID]
	if !ok {
		a, err := s.agencies.Find(ctx, it.AgencyID)
		if errors.Is(err, sinergi.ErrNotFound) {
			return sinergi.Errorf(sinergi.KindInvalid, "archive.error.agency_unknown", it.AgencyID)
		}
		if err != nil {
			return fmt.Errorf("archive: agency %d: %w", it.AgencyID, err)
		}
		path, paths[it.AgencyID] = a.Path, a.Path
	}
	it.AgencyPath = path
	if !access.Can(actor, access.Change, it.Resource()) {
		return sinergi.Errorf(sinergi.KindForbidden, "archive.error.forbidden")
	}
	codes := make([]string, 0, len(it.Regions))
	for _, r := range it.Regions {
		reg, ok := s.regions.Resolve(strings.TrimSpace(r))
		if !ok {
			return sinergi.Errorf(sinergi.KindInvalid, "archive.error.region", r)
		}
		codes = append(codes, string(reg.Code))
	}
	it.Regions = codes
	return nil
}

// analyse fills what the importer left empty and returns the item's words.
func analyse(an *analysis.Analyzer, it *Item) *Analysis {
	a := words(an, it)
	whole := it.Title + "\n" + it.Text
	if it.Lang == "" {
		it.Lang, _ = an.Languages.Identify(whole)
	}
	if it.Sentiment == "" {
		label, _ := an.Sentiment.Classify(whole)
		it.Sentiment = string(label)
	}
	if len(it.Entities) == 0 {
		it.Entities = ner.Names(an.Names.Entities(whole), MaxEntities)
	}
	if len(it.Regions) == 0 {
		for _, m := range an.Places.FindStory(it.Title, it.Text) {
			it.Regions = append(it.Regions, string(m.Code))
		}
	}
	slices.Sort(it.Regions)
	it.Regions = slices.Compact(it.Regions)
	if len(it.Regions) > MaxRegions {
		it.Regions = it.Regions[:MaxRegions]
	}
	return a
}
