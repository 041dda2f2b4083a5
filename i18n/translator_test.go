package i18n

import (
	"errors"
	"math"
	"testing"
)

func TestT(t *testing.T) {
	c := loadFixture(t,
		`{
			"greet": "Halo, {0}!",
			"count": "{0} berita dari {1} media",
			"swap": "{1} lalu {0}",
			"twice": "{0} dan {0}",
			"ratio": "Rasio {0}",
			"plain": "Tanpa argumen",
			"odd": "{} {x} {-1} {+0} {00000} {{0}} {0",
			"only.id": "Hanya Indonesia {0}"
		}`,
		`{
			"greet": "Hello, {0}!",
			"count": "{0} stories from {1} outlets",
			"swap": "{1} then {0}",
			"twice": "{0} and {0}",
			"ratio": "Ratio {0}",
			"plain": "No arguments",
			"odd": "{} {x} {-1} {+0} {00000} {{0}} {0"
		}`)
	tests := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{ID, "greet", []any{"Budi"}, "Halo, Budi!"},
		{EN, "greet", []any{"Budi"}, "Hello, Budi!"},
		{ID, "count", []any{12345, 3}, "12.345 berita dari 3 media"},
		{EN, "count", []any{12345, 3}, "12,345 stories from 3 outlets"},
		{ID, "count", []any{int64(-1234567), uint8(7)}, "-1.234.567 berita dari 7 media"},
		{EN, "count", []any{uint64(math.MaxUint64), uint(1000)}, "18,446,744,073,709,551,615 stories from 1,000 outlets"},
		{ID, "count", []any{int8(-8), int16(1600)}, "-8 berita dari 1.600 media"},
		{EN, "count", []any{int32(32000), uint32(4000000)}, "32,000 stories from 4,000,000 outlets"},
		{ID, "count", []any{uint16(65535), math.MinInt64}, "65.535 berita dari -9.223.372.036.854.775.808 media"},
		{ID, "ratio", []any{1234.5}, "Rasio 1.234,5"},
		{EN, "ratio", []any{1234.5}, "Ratio 1,234.5"},
		{ID, "ratio", []any{float32(0.1)}, "Rasio 0,1"},
		{EN, "ratio", []any{math.Inf(-1)}, "Ratio -∞"},
		{ID, "ratio", []any{errors.New("gagal")}, "Rasio gagal"},
		{ID, "ratio", []any{true}, "Rasio true"},
		{ID, "ratio", []any{nil}, "Rasio <nil>"},
		{ID, "swap", []any{"a", "b"}, "b lalu a"},
		{EN, "twice", []any{"x"}, "x and x"},
		{ID, "greet", []any{"{0}"}, "Halo, {0}!"},      // an argument is not substituted again
		{ID, "greet", []any{"A", "extra"}, "Halo, A!"}, // extra arguments are ignored
		{ID, "greet", nil, "Halo, {0}!"},               // a missing argument stays visible
		{ID, "count", []any{1}, "1 berita dari {1} media"},
		{ID, "plain", []any{1}, "Tanpa argumen"},
		{ID, "odd", []any{"Z"}, "{} {x} {-1} {+0} {00000} {Z} {0"},
		{EN, "only.id", []any{2000}, "Hanya Indonesia 2,000"}, // Indonesian message, English number
		{ID, "no.such.key", nil, "[[no.such.key]]"},
		{EN, "no.such.key", []any{1}, "[[no.such.key]]"},
		{EN, "", nil, "[[]]"},
	}
	for _, tt := range tests {
		if got := c.Translator(tt.lang).T(tt.key, tt.args...); got != tt.want {
			t.Errorf("Translator(%q).T(%q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

// TestZeroTranslator checks that a Translator nobody initialised still
// answers instead of panicking in a template.
func TestZeroTranslator(t *testing.T) {
	for _, tr := range []*Translator{nil, {}} {
		if got, want := tr.T("app.name"), "[[app.name]]"; got != want {
			t.Errorf("(%#v).T(%q) = %q, want %q", tr, "app.name", got, want)
		}
		if got, want := tr.Lang(), Default; got != want {
			t.Errorf("(%#v).Lang() = %q, want %q", tr, got, want)
		}
		if got, want := tr.Number(1234), "1.234"; got != want {
			t.Errorf("(%#v).Number(1234) = %q, want %q", tr, got, want)
		}
	}
}

func BenchmarkT(b *testing.B) {
	tr := loadFixture(b, `{"count": "{0} berita dari {1} media"}`, `{}`).Translator(EN)
	for b.Loop() {
		tr.T("count", 12345, "Kompas")
	}
}
