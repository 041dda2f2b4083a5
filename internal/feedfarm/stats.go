package feedfarm

import (
	"maps"
	"net/http"
	"slices"
)

// Stats counts the requests a Farm or a Hostile server answered.
type Stats struct {
	Requests    int // all requests, unknown paths included
	OK          int // 200 answers
	NotModified int // 304 answers
	NotFound    int // 404 answers for a feed before its first snapshot
	// ByFeed counts per feed (per endpoint name for a Hostile server).
	ByFeed map[string]FeedStats
	// Unknown lists the paths asked that are not a feed, in order; a
	// poller that builds its URLs right leaves it empty.
	Unknown []string
}

// FeedStats counts the requests for one feed.
type FeedStats struct {
	Requests    int
	OK          int // 200 answers
	NotModified int // 304 answers
	NotFound    int // 404 answers, before the feed's first snapshot
	Other       int // any other answer (405, 429, 500, 503, ...)
}

// counter keeps Stats; its owner guards it with a mutex.
type counter struct {
	stats Stats
}

// count records one request for feed answered with status.
func (c *counter) count(feed string, status int) {
	if c.stats.ByFeed == nil {
		c.stats.ByFeed = map[string]FeedStats{}
	}
	fs := c.stats.ByFeed[feed]
	c.stats.Requests++
	fs.Requests++
	switch status {
	case http.StatusOK:
		c.stats.OK++
		fs.OK++
	case http.StatusNotModified:
		c.stats.NotModified++
		fs.NotModified++
	case http.StatusNotFound:
		c.stats.NotFound++
		fs.NotFound++
	default:
		fs.Other++
	}
	c.stats.ByFeed[feed] = fs
}

// unknownPath records a request for a path that is not a feed.
func (c *counter) unknownPath(path string) {
	c.stats.Requests++
	c.stats.Unknown = append(c.stats.Unknown, path)
}

// copy returns Stats sharing nothing with c.
func (c *counter) copy() Stats {
	s := c.stats
	s.ByFeed = maps.Clone(c.stats.ByFeed)
	if s.ByFeed == nil {
		s.ByFeed = map[string]FeedStats{}
	}
	s.Unknown = slices.Clone(c.stats.Unknown)
	return s
}
