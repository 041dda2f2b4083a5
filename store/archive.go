package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
)

// Items keep times as microseconds since 1970 (UTC), the same integers on
// both engines, so comparisons and the matcher agree to the microsecond;
// an unknown publication time is NULL. Regions are kept as " 15 15.71 ",
// codes between spaces, so a LIKE finds a code and everything below it.

const itemLightColumns = `i.id, i.agency_id, i.classification, i.source, i.lang, i.sentiment, i.type,
	i.regions, i.published_us`

const itemColumns = itemLightColumns + `, t.title, t.body, t.url, t.author, i.fetched_us, i.imported_us,
	t.analysis, a.name, a.path, t.entities`

// AddItems inserts the items, their index entries and their index words in
// one transaction, many rows to a statement.
func (s *DB) AddItems(ctx context.Context, items []*archive.Item, analyses []*archive.Analysis) error {
	enc, err := encodeAnalyses(analyses)
	if err == nil {
		err = s.inTx(ctx, func(tx *sql.Tx) error { return s.addItems(ctx, tx, items, enc) })
	}
	if err != nil {
		return fmt.Errorf("store: add items: %w", err)
	}
	return nil
}

// encodedAnalysis is an item's analysis as the store writes it: the blob
// of item_texts.analysis and the words of the full-text index.
type encodedAnalysis struct {
	blob  []byte
	index archive.IndexText
}

// encodeAnalyses encodes analyses on every core, before the transaction
// that writes them: encoding is a tenth of an import's time (measured on
// the search benchmark's build), and the write lock is then held only
// for writing.
func encodeAnalyses(analyses []*archive.Analysis) ([]encodedAnalysis, error) {
	enc := make([]encodedAnalysis, len(analyses))
	errs := make([]error, len(analyses))
	inParallel(len(analyses), func(i int) {
		enc[i].blob, errs[i] = analyses[i].MarshalBinary()
		enc[i].index = analyses[i].Index()
	})
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	return enc, nil
}

// inParallel calls fn(0) … fn(n−1), each once, spread over GOMAXPROCS
// goroutines.
func inParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// addItems inserts items, encoded beforehand (encodeAnalyses), in tx and
// fills their IDs.
func (s *DB) addItems(ctx context.Context, tx *sql.Tx, items []*archive.Item, enc []encodedAnalysis) error {
	if len(items) != len(enc) {
		return fmt.Errorf("%d items, %d analyses", len(items), len(enc))
	}
	if len(items) == 0 {
		return nil
	}
	cols := []string{"id", "agency_id", "classification", "published_us", "source_key", "lang", "sentiment",
		"type", "regions", "source", "fetched_us", "imported_us"}
	marks := slices.Repeat([]string{"?"}, len(cols))
	indexCol, indexMark := s.dialect.IndexColumn()
	if indexCol != "" {
		cols, marks = append(cols, indexCol), append(marks, indexMark)
	}
	ids, err := s.dialect.ReserveItemIDs(ctx, tx, len(items))
	if err != nil {
		return fmt.Errorf("reserve ids: %w", err)
	}
	rows := make([][]any, len(items))
	texts := make([][]any, len(items))
	ixs := make([]archive.IndexText, len(items))
	for i, it := range items {
		it.ID = ids[i]
		ixs[i] = enc[i].index
		rows[i] = []any{it.ID, it.AgencyID, int(it.Classification), micros(it.Published), query.NormalizeSource(it.Source),
			it.Lang, it.Sentiment, it.Type, wordsColumn(it.Regions), it.Source, micros(it.Fetched), micros(it.ImportedAt)}
		if indexCol != "" {
			rows[i] = append(rows[i], s.dialect.IndexValue(ixs[i]))
		}
		texts[i] = []any{it.ID, it.Title, it.Text, it.URL, it.Author, enc[i].blob, strings.Join(it.Entities, "\n")}
	}
	if err := s.insertRows(ctx, tx, "items", cols, marks, rows); err != nil {
		return err
	}
	textCols := []string{"item_id", "title", "body", "url", "author", "analysis", "entities"}
	if err := s.insertRows(ctx, tx, "item_texts", textCols, slices.Repeat([]string{"?"}, len(textCols)), texts); err != nil {
		return err
	}
	return s.dialect.IndexItems(ctx, tx, items, ixs)
}

