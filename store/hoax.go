package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
)

const claimColumns = `c.id, c.agency_id, c.classification, c.claim_key, c.title, c.claim, c.summary, c.explanation,
	c.verdict_vocabulary, c.verdict_label, c.verdict_score, c.category, c.url, c.fact_checker, c.sources, c.refs,
	c.regions, c.people, c.organisations, c.lang, c.first_us, c.reviewed_us, c.active, c.published,
	c.clar_text, c.clar_status, c.clar_by, c.clar_us, c.created_us, c.updated_us, a.name, a.path`

const claimFrom = ` FROM hoax_claims c JOIN agencies a ON a.id = c.agency_id`

// UpsertClaims inserts claims or updates those the agency holds by key,
// in one transaction.
func (s *DB) UpsertClaims(ctx context.Context, claims []*hoax.Claim, now time.Time) ([]bool, error) {
	added := make([]bool, len(claims))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i, c := range claims {
			lists, err := claimLists(c)
			if err != nil {
				return err
			}
			err = s.queryRow(ctx, tx, `SELECT id FROM hoax_claims WHERE agency_id = ? AND claim_key = ?`+s.dialect.ForUpdate(),
				c.AgencyID, c.Key).Scan(&c.ID)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				c.Created, c.Updated = now, now
				args := append([]any{c.AgencyID, int(c.Classification), c.Key}, claimValues(c, lists)...)
				args = append(args, c.Active, c.Published, c.Clarification.Text, string(c.Clarification.Status),
					c.Clarification.ApprovedBy, micros(c.Clarification.ApprovedAt), now.UnixMicro(), now.UnixMicro())
				err = s.queryRow(ctx, tx, `INSERT INTO hoax_claims (agency_id, classification, claim_key, title, claim,
					summary, explanation, verdict_vocabulary, verdict_label, verdict_score, category, url, fact_checker,
					sources, refs, regions, people, organisations, lang, first_us, reviewed_us, active, published,
					clar_text, clar_status, clar_by, clar_us, created_us, updated_us)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
					args...).Scan(&c.ID)
				if err != nil {
					return fmt.Errorf("claim %d: %w", i+1, s.mapError(err))
				}
				added[i] = true
			case err != nil:
				return fmt.Errorf("claim %d: %w", i+1, s.mapError(err))
			default:
				c.Updated = now
				args := append(claimValues(c, lists), now.UnixMicro(), c.ID)
				_, err = s.exec(ctx, tx, `UPDATE hoax_claims SET title = ?, claim = ?, summary = ?, explanation = ?,
					verdict_vocabulary = ?, verdict_label = ?, verdict_score = ?, category = ?, url = ?, fact_checker = ?,
					sources = ?, refs = ?, regions = ?, people = ?, organisations = ?, lang = ?, first_us = ?,
					reviewed_us = ?, updated_us = ? WHERE id = ?`, args...)
				if err != nil {
					return fmt.Errorf("claim %d: %w", i+1, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: upsert claims: %w", err)
	}
	return added, nil
}

// claimLists encodes a claim's lists as JSON: sources, references,
// regions, people, organisations.
func claimLists(c *hoax.Claim) ([]string, error) {
	out := make([]string, 0, 5)
	for _, l := range [][]string{c.Sources, c.References, c.Regions, c.People, c.Organisations} {
		if l == nil {
			l = []string{}
		}
		text, err := jsonText(l)
		if err != nil {
			return nil, err
		}
		out = append(out, text)
	}
	return out, nil
}

// claimValues are the columns an import writes, from title to reviewed_us.
func claimValues(c *hoax.Claim, lists []string) []any {
	return []any{c.Title, c.Claim, c.Summary, c.Explanation, c.Verdict.Vocabulary, c.Verdict.Label, c.Verdict.Score,
		c.Category, c.URL, c.FactChecker, lists[0], lists[1], lists[2], lists[3], lists[4], c.Lang,
		micros(c.FirstSeen), micros(c.Reviewed)}
}

// UpdateClaim stores an analyst's change of a claim.
func (s *DB) UpdateClaim(ctx context.Context, c *hoax.Claim) error {
	lists, err := claimLists(c)
	if err != nil {
		return fmt.Errorf("store: update claim %d: %w", c.ID, err)
	}
	args := append(claimValues(c, lists), int(c.Classification), c.Active, c.Published, c.Clarification.Text,
		string(c.Clarification.Status), c.Clarification.ApprovedBy, micros(c.Clarification.ApprovedAt),
		c.Updated.UnixMicro(), c.ID)
	res, err := s.exec(ctx, s.db, `UPDATE hoax_claims SET title = ?, claim = ?, summary = ?, explanation = ?,
		verdict_vocabulary = ?, verdict_label = ?, verdict_score = ?, category = ?, url = ?, fact_checker = ?,
		sources = ?, refs = ?, regions = ?, people = ?, organisations = ?, lang = ?, first_us = ?, reviewed_us = ?,
		classification = ?, active = ?, published = ?, clar_text = ?, clar_status = ?, clar_by = ?, clar_us = ?,
		updated_us = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("store: update claim %d: %w", c.ID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: update claim %d: %w", c.ID, s.mapError(sql.ErrNoRows))
	}
	return nil
}

// FindClaim returns one claim.
func (s *DB) FindClaim(ctx context.Context, id int64) (*hoax.Claim, error) {
	c, err := scanClaim(s.queryRow(ctx, s.db, `SELECT `+claimColumns+claimFrom+` WHERE c.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: claim %d: %w", id, s.mapError(err))
	}
	return c, nil
}

// FindClaims returns a page of claims and their total.
func (s *DB) FindClaims(ctx context.Context, f hoax.ClaimFilter) ([]*hoax.Claim, int, error) {
	w := &where{}
	if f.Public {
		w.add(`c.published = ? AND c.classification = ?`, true, int(access.Publik))
	} else {
		visible(w, f.Visibility, "c.classification", "a.path", "c.agency_id")
	}
	if f.Text != "" {
		p := likePattern(strings.ToLower(f.Text))
		w.add(`(lower(c.title) LIKE ? ESCAPE '\' OR lower(c.claim) LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Verdict != "" {
		w.add(`lower(c.verdict_label) = ?`, strings.ToLower(f.Verdict))
	}
	if f.Active {
		w.add(`c.active = ?`, true)
	}
	order := `coalesce(c.reviewed_us, c.first_us, c.created_us) DESC, c.id DESC`
	if f.Order == "appearances" {
		order = fmt.Sprintf(`(SELECT count(*) FROM hoax_appearances h WHERE h.claim_id = c.id AND h.decision = 'confirmed'
			AND h.at_us > %d) DESC, `, f.Now.Add(-7*24*time.Hour).UnixMicro()) + order
	}
	list, n, err := findPage(ctx, s, claimColumns, claimFrom, w, order, f.Limit, f.Offset, scanClaim)
	if err != nil {
		return nil, 0, fmt.Errorf("store: claims: %w", err)
	}
	return list, n, nil
}

// IndexClaims returns the claims changed after since (all for the zero
// time) with their newest appearances.
func (s *DB) IndexClaims(ctx context.Context, since time.Time) ([]hoax.Indexed, error) {
	after := int64(-1)
	if !since.IsZero() {
		after = since.UnixMicro()
	}
	claims, err := queryAll(ctx, s, s.db, `SELECT `+claimColumns+claimFrom+` WHERE c.updated_us > ? ORDER BY c.id`,
		[]any{after}, scanClaim)
	if err != nil {
		return nil, fmt.Errorf("store: index claims: %w", err)
	}
	type last struct {
		id int64
		at int64
	}
	lasts, err := queryAll(ctx, s, s.db, `SELECT claim_id, max(at_us) FROM hoax_appearances
		WHERE decision = 'confirmed' AND claim_id IN (SELECT id FROM hoax_claims WHERE updated_us > ?)
		GROUP BY claim_id`, []any{after}, func(r rowScanner) (last, error) {
		var l last
		return l, r.Scan(&l.id, &l.at)
	})
	if err != nil {
		return nil, fmt.Errorf("store: last appearances: %w", err)
	}
	seen := make(map[int64]time.Time, len(lasts))
	for _, l := range lasts {
		seen[l.id] = time.UnixMicro(l.at).UTC()
	}
	out := make([]hoax.Indexed, len(claims))
	for i, c := range claims {
		out[i] = hoax.Indexed{Claim: c, LastSeen: seen[c.ID]}
	}
	return out, nil
}

// RegistryVersion says where the registry stands.
func (s *DB) RegistryVersion(ctx context.Context) (hoax.Version, error) {
	var v hoax.Version
	err := s.queryRow(ctx, s.db, `SELECT count(*), coalesce(max(updated_us), 0) FROM hoax_claims`).Scan(&v.Claims, &v.Updated)
	if err != nil {
		return v, fmt.Errorf("store: registry version: %w", s.mapError(err))
	}
	return v, nil
}

func scanClaim(row rowScanner) (*hoax.Claim, error) {
	var (
		c                                    hoax.Claim
		sources, refs, regions, people, orgs string
		first, reviewed, clarAt              sql.NullInt64
		created, updated                     int64
		status, path                         string
	)
	err := row.Scan(&c.ID, &c.AgencyID, (*levelScanner)(&c.Classification), &c.Key, &c.Title, &c.Claim, &c.Summary,
		&c.Explanation, &c.Verdict.Vocabulary, &c.Verdict.Label, &c.Verdict.Score, &c.Category, &c.URL, &c.FactChecker,
		&sources, &refs, &regions, &people, &orgs, &c.Lang, &first, &reviewed, &c.Active, &c.Published,
		&c.Clarification.Text, &status, &c.Clarification.ApprovedBy, &clarAt, &created, &updated, &c.AgencyName, &path)
	if err != nil {
		return nil, err
	}
	c.Clarification.Status = hoax.ClarificationStatus(status)
	c.FirstSeen, c.Reviewed, c.Clarification.ApprovedAt = fromMicros(first), fromMicros(reviewed), fromMicros(clarAt)
	c.Created, c.Updated = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	for _, f := range []struct {
		text string
		v    *[]string
	}{{sources, &c.Sources}, {refs, &c.References}, {regions, &c.Regions}, {people, &c.People}, {orgs, &c.Organisations}} {
		if err := jsonValue(f.text, f.v); err != nil {
			return nil, fmt.Errorf("claim %d: %w", c.ID, err)
		}
	}
	if c.AgencyPath, err = access.ParsePath(path); err != nil {
		return nil, fmt.Errorf("claim %d: %w", c.ID, err)
	}
	return &c, nil
}

// AddAppearances stores appearances, the notifications of their alerts,
// the alerts' webhook deliveries and e-mails (the mail outbox) in one
// transaction; a repeated (claim, item) or (claim, other claim) is
// skipped.
func (s *DB) AddAppearances(ctx context.Context, as []*hoax.Appearance, ns []*monitor.Notification, ds []*monitor.WebhookDelivery,
	mails []*mail.Outgoing) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, a := range as {
			regions, err := jsonText(nonNil(a.Regions))
			if err != nil {
				return err
			}
			words, err := jsonText(nonNil(a.Words))
			if err != nil {
				return err
			}
			var conflict string
			switch {
			case a.ItemID != 0:
				conflict = ` ON CONFLICT (claim_id, item_id) WHERE item_id IS NOT NULL DO NOTHING`
			case a.OtherClaimID != 0:
				conflict = ` ON CONFLICT (claim_id, other_claim_id) WHERE other_claim_id IS NOT NULL DO NOTHING`
			}
			err = s.queryRow(ctx, tx, `INSERT INTO hoax_appearances (claim_id, kind, item_id, other_claim_id, agency_id,
				classification, title, source, url, regions, at_us, score, decision, stance, words, alerted, created_us)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`+conflict+` RETURNING id`,
				a.ClaimID, string(a.Kind), nullID(a.ItemID), nullID(a.OtherClaimID), nullID(a.AgencyID),
				int(a.Classification), a.Title, a.Source, a.URL, regions, a.At.UnixMicro(), a.Score, string(a.Decision),
				string(a.Stance), words, a.Alerted, a.Created.UnixMicro()).Scan(&a.ID)
			if errors.Is(err, sql.ErrNoRows) { // a repeat
				continue
			}
			if err != nil {
				return fmt.Errorf("appearance of claim %d: %w", a.ClaimID, err)
			}
		}
		if err := s.insertNotifications(ctx, tx, ns); err != nil {
			return err
		}
		if err := s.insertDeliveries(ctx, tx, ds); err != nil {
			return err
		}
		return s.insertOutgoing(ctx, tx, mails)
	})
	if err != nil {
		return fmt.Errorf("store: add appearances: %w", err)
	}
	return nil
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// LastAlert returns the time of the newest alerted appearance of a claim
// in an agency.
func (s *DB) LastAlert(ctx context.Context, claimID, agencyID int64) (time.Time, error) {
	var at sql.NullInt64
	err := s.queryRow(ctx, s.db, `SELECT max(created_us) FROM hoax_appearances
		WHERE claim_id = ? AND agency_id = ? AND alerted = ?`, claimID, agencyID, true).Scan(&at)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: last alert of claim %d: %w", claimID, s.mapError(err))
	}
	return fromMicros(at), nil
}

const appearanceColumns = `h.id, h.claim_id, h.kind, h.item_id, h.other_claim_id, h.agency_id, h.classification,
	h.title, h.source, h.url, h.regions, h.at_us, h.score, h.decision, h.stance, h.words, h.alerted, h.created_us,
	coalesce(a.path, '')`

// FindAppearances returns a claim's appearances the visibility allows,
// newest first, at most limit, and their total.
func (s *DB) FindAppearances(ctx context.Context, claimID int64, v access.Visibility, limit int) ([]*hoax.Appearance, int, error) {
	w := &where{}
	w.add(`h.claim_id = ?`, claimID)
	visible(w, v, "h.classification", "a.path", "h.agency_id")
	list, n, err := findPage(ctx, s, appearanceColumns, ` FROM hoax_appearances h LEFT JOIN agencies a ON a.id = h.agency_id`,
		w, `h.at_us DESC, h.id DESC`, limit, 0, scanAppearance)
	if err != nil {
		return nil, 0, fmt.Errorf("store: appearances of claim %d: %w", claimID, err)
	}
	return list, n, nil
}

func scanAppearance(row rowScanner) (*hoax.Appearance, error) {
	var (
		a                      hoax.Appearance
		item, other, agency    sql.NullInt64
		kind, decision, stance string
		regions, words, path   string
		at, created            int64
	)
	err := row.Scan(&a.ID, &a.ClaimID, &kind, &item, &other, &agency, (*levelScanner)(&a.Classification), &a.Title,
		&a.Source, &a.URL, &regions, &at, &a.Score, &decision, &stance, &words, &a.Alerted, &created, &path)
	if err != nil {
		return nil, err
	}
	a.Kind, a.Decision, a.Stance = hoax.AppearanceKind(kind), match.Decision(decision), hoax.Stance(stance)
	a.ItemID, a.OtherClaimID, a.AgencyID = item.Int64, other.Int64, agency.Int64
	a.At, a.Created = time.UnixMicro(at).UTC(), time.UnixMicro(created).UTC()
	if err := jsonValue(regions, &a.Regions); err != nil {
		return nil, fmt.Errorf("appearance %d: %w", a.ID, err)
	}
	if err := jsonValue(words, &a.Words); err != nil {
		return nil, fmt.Errorf("appearance %d: %w", a.ID, err)
	}
	if path != "" {
		if a.AgencyPath, err = access.ParsePath(path); err != nil {
			return nil, fmt.Errorf("appearance %d: %w", a.ID, err)
		}
	}
	return &a, nil
}

// BriefHoaxes returns the known hoaxes confirmed in an agency's items of
// (since, until] up to ceiling, the most repeated first: claims that are
// PUBLIK, or the agency's own up to ceiling.
func (s *DB) BriefHoaxes(ctx context.Context, agencyID int64, ceiling access.Level, since, until time.Time, limit int) ([]brief.Hoax, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT c.id, c.title, c.verdict_label,
			sum(CASE WHEN h.stance = 'refute' THEN 0 ELSE 1 END) AS repeats,
			sum(CASE WHEN h.stance = 'refute' THEN 1 ELSE 0 END), count(DISTINCT h.source)
		FROM hoax_appearances h JOIN hoax_claims c ON c.id = h.claim_id
		WHERE h.agency_id = ? AND h.kind = 'item' AND h.decision = 'confirmed' AND h.at_us > ? AND h.at_us <= ?
			AND h.classification <= ? AND (c.classification = ? OR c.agency_id = ? AND c.classification <= ?)
		GROUP BY c.id, c.title, c.verdict_label
		ORDER BY repeats DESC, c.id LIMIT ?`,
		[]any{agencyID, since.UnixMicro(), until.UnixMicro(), int(ceiling), int(access.Publik), agencyID, int(ceiling), limit},
		func(r rowScanner) (brief.Hoax, error) {
			var h brief.Hoax
			return h, r.Scan(&h.ClaimID, &h.Title, &h.Verdict, &h.Repeats, &h.Refutes, &h.Sources)
		})
	if err != nil {
		return nil, fmt.Errorf("store: hoaxes of the brief of agency %d: %w", agencyID, err)
	}
	return list, nil
}
