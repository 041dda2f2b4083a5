package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sinergi-id/sinergi"
)

// loadTest loads the embedded catalogs or stops the test.
func loadTest(t testing.TB) *Catalogs {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	return c
}

// loadFixture loads catalogs from the given id.json and en.json texts.
func loadFixture(t testing.TB, id, en string) *Catalogs {
	t.Helper()
	c, err := load(fixture(id, en))
	if err != nil {
		t.Fatalf("load(fixture) error: %v", err)
	}
	return c
}

func TestCatalogsHaveSameKeys(t *testing.T) {
	c := loadTest(t)
	for _, l := range Langs {
		for _, k := range c.Missing(l) {
			t.Errorf("catalog/%s.json lacks key %q of catalog/id.json", l, k)
		}
		for _, k := range c.Extra(l) {
			t.Errorf("catalog/%s.json has key %q that catalog/id.json lacks", l, k)
		}
	}
}

var placeholderRE = regexp.MustCompile(`\{[0-9]+\}`)

// TestCatalogsHaveSamePlaceholders catches a translation that drops or
// invents an argument.
func TestCatalogsHaveSamePlaceholders(t *testing.T) {
	c := loadTest(t)
	ref := c.Translator(Default)
	for _, l := range Langs {
		tr := c.Translator(l)
		for _, k := range c.Keys(l) {
			want := placeholders(ref.T(k))
			if got := placeholders(tr.T(k)); !slices.Equal(got, want) {
				t.Errorf("catalog/%s.json key %q has placeholders %q, catalog/id.json has %q", l, k, got, want)
			}
		}
	}
}

// placeholders returns the distinct placeholders of msg, sorted.
func placeholders(msg string) []string {
	p := placeholderRE.FindAllString(msg, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

func TestCatalogsHaveNoEmptyMessages(t *testing.T) {
	c := loadTest(t)
	for _, l := range Langs {
		tr := c.Translator(l)
		for _, k := range c.Keys(l) {
			if strings.TrimSpace(tr.T(k)) == "" {
				t.Errorf("catalog/%s.json key %q has an empty message", l, k)
			}
		}
	}
}

// TestErrorKindsHaveMessages checks that every sinergi error kind has the
// generic message the web layer shows for it.
func TestErrorKindsHaveMessages(t *testing.T) {
	c := loadTest(t)
	kinds := []sinergi.Kind{
		sinergi.KindNotFound, sinergi.KindInvalid, sinergi.KindForbidden,
		sinergi.KindConflict, sinergi.KindUnavailable, sinergi.KindInternal,
	}
	for _, l := range Langs {
		keys := c.Keys(l)
		for _, k := range kinds {
			if key := "error." + string(k); !slices.Contains(keys, key) {
				t.Errorf("catalog/%s.json lacks key %q for error kind %q", l, key, k)
			}
		}
	}
}

func TestCommonMessages(t *testing.T) {
	c := loadTest(t)
	tests := []struct {
		lang Lang
		key  string
		want string
	}{
		{ID, "app.name", "Sinergi"},
		{EN, "app.name", "Sinergi"},
		{ID, "lang.id", "Bahasa Indonesia"},
		{EN, "lang.id", "Bahasa Indonesia"},
		{ID, "lang.en", "English"},
		{ID, "error.not_found", "Halaman atau data tidak ditemukan."},
		{ID, "error.internal", "Terjadi kesalahan di server. Kejadian ini telah dicatat."},
		{EN, "error.not_found", "The page or data was not found."},
	}
	for _, tt := range tests {
		if got := c.Translator(tt.lang).T(tt.key); got != tt.want {
			t.Errorf("Translator(%q).T(%q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	c := loadFixture(t, `{"b": "B", "a": "A", "c.d": "CD"}`, `{"c.d": "cd", "a": "a"}`)
	tests := []struct {
		lang Lang
		want []string
	}{
		{ID, []string{"a", "b", "c.d"}},
		{EN, []string{"a", "c.d"}},
		{"fr", nil},
	}
	for _, tt := range tests {
		if got := c.Keys(tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestMissingExtra(t *testing.T) {
	c := loadFixture(t,
		`{"a": "A", "b": "B", "d": "D", "c": "C"}`,
		`{"a": "a", "x": "x", "c": "c", "w": "w"}`)
	tests := []struct {
		call string
		got  []string
		want []string
	}{
		{"Missing(en)", c.Missing(EN), []string{"b", "d"}},
		{"Extra(en)", c.Extra(EN), []string{"w", "x"}},
		{"Missing(id)", c.Missing(ID), nil},
		{"Extra(id)", c.Extra(ID), nil},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s = %q, want %q", tt.call, tt.got, tt.want)
		}
	}
}

func TestLoadRejectsBrokenCatalogs(t *testing.T) {
	const good = `{"a": "A"}`
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr string
	}{
		{"invalid JSON", fixture(`{"a": "A",}`, good), "catalog/id.json"},
		{"truncated", fixture(good, `{"a": "A"`), "catalog/en.json"},
		{"not an object", fixture(`["a"]`, good), "not a JSON object"},
		{"number message", fixture(`{"a": 1}`, good), `key "a"`},
		{"nested object", fixture(`{"a": {"b": "B"}}`, good), `key "a"`},
		{"duplicate key", fixture(`{"a": "A", "a": "B"}`, good), `duplicate key "a"`},
		{"empty key", fixture(good, `{"": "A"}`), "empty key"},
		{"trailing data", fixture(good, `{"a": "A"} {}`), "after the catalog"},
		{"empty file", fixture("", good), "catalog/id.json"},
		{"missing file", fstest.MapFS{"catalog/id.json": {Data: []byte(good)}}, "en.json"},
	}
	for _, tt := range tests {
		_, err := load(tt.fsys)
		if err == nil {
			t.Errorf("load(%s) = nil error, want one", tt.name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "i18n: ") || !strings.Contains(msg, tt.wantErr) {
			t.Errorf("load(%s) error = %q, want it to start with \"i18n: \" and contain %q", tt.name, msg, tt.wantErr)
		}
	}
}

// fixture returns a file system holding the given id.json and en.json.
func fixture(id, en string) fstest.MapFS {
	return fstest.MapFS{
		"catalog/id.json": {Data: []byte(id)},
		"catalog/en.json": {Data: []byte(en)},
	}
}

func TestTranslatorLang(t *testing.T) {
	c := loadTest(t)
	tests := []struct {
		in, want Lang
	}{
		{ID, ID},
		{EN, EN},
		{"fr", Default},
		{"", Default},
	}
	for _, tt := range tests {
		if got := c.Translator(tt.in).Lang(); got != tt.want {
			t.Errorf("Translator(%q).Lang() = %q, want %q", tt.in, got, tt.want)
		}
	}
}
