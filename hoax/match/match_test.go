package match_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/hoax/match"
)

// claims are hoaxes written for the tests.
var claims = []struct {
	id           int64
	title, claim string
}{
	{1, "Vaksin Covid-19 Mengandung Chip Pelacak 5G", "Beredar pesan berantai yang menyebut vaksin Covid-19 dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G, sehingga warga diminta menolak vaksinasi di puskesmas."},
	{2, "Israel Ancam Bombardir Indonesia", ""},
	{3, "Menteri Sakti Wahyu Trenggono Jual Pulau Kecil di Anambas Lewat Situs Online", "Menteri Kelautan dan Perikanan Sakti Wahyu Trenggono disebut menjual empat pulau kecil di Kepulauan Anambas lewat situs jual beli daring kepada investor asing."},
	{4, "Pendaftaran Bantuan Subsidi Upah Rp3,5 Juta Lewat Tautan", "Segera daftarkan diri anda untuk menerima bantuan subsidi upah sebesar Rp3,5 juta dari Kementerian Ketenagakerjaan, cukup isi data KTP dan nomor rekening pada tautan berikut sebelum kuota habis."},
	{5, "Anggaran Bansos Dinaikkan dari Rp 20 Triliun Menjadi Rp 493 Triliun agar Rakyat Memilih Prabowo-Gibran", ""},
}

func index(tb testing.TB) *match.Index {
	tb.Helper()
	ix := match.New(match.Options{})
	for _, c := range claims {
		e := match.Entry{ID: c.id, Text: text(tb, c.title+"\n"+c.claim)}
		if c.claim != "" {
			ts, err := terms()
			if err != nil {
				tb.Fatal(err)
			}
			e.Title = ts.Terms(c.title)
		}
		ix.Add(e)
	}
	return ix
}

func TestMatch(t *testing.T) {
	ix := index(t)
	for _, tc := range []struct {
		name, text string
		want       int64
		decision   match.Decision
	}{
		{"reworded, reordered, slang", "Katanya vaksin covid dr pemerintah ada chip mikronya, bisa dilacak pake jaringan 5G. Warga diminta tolak vaksinasi di puskesmas", 1, match.Confirmed},
		{"a short text is never confirmed", "vaksin covid ada chip 5g", 1, match.Suggested},
		{"nor when its headline repeats it", "Vaksin covid ada chip 5G\nvaksin covid ada chip 5g!! vaksin covid ada chip 5g", 1, match.Suggested},
		{"a form the stemmer does not know", "Sebuah video beredar di Facebook memuat klaim Israel akan membombardir Indonesia apabila membela Palestina.", 2, match.Suggested},
		{"the headline alone", "Pendaftaran Bantuan Subsidi Upah Rp3,5 Juta Lewat Tautan, cek di sini sebelum kuota habis ya", 4, match.Confirmed},
		{"the same person, another story: the name counts once",
			"Menteri Kelautan dan Perikanan Sakti Wahyu Trenggono meninjau calon lokasi pembangunan Kampung Nelayan Merah Putih di Kepulauan Riau bersama bupati setempat.", 3, match.Suggested},
		{"words joined and amounts written apart", "anggaran bansos dinaikkan dari 20 triliun jadi 493 triliun biar rakyat pilih prabowo gibran", 5, match.Confirmed},
		{"unrelated", "Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi Piala Dunia di Stadion Gelora Bung Karno.", 0, match.None},
	} {
		rs := ix.Match(text(t, tc.text), 3)
		got, decision := int64(0), match.None
		if len(rs) > 0 {
			got, decision = rs[0].ID, rs[0].Decision
		}
		if tc.decision == match.None {
			if decision != match.None {
				t.Errorf("%s: matched %d (%s, %+v)", tc.name, got, decision, rs)
			}
			continue
		}
		if got != tc.want || decision != tc.decision {
			t.Errorf("%s: best %d %s, want %d %s (%+v)", tc.name, got, decision, tc.want, tc.decision, rs)
		}
	}
}

