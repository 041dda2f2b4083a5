package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/store"
)

// IndexColumn returns "": SQLite's index is the FTS5 table items_fts.
func (Dialect) IndexColumn() (string, string) { return "", "" }

// IndexValue is not used on SQLite.
func (Dialect) IndexValue(archive.IndexText) any { return nil }

// ReserveItemIDs returns the n IDs after the highest: the transaction
// holds SQLite's write lock from BEGIN, so no other writer takes them.
func (Dialect) ReserveItemIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM items`).Scan(&last); err != nil {
		return nil, err
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = last + 1 + int64(i)
	}
	return ids, nil
}

// IndexItems inserts the items' tokens into items_fts under their search
// keys. The vocabulary (items_vocab) follows the index by itself.
func (Dialect) IndexItems(ctx context.Context, tx *sql.Tx, items []*archive.Item, ix []archive.IndexText) error {
	keys := make([]int64, len(items))
	for i, it := range items {
		k, err := searchKey(it.ID, microsOf(it.Published))
		if err != nil {
			return err
		}
		keys[i] = k
	}
	return insertIndex(ctx, tx, keys, ix)
}

// UnindexItems deletes the items' rows of items_fts, found by their
// search keys.
func (Dialect) UnindexItems(ctx context.Context, tx *sql.Tx, items []*archive.Item) error {
	for _, it := range items {
		k, err := searchKey(it.ID, microsOf(it.Published))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM items_fts WHERE rowid = ?`, k); err != nil {
			return fmt.Errorf("unindex item %d: %w", it.ID, err)
		}
	}
	return nil
}

