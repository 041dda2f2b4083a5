package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct{ in, want string }{
		{`banjir`, `banjir`},
		{`  banjir  `, `banjir`},
		{`banjir jambi`, `banjir AND jambi`},
		{`banjir AND jambi`, `banjir AND jambi`},
		{`banjir and jambi`, `banjir AND jambi`},
		{`banjir DAN jambi`, `banjir AND jambi`},
		{`banjir dan jambi`, `banjir AND jambi`},
		{`banjir OR longsor`, `banjir OR longsor`},
		{`banjir atau longsor`, `banjir OR longsor`},
		{`banjir -sepakbola`, `banjir AND -sepakbola`},
		{`banjir NOT sepakbola`, `banjir AND -sepakbola`},
		{`banjir BUKAN sepakbola`, `banjir AND -sepakbola`},
		{`banjir bukan sepakbola`, `banjir AND -sepakbola`},
		{`banjir AND NOT sepakbola`, `banjir AND -sepakbola`},
		{`banjir AND (jambi OR "kota jambi") NOT sepakbola`, `banjir AND (jambi OR "kota jambi") AND -sepakbola`},
		{`a b OR c d`, `a AND b OR c AND d`},
		{`a (b OR c)`, `a AND (b OR c)`},
		{`(a b) c`, `a AND b AND c`},
		{`(a OR b) OR c`, `a OR b OR c`},
		{`((a))`, `a`},
		{`NOT a b`, `-a AND b`},
		{`b NOT (a OR c)`, `b AND -(a OR c)`},
		{`b --a`, `b AND --a`},
		{`b NOT NOT a`, `b AND --a`},
		{`"kota jambi"`, `"kota jambi"`},
		{`"  kota   jambi "`, `"kota jambi"`},
		{`"banjir"`, `"banjir"`},
		{`"banjir bandang"~5`, `"banjir bandang"~5`},
		{`"say \"hi\" a\\b"`, `"say \"hi\" a\\b"`},
		{`banj*`, `banj*`},
		{`kebakar* hutan`, `kebakar* AND hutan`},
		{`title:banjir`, `title:banjir`},
		{`judul:banjir`, `title:banjir`},
		{`TITLE:banjir`, `title:banjir`},
		{`title:"kota jambi"~3`, `title:"kota jambi"~3`},
		{`title:banj*`, `title:banj*`},
		{`title:(banjir OR longsor)`, `title:banjir OR title:longsor`},
		{`title:(banjir -longsor) jambi`, `title:banjir AND -title:longsor AND jambi`},
		{`-title:banjir jambi`, `-title:banjir AND jambi`},
		{`source:kompas.com`, `source:kompas.com`},
		{`sumber:"Antara News"`, `source:"Antara News"`},
		{`source:https://x.id/a`, `source:https://x.id/a`},
		{`source:(kompas OR detik) banjir`, `(source:kompas OR source:detik) AND banjir`},
		{`region:15`, `region:15`},
		{`region:15.71`, `region:15.71`},
		{`region:15.71.01.1001`, `region:15.71.01.1001`},
		{`region:jambi banjir`, `region:jambi AND banjir`},
		{`wilayah:"kota jambi" banjir`, `region:"kota jambi" AND banjir`},
		{`lang:ID banjir`, `lang:id AND banjir`},
		{`sentiment:negative banjir`, `sentiment:negative AND banjir`},
		{`sentimen:negatif banjir`, `sentiment:negative AND banjir`},
		{`type:news`, `type:news`},
		{`jenis:(berita OR sosial)`, `type:news OR type:social`},
		{`agency:"Diskominfo Jambi"`, `agency:"Diskominfo Jambi"`},
		{`banjir date:2026-01-01..2026-01-31`, `banjir AND date:2026-01-01..2026-01-31`},
		{`banjir date:2026-01-01`, `banjir AND date:2026-01-01`},
		{`banjir date:>2026-01-01`, `banjir AND date:>2026-01-01`},
		{`banjir date:>=2026-01-01`, `banjir AND date:>=2026-01-01`},
		{`banjir date:<2026-01-01`, `banjir AND date:<2026-01-01`},
		{`banjir tanggal:<=2026-01-01`, `banjir AND date:<=2026-01-01`},
		{`banjir date:>now-7d`, `banjir AND date:>now-7d`},
		{`banjir date:now-2w..now`, `banjir AND date:now-2w..now`},
		{`banjir date:>now-12h`, `banjir AND date:>now-12h`},
		{`banjir date:>now-1m`, `banjir AND date:>now-1m`},
		{`banjir date:>=2026-01-15T12.00`, `banjir AND date:>=2026-01-15T12:00`},
		{`date:2026-01-15T12:00..2026-01-15T15:00`, `date:2026-01-15T12:00..2026-01-15T15:00`},
		// A month or a year is the range of its days.
		{`banjir date:2024-02`, `banjir AND date:2024-02-01..2024-02-29`},
		{`banjir tanggal:2025`, `banjir AND date:2025-01-01..2025-12-31`},
		{`banjir date:2025-11..2026-01`, `banjir AND date:2025-11-01..2026-01-31`},
		{`banjir date:2025-12-15..2026`, `banjir AND date:2025-12-15..2026-12-31`},
		{`banjir date:>2025-06`, `banjir AND date:>2025-06-30`},
		{`banjir date:>=2025-06`, `banjir AND date:>=2025-06-01`},
		{`banjir date:<2025-06`, `banjir AND date:<2025-06-01`},
		{`banjir date:<=2025`, `banjir AND date:<=2025-12-31`},
		{`source:kompas`, `source:kompas`},
		{`covid-19 "5.0"`, `covid-19 AND "5.0"`},
		{`banjir "é"`, `banjir AND "é"`},
		{`Kebanjiran ÉTÉ`, `Kebanjiran AND ÉTÉ`},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		again, err := Parse(n.String())
		if err != nil || !Equal(n, again) {
			t.Errorf("Parse(%q) = %v, %v; not equal to Parse(%q)", n.String(), again, err, tt.in)
		}
	}
}

