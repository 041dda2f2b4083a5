package audit

import (
	"reflect"
	"testing"
	"time"
)

func sampleEntry() *Entry {
	return &Entry{
		Seq: 7, Time: time.Date(2026, 11, 23, 2, 30, 0, 123456000, time.UTC), ActorID: 3, ActorName: "admin",
		AgencyID: 2, AgencyPath: "/1/2/", Action: "user.create", TargetType: "user", TargetID: "9",
		Summary: "audit.summary.user_create", SummaryArgs: []string{"analis", "analis", "TERBATAS"}, Address: "192.0.2.7", PrevHash: "abc",
	}
}

// TestHashOfCoversEveryField changes each field in turn: the hash must
// change, so no stored field can be edited unnoticed.
func TestHashOfCoversEveryField(t *testing.T) {
	base := HashOf(sampleEntry())
	if len(base) != 64 {
		t.Fatalf("HashOf = %q, want 64 hex digits", base)
	}
	typ := reflect.TypeOf(Entry{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "Hash" {
			continue
		}
		e := sampleEntry()
		v := reflect.ValueOf(e).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "x")
		case reflect.Int64:
			v.SetInt(v.Int() + 1)
		case reflect.Struct:
			e.Time = e.Time.Add(time.Microsecond)
		case reflect.Slice:
			e.SummaryArgs = append(e.SummaryArgs, "x")
		default:
			t.Fatalf("field %s of kind %s not covered by this test", f.Name, v.Kind())
		}
		if HashOf(e) == base {
			t.Errorf("changing Entry.%s does not change HashOf", f.Name)
		}
	}
}

func TestHashOfSeparatesFields(t *testing.T) {
	a, b := sampleEntry(), sampleEntry()
	a.TargetType, a.TargetID = "us", "er9"
	b.TargetType, b.TargetID = "user", "9"
	if HashOf(a) == HashOf(b) {
		t.Error("HashOf does not separate adjacent fields")
	}
	d, f := sampleEntry(), sampleEntry()
	d.SummaryArgs = []string{"a", "b"}
	f.SummaryArgs = []string{"ab"}
	if HashOf(d) == HashOf(f) {
		t.Error("HashOf does not separate summary arguments")
	}
	c := sampleEntry()
	c.Time = c.Time.In(time.FixedZone("WIB", 7*3600))
	if HashOf(c) != HashOf(sampleEntry()) {
		t.Error("HashOf depends on the time zone of the same instant")
	}
}

func BenchmarkHashOf(b *testing.B) {
	e := sampleEntry()
	for b.Loop() {
		HashOf(e)
	}
}