func TestMatchedWords(t *testing.T) {
	ix := index(t)
	rs := ix.Match(text(t, "Awas! Vaksin dari pemerintah mengandung chip mikro yang dilacak jaringan 5G, tolak vaksinasi di puskesmas."), 1)
	if len(rs) != 1 {
		t.Fatalf("no match: %+v", rs)
	}
	for _, w := range []string{"chip", "mikro", "dilacak"} {
		if !slices.Contains(rs[0].Words, w) {
			t.Errorf("words %v lack %q (as the text wrote it)", rs[0].Words, w)
		}
	}

	// An abbreviation the analysis writes out ("Capres": calon,
	// presiden) shares several roots but is one word the text wrote.
	ix.Add(match.Entry{ID: 9, Text: text(t, "Calon presiden berjanji membagikan motor listrik gratis kepada setiap pemilih di Jawa Tengah")})
	rs = ix.Match(text(t, "Capres janji bagi-bagi motor listrik gratis untuk pemilih di Jawa Tengah, buruan daftar"), 1)
	if len(rs) != 1 || rs[0].ID != 9 {
		t.Fatalf("best %+v, want the entry of calon presiden", rs)
	}
	if n := strings.Count(strings.Join(rs[0].Words, " "), "capres"); n != 1 {
		t.Errorf("words %v show capres %d times, want once", rs[0].Words, n)
	}
}

// TestMisspelt: a word the registry does not hold is found one letter
// away from a registry word (a letter dropped, added, replaced, or two
// swapped), but not two letters away nor in a short word.
func TestMisspelt(t *testing.T) {
	ix := index(t)
	rs := ix.Match(text(t, "Heboh, mentri Trengono menjual pulau di Anambass ke investor, nelayan geram"), 1)
	if len(rs) != 1 || rs[0].ID != 3 {
		t.Fatalf("best %+v, want claim 3", rs)
	}
	for _, w := range []string{"mentri", "trengono", "anambass"} {
		if !slices.Contains(rs[0].Words, w) {
			t.Errorf("words %v lack the misspelt %q", rs[0].Words, w)
		}
	}
	for _, tc := range []struct{ name, text string }{
		{"two slips away", "Trengonno menjual pulau di Anambas"},
		{"a short word", "pulau di Anambas dijual lewat sitsu"},
	} {
		rs := ix.Match(text(t, tc.text), 1)
		if len(rs) != 1 {
			t.Fatalf("%s: no match", tc.name)
		}
		for _, w := range []string{"trengonno", "sitsu"} {
			if slices.Contains(rs[0].Words, w) {
				t.Errorf("%s: %q was taken for a registry word (%v)", tc.name, w, rs[0].Words)
			}
		}
	}
}

func TestAddRemoveReplace(t *testing.T) {
	ix := index(t)
	q := text(t, "Katanya Menteri Trenggono menjual empat pulau kecil di Anambas lewat situs jual beli online ke investor asing")
	if rs := ix.Match(q, 1); len(rs) == 0 || rs[0].ID != 3 || rs[0].Decision != match.Confirmed {
		t.Fatalf("before removal: %+v", rs)
	}
	ix.Remove(3)
	if rs := ix.Match(q, 1); len(rs) > 0 && rs[0].ID == 3 {
		t.Errorf("a removed entry matched: %+v", rs)
	}
	if ix.Len() != len(claims)-1 {
		t.Errorf("Len %d after a removal", ix.Len())
	}
	if _, ok := ix.Seen(3); ok {
		t.Error("Seen finds a removed entry")
	}
	seen := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	ix.Add(match.Entry{ID: 3, Seen: seen, Text: text(t, claims[2].title+"\n"+claims[2].claim)})
	if rs := ix.Match(q, 1); len(rs) == 0 || rs[0].ID != 3 {
		t.Errorf("after adding it back: %+v", rs)
	}
	if got, ok := ix.Seen(3); !ok || !got.Equal(seen) {
		t.Errorf("Seen(3) = %v, %v; want %v", got, ok, seen)
	}
	ix.Replace(match.Entry{ID: 9, Text: text(t, claims[0].title+"\n"+claims[0].claim)})
	if ix.Len() != 1 {
		t.Errorf("Len %d after Replace", ix.Len())
	}
	if rs := ix.Match(q, 1); len(rs) != 0 {
		t.Errorf("a replaced entry matched: %+v", rs)
	}
}

