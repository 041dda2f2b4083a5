package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
)

// analysisFingerprints records, by AnalysisVersion, the fingerprint of
// the analysis that gives items their words: its word lists and the words
// it gives a sample of news (TestAnalysisVersion).
var analysisFingerprints = map[int]string{
	2: "c3dbb9dbad8c1b6f5b6ac5724c33e1ff21f316d33f32972820715b825cff109e",
	3: "06a2dd2b6351304650877bfd524da58c132013a27ee65a7a61d64e5e5a223972", // jakarta a root; lexicon.NotRoots; one-syllable roots
	4: "51e0e88ee7393fef0f654fa1b0d8fd7fe6c112c1ac895521192f8271f75376d4", // abbreviations written out (Pemkab → pemerintah kabupaten)
	5: "c21f3a52d01324a5eb4671aca549fccb471305f45e5549560667089d3b5af7d9", // joined compounds as two words (walikota → wali kota); informal -in and bare nasal prefix (disebarin → sebar)
}

// TestAnalysisVersion fails when the analysis changes without a new
// AnalysisVersion: archives would keep words of the old analysis, which
// searches analysed by the new one no longer find. When it fails, bump
// AnalysisVersion and record the new fingerprint (a change that leaves
// every word as it was, such as a comment in a word list, only needs the
// fingerprint).
func TestAnalysisVersion(t *testing.T) {
	h := sha256.New()
	for _, path := range []string{"../bahasa/stem/data/roots.txt", "../bahasa/data/slang.tsv",
		"../bahasa/data/words.txt", "../bahasa/data/stopwords-id.txt"} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	sample, err := os.ReadFile("../bahasa/testdata/indosum-50.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := newTerms(t)
	for _, text := range append(strings.Split(string(sample), "\n\n"),
		"Relawan Bekasi jelang seminar: gemetar, telunjuknya, massa PPP www, bangeeet gpp anak2 Kab. Muaro Jambi") {
		for _, term := range a.Terms(text) {
			fmt.Fprintf(h, "%s\t%s\t%d\n", term.Folded, term.Root, term.Pos)
		}
	}
	got := hex.EncodeToString(h.Sum(nil))
	if want := analysisFingerprints[AnalysisVersion]; got != want {
		t.Errorf("the analysis changed: its fingerprint is %s, not %q as recorded for AnalysisVersion %d; "+
			"bump AnalysisVersion and record the new fingerprint", got, want, AnalysisVersion)
	}
}
