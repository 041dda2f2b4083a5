package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

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

// IndexItems inserts the items' tokens into items_fts under their IDs,
// fifty rows to a statement; the vocabulary (items_vocab) follows the
// index by itself.
func (Dialect) IndexItems(ctx context.Context, tx *sql.Tx, ids []int64, ix []archive.IndexText) error {
	const rows = 50
	for start := 0; start < len(ids); start += rows {
		end := min(start+rows, len(ids))
		values := strings.Repeat("(?, ?, ?, ?, ?), ", end-start)
		args := make([]any, 0, 5*(end-start))
		for i := start; i < end; i++ {
			x := ix[i]
			args = append(args, ids[i], strings.Join(x.TitleRoots, " "), strings.Join(x.TextRoots, " "),
				strings.Join(x.TitleFolded, " "), strings.Join(x.TextFolded, " "))
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO items_fts (rowid, title_roots, text_roots, title_folded, text_folded)
			VALUES `+values[:len(values)-2], args...)
		if err != nil {
			return fmt.Errorf("index items %d–%d: %w", ids[start], ids[end-1], err)
		}
	}
	return nil
}

// TextMatch renders m as an FTS5 MATCH over items_fts, ranked by BM25
// over the roots (the title counting three times the text).
func (Dialect) TextMatch(m *archive.Match) store.TextMatch {
	return store.TextMatch{
		From:     ` FROM items_fts JOIN items i ON i.id = items_fts.rowid`,
		Cond:     `items_fts MATCH ?`,
		CondArgs: []any{ftsExpr(m)},
		Score:    `-bm25(items_fts, 3.0, 1.0, 0.0, 0.0)`,
	}
}

// ftsExpr writes m in FTS5's query syntax. Tokens are a–z, 0–9 and _, so
// quoting them is enough to keep them from being read as operators.
func ftsExpr(m *archive.Match) string {
	return store.BooleanSyntax{And: " AND ", Or: " OR ", AndNot: " NOT "}.Render(m, ftsLeaf)
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
