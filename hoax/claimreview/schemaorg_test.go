package claimreview

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/hoax"
)

// The schema.org definitions the export is checked against are a subset
// of the vocabulary's N-Quads, testdata/schemaorg.nq (see
// testdata/SOURCE.md). It was extracted by this file: with the full
// schema.nq of the npm package @zazuko/rdf-vocabularies,
//
//	go test ./hoax/claimreview -run TestSchemaOrgExport -schemaorg=/path/to/ontologies/schema.nq
//
// keeps, for the terms in schemaTerms and every superclass of them, the
// quads that say what a term is (rdf:type), its superclasses
// (rdfs:subClassOf), a property's domainIncludes and rangeIncludes, and
// whether it is pending or retired (isPartOf) or superseded (supersededBy); labels and
// comments are dropped.
var schemaSource = flag.String("schemaorg", "", "regenerate testdata/schemaorg.nq from this full schema.org N-Quads file")

// schemaTerms are the types and properties the export may use, and the
// data types of literal values. A new term in Marshal or Feed must be
// added here and the fixture regenerated.
var schemaTerms = []string{
	"ClaimReview", "Claim", "CreativeWork", "Rating", "Organization", "DataFeed", "DataFeedItem",
	"Text", "URL", "Date", "DateTime", "Number", "Integer",
	"url", "name", "claimReviewed", "reviewBody", "itemReviewed", "reviewRating", "author", "publisher",
	"datePublished", "dateModified", "dateCreated", "inLanguage", "citation", "firstAppearance",
	"appearance", "ratingValue", "bestRating", "worstRating", "alternateName", "dataFeedElement", "item",
}

const (
	sdo     = "http://schema.org/"
	rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	subOf   = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
)

// quadRE reads the subject, predicate and IRI object of an N-Quad;
// literal objects do not match and are not needed.
var quadRE = regexp.MustCompile(`^<([^>]+)> <([^>]+)> <([^>]+)>`)

// schema is what the fixture defines.
type schema struct {
	classes map[string]bool
	super   map[string][]string
	domain  map[string][]string
	rng     map[string][]string
	retired map[string]bool
}

func loadSchema(t *testing.T, path string) *schema {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := &schema{classes: map[string]bool{}, super: map[string][]string{}, domain: map[string][]string{}, rng: map[string][]string{}, retired: map[string]bool{}}
	for _, line := range strings.Split(string(b), "\n") {
		m := quadRE.FindStringSubmatch(line)
		if m == nil || !strings.HasPrefix(m[1], sdo) {
			continue
		}
		subj, obj := strings.TrimPrefix(m[1], sdo), strings.TrimPrefix(m[3], sdo)
		switch m[2] {
		case rdfType:
			if obj == "http://www.w3.org/2000/01/rdf-schema#Class" || obj == "DataType" {
				s.classes[subj] = true
			}
		case subOf:
			s.super[subj] = append(s.super[subj], obj)
		case sdo + "domainIncludes":
			s.domain[subj] = append(s.domain[subj], obj)
		case sdo + "rangeIncludes":
			s.rng[subj] = append(s.rng[subj], obj)
		case sdo + "isPartOf":
			// Pending terms (Claim, appearance) are schema.org's and what
			// Google reads; retired ones (attic) are not to be used.
			if strings.Contains(obj, "attic") {
				s.retired[subj] = true
			}
		case sdo + "supersededBy":
			s.retired[subj] = true
		}
	}
	return s
}

// isA reports whether class c is class d or one of its subclasses.
func (s *schema) isA(c, d string) bool {
	if c == d {
		return true
	}
	for _, p := range s.super[c] {
		if s.isA(p, d) {
			return true
		}
	}
	return false
}

func (s *schema) anyIsA(c string, ds []string) bool {
	return slices.ContainsFunc(ds, func(d string) bool { return s.isA(c, d) })
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// literalType is the schema.org data type of a JSON literal.
func literalType(v any) string {
	switch v := v.(type) {
	case float64:
		if v == float64(int64(v)) {
			return "Integer"
		}
		return "Number"
	case string:
		if dateRE.MatchString(v) {
			return "Date"
		}
		if _, err := time.Parse(time.RFC3339, v); err == nil {
			return "DateTime"
		}
		if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
			return "URL"
		}
		return "Text"
	}
	return fmt.Sprintf("%T", v)
}

