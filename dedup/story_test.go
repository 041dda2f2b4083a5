package dedup

import (
	"testing"
	"time"
)

// TestStories follows one story as it spreads: the Antara original, the same
// URL polled again through an AMP link, a copy with only punctuation changed,
// a regional outlet's edited copy, and an unrelated story.
func TestStories(t *testing.T) {
	arts := loadFixture(t)
	x, _ := NewIndex(Options{})
	s := NewStories(x, nil)
	at := time.Date(2017, 8, 18, 3, 0, 0, 0, time.UTC)
	orig := arts[0]
	steps := []struct {
		item    Item
		how     How
		of      string
		cluster string
		size    int
	}{
		{Item{ID: "a1", Source: "antaranews.com", URL: "https://www.antaranews.com/berita/647297/x", Time: at, Text: orig.Text},
			First, "", "a1", 1},
		{Item{ID: "a2", Source: "antaranews.com", URL: "https://m.antaranews.com/amp/berita/647297/x?utm_source=fb", Time: at.Add(time.Hour), Text: orig.Text},
			SameURL, "a1", "a1", 2},
		{Item{ID: "b1", Source: "kabarjateng.id", URL: "https://kabarjateng.id/1", Time: at.Add(2 * time.Hour), Text: "  " + orig.Text + " !!"},
			SameContent, "a1", "a1", 3},
		{Item{ID: "c1", Source: "suaramerdeka.com", URL: "https://suaramerdeka.com/2", Time: at.Add(3 * time.Hour), Text: edits[0].edit(orig.Text, nil)},
			NearDuplicate, "a1", "a1", 4},
		{Item{ID: "d1", Source: "kompas.com", URL: "https://nasional.kompas.com/read/3", Time: at, Text: arts[1].Text},
			First, "", "d1", 1},
	}
	for _, st := range steps {
		a, c := s.Add(st.item)
		if a.How != st.how || a.Of != st.of || c.ID != st.cluster || len(c.Appearances) != st.size {
			t.Errorf("Add(%s) = %s of %q in %s (%d appearances), want %s of %q in %s (%d)",
				st.item.ID, a.How, a.Of, c.ID, len(c.Appearances), st.how, st.of, st.cluster, st.size)
		}
	}
	c, ok := s.Cluster("c1")
	if !ok || c.ID != "a1" {
		t.Fatalf("Cluster(c1) = %v, %v, want a1", c.ID, ok)
	}
	if got := c.Sources(); len(got) != 3 || got[0] != "antaranews.com" || got[2] != "suaramerdeka.com" {
		t.Errorf("Sources() = %v, want antaranews.com, kabarjateng.id, suaramerdeka.com", got)
	}
	if a := c.Appearances[3]; a.Similarity < 0.5 || a.Similarity >= 1 || a.URL != "https://suaramerdeka.com/2" {
		t.Errorf("near-duplicate appearance = %+v", a)
	}
	if _, ok := s.Cluster("zz"); ok {
		t.Errorf("Cluster(zz) found, want none")
	}
}
