package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
)

// Issues (package monitor/issuetrack): the snapshot of each issue, the
// issue of each item, and the correction log. Times are microseconds, as
// the items'; the figures (mix, sources, regions, people, organisations)
// are JSON.

const issueColumns = `x.id, x.agency_id, x.number, x.classification, x.title, x.model_title, x.first_us, x.last_us,
	x.items, x.pinned, x.sentiment, x.mix, x.sources, x.regions, x.people, x.organisations, x.reshaped,
	x.merged_into, x.updated_us, a.path`

const issueFrom = ` FROM issues x JOIN agencies a ON a.id = x.agency_id`

// IssueHead returns an agency's last sequence number, last correction and
// newest item time.
func (s *DB) IssueHead(ctx context.Context, agencyID int64) (issuetrack.Head, error) {
	var (
		h      issuetrack.Head
		newest int64
	)
	err := s.queryRow(ctx, s.db, `SELECT coalesce(max(seq), 0), coalesce(max(at_us), 0) FROM issue_items WHERE agency_id = ?`,
		agencyID).Scan(&h.Seq, &newest)
	if err == nil {
		err = s.queryRow(ctx, s.db, `SELECT coalesce(max(id), 0) FROM issue_corrections WHERE agency_id = ?`, agencyID).Scan(&h.Correction)
	}
	if err != nil {
		return h, fmt.Errorf("store: issue head of agency %d: %w", agencyID, s.mapError(err))
	}
	if newest != 0 {
		h.Newest = time.UnixMicro(newest).UTC()
	}
	return h, nil
}

// RestoreIssueStates returns the analysts' states of the agency's issues
// that a restart rebuilds, and the next issue number.
func (s *DB) RestoreIssueStates(ctx context.Context, agencyID int64, since time.Time) ([]issue.State, issue.ID, error) {
	states, err := queryAll(ctx, s, s.db, `SELECT number, title, pinned, sentiment, reshaped FROM issues
		WHERE agency_id = ? AND merged_into IS NULL AND (last_us >= ? OR pinned = ?)`,
		[]any{agencyID, since.UnixMicro(), true}, func(row rowScanner) (issue.State, error) {
			var st issue.State
			err := row.Scan(&st.ID, &st.Title, &st.Pinned, &st.Sentiment, &st.Reshaped)
			return st, err
		})
	if err != nil {
		return nil, 0, fmt.Errorf("store: issue states of agency %d: %w", agencyID, err)
	}
	var next issue.ID
	if err := s.queryRow(ctx, s.db, `SELECT coalesce(max(number), 0) + 1 FROM issues WHERE agency_id = ?`, agencyID).Scan(&next); err != nil {
		return nil, 0, fmt.Errorf("store: next issue of agency %d: %w", agencyID, s.mapError(err))
	}
	return states, next, nil
}

// prefixed scans some columns before those a scan function reads.
type prefixed struct {
	row  rowScanner
	dest []any
}

func (p prefixed) Scan(dest ...any) error { return p.row.Scan(append(p.dest, dest...)...) }

