package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
)

// tempoChecker names the checker of the Tempo set.
const tempoChecker = "Tempo Cek Fakta"

// tempoItem is a line of the derived items.jsonl.
type tempoItem struct {
	Feed        string `json:"feed"`
	Title       string `json:"title"`
	Link        string `json:"link"`
	PubDate     string `json:"pubDate"`
	Description string `json:"description"`
}

// readTempo reads Tempo Cek Fakta: the RSS (or Atom) feed, or JSON lines
// of feed items, where items of feeds other than cekfakta are skipped.
// The verdict is the title's prefix ("Keliru: ...") in the Tempo
// vocabulary (else any); the title is the rest, the claim the
// description, the key the link. An item whose title has no verdict
// prefix is not a fact-check (a weekly round-up) and is skipped.
func readTempo(r io.Reader, c *collector) error {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if t := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\ufeff"))); len(t) > 0 && t[0] == '{' {
		return jsonLines(br, c, func(line int, b []byte) {
			var it tempoItem
			if err := json.Unmarshal(b, &it); err != nil {
				c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.json", err.Error()))
				return
			}
			if it.Feed != "" && it.Feed != "cekfakta" {
				c.skip(SkipOtherFeed)
				return
			}
			var when time.Time
			if it.PubDate != "" {
				t, err := time.Parse(time.RFC1123Z, strings.TrimSpace(it.PubDate))
				if err != nil {
					t, err = time.Parse(time.RFC1123, strings.TrimSpace(it.PubDate))
				}
				if err != nil {
					c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.date", it.PubDate))
					return
				}
				when = t
			}
			tempoClaim(c, line, 0, it.Title, it.Link, it.Description, when)
		})
	}
	feed, err := gofeed.NewParser().Parse(br)
	if err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.feed", err.Error())
	}
	for i, it := range feed.Items {
		var when time.Time
		if it.PublishedParsed != nil {
			when = *it.PublishedParsed
		}
		tempoClaim(c, 0, i+1, it.Title, it.Link, it.Description, when)
	}
	return nil
}

// tempoClaim adds the claim of one Tempo item.
func tempoClaim(c *collector, line, item int, title, link, description string, when time.Time) {
	prefix, rest, found := strings.Cut(title, ":")
	v, ok := c.vs.Find(hoax.VocabTempo, prefix)
	if !found || !ok {
		c.skip(SkipNoVerdict)
		return
	}
	c.add(line, item, &hoax.Claim{
		Key: strings.TrimSpace(link), URL: link, Title: rest, Claim: description, Verdict: v,
		FactChecker: tempoChecker, FirstSeen: when, Reviewed: when,
	})
}
