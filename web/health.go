package web

import (
	"context"
	"net/http"
	"time"
)

// handleHealth answers load balancers and monitors: 200 {"status":"ok"}
// when the database answers within two seconds, 503 otherwise. The cause is
// logged, not shown.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.svc.Ping(ctx); err != nil {
		requestOf(r).log.Error("health check: database does not answer", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"status":"unavailable"}` + "\n"))
		return
	}
	w.Write([]byte(`{"status":"ok"}` + "\n"))
}