func TestParseTree(t *testing.T) {
	n, err := Parse(`banjir AND (jambi OR "kota jambi") NOT sepakbola`)
	if err != nil {
		t.Fatal(err)
	}
	want := &And{Nodes: []Node{
		&Term{Text: "banjir"},
		&Or{Nodes: []Node{&Term{Text: "jambi"}, &Phrase{Words: []string{"kota", "jambi"}}}},
		&Not{X: &Term{Text: "sepakbola"}},
	}}
	if !Equal(n, want) {
		t.Errorf("Parse(...) = %s, want %s", n, want)
	}
}

func TestParseInvalid(t *testing.T) {
	long := strings.Repeat("a ", MaxLength/2) + "b"
	tooMany := strings.Repeat("a ", MaxTerms+1)
	deep := strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1)
	tests := []struct {
		in        string
		key       string
		off, rune int
	}{
		{``, keyEmpty, 0, 0},
		{`   `, keyEmpty, 0, 0},
		{long, keyTooLong, MaxLength, MaxLength},
		{"banjir \xff", keyInvalidUTF8, 7, 7},
		{`banjir "kota jambi`, keyUnclosedQuote, 7, 7},
		{`"banjir é`, keyUnclosedQuote, 0, 0},
		{`é banjir "jambi`, keyUnclosedQuote, 10, 9},
		{`ééé (banjir`, keyUnclosedParen, 7, 4},
		{`banjir (`, keyUnclosedParen, 7, 7},
		{`(`, keyUnclosedParen, 0, 0},
		{`banjir)`, keyUnmatchedParen, 6, 6},
		{`)`, keyUnmatchedParen, 0, 0},
		{`banjir ()`, keyEmptyGroup, 7, 7},
		{`banjir ""`, keyEmptyPhrase, 7, 7},
		{`banjir AND`, keyMissingOperand, 7, 7},
		{`banjir OR`, keyMissingOperand, 7, 7},
		{`banjir NOT`, keyMissingOperand, 7, 7},
		{`AND banjir`, keyUnexpectedOperator, 0, 0},
		{`(OR banjir)`, keyUnexpectedOperator, 1, 1},
		{`banjir - jambi`, keyDanglingMinus, 7, 7},
		{`banjir -`, keyDanglingMinus, 7, 7},
		{`banjir~2`, keyUnexpectedTilde, 6, 6},
		{`:banjir`, keyColon, 0, 0},
		{`penulis:budi`, keyUnknownField, 0, 0},
		{`é https://x.id`, keyUnknownField, 3, 2},
		{`title: banjir`, keyMissingValue, 0, 0},
		{`banjir source:`, keyMissingValue, 7, 7},
		{`title:-banjir`, keyMinusAfterField, 6, 6},
		{`title:(source:kompas)`, keyNestedField, 7, 7},
		{`banjir sentiment:marah`, keyBadValue, 17, 17},
		{`banjir type:koran`, keyBadValue, 12, 12},
		{`banjir region:1571`, keyBadRegion, 14, 14},
		{`banjir lang:indonesia`, keyBadLang, 12, 12},
		{`banjir date:2026-13-01`, keyBadDate, 12, 12},
		{`banjir date:2026-13`, keyBadDate, 12, 12},
		{`banjir date:202`, keyBadDate, 12, 12},
		{`banjir date:2026-1`, keyBadDate, 12, 12},
		{`banjir date:2026-02..2026-01`, keyDateOrder, 12, 12},
		{`banjir date:>now-7x`, keyBadDate, 12, 12},
		{`banjir date:now-7d`, keyBadDate, 12, 12},
		{`banjir date:"2026-01-01"`, keyBadDate, 12, 12},
		{`banjir date:2026-02-01..2026-01-01`, keyDateOrder, 12, 12},
		{`banjir date:now..now-7d`, keyDateOrder, 12, 12},
		{`banjir date:2026-01-15T12:00`, keyBadDate, 12, 12},
		{`banjir date:>2026-01-15T24:00`, keyBadDate, 12, 12},
		{`banjir date:>2026-01-15T9:00`, keyBadDate, 12, 12},
		{`banjir date:>2026-01-15T`, keyBadDate, 12, 12},
		{`banjir date:2026-01-15T15:00..2026-01-15T12:00`, keyDateOrder, 12, 12},
		{`ba*jir`, keyBadWildcard, 2, 2},
		{`ba*`, keyPrefixTooShort, 0, 0},
		{`é*`, keyPrefixTooShort, 0, 0},
		{`banjir source:komp*`, keyWildcardInFilter, 18, 18},
		{`"banjir jambi"~`, keyBadProximity, 14, 14},
		{`"banjir jambi"~0`, keyBadProximity, 14, 14},
		{`"banjir jambi"~101`, keyBadProximity, 14, 14},
		{`"banjir"~3`, keyProximityOneWord, 0, 0},
		{`banjir region:"kota jambi"~2`, keyProximityInFilter, 14, 14},
		{`-banjir`, keyOnlyNegative, 0, 0},
		{`NOT banjir -longsor`, keyOnlyNegative, 0, 0},
		{`-source:kompas`, keyOnlyNegative, 0, 0},
		{`title:(-banjir)`, keyOnlyNegative, 0, 0},
		{`banjir OR -longsor`, keyNegativeInOr, 10, 10},
		{`jambi (banjir OR NOT longsor)`, keyNegativeInOr, 17, 17},
		{deep, keyTooDeep, MaxDepth, MaxDepth},
		{tooMany, keyTooManyTerms, 2 * MaxTerms, 2 * MaxTerms},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%.40q) error = %v, want %s", tt.in, err, tt.key)
			continue
		}
		if e.Key != tt.key || e.Offset != tt.off || e.Rune != tt.rune {
			t.Errorf("Parse(%.40q) error = %s at byte %d rune %d, want %s at %d, %d (%v)",
				tt.in, e.Key, e.Offset, e.Rune, tt.key, tt.off, tt.rune, e)
		}
		if _, ok := Messages[e.Key]; !ok {
			t.Errorf("Parse(%.40q) error key %q has no message", tt.in, e.Key)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := Parse(`banjir "kota jambi`)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse error = %v, want *Error", err)
	}
	if got, want := e.Message("id"), "Tanda kutip pembuka di posisi 8 tidak ditutup."; got != want {
		t.Errorf(`Message("id") = %q, want %q`, got, want)
	}
	if got, want := e.Error(), "query: The opening quote at position 8 is not closed."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := Mark(`banjir "kota jambi`, e), "banjir \"kota jambi\n       ^"; got != want {
		t.Errorf("Mark = %q, want %q", got, want)
	}
}