// check validates a JSON-LD value of an object of type typ against the
// schema: each @type a class, each property defined on the type or a
// supertype, each value of a type the property's range allows.
func (s *schema) check(t *testing.T, path string, obj map[string]any) {
	t.Helper()
	typ, _ := obj["@type"].(string)
	if !s.classes[typ] || s.retired[typ] {
		t.Errorf("%s: @type %q is not a schema.org type (or is retired)", path, typ)
		return
	}
	for k, v := range obj {
		if k == "@type" || k == "@context" {
			continue
		}
		at := path + "." + k
		if _, ok := s.domain[k]; !ok || s.retired[k] {
			t.Errorf("%s: %q is not a schema.org property (or is retired)", at, k)
			continue
		}
		if !s.anyIsA(typ, s.domain[k]) {
			t.Errorf("%s: %s is not in the domain of %s (%v)", at, typ, k, s.domain[k])
		}
		values, ok := v.([]any)
		if !ok {
			values = []any{v}
		}
		for i, e := range values {
			at := fmt.Sprintf("%s[%d]", at, i)
			if o, ok := e.(map[string]any); ok {
				vt, _ := o["@type"].(string)
				if !s.anyIsA(vt, s.rng[k]) {
					t.Errorf("%s: a %s is not in the range of %s (%v)", at, vt, k, s.rng[k])
				}
				s.check(t, at, o)
				continue
			}
			lt := literalType(e)
			if !s.anyIsA(lt, s.rng[k]) && !(lt == "URL" && s.anyIsA("Text", s.rng[k])) {
				t.Errorf("%s: %q (%s) is not in the range of %s (%v)", at, e, lt, k, s.rng[k])
			}
		}
	}
}

// publicClaim is a claim as the registry would publish it.
func publicClaim() *hoax.Claim {
	return &hoax.Claim{
		ID: 7, Classification: access.Publik, Published: true,
		Key:         "https://turnbackhoax.id/2026/01/05/salah-contoh/",
		Title:       "Vaksin Mengandung Cip Pelacak",
		Claim:       "Beredar pesan berantai: vaksin berisi cip pelacak 5G.",
		Summary:     "Faktanya, vaksin tidak berisi cip apa pun.",
		Explanation: "Penjelasan panjang.",
		Verdict:     hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH", Score: 0},
		FactChecker: "TurnBackHoax (Mafindo)",
		URL:         "https://turnbackhoax.id/2026/01/05/salah-contoh/",
		Sources:     []string{"WhatsApp", "https://facebook.com/post/1", "https://x.com/a/status/2"},
		References:  []string{"https://who.int/vaksin", "Keterangan Kemenkes"},
		FirstSeen:   time.Date(2026, 1, 3, 0, 0, 0, 0, wib),
		Reviewed:    time.Date(2026, 1, 5, 9, 30, 0, 0, wib),
		Lang:        "id",
		Created:     time.Date(2026, 1, 6, 1, 0, 0, 0, time.UTC),
		Updated:     time.Date(2026, 1, 7, 1, 0, 0, 0, time.UTC),
		AgencyName:  "Diskominfo Provinsi Contoh",
	}
}

func TestSchemaOrgExport(t *testing.T) {
	if *schemaSource != "" {
		extractSchema(t, *schemaSource, "testdata/schemaorg.nq")
	}
	s := loadSchema(t, "testdata/schemaorg.nq")
	for _, term := range schemaTerms {
		if !s.classes[term] && s.domain[term] == nil {
			t.Fatalf("fixture lacks %q: regenerate it (see the comment on schemaSource)", term)
		}
	}
	c := publicClaim()
	one, err := Marshal(c, "https://sinergi.example/tangkal/7")
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	other := publicClaim()
	other.ID, other.FactChecker, other.Sources, other.References, other.FirstSeen = 8, "", nil, nil, time.Time{}
	hidden := publicClaim()
	hidden.Classification = access.Terbatas
	feed, err := Feed([]*hoax.Claim{c, hidden, other}, func(c *hoax.Claim) string { return fmt.Sprintf("https://sinergi.example/tangkal/%d", c.ID) },
		"https://sinergi.example/tangkal/claimreview.json", time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("Feed: %v", err)
	}
	for name, doc := range map[string][]byte{"Marshal": one, "Feed": feed} {
		var obj map[string]any
		if err := json.Unmarshal(doc, &obj); err != nil {
			t.Fatalf("%s output is not JSON: %v\n%s", name, err, doc)
		}
		if obj["@context"] != "https://schema.org" {
			t.Errorf("%s: @context = %v", name, obj["@context"])
		}
		s.check(t, name, obj)
	}
	var f struct{ DataFeedElement []any }
	if err := json.Unmarshal(feed, &f); err != nil || len(f.DataFeedElement) != 2 {
		t.Errorf("Feed has %d elements (err %v), want the 2 public claims", len(f.DataFeedElement), err)
	}
}

// extractSchema writes the fixture from the full vocabulary (see
// schemaSource).
func extractSchema(t *testing.T, src, dst string) {
	full := loadSchema(t, src)
	keep := map[string]bool{}
	var add func(term string)
	add = func(term string) {
		if keep[term] {
			return
		}
		keep[term] = true
		for _, p := range full.super[term] {
			add(p)
		}
	}
	for _, term := range schemaTerms {
		add(term)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString("# Subset of the schema.org vocabulary (CC BY-SA 3.0, schema.org); see SOURCE.md.\n")
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var lines []string
	for sc.Scan() {
		m := quadRE.FindStringSubmatch(sc.Text())
		if m == nil || !keep[strings.TrimPrefix(m[1], sdo)] {
			continue
		}
		switch m[2] {
		case rdfType, subOf, sdo + "domainIncludes", sdo + "rangeIncludes", sdo + "isPartOf", sdo + "supersededBy":
			lines = append(lines, sc.Text())
		}
	}
	slices.Sort(lines)
	out.WriteString(strings.Join(lines, "\n") + "\n")
	if err := os.WriteFile(dst, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
