package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/store"
)

// The index is the tsvector column items.terms: each root as r<token>,
// each folded word as f<token> (archive.Token, so lexemes need no quoting
// beyond the tsvector syntax), with its position; title words carry weight
// A, text words D. The text's positions follow the title's after a gap.

// maxPosition is the largest position a tsvector keeps.
const maxPosition = 16383

// IndexColumn returns the tsvector column filled by the item's INSERT.
func (Dialect) IndexColumn() (string, string) { return "terms", "?::tsvector" }

// IndexValue returns the item's tsvector in PostgreSQL's input syntax.
func (Dialect) IndexValue(ix archive.IndexText) any { return tsvector(ix) }

func tsvector(ix archive.IndexText) string {
	positions := map[string][]string{}
	add := func(prefix string, toks []string, shift int, weight string) {
		for i, t := range toks {
			if t == archive.Gap {
				continue
			}
			p := min(i+1+shift, maxPosition)
			lex := prefix + t
			positions[lex] = append(positions[lex], strconv.Itoa(p)+weight)
		}
	}
	add("r", ix.TitleRoots, 0, "A")
	add("f", ix.TitleFolded, 0, "A")
	shift := len(ix.TitleRoots) + 1
	add("r", ix.TextRoots, shift, "")
	add("f", ix.TextFolded, shift, "")
	lexemes := make([]string, 0, len(positions))
	for l := range positions {
		lexemes = append(lexemes, l)
	}
	slices.Sort(lexemes)
	var b strings.Builder
	for i, l := range lexemes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("'" + l + "':")
		b.WriteString(strings.Join(positions[l], ","))
	}
	return b.String()
}

// ReserveItemIDs takes n values of the items' identity sequence (not
// necessarily consecutive when other processes insert at once).
func (Dialect) ReserveItemIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('items', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// IndexItems adds the items' tokens to the vocabulary in one statement.
func (Dialect) IndexItems(ctx context.Context, tx *sql.Tx, _ []*archive.Item, ix []archive.IndexText) error {
	seen := map[string]bool{}
	var terms []string
	for _, x := range ix {
		for _, toks := range [][]string{x.TitleRoots, x.TextRoots, x.TitleFolded, x.TextFolded} {
			for _, t := range toks {
				if !seen[t] && t != archive.Gap {
					seen[t] = true
					terms = append(terms, t)
				}
			}
		}
	}
	if len(terms) == 0 {
		return nil
	}
	slices.Sort(terms) // a fixed order, so concurrent imports lock rows alike
	_, err := tx.ExecContext(ctx, `INSERT INTO item_vocab (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, terms)
	if err != nil {
		return fmt.Errorf("index vocabulary: %w", err)
	}
	return nil
}

// UnindexItems does nothing: an item's index is its terms column, which
// an UPDATE rewrites.
func (Dialect) UnindexItems(context.Context, *sql.Tx, []*archive.Item) error { return nil }

// TextMatch renders m as a tsquery over items.terms, ranked by cover
// density. The publication times are left to the WHERE clause, whose
// index on published_us the planner combines with the GIN index.
func (Dialect) TextMatch(m *archive.Match, _ store.Published) store.TextMatch {
	q := tsquery(m)
	return store.TextMatch{
		From:      ` FROM items i`,
		Cond:      `i.terms @@ ?::tsquery`,
		CondArgs:  []any{q},
		Score:     `ts_rank_cd(i.terms, ?::tsquery)`,
		ScoreArgs: []any{q},
	}
}

// tsquery writes m in PostgreSQL's tsquery syntax. Phrases and proximity
// become AND of their words: tsvector positions are capped, so only the
// matcher can judge them.
func tsquery(m *archive.Match) string {
	return store.BooleanSyntax{And: " & ", Or: " | ", AndNot: " & !"}.Render(m, tsLeaf)
}

// tsLeaf writes a word, phrase, proximity or prefix as lexemes, weighted A
// when it is in the title only.
func tsLeaf(m *archive.Match) string {
	weight := ""
	if m.TitleOnly {
		weight = "A"
	}
	if m.Op == archive.MatchPrefix {
		w := m.Words[0]
		return "('f" + w + "':*" + weight + " | 'r" + w + "':*" + weight + ")"
	}
	prefix := "r"
	if m.Form == archive.Folded {
		prefix = "f"
	}
	parts := make([]string, len(m.Words))
	for i, w := range m.Words {
		parts[i] = "'" + prefix + w + "'"
		if weight != "" {
			parts[i] += ":" + weight
		}
	}
	return strings.Join(parts, " & ")
}

// CountPrefix counts the vocabulary's tokens beginning with prefix.
func (Dialect) CountPrefix(ctx context.Context, db *sql.DB, prefix string, limit int) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM item_vocab
		WHERE term >= $1 AND term < $2 LIMIT $3) s`, prefix, prefix+"\x7f", limit).Scan(&n)
	return n, err
}

// ExactPhrases returns false: tsvector positions stop at 16383 and at 256
// per word, so phrases are verified by the matcher.
func (Dialect) ExactPhrases() bool { return false }
