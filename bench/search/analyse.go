package main

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
)

// corpus is the shared texts, each analysed once.
type corpus struct {
	Docs     []baseDoc
	Analyses []*archive.Analysis
	// index holds, per document, the index tokens joined by spaces: what
	// Bleve is fed (title roots, text roots, title folded, text folded).
	index [][4]string
	// AnalyseRate is the documents per second of the analysis, when it
	// ran in this process (0 when read from the cache).
	AnalyseRate float64
}

// cacheVersion changes when the cached form or the corpus reader does.
const cacheVersion = 1

type cached struct {
	Version int
	Docs    []baseDoc
	Blobs   [][]byte
}

// loadCorpus reads the analysed corpus from cacheDir, or reads and analyses
// the shared sets and writes the cache.
func loadCorpus(dataDir, cacheDir string, log *slog.Logger) (*corpus, error) {
	path := filepath.Join(cacheDir, "corpus.gob")
	var c cached
	if f, err := os.Open(path); err == nil {
		err = gob.NewDecoder(bufio.NewReader(f)).Decode(&c)
		f.Close()
		if err == nil && c.Version == cacheVersion {
			log.Info("corpus read from cache", "path", path, "docs", len(c.Docs))
			return decodeCorpus(&c)
		}
	}
	docs, err := readCorpus(dataDir)
	if err != nil {
		return nil, err
	}
	log.Info("corpus read", "docs", len(docs))
	terms, err := analysis.NewTerms()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	blobs := make([][]byte, len(docs))
	analyses := make([]*archive.Analysis, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				a := &archive.Analysis{Title: terms.Terms(docs[i].Title), Text: terms.Terms(docs[i].Text)}
				analyses[i] = a
				if blobs[i], errs[w] = a.MarshalBinary(); errs[w] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	rate := float64(len(docs)) / time.Since(start).Seconds()
	log.Info("corpus analysed", "docs", len(docs), "seconds", time.Since(start).Seconds(), "docs_per_s", rate)
	c = cached{Version: cacheVersion, Docs: docs, Blobs: blobs}
	if err := writeCache(path, &c); err != nil {
		return nil, err
	}
	co := &corpus{Docs: docs, Analyses: analyses, AnalyseRate: rate}
	co.buildIndex()
	return co, nil
}

func writeCache(path string, c *cached) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := gob.NewEncoder(w).Encode(c); err != nil {
		f.Close()
		return fmt.Errorf("write cache: %w", err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

func decodeCorpus(c *cached) (*corpus, error) {
	co := &corpus{Docs: c.Docs, Analyses: make([]*archive.Analysis, len(c.Docs))}
	for i, b := range c.Blobs {
		a := &archive.Analysis{}
		if err := a.UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("cache doc %d: %w", i, err)
		}
		co.Analyses[i] = a
	}
	co.buildIndex()
	return co, nil
}

func (c *corpus) buildIndex() {
	c.index = make([][4]string, len(c.Analyses))
	for i, a := range c.Analyses {
		ix := a.Index()
		c.index[i] = [4]string{
			strings.Join(ix.TitleRoots, " "), strings.Join(ix.TextRoots, " "),
			strings.Join(ix.TitleFolded, " "), strings.Join(ix.TextFolded, " "),
		}
	}
}

// doc returns the n-th document of an archive of any size: the corpus
// repeated, copy k shifted k×97 days back in time and its source renamed
// (kompas.com → kompas.com.r3), so every copy is a distinct item.
func (c *corpus) doc(n int) (d baseDoc, base int) {
	base = n % len(c.Docs)
	k := n / len(c.Docs)
	d = c.Docs[base]
	if k > 0 {
		d.Published = d.Published.AddDate(0, 0, -97*k)
		d.Source = fmt.Sprintf("%s.r%d", d.Source, k)
	}
	return d, base
}
