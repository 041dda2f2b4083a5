package auth

import (
	"strings"
	"testing"
)

func TestHashPassword(t *testing.T) {
	h := HashPassword("kata-sandi-panjang")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("HashPassword = %q, want a PHC argon2id string with the OWASP parameters", h)
	}
	if h == HashPassword("kata-sandi-panjang") {
		t.Error("HashPassword gave the same hash twice: the salt is not random")
	}
	tests := []struct {
		encoded, password string
		ok                bool
		wantErr           bool
	}{
		{h, "kata-sandi-panjang", true, false},
		{h, "kata-sandi-panjang ", false, false},
		{h, "", false, false},
		{"$2a$10$abcdefghijklmnopqrstuv", "x", false, true},
		{"$argon2id$v=18$m=19456,t=2,p=1$c2FsdA$aGFzaA", "x", false, true},
		{"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdA$aGFzaA", "x", false, true},
		{"$argon2id$v=19$m=19456,t=2,p=1$!!$aGFzaA", "x", false, true},
		{"", "x", false, true},
	}
	for _, tt := range tests {
		ok, err := CheckPassword(tt.encoded, tt.password)
		if ok != tt.ok || (err != nil) != tt.wantErr {
			t.Errorf("CheckPassword(%.30q, %q) = %v, %v; want %v, error %v", tt.encoded, tt.password, ok, err, tt.ok, tt.wantErr)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		p := GeneratePassword()
		if len(p) != 16 || strings.ContainsAny(p, "0O1lI") {
			t.Fatalf("GeneratePassword = %q, want 16 characters without look-alikes", p)
		}
		if seen[p] {
			t.Fatalf("GeneratePassword repeated %q", p)
		}
		seen[p] = true
		if err := validatePassword(p, "admin"); err != nil {
			t.Fatalf("GeneratePassword = %q fails the password rules: %v", p, err)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		password, username, wantKey string
	}{
		{"pendek", "budi", "user.error.password_short"},
		{"budi-12345678", "budi", "user.error.password_username"},
		{strings.Repeat("a", 257), "budi", "user.error.password_long"},
		{"kata sandi yang cukup panjang", "budi", ""},
		{"ümlautümlaut", "budi", ""},
	}
	for _, tt := range tests {
		err := validatePassword(tt.password, tt.username)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if (tt.wantKey == "") != (err == nil) || tt.wantKey != "" && !strings.Contains(got, tt.wantKey) {
			t.Errorf("validatePassword(%.20q, %q) = %v, want %q", tt.password, tt.username, err, tt.wantKey)
		}
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		HashPassword("kata-sandi-panjang")
	}
}

// FuzzCheckPassword feeds stored hashes that may have been damaged or
// forged: CheckPassword must never panic, never take unbounded memory
// (parameters are capped) and never accept a password for a malformed hash.
func FuzzCheckPassword(f *testing.F) {
	f.Add(HashPassword("kata-sandi-panjang"), "kata-sandi-panjang")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "x")
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$", "")
	f.Add("$argon2id$v=19$m=4294967295,t=4294967295,p=255$c2FsdA$aGFzaA", "x")
	f.Fuzz(func(t *testing.T, encoded, password string) {
		ok, err := CheckPassword(encoded, password)
		if err != nil && ok {
			t.Fatalf("CheckPassword(%q) = true with error %v", encoded, err)
		}
	})
}