// rowsPerInsert is how many rows one INSERT carries: few statements, and
// far below both engines' limits on placeholders.
const rowsPerInsert = 100

// insertRows inserts rows into table, rowsPerInsert to a statement; marks
// are the placeholders of one row's columns.
func (s *DB) insertRows(ctx context.Context, tx *sql.Tx, table string, cols, marks []string, rows [][]any) error {
	row := "(" + strings.Join(marks, ", ") + ")"
	for start := 0; start < len(rows); start += rowsPerInsert {
		chunk := rows[start:min(start+rowsPerInsert, len(rows))]
		values := strings.Repeat(row+", ", len(chunk))
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` + values[:len(values)-2]
		if _, err := s.exec(ctx, tx, q, args...); err != nil {
			return fmt.Errorf("insert into %s, rows %d–%d: %w", table, start+1, start+len(chunk), err)
		}
	}
	return nil
}

// SearchCandidates streams the items the plan admits.
func (s *DB) SearchCandidates(ctx context.Context, p *archive.Plan, withAnalysis bool, fn func(*archive.Candidate) error) error {
	cols := itemLightColumns
	from, score, args, w := s.searchSQL(p)
	if withAnalysis {
		cols += `, t.analysis`
		from += ` JOIN item_texts t ON t.item_id = i.id`
	}
	rows, err := s.query(ctx, s.db, `SELECT `+cols+`, `+score+from+w.String(), append(args, w.args...)...)
	if err != nil {
		return fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var (
		c         archive.Candidate
		published sql.NullInt64
		regions   string
	)
	for rows.Next() {
		c = archive.Candidate{}
		dest := lightDest(&c.Item, &regions, &published)
		if withAnalysis {
			dest = append(dest, &c.Analysis)
		}
		dest = append(dest, &c.Score)
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: search: %w", s.mapError(err))
		}
		c.Item.Regions, c.Item.Published = parseRegions(regions), fromMicros(published)
		if err := fn(&c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: search: %w", s.mapError(err))
	}
	return nil
}

// SearchTop returns one page of an exact plan's items and their count.
// The count rides on the page's rows (count(*) OVER ()), so the engine
// finds and ranks the matches once, not once for the count and once for
// the page; only a page past the end asks for the count on its own.
func (s *DB) SearchTop(ctx context.Context, p *archive.Plan, newest bool, limit, offset int) ([]archive.Scored, int, error) {
	from, score, args, w := s.searchSQL(p)
	// The matches are a subquery: SQLite allows bm25() only in a query
	// without window functions.
	cols, order := `i.id AS id, `+score+` AS score`, `score DESC, id DESC`
	if newest {
		cols += `, i.published_us AS published_us`
		order = `published_us IS NULL, published_us DESC, id DESC`
	}
	rows, err := s.query(ctx, s.db, `SELECT id, score, count(*) OVER () FROM (SELECT `+cols+from+w.String()+`) m ORDER BY `+order+page(limit, offset),
		append(args, w.args...)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var out []archive.Scored
	total := 0
	for rows.Next() {
		var sc archive.Scored
		if err := rows.Scan(&sc.ID, &sc.Score, &total); err != nil {
			return nil, 0, fmt.Errorf("store: search: %w", s.mapError(err))
		}
		out = append(out, sc)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", s.mapError(err))
	}
	if len(out) == 0 && offset > 0 {
		if err := s.queryRow(ctx, s.db, `SELECT count(*)`+from+w.String(), w.args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: search count: %w", s.mapError(err))
		}
	}
	return out, total, nil
}

// searchSQL renders a plan: the FROM clause, the score expression with its
// arguments (which come first, as the score is selected before the WHERE),
// and the WHERE conditions.
func (s *DB) searchSQL(p *archive.Plan) (from, score string, scoreArgs []any, w *where) {
	w = &where{}
	from = ` FROM items i`
	score = `0.0`
	if p.Match != nil {
		tm := s.dialect.TextMatch(p.Match, published(p.Conditions))
		from, score, scoreArgs = tm.From, tm.Score, tm.ScoreArgs
		w.add(tm.Cond, tm.CondArgs...)
	}
	if v := p.Visibility; !v.All && v.Subtree != "" {
		from += ` JOIN agencies a ON a.id = i.agency_id` // for a.path
	}
	visible(w, p.Visibility, "i.classification", "a.path", "i.agency_id")
	for _, c := range p.Conditions {
		switch c.Field {
		case "source": // the source or a subdomain (query.SourceDomains)
			if c.Value == "" {
				w.add(`i.source_key = ?`, c.Value)
			} else {
				w.add(`(i.source_key = ? OR i.source_key LIKE ? ESCAPE '\')`, c.Value, "%."+likeLiteral(c.Value))
			}
		case "lang":
			w.add(`i.lang = ?`, c.Value)
		case "sentiment":
			w.add(`i.sentiment = ?`, c.Value)
		case "type":
			w.add(`i.type = ?`, c.Value)
		case "region":
			var ors []string
			var args []any
			for _, code := range c.Regions {
				ors = append(ors, `i.regions LIKE ? ESCAPE '\'`, `i.regions LIKE ? ESCAPE '\'`)
				esc := likeLiteral(code)
				args = append(args, "% "+esc+" %", "% "+esc+".%")
			}
			w.add(`(`+strings.Join(ors, ` OR `)+`)`, args...)
		case "agency":
			marks := strings.Repeat("?, ", len(c.Agencies))
			args := make([]any, len(c.Agencies))
			for i, id := range c.Agencies {
				args[i] = id
			}
			w.add(`i.agency_id IN (`+marks[:len(marks)-2]+`)`, args...)
		case "date":
			w.add(`i.published_us IS NOT NULL`)
			if !c.From.IsZero() {
				w.add(`i.published_us >= ?`, micros(c.From))
			}
			if !c.To.IsZero() {
				w.add(`i.published_us < ?`, micros(c.To))
			}
		default: // "never"
			w.add(`1 = 0`)
		}
	}
	return from, score, scoreArgs, w
}

