package ingest

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/safehttp"
)

// WebSub (W3C Recommendation, formerly PubSubHubbub): a feed that names a
// hub is subscribed to, so the hub pushes each new version of the feed as
// it is published and polling becomes the safety net. A subscription needs
// an address the hub can reach (Options.CallbackURL, from --public-url);
// without one, feeds are polled as any other.
const (
	// leaseAsked is the lease Sinergi asks for: ten days (hubs grant what
	// they like; the verification says what).
	leaseAsked = 10 * 24 * time.Hour
	// renewBefore: a subscription is renewed at the first poll within a
	// day of its end.
	renewBefore = 24 * time.Hour
	// pushedInterval is the longest interval between polls of a feed
	// whose hub pushes: a push can be lost.
	pushedInterval = 6 * time.Hour
	// MaxDelivery bounds the body a hub may push: a feed, not a site (the
	// largest real feeds are a few hundred KiB).
	MaxDelivery = 1 << 20
)

// ErrSignature is a delivery whose signature does not match the secret of
// the subscription: it is ignored.
var ErrSignature = errors.New("ingest: websub delivery signature does not match")

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// callback is the address a hub calls for feed id.
func (p *Pipeline) callback(id int64) string {
	return strings.TrimSuffix(p.opts.CallbackURL, "/") + "/websub/" + strconv.FormatInt(id, 10)
}

// prepareSubscription chooses the secret of a subscription the poll will
// ask for after it is stored, and reports whether to ask: the feed names a
// hub, the process has a public address, the poll did not fail, and the
// feed is not subscribed for more than another day.
func (p *Pipeline) prepareSubscription(f *Feed, o Outcome) bool {
	if p.opts.CallbackURL == "" || f.State.Hub == "" || o.Failed() || f.State.HubLease.After(o.At.Add(renewBefore)) {
		return false
	}
	if f.State.HubSecret == "" {
		f.State.HubSecret = rand.Text()
	}
	return true
}

// subscribe asks the feed's hub for a subscription (or its renewal). The
// hub answers 202 and verifies the intent by calling the callback
// (VerifyWebSub), which records the lease. A failure is logged; the next
// poll asks again.
func (p *Pipeline) subscribe(ctx context.Context, f *Feed) {
	form := url.Values{
		"hub.mode":          {"subscribe"},
		"hub.topic":         {f.State.HubTopic},
		"hub.callback":      {p.callback(f.ID)},
		"hub.lease_seconds": {strconv.Itoa(int(leaseAsked / time.Second))},
		"hub.secret":        {f.State.HubSecret},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.State.Hub, strings.NewReader(form.Encode()))
	if err != nil {
		p.log.Warn("websub subscribe", "feed_id", f.ID, "hub", f.State.Hub, "err", err)
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.client.Do(req)
	if err != nil {
		p.log.Warn("websub subscribe", "feed_id", f.ID, "hub", f.State.Hub, "err", err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		p.log.Warn("websub subscribe refused", "feed_id", f.ID, "hub", f.State.Hub, "status", resp.StatusCode)
	}
}

// VerifyWebSub answers a hub's verification of intent for a feed: the
// challenge when the topic is the one subscribed (and the lease is
// recorded, or cleared on unsubscribe), a NotFound error otherwise, which
// the web answers with 404 as the specification asks. A denial clears the
// subscription and answers nothing.
func (p *Pipeline) VerifyWebSub(ctx context.Context, feedID int64, mode, topic, challenge, leaseSeconds string) (string, error) {
	f, err := p.store.FindFeedByID(ctx, feedID)
	if err != nil {
		return "", fmt.Errorf("ingest: websub verify %d: %w", feedID, err)
	}
	if f.State.HubTopic == "" || topic != f.State.HubTopic {
		return "", sinergi.Errorf(sinergi.KindNotFound, "ingest.error.feed_not_found")
	}
	now := p.clock.Now().UTC().Truncate(time.Microsecond)
	var lease time.Time
	switch mode {
	case "subscribe":
		secs, err := strconv.ParseInt(leaseSeconds, 10, 64)
		if err != nil || secs <= 0 {
			secs = int64(leaseAsked / time.Second)
		}
		lease = now.Add(time.Duration(min(secs, 365*24*3600)) * time.Second)
	case "unsubscribe", "denied":
		p.log.Info("websub ended", "feed_id", feedID, "mode", mode)
	default:
		return "", sinergi.Errorf(sinergi.KindNotFound, "ingest.error.feed_not_found")
	}
	if err := p.store.SetFeedLease(ctx, feedID, lease); err != nil {
		return "", fmt.Errorf("ingest: websub verify %d: %w", feedID, err)
	}
	if mode == "denied" {
		return "", nil
	}
	return challenge, nil
}

// DeliverWebSub takes a feed a hub pushed: when its signature (the
// X-Hub-Signature header, "sha256=<hex>" and the like, an HMAC of the body
// with the subscription's secret) matches, the body goes through the chain
// from parse on, like a poll's; otherwise it is ignored (ErrSignature).
func (p *Pipeline) DeliverWebSub(ctx context.Context, feedID int64, body []byte, contentType, signature string) (Result, error) {
	f, err := p.store.FindFeedByID(ctx, feedID)
	if err != nil {
		return Result{}, fmt.Errorf("ingest: websub delivery %d: %w", feedID, err)
	}
	if !validSignature(f.State.HubSecret, signature, body) {
		return Result{}, ErrSignature
	}
	if f.Source.Paused {
		return Result{}, nil
	}
	text, _ := safehttp.ToUTF8(body, contentType)
	return p.poll(ctx, f, &fetched{body: []byte(text), url: f.URL})
}

// validSignature checks an X-Hub-Signature header against the secret.
func validSignature(secret, header string, body []byte) bool {
	method, sig, ok := strings.Cut(header, "=")
	if secret == "" || !ok {
		return false
	}
	var h func() hash.Hash
	switch method {
	case "sha1":
		h = sha1.New
	case "sha256":
		h = sha256.New
	case "sha384":
		h = sha512.New384
	case "sha512":
		h = sha512.New
	default:
		return false
	}
	want, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write(body)
	return hmac.Equal(mac.Sum(nil), want)
}
