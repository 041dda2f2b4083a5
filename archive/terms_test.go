package archive

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/query"
)

func newTerms(t testing.TB) *analysis.Terms {
	t.Helper()
	a, err := analysis.NewTerms()
	if err != nil {
		t.Fatalf("analysis.NewTerms: %v", err)
	}
	return a
}

func TestAnalysisRoundTrip(t *testing.T) {
	a := newTerms(t)
	tests := []struct{ title, text string }{
		{"", ""},
		{"Banjir di Kota Jambi", ""},
		{"", "Warga Kab. Muaro Jambi kebanjiran, gpp kata @humasjambi #BanjirJambi https://jambiprov.go.id/berita 😀"},
		{"Café “Kopi” naïve", "anak-anak anak2 sayur-mayur Rp1,2 miliar 23/11/2026 09.30 WIB"},
	}
	for _, tt := range tests {
		in := &Analysis{Title: a.Terms(tt.title), Text: a.Terms(tt.text)}
		b, err := in.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary(%q): %v", tt.text, err)
		}
		var out Analysis
		if err := out.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%q): %v", tt.text, err)
		}
		if len(in.Title) == 0 {
			in.Title = []query.AnalyzedTerm{}
		}
		if len(in.Text) == 0 {
			in.Text = []query.AnalyzedTerm{}
		}
		if !reflect.DeepEqual(&out, in) {
			t.Errorf("round trip of %q:\n got %+v\nwant %+v", tt.title+"|"+tt.text, out, *in)
		}
	}
}

func TestAnalysisMarshalRejectsDisorder(t *testing.T) {
	a := &Analysis{Text: []query.AnalyzedTerm{{Folded: "a", Root: "a", Pos: 1}, {Folded: "b", Root: "b", Pos: 1}}}
	if _, err := a.MarshalBinary(); err == nil {
		t.Error("MarshalBinary accepted two terms at one position")
	}
}

// FuzzAnalysisUnmarshal feeds corrupt encodings: an error, never a panic,
// and whatever decodes encodes back to a decodable value.
func FuzzAnalysisUnmarshal(f *testing.F) {
	a := newTerms(f)
	for _, s := range []string{"", "Banjir di Jambi", "gpp #BanjirJambi anak2"} {
		b, err := (&Analysis{Title: a.Terms(s), Text: a.Terms(s + " " + s)}).MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{1, 255, 255, 255, 255, 255, 255, 255, 255, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		var x Analysis
		if err := x.UnmarshalBinary(b); err != nil {
			return
		}
		if _, err := x.MarshalBinary(); err != nil {
			// A decoded analysis may hold positions out of order only if
			// the decoder let them through.
			t.Fatalf("decoded %x, cannot encode it again: %v", b, err)
		}
	})
}

func TestToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"banjir", "banjir"},
		{"2026", "2026"},
		{"anak-anak", "anak_2d_anak"},
		{"kab.", "kab_2e_"},
		{"@humasjambi", "_40_humasjambi"},
		{"_", "_5f_"},
		{"é", "_e9_"},
		{"Kompas", "_4b_ompas"},
	}
	for _, tt := range tests {
		if got := Token(tt.in); got != tt.want {
			t.Errorf("Token(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzToken checks the properties the index relies on: the token is made
// of a-z, 0-9 and _, different words give different tokens, and a word is
// a prefix of another exactly when its token is a prefix of the other's.
func FuzzToken(f *testing.F) {
	for _, s := range []string{"banjir", "banjirnya", "anak-anak", "kab.", "é", "_a", "a_"} {
		f.Add(s, s+"x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !strings.ContainsFunc(a, func(r rune) bool { return r == '\uFFFD' }) && validUTF8(a) && validUTF8(b) {
			ta, tb := Token(a), Token(b)
			for i := 0; i < len(ta); i++ {
				if !plain(ta[i]) && ta[i] != '_' {
					t.Fatalf("Token(%q) = %q holds %q", a, ta, ta[i])
				}
			}
			if (a == b) != (ta == tb) {
				t.Fatalf("Token(%q) = %q, Token(%q) = %q", a, ta, b, tb)
			}
			if strings.HasPrefix(b, a) != strings.HasPrefix(tb, ta) {
				t.Fatalf("prefix kept? %q ⊑ %q is %v, tokens %q ⊑ %q is %v", a, b, strings.HasPrefix(b, a), ta, tb, strings.HasPrefix(tb, ta))
			}
		}
	})
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestIndexFillsGaps(t *testing.T) {
	a := &Analysis{Text: []query.AnalyzedTerm{{Folded: "a", Root: "a", Pos: 0}, {Folded: "c", Root: "c", Pos: 2}}}
	ix := a.Index()
	if want := []string{"a", Gap, "c"}; !reflect.DeepEqual(ix.TextRoots, want) || !reflect.DeepEqual(ix.TextFolded, want) {
		t.Errorf("Index() = %+v, want %q in both forms", ix, want)
	}
	long := strings.Repeat("x", MaxToken+10)
	ix = (&Analysis{Title: []query.AnalyzedTerm{{Folded: long, Root: long}}}).Index()
	if len(ix.TitleRoots[0]) != MaxToken {
		t.Errorf("a long token is %d bytes, want it cut to %d", len(ix.TitleRoots[0]), MaxToken)
	}
}