// TestBackground: once the stream is full of a topic, a report on the
// topic that shares no claim-specific word no longer reaches the claim,
// while a repeat of the claim still does.
func TestBackground(t *testing.T) {
	ix := match.New(match.Options{})
	ix.Add(match.Entry{ID: 1, Text: text(t, "Warga Gaza Rayakan HUT RI ke-80 dengan Mengibarkan Bendera Merah Putih")})
	topical := text(t, "Damri menggelar promo tiket pada perayaan HUT ke-80 RI dengan bendera merah putih di setiap bus")
	before := ix.Match(topical, 1)
	day := []string{
		"Pemerintah menggelar upacara HUT ke-80 RI di Istana Merdeka dengan pengibaran bendera merah putih",
		"Warga Jambi memeriahkan perayaan HUT ke-80 RI dengan lomba panjat pinang dan bendera merah putih",
		"Perayaan HUT ke-80 RI di Papua diwarnai karnaval budaya dan bendera merah putih raksasa",
		"Harga cabai merah naik menjelang perayaan HUT ke-80 RI di pasar tradisional",
	}
	for i := range 1200 {
		ix.Observe(text(t, day[i%len(day)]))
	}
	after := ix.Match(topical, 1)
	if len(before) == 0 || len(after) > 0 && after[0].Score >= before[0].Score {
		t.Errorf("the topic did not weigh less: before %+v, after %+v", before, after)
	}
	repeat := ix.Match(text(t, "Viral! Warga Gaza merayakan HUT RI ke-80, mereka mengibarkan bendera merah putih di tengah reruntuhan"), 1)
	if len(repeat) == 0 || repeat[0].ID != 1 || repeat[0].Decision != match.Confirmed {
		t.Errorf("the repeat after the background: %+v", repeat)
	}
}

// TestNumbersInWords: a number written in words matches its digits: of
// two claims that differ only in their numbers, the text's is first (the
// other comes first on a tie).
func TestNumbersInWords(t *testing.T) {
	ix := match.New(match.Options{})
	ix.Add(match.Entry{ID: 1, Text: text(t, "Gelombang setinggi 40 meter menerjang 60 desa di pesisir selatan Jawa malam ini, warga diminta mengungsi ke bukit")},
		match.Entry{ID: 2, Text: text(t, "Gelombang setinggi 15 meter menerjang 25 desa di pesisir selatan Jawa malam ini, warga diminta mengungsi ke bukit")})
	rs := ix.Match(text(t, "Malam ini gelombang setinggi lima belas meter menerjang dua puluh lima desa di pesisir selatan Jawa! Warga diminta mengungsi ke bukit"), 2)
	if len(rs) != 2 || rs[0].ID != 2 || rs[0].Score <= rs[1].Score {
		t.Errorf("numbers in words: %+v", rs)
	}
}

// TestLeetWords: a word with letters written as digits, to slip past
// filters, is read as the word ("rus4k" is "rusak").
func TestLeetWords(t *testing.T) {
	ix := match.New(match.Options{})
	ix.Add(match.Entry{ID: 1, Text: text(t, "Pengungsi Rohingya merusak rusun di Sidoarjo karena listrik padam, warga diminta waspada")})
	rs := ix.Match(text(t, "gara gara listrik padam, pengungsi rohingya rus4k rusun sidoarjo #viral"), 1)
	if len(rs) != 1 || !slices.Contains(rs[0].Words, "rus4k") {
		t.Errorf("rus4k: %+v", rs)
	}
}