// published returns the publication times the date conditions admit:
// the intersection of their intervals.
func published(conds []archive.Condition) Published {
	var pub Published
	for _, c := range conds {
		if c.Field != "date" {
			continue
		}
		pub.Dated = true
		if !c.From.IsZero() && (pub.From.IsZero() || c.From.After(pub.From)) {
			pub.From = c.From
		}
		if !c.To.IsZero() && (pub.To.IsZero() || c.To.Before(pub.To)) {
			pub.To = c.To
		}
	}
	return pub
}

// FindItems returns whole items with their analyses, in the order of ids.
func (s *DB) FindItems(ctx context.Context, ids []int64) ([]*archive.Item, []*archive.Analysis, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	rows, err := s.query(ctx, s.db, `SELECT `+itemColumns+` FROM items i JOIN item_texts t ON t.item_id = i.id
		JOIN agencies a ON a.id = i.agency_id WHERE i.id IN (`+marks(len(ids))+`)`, anys(ids)...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: find items: %w", err)
	}
	defer rows.Close()
	byID := map[int64]int{}
	var items []*archive.Item
	var analyses []*archive.Analysis
	for rows.Next() {
		it, a, err := scanItem(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("store: find items: %w", s.mapError(err))
		}
		byID[it.ID] = len(items)
		items, analyses = append(items, it), append(analyses, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: find items: %w", s.mapError(err))
	}
	var outItems []*archive.Item
	var outAnalyses []*archive.Analysis
	for _, id := range ids {
		if i, ok := byID[id]; ok {
			outItems, outAnalyses = append(outItems, items[i]), append(outAnalyses, analyses[i])
		}
	}
	return outItems, outAnalyses, nil
}

// LatestItems streams the newest archive items, at most limit, newest
// (highest ID) first, with their analyses.
func (s *DB) LatestItems(ctx context.Context, limit int, fn func(*archive.Item, *archive.Analysis) error) error {
	return s.streamItems(ctx, "latest items", fn, `ORDER BY i.id DESC LIMIT ?`, limit)
}

// streamItems streams the items of the archive that the clauses after
// the join select (WHERE, ORDER BY, LIMIT), with their analyses; what
// names the reading in errors.
func (s *DB) streamItems(ctx context.Context, what string, fn func(*archive.Item, *archive.Analysis) error, clauses string, args ...any) error {
	rows, err := s.query(ctx, s.db, `SELECT `+itemColumns+` FROM items i JOIN item_texts t ON t.item_id = i.id
		JOIN agencies a ON a.id = i.agency_id `+clauses, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, s.mapError(err))
	}
	defer rows.Close()
	for rows.Next() {
		it, a, err := scanItem(rows)
		if err != nil {
			return fmt.Errorf("store: %s: %w", what, s.mapError(err))
		}
		if err := fn(it, a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, s.mapError(err))
	}
	return nil
}

