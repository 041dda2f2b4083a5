package source

import "testing"

func TestDomain(t *testing.T) {
	for in, want := range map[string]string{
		"www.Kompas.com":      "kompas.com",
		"regional.kompas.com": "regional.kompas.com",
		"jambiprov.go.id.":    "jambiprov.go.id",
		"WWW.tempo.co":        "tempo.co",
	} {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCollection(t *testing.T) {
	for in, want := range map[string]string{
		"Berita Daerah":     "berita-daerah",
		"  media   daerah ": "media-daerah",
		"jambi":             "jambi",
		"":                  "",
	} {
		if got := Collection(in); got != want {
			t.Errorf("Collection(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWebURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"HTTPS://WWW.Kompas.com/Read/1#comments", "https://www.kompas.com/Read/1", true},
		{" http://jambiprov.go.id/feed ", "http://jambiprov.go.id/feed", true},
		{"ftp://x.id/feed", "", false},
		{"javascript:alert(1)", "", false},
		{"https://user:pass@x.id/", "", false},
		{"https:///nohost", "", false},
		{"x.id/feed", "", false},
	}
	for _, tt := range tests {
		u, err := webURL(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("webURL(%q) err = %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && u.String() != tt.want {
			t.Errorf("webURL(%q) = %q, want %q", tt.in, u, tt.want)
		}
	}
}