// FuzzMatch: any text, however malformed, is matched without a panic, and
// every result's score and decision agree.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"", "vaksin covid ada chip 5g", "rus4k 𝘣𝘢𝘯𝘬 ＢＰＪＳ dua puluh lima ribu", "\xff\xfe#@!", "a-a-a 2-2 meN- di-"} {
		f.Add(s)
	}
	ix := index(f)
	opts := ix.Options()
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range ix.Match(text(t, s), 3) {
			if r.Score <= 0 || r.Score > 1 || r.Decision == match.Confirmed && r.Score < opts.Confirm ||
				r.Decision == match.Suggested && r.Score < opts.Suggest || r.Decision == match.None {
				t.Errorf("Match(%q): %+v", s, r)
			}
		}
	})
}

// TestConcurrent: matching, observing the stream and changing the entries
// at once (run with -race).
func TestConcurrent(t *testing.T) {
	ix := index(t)
	queries := []match.Text{
		text(t, "Katanya vaksin covid dr pemerintah ada chip mikronya, bisa dilacak pake jaringan 5G"),
		text(t, "Menteri Trenggono menjual empat pulau kecil di Anambas lewat situs jual beli online"),
		text(t, "Tim nasional sepak bola Indonesia menang atas Vietnam"),
	}
	extra := match.Entry{ID: 99, Text: text(t, "Gelombang setinggi 15 meter menerjang desa di pesisir selatan Jawa")}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 300 {
				q := queries[(g+i)%len(queries)]
				switch {
				case g == 0 && i%10 == 0:
					ix.Add(extra)
				case g == 1 && i%10 == 0:
					ix.Remove(extra.ID)
				case g == 2:
					ix.Observe(q)
				default:
					ix.Match(q, 3)
				}
			}
		})
	}
	wg.Wait()
	if rs := ix.Match(queries[0], 1); len(rs) == 0 || rs[0].ID != 1 {
		t.Errorf("after the concurrent changes: %+v", rs)
	}
}

// TestStartBackground: a background written by one index starts another,
// the shipped one reads, and a malformed one is refused.
func TestStartBackground(t *testing.T) {
	a := match.New(match.Options{})
	for _, s := range []string{"Banjir merendam Kota Jambi", "Banjir bandang di Kerinci", "Harga beras naik"} {
		a.Observe(text(t, s))
	}
	var buf strings.Builder
	if err := a.WriteBackground(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "docs\t3\n") || !strings.Contains(buf.String(), "\nbanjir\t2\n") {
		t.Fatalf("WriteBackground = %q", buf.String())
	}
	b := match.New(match.Options{})
	if err := b.StartBackground(strings.NewReader(buf.String())); err != nil {
		t.Fatal(err)
	}
	var again strings.Builder
	if err := b.WriteBackground(&again); err != nil || again.String() != buf.String() {
		t.Errorf("the background read back = %q, %v; want %q", again.String(), err, buf.String())
	}
	if err := b.StartBackground(strings.NewReader(buf.String())); err == nil {
		t.Error("StartBackground on a background that has counted items: no error")
	}
	for _, bad := range []string{"banjir\t2\n", "docs\tx\n", "docs\t3\nbanjir\n", "docs\t3\nbanjir\t-1\n"} {
		if err := match.New(match.Options{}).StartBackground(strings.NewReader(bad)); err == nil {
			t.Errorf("StartBackground(%q): no error", bad)
		}
	}
	r, err := match.NewsBackground()
	if err != nil {
		t.Fatal(err)
	}
	if err := match.New(match.Options{}).StartBackground(r); err != nil {
		t.Errorf("the shipped background: %v", err)
	}
}
