package jobs

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestRiverLogsWarningsOnly: River's Info bookkeeping stays out of the
// server's log, its warnings and errors do not, with their attributes.
func TestRiverLogsWarningsOnly(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(atLeast{slog.NewTextHandler(&buf, nil), slog.LevelWarn}).With("component", "river")
	log.Info("producer: Producer job counts", "num_completed_jobs", 6)
	log.Debug("noise")
	log.WithGroup("g").Warn("job stuck", "id", 7)
	log.Error("failed")
	out := buf.String()
	if strings.Contains(out, "Producer job counts") || strings.Contains(out, "noise") {
		t.Errorf("Info and Debug records were logged:\n%s", out)
	}
	for _, want := range []string{"job stuck", "component=river", "g.id=7", "failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
}
