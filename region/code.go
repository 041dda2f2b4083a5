package region

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sinergi-id/sinergi"
)

// Code is a kode wilayah as published by Kemendagri: "PP" for a province,
// "PP.KK" for a kabupaten or kota (KK of 71 and above is a kota), "PP.KK.CC"
// for a kecamatan and "PP.KK.CC.NNNN" for a desa or kelurahan. ParseCode
// makes one from user input; the methods of a malformed Code return zero
// values rather than panic.
type Code string

// Level is the tier of a region in the administrative hierarchy. The zero
// Level belongs to no valid code.
type Level int

// The four levels, from the top.
const (
	Province Level = iota + 1 // provinsi
	Regency                   // kabupaten or kota
	District                  // kecamatan (distrik in Papua)
	Village                   // desa or kelurahan
)

// String returns the level's name as used in the source data: "provinsi",
// "kabupaten_kota", "kecamatan" or "desa_kelurahan".
func (l Level) String() string {
	switch l {
	case Province:
		return "provinsi"
	case Regency:
		return "kabupaten_kota"
	case District:
		return "kecamatan"
	case Village:
		return "desa_kelurahan"
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

// codeLen is the length of a code of each level, indexed by Level.
func codeLen(l Level) int {
	switch l {
	case Province:
		return 2
	case Regency:
		return 5
	case District:
		return 8
	case Village:
		return 13
	}
	return 0
}

// ParseCode parses a kode wilayah. It accepts the dotted form ("15.71.01")
// and, because many forms and spreadsheets drop the dots, the bare digits
// of the same code ("157101"); surrounding spaces are ignored. It checks
// the shape only (2, 2, 2 and 4 digits, no part all zeros), not whether the
// region exists: use Gazetteer.Lookup for that. The error is of kind
// sinergi.KindInvalid.
func ParseCode(s string) (Code, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ".") {
		s = dotted(s)
	}
	c := Code(s)
	if reason := c.problem(); reason != "" {
		return "", fmt.Errorf("region: parse code %q: %s: %w", s, reason,
			&sinergi.Error{Kind: sinergi.KindInvalid, Key: "region.code.invalid", Args: []any{s}})
	}
	return c, nil
}

// dotted inserts the dots into a code written as bare digits. A string of
// any other length is returned unchanged for problem to reject.
func dotted(s string) string {
	switch len(s) {
	case 4:
		return s[:2] + "." + s[2:]
	case 6:
		return s[:2] + "." + s[2:4] + "." + s[4:]
	case 10:
		return s[:2] + "." + s[2:4] + "." + s[4:6] + "." + s[6:]
	}
	return s
}

// problem says what is wrong with the shape of c, or "" if nothing is.
func (c Code) problem() string {
	s := string(c)
	switch len(s) {
	case 2, 5, 8, 13:
	default:
		return "want PP, PP.KK, PP.KK.CC or PP.KK.CC.NNNN"
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			if s[i] < '0' || s[i] > '9' {
				return "want digits and dots only"
			}
			continue
		}
		part := s[start:i]
		want := 2
		if start == 9 {
			want = 4
		}
		if len(part) != want {
			return "want PP, PP.KK, PP.KK.CC or PP.KK.CC.NNNN"
		}
		if strings.Trim(part, "0") == "" {
			return "part " + part + " is all zeros"
		}
		start = i + 1
	}
	return ""
}

// Level returns the level the code's shape implies, or 0 if c is malformed.
func (c Code) Level() Level {
	if c.problem() != "" {
		return 0
	}
	switch len(c) {
	case 2:
		return Province
	case 5:
		return Regency
	case 8:
		return District
	}
	return Village
}

// Province returns the code of the province c lies in (c itself for a
// province), or "" if c is malformed.
func (c Code) Province() Code {
	if c.Level() == 0 {
		return ""
	}
	return c[:2]
}

// Parent returns the code of the region directly above c, or "" for a
// province or a malformed code.
func (c Code) Parent() Code {
	l := c.Level()
	if l <= Province {
		return ""
	}
	return c[:codeLen(l-1)]
}

// isCity reports whether c is a kota: a regency code whose KK part is 71 or
// more. Kabupaten are numbered from 01, kota from 71.
func (c Code) isCity() bool {
	return c.Level() == Regency && c[3:] >= "71"
}