func TestMark(t *testing.T) {
	tests := []struct {
		q    string
		off  int
		want string
	}{
		{`é (banjir`, 3, "é (banjir\n  ^"},
		{"a\tb", 2, "a\tb\n \t^"},
		{"a\nb c)", 5, "b c)\n   ^"},
		{"abc", 3, "abc\n   ^"},
	}
	for _, tt := range tests {
		if got := Mark(tt.q, &Error{Offset: tt.off}); got != tt.want {
			t.Errorf("Mark(%q, %d) = %q, want %q", tt.q, tt.off, got, tt.want)
		}
	}
}

// TestMessages checks that every key has both texts, with the same
// placeholders, and that {0} (the position) is in each.
func TestMessages(t *testing.T) {
	for key, m := range Messages {
		if m.ID == "" || m.EN == "" {
			t.Errorf("Messages[%q] lacks a text", key)
		}
		if !strings.Contains(m.ID, "{0}") && key != keyEmpty {
			t.Errorf("Messages[%q].ID lacks the position {0}", key)
		}
		for i := range 5 {
			ph := "{" + string(rune('0'+i)) + "}"
			if strings.Contains(m.ID, ph) != strings.Contains(m.EN, ph) {
				t.Errorf("Messages[%q]: placeholder %s in one language only", key, ph)
			}
		}
	}
}

