package feedfarm

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// snapshotTimeLayout is the fetch time that begins a snapshot's file name.
const snapshotTimeLayout = "20060102T150405Z"

// Load reads a farm from dir, which holds one subdirectory per feed (the
// feeds are the subdirectories, sorted) of snapshot files named
// <YYYYMMDDTHHMMSSZ>_<anything>.xml, the UTC time the snapshot was fetched
// first. Other files are ignored; an .xml file named otherwise, two
// snapshots of a feed at one time or a feed without snapshots is an error.
// All snapshots are read into memory (the rss-tempo set is 7 MB). Its
// feeds send both validators.
func Load(dir string) (*Farm, error) {
	return LoadWith(dir, Options{ETag: true, LastModified: true})
}

// LoadWith is Load with the given validators.
func LoadWith(dir string, opts Options) (*Farm, error) {
	src, err := loadDir(dir)
	if err != nil {
		return nil, err
	}
	return newFarm(src, opts), nil
}

// dirSource holds the snapshots of a folder.
type dirSource struct {
	names    []string
	byFeed   map[string][]*snapshot // ascending by time
	timeline []time.Time
}

func loadDir(dir string) (*dirSource, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("feedfarm: load: %w", err)
	}
	src := &dirSource{byFeed: map[string][]*snapshot{}}
	for _, e := range entries { // ReadDir sorts by name
		if !e.IsDir() {
			continue
		}
		snaps, err := loadFeed(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		src.names = append(src.names, e.Name())
		src.byFeed[e.Name()] = snaps
		for _, s := range snaps {
			src.timeline = append(src.timeline, s.at)
		}
	}
	if len(src.names) == 0 {
		return nil, fmt.Errorf("feedfarm: load %s: no feed folders", dir)
	}
	slices.SortFunc(src.timeline, time.Time.Compare)
	src.timeline = slices.CompactFunc(src.timeline, time.Time.Equal)
	return src, nil
}

// loadFeed reads the snapshots of one feed folder, ascending by time.
func loadFeed(dir string) ([]*snapshot, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("feedfarm: load feed: %w", err)
	}
	var snaps []*snapshot
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".xml") {
			continue
		}
		stamp, _, _ := strings.Cut(e.Name(), "_")
		at, err := time.Parse(snapshotTimeLayout, stamp)
		if err != nil {
			return nil, fmt.Errorf("feedfarm: load feed %s: %s is not named <YYYYMMDDTHHMMSSZ>_<anything>.xml", dir, e.Name())
		}
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("feedfarm: load feed: %w", err)
		}
		snaps = append(snaps, newSnapshot(at, body))
	}
	if len(snaps) == 0 {
		return nil, fmt.Errorf("feedfarm: load feed %s: no snapshots", dir)
	}
	slices.SortFunc(snaps, func(a, b *snapshot) int { return a.at.Compare(b.at) })
	for i := 1; i < len(snaps); i++ {
		if snaps[i].at.Equal(snaps[i-1].at) {
			return nil, fmt.Errorf("feedfarm: load feed %s: two snapshots at %s", dir, snaps[i].at.Format(snapshotTimeLayout))
		}
	}
	return snaps, nil
}

func (d *dirSource) feeds() []string    { return d.names }
func (d *dirSource) steps() []time.Time { return d.timeline }

func (d *dirSource) at(feed string, t time.Time) *snapshot {
	snaps := d.byFeed[feed]
	// i is the number of snapshots at or before t.
	i, _ := slices.BinarySearchFunc(snaps, t, func(s *snapshot, t time.Time) int {
		if s.at.After(t) {
			return 1
		}
		return -1
	})
	if i == 0 {
		return nil
	}
	return snaps[i-1]
}
