package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/region"
)

// runMainEnv makes the test binary run the program instead of the tests,
// so a test can start `sinergi` as a process of its own and kill it.
const runMainEnv = "SINERGI_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Exit(Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// farmTexts returns the demo's IndoSum articles (CC BY-SA) as feed texts.
func farmTexts(t *testing.T) []feedfarm.Text {
	t.Helper()
	items, _, err := archive.ReadFile(demo.Items(), archive.FormatJSONL, region.WIB.Location())
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]feedfarm.Text, len(items))
	for i, it := range items {
		texts[i] = feedfarm.Text{Title: it.Title, Body: it.Text}
	}
	return texts
}

// addFarmSources registers one source per feed of the farm.
func addFarmSources(t *testing.T, farm *feedfarm.Farm, db []string) {
	t.Helper()
	for i, name := range farm.Feeds() {
		mustRun(t, append([]string{"source", "add", "--agency", "1", "--name", "Media " + name,
			"--home-page", fmt.Sprintf("https://media%d.example.id", i), "--feed", farm.URL(name)}, db...)...)
	}
}

// TestSourcePoll polls a farm of feeds from the command line: refused
// without --fetch-allow-private (the farm is on loopback), stored with it,
// and a second cycle stores nothing and hears 304.
func TestSourcePoll(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			farm := feedfarm.NewGenerated(3, 5, 1, farmTexts(t))
			farm.Start()
			defer farm.Close()
			farm.SetTime(farm.Steps()[0])
			mustRun(t, append([]string{"agency", "add", "--region", "15"}, db...)...)
			addFarmSources(t, farm, db)

			var polls []pollJSON
			out := mustRun(t, append([]string{"source", "poll", "--all", "--json"}, db...)...)
			if err := json.Unmarshal([]byte(out), &polls); err != nil {
				t.Fatalf("source poll --json: %v\n%s", err, out)
			}
			for _, p := range polls {
				if !strings.Contains(p.Error, "jaringan internal") || p.Stored != 0 {
					t.Errorf("poll without --fetch-allow-private: %+v, want refused (private address)", p)
				}
			}

			out = mustRun(t, append([]string{"source", "poll", "--all", "--json", "--fetch-allow-private"}, db...)...)
			polls = nil
			if err := json.Unmarshal([]byte(out), &polls); err != nil {
				t.Fatalf("source poll --json: %v\n%s", err, out)
			}
			if len(polls) != 3 {
				t.Fatalf("polled %d feeds, want 3", len(polls))
			}
			for _, p := range polls {
				if p.Error != "" || p.Stored != 5 || p.Health != "healthy" {
					t.Errorf("first poll: %+v, want 5 items stored, healthy", p)
				}
			}
			out = mustRun(t, append([]string{"source", "poll", "1", "--fetch-allow-private"}, db...)...)
			if !strings.Contains(out, "tidak berubah (304)") || !strings.Contains(out, "0 berita baru disimpan") {
				t.Errorf("second poll of source 1:\n%s", out)
			}
		})
	}
}

// TestPollSurvivesKill kills `sinergi source poll` with SIGKILL while it
// ingests, runs it again, and checks that every article is recorded once:
// nothing lost, nothing twice.
func TestPollSurvivesKill(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			const feeds, perFeed = 40, 20
			farm := feedfarm.NewGenerated(feeds, perFeed, 1, farmTexts(t))
			farm.Start()
			defer farm.Close()
			farm.SetTime(farm.Steps()[0])
			mustRun(t, append([]string{"agency", "add", "--region", "15"}, db...)...)
			addFarmSources(t, farm, db)
			m := openForTest(t, db)
			defer m.Close()
			count := func() (appearances, distinct, items int) {
				t.Helper()
				err := m.DB.SQL().QueryRowContext(t.Context(), `SELECT count(*), count(DISTINCT ident) FROM appearances`).Scan(&appearances, &distinct)
				if err != nil && err != sql.ErrNoRows {
					t.Fatal(err)
				}
				if err := m.DB.SQL().QueryRowContext(t.Context(), `SELECT count(*) FROM items`).Scan(&items); err != nil {
					t.Fatal(err)
				}
				return appearances, distinct, items
			}

			// Start the poll and kill it as soon as part of the work is
			// stored: some feeds' transactions committed, others not.
			args := append([]string{"source", "poll", "--all", "--fetch-allow-private"}, db...)
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), runMainEnv+"=1")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var killedAt int
		watch:
			for {
				select {
				case err := <-exited:
					t.Fatalf("the poll ended (%v) before a kill could land in the middle", err)
				case <-time.After(5 * time.Millisecond):
				}
				if n, _, _ := count(); n > 0 && n < feeds*perFeed {
					_ = cmd.Process.Signal(syscall.SIGKILL)
					<-exited
					killedAt = n
					break watch
				}
			}
			stored, _, _ := count()
			t.Logf("killed with %d of %d articles recorded (%d after the kill)", killedAt, feeds*perFeed, stored)
			if stored == feeds*perFeed {
				t.Errorf("everything was stored before the kill took effect")
			}
			mustRun(t, args...)
			appearances, distinct, items := count()
			if appearances != feeds*perFeed || distinct != appearances {
				t.Errorf("after the kill and a new run: %d appearances (%d distinct), want %d", appearances, distinct, feeds*perFeed)
			}
			// 800 articles over 200 texts: every text is one story.
			if items != 200 {
				t.Errorf("%d items stored, want the 200 distinct texts", items)
			}
		})
	}
}