func TestMessageArgs(t *testing.T) {
	_, err := Parse(`banjir type:{3}`)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse error = %v, want *Error", err)
	}
	want := "Unknown value {3} for type at position 13. Allowed values: news, social, print, tv, radio, blog, forum, video."
	if got := e.Message("en"); got != want {
		t.Errorf(`Message("en") = %q, want %q`, got, want)
	}
}

func TestMessageNumbers(t *testing.T) {
	e := ErrorAt("banjir OR mem*", 10, KeyPrefixTooBroad, "mem", 2000)
	if got, want := e.Message("id"), "Awalan mem* di posisi 11 cocok dengan lebih dari 2.000 kata"; !strings.HasPrefix(got, want) {
		t.Errorf("Message(id) = %q, want it to begin %q", got, want)
	}
	if got, want := e.Message("en"), "The prefix mem* at position 11 matches more than 2,000 words"; !strings.HasPrefix(got, want) {
		t.Errorf("Message(en) = %q, want it to begin %q", got, want)
	}
	for _, tt := range []struct {
		n      int
		id, en string
	}{{7, "7", "7"}, {999, "999", "999"}, {4096, "4.096", "4,096"}, {-1234567, "-1.234.567", "-1,234,567"}} {
		if got := groupDigits(tt.n, false); got != tt.id {
			t.Errorf("groupDigits(%d, id) = %q, want %q", tt.n, got, tt.id)
		}
		if got := groupDigits(tt.n, true); got != tt.en {
			t.Errorf("groupDigits(%d, en) = %q, want %q", tt.n, got, tt.en)
		}
	}
}
