package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"
	bq "github.com/blevesearch/bleve/v2/search/query"
)

// The Bleve index holds exactly Sinergi's index tokens (archive.Token of
// the roots and of the folded words, title and text apart), split on
// spaces by an analyzer that does nothing else, with term vectors
// (positions) for phrases, plus the publication time. Nothing is stored
// and there is no _all field: Bleve only has to find, count and rank, as
// the database's full-text index does for Sinergi.
const (
	fTitleRoots  = "title_roots"
	fTextRoots   = "text_roots"
	fTitleFolded = "title_folded"
	fTextFolded  = "text_folded"
	fPublished   = "published"
)

func bleveMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	err := im.AddCustomAnalyzer("tokens", map[string]any{
		"type":      custom.Name,
		"tokenizer": whitespace.Name,
	})
	if err != nil {
		return nil, err
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range []string{fTitleRoots, fTextRoots, fTitleFolded, fTextFolded} {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = "tokens"
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = true
		fm.DocValues = false
		dm.AddFieldMappingsAt(f, fm)
	}
	dm.AddFieldMappingsAt(fPublished, func() *mapping.FieldMapping {
		fm := bleve.NewDateTimeFieldMapping()
		fm.Store = false
		fm.IncludeInAll = false
		return fm
	}())
	im.DefaultMapping = dm
	im.DefaultAnalyzer = "tokens"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// buildBleve indexes n documents with Bleve's batch API, default scorch
// settings, and returns the time until the index is closed (every batch
// persisted).
func buildBleve(path string, c *corpus, n, batch int) (time.Duration, error) {
	if err := os.RemoveAll(path); err != nil {
		return 0, err
	}
	im, err := bleveMapping()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	idx, err := bleve.New(path, im)
	if err != nil {
		return 0, fmt.Errorf("bleve: new: %w", err)
	}
	b := idx.NewBatch()
	for i := range n {
		d, base := c.doc(i)
		ix := &c.index[base]
		doc := map[string]any{
			fTitleRoots: ix[0], fTextRoots: ix[1], fTitleFolded: ix[2], fTextFolded: ix[3],
			fPublished: d.Published,
		}
		if err := b.Index(strconv.Itoa(i+1), doc); err != nil {
			return 0, err
		}
		if b.Size() >= batch || i == n-1 {
			if err := idx.Batch(b); err != nil {
				return 0, fmt.Errorf("bleve: batch: %w", err)
			}
			b.Reset()
		}
	}
	if err := idx.Close(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// bleveQuery renders a generated query for the Bleve index.
func bleveQuery(q *genQuery) bq.Query {
	var text bq.Query
	switch q.Kind {
	case kindTerm:
		text = rootQ(q.Roots[0])
	case kindAnd:
		var cs []bq.Query
		for _, r := range q.Roots {
			cs = append(cs, rootQ(r))
		}
		text = bleve.NewConjunctionQuery(cs...)
	case kindOr:
		var ds []bq.Query
		for _, r := range q.Roots {
			ds = append(ds, rootQ(r))
		}
		text = bleve.NewDisjunctionQuery(ds...)
	case kindNot:
		b := bleve.NewBooleanQuery()
		b.AddMust(rootQ(q.Roots[0]))
		b.AddMustNot(rootQ(q.Roots[1]))
		text = b
	case kindPhrase:
		text = bleve.NewDisjunctionQuery(
			bleve.NewPhraseQuery(q.Folded, fTitleFolded),
			bleve.NewPhraseQuery(q.Folded, fTextFolded))
	case kindNear:
		// Bleve v2's query API has no slop: the nearest is both words in
		// the same field, a superset of "a b"~N.
		var per []bq.Query
		for _, f := range []string{fTitleFolded, fTextFolded} {
			var cs []bq.Query
			for _, w := range q.Folded {
				t := bleve.NewTermQuery(w)
				t.SetField(f)
				cs = append(cs, t)
			}
			per = append(per, bleve.NewConjunctionQuery(cs...))
		}
		text = bleve.NewDisjunctionQuery(per...)
	case kindPrefix:
		var ds []bq.Query
		for _, f := range []string{fTitleRoots, fTextRoots, fTitleFolded, fTextFolded} {
			p := bleve.NewPrefixQuery(q.Prefix)
			p.SetField(f)
			ds = append(ds, p)
		}
		text = bleve.NewDisjunctionQuery(ds...)
	}
	t, f := true, false
	dr := bleve.NewDateRangeInclusiveQuery(q.From, q.To, &t, &f)
	dr.SetField(fPublished)
	return bleve.NewConjunctionQuery(text, dr)
}

func rootQ(root string) bq.Query {
	a := bleve.NewTermQuery(root)
	a.SetField(fTitleRoots)
	b := bleve.NewTermQuery(root)
	b.SetField(fTextRoots)
	return bleve.NewDisjunctionQuery(a, b)
}

// bleveSearch runs q for the top 10 by score and the total.
func bleveSearch(idx bleve.Index, q bq.Query) (int, error) {
	req := bleve.NewSearchRequestOptions(q, 10, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}
