package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/claimreview"
	"github.com/sinergi-id/sinergi/safehttp"
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

// FromPage fetches a fact-check page through client and reads the
// ClaimReview JSON-LD it embeds, as Read does with FormatClaimReview. A
// page without any ClaimReview gives an empty result, not an error.
func FromPage(ctx context.Context, client *safehttp.Client, pageURL string, vs hoax.Vocabularies) (*Result, error) {
	resp, err := client.Get(ctx, pageURL, http.Header{"Accept": {"text/html, application/ld+json;q=0.9"}})
	if err != nil {
		return nil, fmt.Errorf("hoax import: fetch %s: %w", pageURL, err)
	}
	text, _, err := resp.Text()
	if err != nil {
		return nil, fmt.Errorf("hoax import: read %s: %w", pageURL, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.status", pageURL, resp.StatusCode)
	}
	return Read(bytes.NewReader([]byte(text)), FormatClaimReview, vs)
}