// ReanalyseItems rewrites the stored analysis and the index entries of
// every item, batch items at a time in ID order, each batch in one
// transaction: analyse gives an item's new analysis, and is called from
// several goroutines at once. progress, if not nil, is called after each
// batch with the count so far.
func (s *DB) ReanalyseItems(ctx context.Context, batch int, analyse func(*archive.Item) *archive.Analysis, progress func(done int)) (int, error) {
	done, after := 0, int64(0)
	for {
		items, err := s.itemWords(ctx, after, max(batch, 1))
		if err != nil || len(items) == 0 {
			return done, err
		}
		analyses := make([]*archive.Analysis, len(items))
		inParallel(len(items), func(i int) { analyses[i] = analyse(items[i]) })
		enc, err := encodeAnalyses(analyses)
		if err == nil {
			err = s.inTx(ctx, func(tx *sql.Tx) error { return s.replaceAnalyses(ctx, tx, items, enc) })
		}
		if err != nil {
			return done, fmt.Errorf("store: reanalyse items %d–%d: %w", items[0].ID, items[len(items)-1].ID, err)
		}
		done += len(items)
		after = items[len(items)-1].ID
		if progress != nil {
			progress(done)
		}
	}
}

// itemWords returns up to n items of IDs above after, in ID order, with
// what their words are made of and their index is keyed by: ID, title,
// text and publication time (their stored analyses are not read, so that
// analyses of any version can be replaced).
func (s *DB) itemWords(ctx context.Context, after int64, n int) ([]*archive.Item, error) {
	rows, err := s.query(ctx, s.db, `SELECT i.id, i.published_us, t.title, t.body
		FROM items i JOIN item_texts t ON t.item_id = i.id WHERE i.id > ? ORDER BY i.id LIMIT `+strconv.Itoa(n), after)
	if err != nil {
		return nil, fmt.Errorf("store: reanalyse: %w", s.mapError(err))
	}
	defer rows.Close()
	var items []*archive.Item
	for rows.Next() {
		var (
			it        archive.Item
			published sql.NullInt64
		)
		if err := rows.Scan(&it.ID, &published, &it.Title, &it.Text); err != nil {
			return nil, fmt.Errorf("store: reanalyse: %w", s.mapError(err))
		}
		it.Published = fromMicros(published)
		items = append(items, &it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reanalyse: %w", s.mapError(err))
	}
	return items, nil
}

// replaceAnalyses writes the items' new analyses and index entries in tx.
func (s *DB) replaceAnalyses(ctx context.Context, tx *sql.Tx, items []*archive.Item, enc []encodedAnalysis) error {
	indexCol, indexMark := s.dialect.IndexColumn()
	ixs := make([]archive.IndexText, len(items))
	for i, it := range items {
		ixs[i] = enc[i].index
		if _, err := s.exec(ctx, tx, `UPDATE item_texts SET analysis = ? WHERE item_id = ?`, enc[i].blob, it.ID); err != nil {
			return err
		}
		if indexCol != "" {
			q := `UPDATE items SET ` + indexCol + ` = ` + indexMark + ` WHERE id = ?`
			if _, err := s.exec(ctx, tx, q, s.dialect.IndexValue(ixs[i]), it.ID); err != nil {
				return err
			}
		}
	}
	if err := s.dialect.UnindexItems(ctx, tx, items); err != nil {
		return err
	}
	return s.dialect.IndexItems(ctx, tx, items, ixs)
}

// ArchiveAnalysisVersion returns the version of the analysis the
// archive's stored words were made with, and false when none is recorded.
func (s *DB) ArchiveAnalysisVersion(ctx context.Context) (int, bool, error) {
	var v int
	err := s.queryRow(ctx, s.db, `SELECT version FROM archive_analysis WHERE id = 1`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("store: archive analysis version: %w", s.mapError(err))
	}
	return v, true, nil
}

// SetArchiveAnalysisVersion records the version of the analysis the
// archive's stored words were made with.
func (s *DB) SetArchiveAnalysisVersion(ctx context.Context, v int) error {
	_, err := s.exec(ctx, s.db, `INSERT INTO archive_analysis (id, version) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version`, v)
	if err != nil {
		return fmt.Errorf("store: set archive analysis version: %w", s.mapError(err))
	}
	return nil
}

// ItemsSince streams the items published (or, undated, fetched) at or
// after since, oldest first, with their analyses.
func (s *DB) ItemsSince(ctx context.Context, since time.Time, fn func(*archive.Item, *archive.Analysis) error) error {
	return s.streamItems(ctx, "items since", fn, `WHERE coalesce(i.published_us, i.fetched_us) >= ?
		ORDER BY coalesce(i.published_us, i.fetched_us), i.id`, since.UnixMicro())
}

func scanItem(row rowScanner) (*archive.Item, *archive.Analysis, error) {
	var (
		it                archive.Item
		published         sql.NullInt64
		fetched, imported int64
		regions, path     string
		blob              []byte
		entities          string
	)
	dest := lightDest(&it, &regions, &published)
	dest = append(dest, &it.Title, &it.Text, &it.URL, &it.Author, &fetched, &imported, &blob, &it.AgencyName, &path, &entities)
	if err := row.Scan(dest...); err != nil {
		return nil, nil, err
	}
	it.Regions, it.Published = parseRegions(regions), fromMicros(published)
	if entities != "" {
		it.Entities = strings.Split(entities, "\n")
	}
	it.Fetched = time.UnixMicro(fetched).UTC()
	it.ImportedAt = time.UnixMicro(imported).UTC()
	var err error
	if it.AgencyPath, err = access.ParsePath(path); err != nil {
		return nil, nil, fmt.Errorf("item %d: %w", it.ID, err)
	}
	var a archive.Analysis
	if err := a.UnmarshalBinary(blob); err != nil {
		return nil, nil, fmt.Errorf("item %d: %w", it.ID, err)
	}
	return &it, &a, nil
}

// lightDest returns the scan destinations of itemLightColumns: the
// item's fields, and regions and published for the two columns that
// need converting (parseRegions, fromMicros).
func lightDest(it *archive.Item, regions *string, published *sql.NullInt64) []any {
	return []any{&it.ID, &it.AgencyID, (*levelScanner)(&it.Classification), &it.Source, &it.Lang, &it.Sentiment,
		&it.Type, regions, published}
}

// levelScanner scans an integer column into an access.Level.
type levelScanner access.Level

func (l *levelScanner) Scan(v any) error {
	n, ok := v.(int64)
	if !ok {
		return fmt.Errorf("classification: unexpected %T", v)
	}
	*l = levelScanner(n)
	return nil
}

func micros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

func fromMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMicro(v.Int64).UTC()
}

func parseRegions(s string) []string { return strings.Fields(s) }

// CountPrefix counts the archive's index words beginning with prefix.
func (s *DB) CountPrefix(ctx context.Context, prefix string, limit int) (int, error) {
	n, err := s.dialect.CountPrefix(ctx, s.db, prefix, limit)
	if err != nil {
		return 0, fmt.Errorf("store: count prefix: %w", s.mapError(err))
	}
	return n, nil
}

// ExactPhrases reports whether the engine's index matches phrases exactly.
func (s *DB) ExactPhrases() bool { return s.dialect.ExactPhrases() }

// CountItems counts the archive's items.
func (s *DB) CountItems(ctx context.Context) (int, error) {
	var n int
	if err := s.queryRow(ctx, s.db, `SELECT count(*) FROM items`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count items: %w", s.mapError(err))
	}
	return n, nil
}