// insertIndex inserts index rows under their rowids (keys, reordered),
// in the rowids' order, fifty rows to a statement: FTS5 writes what it
// holds to disk whenever a rowid comes below the one before (measured:
// the benchmark's build 3,807 documents/s in the items' order, 5,344 in
// the keys').
func insertIndex(ctx context.Context, tx *sql.Tx, keys []int64, ix []archive.IndexText) error {
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	const rows = 50
	for start := 0; start < len(keys); start += rows {
		end := min(start+rows, len(keys))
		values := strings.Repeat("(?, ?, ?, ?, ?), ", end-start)
		args := make([]any, 0, 5*(end-start))
		for _, i := range order[start:end] {
			x := ix[i]
			args = append(args, keys[i], strings.Join(x.TitleRoots, " "), strings.Join(x.TextRoots, " "),
				strings.Join(x.TitleFolded, " "), strings.Join(x.TextFolded, " "))
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO items_fts (rowid, title_roots, text_roots, title_folded, text_folded)
			VALUES `+values[:len(values)-2], args...)
		if err != nil {
			return fmt.Errorf("index items (keys %d–%d): %w", keys[order[start]], keys[order[end-1]], err)
		}
	}
	return nil
}

// An item's row in items_fts has its search key for rowid: the second of
// its publication (0 without one; clamped to 1 … 2³²−1, 1970 to 2106) in
// the high bits and its ID in the low 31. FTS5 reads the matches of a
// word in rowid order and takes a rowid range into its index, so a
// search with a date filter reads only the matches of its seconds instead
// of every match and each one's row in items (measured: the benchmark's
// median search 1.46–1.54 → 1.11–1.15 ms, docs/benchmarks.md). The match
// joins its item by the ID in the key, and the exact bounds are checked on
// items.published_us.
const (
	idBits = 31
	idMask = 1<<idBits - 1
	// maxItemID is the highest item ID a search key holds.
	maxItemID = idMask
)

// searchKey returns the search key of the item of id published at
// published (microseconds since 1970 UTC; nil: unknown).
func searchKey(id int64, published *int64) (int64, error) {
	if id <= 0 || id > maxItemID {
		return 0, fmt.Errorf("item ID %d: the SQLite archive holds items 1 to %d", id, maxItemID)
	}
	return keySecond(published)<<idBits | id, nil
}

// keySecond is the second a search key starts with.
func keySecond(us *int64) int64 {
	if us == nil {
		return 0
	}
	sec := *us / 1e6
	if *us < 0 && *us%1e6 != 0 {
		sec-- // the floor, as for positive times
	}
	return min(max(sec, 1), 1<<32-1)
}

// keyRange returns the search keys of the items published in p's bounds,
// with a margin of the boundary seconds (checked exactly elsewhere), as
// [lo, hi].
func keyRange(p store.Published) (lo, hi int64) {
	lo, hi = 1<<idBits, math.MaxInt64 // every item with a publication time
	if !p.From.IsZero() {
		us := p.From.UnixMicro()
		lo = keySecond(&us) << idBits
	}
	if !p.To.IsZero() {
		us := p.To.UnixMicro()
		hi = keySecond(&us)<<idBits | idMask
	}
	return lo, hi
}

// microsOf returns t as the store keeps it in published_us: microseconds
// since 1970 UTC, nil for the zero time.
func microsOf(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	us := t.UnixMicro()
	return &us
}

// TextMatch renders m as an FTS5 MATCH over items_fts, ranked by BM25
// over the roots (the title counting three times the text), narrowed to
// the search keys of the publication times when they are bounded.
func (Dialect) TextMatch(m *archive.Match, published store.Published) store.TextMatch {
	tm := store.TextMatch{
		From:     ` FROM items_fts JOIN items i ON i.id = (items_fts.rowid & ` + strconv.Itoa(idMask) + `)`,
		Cond:     `items_fts MATCH ?`,
		CondArgs: []any{ftsExpr(m)},
		Score:    `-bm25(items_fts, 3.0, 1.0, 0.0, 0.0)`,
	}
	if published.Dated {
		lo, hi := keyRange(published)
		tm.Cond += ` AND items_fts.rowid BETWEEN ? AND ?`
		tm.CondArgs = append(tm.CondArgs, lo, hi)
	}
	return tm
}

// ftsExpr writes m in FTS5's query syntax, with the adjacency of its
// terms rewarded (withAdjacency). Tokens are a–z, 0–9 and _, so quoting
// them is enough to keep them from being read as operators.
func ftsExpr(m *archive.Match) string {
	return store.BooleanSyntax{And: " AND ", Or: " OR ", AndNot: " NOT "}.Render(withAdjacency(m), ftsLeaf)
}

// maxAdjacentWords is the most words withAdjacency joins into a phrase.
const maxAdjacentWords = 8

// withAdjacency returns m with its conjunction of plain terms (the whole
// of m, or what its NOT excepts from) OR-ed with the phrase of their
// roots in the order written: "pemutusan hubungan kerja" also looks for
// putus, hubung, kerja side by side. The phrase holds only where every
// term does, so the matches stay the same, but BM25 adds the phrase's
// weight to the items where the terms stand together, as typed, and those
// rank first. (PostgreSQL's ts_rank_cd rewards closeness by itself.)
func withAdjacency(m *archive.Match) *archive.Match {
	if m.Op == archive.MatchAndNot {
		sub := slices.Clone(m.Sub)
		sub[0] = withAdjacency(sub[0])
		return &archive.Match{Op: archive.MatchAndNot, Sub: sub}
	}
	if m.Op != archive.MatchAnd || len(m.Sub) < 2 {
		return m
	}
	phrase := &archive.Match{Op: archive.MatchWords, Form: archive.Roots, TitleOnly: m.Sub[0].TitleOnly}
	for _, sub := range m.Sub {
		if sub.Op != archive.MatchWords || sub.Form != archive.Roots || sub.TitleOnly != phrase.TitleOnly {
			return m
		}
		phrase.Words = append(phrase.Words, sub.Words...)
	}
	if len(phrase.Words) > maxAdjacentWords {
		return m
	}
	return &archive.Match{Op: archive.MatchOr, Sub: []*archive.Match{m, phrase}}
}

// ftsLeaf writes a word, phrase, proximity or prefix with its columns.
func ftsLeaf(m *archive.Match) string {
	cols := ftsColumns(m.Form, m.TitleOnly)
	switch m.Op {
	case archive.MatchPrefix:
		return cols + `"` + m.Words[0] + `" *`
	case archive.MatchNear:
		// FTS5's NEAR(…, k) admits words whose first and last positions
		// are at most k+1 apart (TestNEARMeansWithin).
		return cols + `NEAR(` + quoteAll(m.Words) + `, ` + strconv.Itoa(max(m.Slop-1, 0)) + `)`
	default: // MatchWords
		return cols + `"` + strings.Join(m.Words, " ") + `"`
	}
}

func ftsColumns(f archive.Form, titleOnly bool) string {
	switch {
	case f == archive.Roots && titleOnly:
		return `title_roots : `
	case f == archive.Roots:
		return `{title_roots text_roots} : `
	case f == archive.Folded && titleOnly:
		return `title_folded : `
	case f == archive.Folded:
		return `{title_folded text_folded} : `
	case titleOnly:
		return `{title_roots title_folded} : `
	}
	return `{title_roots text_roots title_folded text_folded} : `
}

func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + w + `"`
	}
	return strings.Join(q, " ")
}

// CountPrefix counts the distinct tokens of items_fts beginning with
// prefix, reading the vocabulary by range.
func (Dialect) CountPrefix(ctx context.Context, db *sql.DB, prefix string, limit int) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT term FROM items_vocab
		WHERE term >= ? AND term < ? LIMIT ?)`, prefix, prefix+"\x7f", limit).Scan(&n)
	return n, err
}

// ExactPhrases returns true: FTS5 keeps every position.
func (Dialect) ExactPhrases() bool { return true }
