package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/ingest"
)

// WebSub callbacks (ingest/websub.go): a hub verifies a subscription with
// a GET and delivers a feed's new version with a POST. Neither comes from a
// browser or a signed-in user: they are outside the session and CSRF
// layers, and a delivery proves itself by its HMAC signature instead.

// handleWebSubVerify answers a hub's verification of intent with the
// challenge, or 404 when Sinergi did not ask for this subscription.
func (s *Server) handleWebSubVerify(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("feed"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	challenge, err := s.svc.Ingest.VerifyWebSub(r.Context(), id, q.Get("hub.mode"), q.Get("hub.topic"),
		q.Get("hub.challenge"), q.Get("hub.lease_seconds"))
	if err != nil {
		if sinergi.KindOf(err) != sinergi.KindNotFound {
			s.log.Error("websub verify", "feed_id", id, "err", err)
		}
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, challenge)
}

// handleWebSubDeliver takes a hub's delivery: 202 when it was taken or
// ignored for a bad signature (as the specification allows, so a forger
// learns nothing), 404 for a feed that is gone (the hub stops), 413 for a
// body over ingest.MaxDelivery, 500 when storing failed (the hub retries).
func (s *Server) handleWebSubDeliver(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("feed"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, ingest.MaxDelivery))
	if err != nil {
		http.Error(w, "delivery too large", http.StatusRequestEntityTooLarge)
		return
	}
	_, err = s.svc.Ingest.DeliverWebSub(r.Context(), id, body, r.Header.Get("Content-Type"), r.Header.Get("X-Hub-Signature"))
	switch {
	case err == nil:
	case errors.Is(err, ingest.ErrSignature):
		s.log.Warn("websub delivery with a bad signature ignored", "feed_id", id)
	case sinergi.KindOf(err) == sinergi.KindNotFound:
		http.NotFound(w, r)
		return
	default:
		s.log.Error("websub delivery", "feed_id", id, "err", err)
		http.Error(w, "delivery not stored", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