// RestoreIssueItems streams the items an agency's clusterer is rebuilt
// from, in sequence order, each with its issue's number.
func (s *DB) RestoreIssueItems(ctx context.Context, agencyID, after int64, since time.Time, fn func(issue.Restored) error) error {
	rows, err := s.query(ctx, s.db, `SELECT x.number, m.sentiment, `+itemColumns+` FROM issue_items m
		JOIN issues x ON x.id = m.issue_id JOIN items i ON i.id = m.item_id JOIN item_texts t ON t.item_id = i.id
		JOIN agencies a ON a.id = i.agency_id
		WHERE m.agency_id = ? AND m.seq > ? AND (m.at_us >= ? OR x.pinned = ?) ORDER BY m.seq`,
		agencyID, after, since.UnixMicro(), true)
	if err != nil {
		return fmt.Errorf("store: restore issues of agency %d: %w", agencyID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r issue.Restored
		r.Item, r.Analysis, err = scanItem(prefixed{rows, []any{&r.Issue, &r.Sentiment}})
		if err != nil {
			return fmt.Errorf("store: restore issues of agency %d: %w", agencyID, s.mapError(err))
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: restore issues of agency %d: %w", agencyID, s.mapError(err))
	}
	return nil
}

// UntrackedItems streams the agency's archive items published (or,
// undated, fetched) at or after since that are in no issue, oldest ID
// first, at most limit.
func (s *DB) UntrackedItems(ctx context.Context, agencyID int64, since time.Time, limit int,
	fn func(*archive.Item, *archive.Analysis) error) error {
	return s.streamItems(ctx, fmt.Sprintf("untracked items of agency %d", agencyID), fn,
		`LEFT JOIN issue_items m ON m.item_id = i.id
		WHERE i.agency_id = ? AND m.item_id IS NULL AND coalesce(i.published_us, i.fetched_us) >= ?
		ORDER BY i.id LIMIT ?`, agencyID, since.UnixMicro(), limit)
}

// AddIssueItems stores items' assignments and the snapshots of their
// issues in one transaction.
func (s *DB) AddIssueItems(ctx context.Context, batch []issuetrack.Assigned) error {
	// The issues are written in order of number, so that two writers
	// never lock them in opposite orders.
	var issues []*issuetrack.Issue
	seen := map[*issuetrack.Issue]bool{}
	for _, a := range batch {
		if !seen[a.Issue] {
			seen[a.Issue] = true
			issues = append(issues, a.Issue)
		}
	}
	slices.SortFunc(issues, func(a, b *issuetrack.Issue) int { return cmp.Compare(a.Number, b.Number) })
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, is := range issues {
			if err := s.upsertIssue(ctx, tx, is, false); err != nil {
				return fmt.Errorf("issue %d: %w", is.Number, err)
			}
		}
		rows := make([][]any, len(batch))
		for i, a := range batch {
			m := a.Member
			m.IssueID = a.Issue.ID
			rows[i] = []any{m.ItemID, m.AgencyID, m.IssueID, m.Seq, m.At.UnixMicro(), m.Similarity, m.Sentiment}
		}
		cols := []string{"item_id", "agency_id", "issue_id", "seq", "at_us", "similarity", "sentiment"}
		return s.insertRows(ctx, tx, "issue_items", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
	})
	if err != nil {
		return fmt.Errorf("store: add %d items to issues: %w", len(batch), err)
	}
	return nil
}

// upsertIssue inserts an issue's snapshot, or updates it by agency and
// number, and fills its ID and classification: an item's only ever raises
// it; a correction's (reshaped) recomputes it from the items afterwards.
func (s *DB) upsertIssue(ctx context.Context, tx *sql.Tx, is *issuetrack.Issue, correction bool) error {
	figures := make([]any, 5)
	for i, v := range []any{is.Mix, counts(is.Sources), counts(is.Regions), counts(is.People), counts(is.Organisations)} {
		text, err := jsonText(v)
		if err != nil {
			return err
		}
		figures[i] = text
	}
	reshaped := `issues.reshaped`
	if correction {
		reshaped = `excluded.reshaped`
	}
	args := append([]any{is.AgencyID, is.Number, is.Classification, is.Title, is.ModelTitle, is.FirstSeen.UnixMicro(),
		is.LastSeen.UnixMicro(), is.Items, is.Pinned, is.Sentiment}, figures...)
	args = append(args, is.Reshaped, time.Now().UnixMicro())
	return s.queryRow(ctx, tx, `INSERT INTO issues (agency_id, number, classification, title, model_title, first_us, last_us,
			items, pinned, sentiment, mix, sources, regions, people, organisations, reshaped, updated_us)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (agency_id, number) DO UPDATE SET
			classification = CASE WHEN excluded.classification > issues.classification THEN excluded.classification
				ELSE issues.classification END,
			title = excluded.title, model_title = excluded.model_title, first_us = excluded.first_us,
			last_us = excluded.last_us, items = excluded.items, pinned = excluded.pinned, sentiment = excluded.sentiment,
			mix = excluded.mix, sources = excluded.sources, regions = excluded.regions, people = excluded.people,
			organisations = excluded.organisations, reshaped = `+reshaped+`, updated_us = excluded.updated_us
		RETURNING id`, args...).Scan(&is.ID)
}

// counts keeps an empty list as [] rather than null in the JSON.
func counts(cs []issue.Count) []issue.Count {
	if cs == nil {
		return []issue.Count{}
	}
	return cs
}

// correctionPayload is a correction's JSON in the log.
type correctionPayload struct {
	Issue     issue.ID `json:"issue"`
	Other     issue.ID `json:"other,omitempty"`
	Created   issue.ID `json:"created,omitempty"`
	OtherID   int64    `json:"other_id,omitempty"`
	CreatedID int64    `json:"created_id,omitempty"`
	Items     []int64  `json:"items,omitempty"`
	Title     string   `json:"title,omitempty"`
	Sentiment string   `json:"sentiment,omitempty"`
	After     int64    `json:"after"`
}

// SaveIssueCorrection stores a correction and what it changed in one
// transaction.
func (s *DB) SaveIssueCorrection(ctx context.Context, c *issuetrack.Correction, ch *issuetrack.Change) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		byNumber := map[issue.ID]int64{}
		var reshaped []any
		for _, is := range ch.Issues {
			if err := s.upsertIssue(ctx, tx, is, true); err != nil {
				return fmt.Errorf("issue %d: %w", is.Number, err)
			}
			byNumber[is.Number] = is.ID
			if is.Reshaped {
				reshaped = append(reshaped, is.ID)
			}
		}
		if ch.MergedFrom != 0 {
			if _, err := s.exec(ctx, tx, `UPDATE issues SET merged_into = ?, items = 0, pinned = ?, updated_us = ?
				WHERE agency_id = ? AND number = ?`, byNumber[c.Issue], false, c.At.UnixMicro(), c.AgencyID, ch.MergedFrom); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
		}
		for _, mv := range ch.Moves {
			for chunk := range slices.Chunk(mv.Items, rowsPerInsert) {
				if _, err := s.exec(ctx, tx, `UPDATE issue_items SET issue_id = ? WHERE agency_id = ? AND item_id IN (`+marks(len(chunk))+`)`,
					append([]any{byNumber[mv.To], c.AgencyID}, anys(chunk)...)...); err != nil {
					return fmt.Errorf("move items: %w", err)
				}
			}
		}
		if is := ch.ItemSentiment; is != nil {
			for chunk := range slices.Chunk(is.Items, rowsPerInsert) {
				if _, err := s.exec(ctx, tx, `UPDATE issue_items SET sentiment = ? WHERE agency_id = ? AND item_id IN (`+marks(len(chunk))+`)`,
					append([]any{is.Sentiment, c.AgencyID}, anys(chunk)...)...); err != nil {
					return fmt.Errorf("item sentiment: %w", err)
				}
			}
		}
		if len(reshaped) > 0 {
			if _, err := s.exec(ctx, tx, `UPDATE issues SET classification = coalesce((SELECT max(i.classification)
				FROM issue_items m JOIN items i ON i.id = m.item_id WHERE m.issue_id = issues.id), 0)
				WHERE id IN (`+marks(len(reshaped))+`)`, reshaped...); err != nil {
				return fmt.Errorf("classification: %w", err)
			}
		}
		if c.Created != 0 {
			c.CreatedID = byNumber[c.Created]
		}
		payload, err := jsonText(correctionPayload{Issue: c.Issue, Other: c.Other, Created: c.Created, OtherID: c.OtherID,
			CreatedID: c.CreatedID, Items: c.Items, Title: c.Title, Sentiment: c.Sentiment, After: c.After})
		if err != nil {
			return err
		}
		return s.queryRow(ctx, tx, `INSERT INTO issue_corrections (agency_id, issue_id, op, payload, actor_id, actor_name, created_us)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.AgencyID, c.IssueID, string(c.Op), payload, nullID(c.ActorID),
			c.ActorName, c.At.UnixMicro()).Scan(&c.ID)
	})
	if err != nil {
		return fmt.Errorf("store: correct issue %d: %w", c.IssueID, err)
	}
	return nil
}

// lastHourColumn counts an issue's items of the hour up to now; the
// times are integers written into the query.
func lastHourColumn(now time.Time) string {
	return fmt.Sprintf(`(SELECT count(*) FROM issue_items m WHERE m.issue_id = x.id AND m.at_us > %d AND m.at_us <= %d)`,
		now.Add(-time.Hour).UnixMicro(), now.UnixMicro())
}

// FindIssues returns a page of issues not merged away and their total.
func (s *DB) FindIssues(ctx context.Context, f issuetrack.Filter) ([]*issuetrack.Issue, int, error) {
	var w where
	w.add(`x.merged_into IS NULL`)
	if !f.All {
		w.add(`x.agency_id = ?`, f.AgencyID)
	}
	w.add(`x.classification <= ?`, f.MaxClassification)
	if !f.Since.IsZero() {
		w.add(`(x.last_us >= ? OR x.pinned = ?)`, f.Since.UnixMicro(), true)
	}
	if f.MinItems > 1 {
		w.add(`x.items >= ?`, f.MinItems)
	}
	order := `x.pinned DESC, x.items DESC, x.last_us DESC, x.id`
	if f.Order == issuetrack.OrderGrowth {
		order = `x.pinned DESC, last_hour DESC, x.items DESC, x.last_us DESC, x.id`
	}
	list, total, err := findPage(ctx, s, issueColumns+`, `+lastHourColumn(f.Now)+` AS last_hour`, issueFrom, &w, order,
		f.Limit, f.Offset, func(row rowScanner) (*issuetrack.Issue, error) { return scanIssue(row, f.Now) })
	if err != nil {
		return nil, 0, fmt.Errorf("store: issues: %w", err)
	}
	return list, total, nil
}

// FindIssueByID returns one issue with its figures at now.
func (s *DB) FindIssueByID(ctx context.Context, id int64, now time.Time) (*issuetrack.Issue, error) {
	is, err := scanIssue(s.queryRow(ctx, s.db, `SELECT `+issueColumns+`, `+lastHourColumn(now)+issueFrom+` WHERE x.id = ?`, id), now)
	if err != nil {
		return nil, fmt.Errorf("store: issue %d: %w", id, s.mapError(err))
	}
	return is, nil
}

func scanIssue(row rowScanner, now time.Time) (*issuetrack.Issue, error) {
	var (
		is                                  issuetrack.Issue
		first, last, updated                int64
		mix, sources, regions, people, orgs string
		merged                              sql.NullInt64
		path                                string
	)
	err := row.Scan(&is.ID, &is.AgencyID, &is.Number, (*levelScanner)(&is.Classification), &is.Title, &is.ModelTitle,
		&first, &last, &is.Items, &is.Pinned, &is.Sentiment, &mix, &sources, &regions, &people, &orgs, &is.Reshaped,
		&merged, &updated, &path, &is.LastHour)
	if err != nil {
		return nil, err
	}
	is.FirstSeen, is.LastSeen, is.Updated = time.UnixMicro(first).UTC(), time.UnixMicro(last).UTC(), time.UnixMicro(updated).UTC()
	is.MergedInto = merged.Int64
	is.Renamed = is.Title != ""
	if !is.Renamed {
		is.Title = is.ModelTitle
	}
	for _, f := range []struct {
		text string
		v    any
	}{{mix, &is.Mix}, {sources, &is.Sources}, {regions, &is.Regions}, {people, &is.People}, {orgs, &is.Organisations}} {
		if err := jsonValue(f.text, f.v); err != nil {
			return nil, fmt.Errorf("issue %d: %w", is.ID, err)
		}
	}
	if is.AgencyPath, err = access.ParsePath(path); err != nil {
		return nil, fmt.Errorf("issue %d: %w", is.ID, err)
	}
	hours := max(now.Sub(is.FirstSeen).Hours(), 1)
	is.PerHour = float64(is.Items) / hours
	if is.PerHour > 0 {
		is.Growth = float64(is.LastHour) / is.PerHour
	}
	return &is, nil
}

// FindIssueMembers returns an issue's items in sequence order.
func (s *DB) FindIssueMembers(ctx context.Context, issueID int64) ([]issuetrack.Member, error) {
	ms, err := queryAll(ctx, s, s.db, `SELECT item_id, issue_id, agency_id, seq, at_us, similarity, sentiment
		FROM issue_items WHERE issue_id = ? ORDER BY seq`, []any{issueID}, func(row rowScanner) (issuetrack.Member, error) {
		var (
			m  issuetrack.Member
			at int64
		)
		err := row.Scan(&m.ItemID, &m.IssueID, &m.AgencyID, &m.Seq, &at, &m.Similarity, &m.Sentiment)
		m.At = time.UnixMicro(at).UTC()
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: items of issue %d: %w", issueID, err)
	}
	return ms, nil
}

// FindIssueCorrections returns an issue's corrections, newest first.
func (s *DB) FindIssueCorrections(ctx context.Context, issueID int64, limit int) ([]*issuetrack.Correction, error) {
	cs, err := queryAll(ctx, s, s.db, `SELECT id, agency_id, issue_id, op, payload, actor_id, actor_name, created_us
		FROM issue_corrections WHERE issue_id = ? ORDER BY id DESC`+page(limit, 0), []any{issueID},
		func(row rowScanner) (*issuetrack.Correction, error) {
			var (
				c       issuetrack.Correction
				op, pl  string
				actor   sql.NullInt64
				created int64
				p       correctionPayload
			)
			if err := row.Scan(&c.ID, &c.AgencyID, &c.IssueID, &op, &pl, &actor, &c.ActorName, &created); err != nil {
				return nil, err
			}
			if err := jsonValue(pl, &p); err != nil {
				return nil, err
			}
			c.Op, c.ActorID, c.At = issue.Op(op), actor.Int64, time.UnixMicro(created).UTC()
			c.Issue, c.Other, c.Created, c.OtherID, c.CreatedID = p.Issue, p.Other, p.Created, p.OtherID, p.CreatedID
			c.Items, c.Title, c.Sentiment, c.After = p.Items, p.Title, p.Sentiment, p.After
			return &c, nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: corrections of issue %d: %w", issueID, err)
	}
	return cs, nil
}
