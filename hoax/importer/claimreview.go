package importer

import (
	"bufio"
	"bytes"
	"io"

	"github.com/sinergi-id/sinergi/hoax/claimreview"
)

// readClaimReview reads ClaimReview JSON-LD, or an HTML page whose
// application/ld+json blocks hold it (the line of a problem is then
// counted within its block).
func readClaimReview(r io.Reader, c *collector) error {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if t := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\ufeff"))); len(t) > 0 && t[0] == '<' {
		blocks, err := claimreview.FromHTML(br, claimreview.MaxDocument)
		if err != nil {
			return err
		}
		for _, b := range blocks {
			addReviews(c, b)
		}
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(br, claimreview.MaxDocument+1))
	if err != nil {
		return err
	}
	addReviews(c, data)
	return nil
}

func addReviews(c *collector, data []byte) {
	rs, err := claimreview.Parse(data, c.vs)
	if err != nil {
		for _, e := range unjoin(err) {
			c.fail(0, 0, e)
		}
		return
	}
	for _, r := range rs {
		c.add(r.Line, 0, r.Claim)
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
