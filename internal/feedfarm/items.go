package feedfarm

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Item is one distinct item of the rss-tempo snapshots, a line of its
// items.jsonl: the ground truth an ingestion test compares with. The link
// is the identity: the snapshots number their guids 1-9 by position, so a
// guid says nothing about which item it is.
type Item struct {
	Feed        string    `json:"feed"` // the feed it was first seen in
	Title       string    `json:"title"`
	Link        string    `json:"link"`
	PubDate     string    `json:"pubDate"` // as in the feed; see Published
	Description string    `json:"description"`
	Thumbnail   string    `json:"thumbnail"`
	FirstSeen   time.Time `json:"first_seen_utc"` // the first snapshot holding it
	LastSeen    time.Time `json:"last_seen_utc"`  // the last snapshot holding it
	Feeds       []string  `json:"feeds"`          // every feed it appeared in
}

// Published parses PubDate. Most are RFC 1123 with a numeric zone (+0700);
// in rss-tempo, the 400 items first seen in the 100-item snapshots of
// 2025-06-26T05:13:10Z, fetched while the converter was being fixed, carry
// "GMT" instead.
func (it Item) Published() (time.Time, error) {
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, it.PubDate); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("feedfarm: item %s: pubDate %q is not RFC 1123", it.Link, it.PubDate)
}

// Items reads items.jsonl from dir, the data set's folder (the one holding
// snapshots/). A line that does not decode, an item without a link or a
// link on two lines is an error.
func Items(dir string) ([]Item, error) {
	name := filepath.Join(dir, "items.jsonl")
	file, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("feedfarm: items: %w", err)
	}
	defer file.Close()
	var items []Item
	lines := map[string]int{} // link -> line
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 4<<20)
	for line := 1; sc.Scan(); line++ {
		var it Item
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("feedfarm: items: %s:%d: %w", name, line, err)
		}
		if it.Link == "" {
			return nil, fmt.Errorf("feedfarm: items: %s:%d: no link", name, line)
		}
		if first, ok := lines[it.Link]; ok {
			return nil, fmt.Errorf("feedfarm: items: %s:%d: link %s already on line %d", name, line, it.Link, first)
		}
		lines[it.Link] = line
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feedfarm: items: %s: %w", name, err)
	}
	return items, nil
}

// DistinctLinksUpTo returns the set of links first seen at or before t:
// what a poller that fetched every step up to t should have stored, once
// each.
func DistinctLinksUpTo(items []Item, t time.Time) map[string]bool {
	links := map[string]bool{}
	for _, it := range items {
		if !it.FirstSeen.After(t) {
			links[it.Link] = true
		}
	}
	return links
}

// FirstSeen returns when each link first appeared in a snapshot, the start
// of its publish-to-ingest lag.
func FirstSeen(items []Item) map[string]time.Time {
	seen := make(map[string]time.Time, len(items))
	for _, it := range items {
		if t, ok := seen[it.Link]; !ok || it.FirstSeen.Before(t) {
			seen[it.Link] = it.FirstSeen
		}
	}
	return seen
}
