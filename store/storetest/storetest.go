// Package storetest is the conformance suite every storage engine passes:
// store/sqlite and store/postgres call Run from their tests, each on a real,
// freshly migrated database, so the two engines behave alike.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store"
)

// Opener returns a new, empty, migrated store for one test. It registers
// its own cleanup.
type Opener func(t *testing.T) *store.DB

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, *store.DB)
	}{
		{"AgencyCreateFind", testAgencyCreateFind},
		{"ArchiveSearch", testArchiveSearch},
		{"ArchiveAccess", testArchiveAccess},
		{"ArchiveAgreement", testArchiveAgreement},
		{"ArchiveDateBounds", testArchiveDateBounds},
		{"ArchiveRankAdjacent", testArchiveRankAdjacent},
		{"ArchiveFilterNames", testArchiveFilterNames},
		{"ArchiveReanalyse", testArchiveReanalyse},
		{"Leases", testLeases},
		{"ArchiveAnalysisVersion", testArchiveAnalysisVersion},
		{"ArchiveImportAllOrNothing", testArchiveImportAllOrNothing},
		{"DashboardCounts", testDashboardCounts},
		{"Sources", testSources},
		{"AgencyTreeMove", testAgencyTreeMove},
		{"AgencyConflict", testAgencyConflict},
		{"AgencyFilter", testAgencyFilter},
		{"UserCRUD", testUserCRUD},
		{"Sessions", testSessions},
		{"AuditChain", testAuditChain},
		{"AuditTamperEdit", testAuditTamperEdit},
		{"AuditTamperArgs", testAuditTamperArgs},
		{"AuditTamperDelete", testAuditTamperDelete},
		{"AuditTamperTruncate", testAuditTamperTruncate},
		{"AuditConcurrentAppends", testAuditConcurrent},
		{"ServiceScenarios", testServiceScenarios},
		{"NotFoundKinds", testNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }

func mustAgency(t *testing.T, db *store.DB, parent int64, name string, kind agency.Kind, code region.Code) *agency.Agency {
	t.Helper()
	a := &agency.Agency{ParentID: parent, Name: name, Kind: kind, RegionCode: code, TimeZone: region.TimeZoneOf(code)}
	if code == "" {
		a.TimeZone = region.WIB
	}
	if err := db.CreateAgency(ctx(t), a); err != nil {
		t.Fatalf("CreateAgency(%q): %v", name, err)
	}
	return a
}

func mustUser(t *testing.T, db *store.DB, agencyID int64, username string, role access.Role, clearance access.Level) *auth.User {
	t.Helper()
	u := &auth.User{AgencyID: agencyID, Username: username, Name: "Nama " + username, Role: role,
		Clearance: clearance, Language: "id", PasswordHash: auth.HashPassword("kata-sandi-panjang")}
	if err := db.CreateUser(ctx(t), u); err != nil {
		t.Fatalf("CreateUser(%q): %v", username, err)
	}
	return u
}

func wantKind(t *testing.T, call string, err error, kind sinergi.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want %s", call, kind)
	}
	if got := sinergi.KindOf(err); got != kind {
		t.Fatalf("%s: error kind %s (%v), want %s", call, got, err, kind)
	}
}

func testAgencyCreateFind(t *testing.T, db *store.DB) {
	root := mustAgency(t, db, 0, "Pusat Penerangan Kemendagri", agency.Kementerian, "")
	jambi := mustAgency(t, db, root.ID, "Biro Humas dan Protokol Setda Provinsi Jambi", agency.Provinsi, "15")
	if got, want := jambi.Path, []int64{root.ID, jambi.ID}; !equal(got, want) {
		t.Errorf("CreateAgency: Path = %v, want %v", got, want)
	}
	got, err := db.FindAgencyByID(ctx(t), jambi.ID)
	if err != nil {
		t.Fatalf("FindAgencyByID(%d): %v", jambi.ID, err)
	}
	if got.Name != jambi.Name || got.ParentID != root.ID || got.Kind != agency.Provinsi ||
		got.RegionCode != "15" || got.TimeZone != region.WIB || !equal(got.Path, jambi.Path) {
		t.Errorf("FindAgencyByID(%d) = %+v, want %+v", jambi.ID, got, jambi)
	}
	if !got.CreatedAt.Equal(jambi.CreatedAt) || got.CreatedAt.Location() != time.UTC {
		t.Errorf("FindAgencyByID: CreatedAt = %v, want %v in UTC", got.CreatedAt, jambi.CreatedAt)
	}
}

func testAgencyTreeMove(t *testing.T, db *store.DB) {
	root := mustAgency(t, db, 0, "Kemendagri", agency.Kementerian, "")
	other := mustAgency(t, db, 0, "Komdigi", agency.Kementerian, "")
	prov := mustAgency(t, db, root.ID, "Humas Provinsi Jambi", agency.Provinsi, "15")
	kota := mustAgency(t, db, prov.ID, "Bagian Humas Kota Jambi", agency.Kota, "15.71")

	moved, err := db.UpdateAgency(ctx(t), prov.ID, agency.Update{ParentID: &other.ID})
	if err != nil {
		t.Fatalf("UpdateAgency(move): %v", err)
	}
	if want := []int64{other.ID, prov.ID}; !equal(moved.Path, want) {
		t.Errorf("moved Path = %v, want %v", moved.Path, want)
	}
	k, err := db.FindAgencyByID(ctx(t), kota.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{other.ID, prov.ID, kota.ID}; !equal(k.Path, want) {
		t.Errorf("child Path after move = %v, want %v", k.Path, want)
	}
	_, err = db.UpdateAgency(ctx(t), prov.ID, agency.Update{ParentID: &kota.ID})
	wantKind(t, "UpdateAgency(move under own child)", err, sinergi.KindInvalid)

	name := "Biro Humas Provinsi Jambi"
	up, err := db.UpdateAgency(ctx(t), prov.ID, agency.Update{Name: &name})
	if err != nil || up.Name != name {
		t.Fatalf("UpdateAgency(name) = %v, %v", up, err)
	}
	under, n, err := db.FindAgencies(ctx(t), agency.Filter{Under: other.ID})
	if err != nil || n != 3 || len(under) != 3 || under[0].ID != other.ID {
		t.Errorf("FindAgencies(Under: %d) = %d agencies (total %d), %v; want 3 starting at the root", other.ID, len(under), n, err)
	}
}

func testAgencyConflict(t *testing.T, db *store.DB) {
	root := mustAgency(t, db, 0, "Kemendagri", agency.Kementerian, "")
	mustAgency(t, db, root.ID, "Diskominfo DIY", agency.Provinsi, "34")
	err := db.CreateAgency(ctx(t), &agency.Agency{ParentID: root.ID, Name: "DISKOMINFO diy", Kind: agency.Provinsi, TimeZone: region.WIB})
	wantKind(t, "CreateAgency(duplicate name under one parent)", err, sinergi.KindConflict)
	err = db.CreateAgency(ctx(t), &agency.Agency{ParentID: 99999, Name: "Yatim", Kind: agency.Lainnya, TimeZone: region.WIB})
	wantKind(t, "CreateAgency(unknown parent)", err, sinergi.KindNotFound)
	err = db.CreateAgency(ctx(t), &agency.Agency{Name: "Zona salah", Kind: agency.Lainnya, TimeZone: "GMT"})
	wantKind(t, "CreateAgency(bad time zone)", err, sinergi.KindInvalid)
}

func testAgencyFilter(t *testing.T, db *store.DB) {
	root := mustAgency(t, db, 0, "Kemendagri", agency.Kementerian, "")
	mustAgency(t, db, root.ID, "Biro Humas Setda Aceh", agency.Provinsi, "11")
	mustAgency(t, db, root.ID, "Diskominfo DIY", agency.Provinsi, "34")
	mustAgency(t, db, 0, "Divisi Humas Polri", agency.Polri, "")
	tests := []struct {
		f    agency.Filter
		want int
	}{
		{agency.Filter{}, 4},
		{agency.Filter{Query: "humas"}, 2},
		{agency.Filter{Query: "100%_"}, 0},
		{agency.Filter{Kind: agency.Provinsi}, 2},
		{agency.Filter{Parent: new(int64)}, 2},
		{agency.Filter{Parent: &root.ID}, 2},
		{agency.Filter{RegionCode: "34"}, 1},
		{agency.Filter{Limit: 1}, 4},
	}
	for _, tt := range tests {
		_, n, err := db.FindAgencies(ctx(t), tt.f)
		if err != nil || n != tt.want {
			t.Errorf("FindAgencies(%+v) total = %d, %v; want %d", tt.f, n, err, tt.want)
		}
	}
	list, _, _ := db.FindAgencies(ctx(t), agency.Filter{Limit: 1, Offset: 1})
	if len(list) != 1 {
		t.Errorf("FindAgencies(Limit 1, Offset 1) returned %d, want 1", len(list))
	}
}

func testUserCRUD(t *testing.T, db *store.DB) {
	root := mustAgency(t, db, 0, "Kemendagri", agency.Kementerian, "")
	prov := mustAgency(t, db, root.ID, "Humas Jambi", agency.Provinsi, "15")
	u := mustUser(t, db, prov.ID, "analis.jambi", access.Analis, access.Terbatas)
	got, err := db.FindUserByUsername(ctx(t), "analis.jambi")
	if err != nil {
		t.Fatalf("FindUserByUsername: %v", err)
	}
	if got.ID != u.ID || got.Role != access.Analis || got.Clearance != access.Terbatas ||
		got.AgencyName != "Humas Jambi" || !equal(got.AgencyPath, []int64{root.ID, prov.ID}) || !got.LastLoginAt.IsZero() {
		t.Errorf("FindUserByUsername = %+v", got)
	}
	err = db.CreateUser(ctx(t), &auth.User{AgencyID: prov.ID, Username: "analis.jambi", Name: "X", Role: access.Staf, Language: "id", PasswordHash: "x"})
	wantKind(t, "CreateUser(duplicate username)", err, sinergi.KindConflict)
	err = db.CreateUser(ctx(t), &auth.User{AgencyID: 424242, Username: "yatim", Name: "X", Role: access.Staf, Language: "id", PasswordHash: "x"})
	wantKind(t, "CreateUser(unknown agency)", err, sinergi.KindInvalid)

	now := time.Date(2026, 11, 23, 2, 30, 0, 123456000, time.UTC)
	disabled, clearance := true, access.Rahasia
	up, err := db.UpdateUser(ctx(t), u.ID, auth.UserUpdate{Disabled: &disabled, Clearance: &clearance, LastLoginAt: &now})
	if err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	if !up.Disabled || up.Clearance != access.Rahasia || !up.LastLoginAt.Equal(now) {
		t.Errorf("UpdateUser = %+v", up)
	}
	_, n, _ := db.FindUsers(ctx(t), auth.UserFilter{})
	_, nAll, _ := db.FindUsers(ctx(t), auth.UserFilter{IncludeDisabled: true})
	if n != 0 || nAll != 1 {
		t.Errorf("FindUsers: %d enabled, %d in all; want 0 and 1", n, nAll)
	}
	mustUser(t, db, root.ID, "admin.pusat", access.Administrator, access.Rahasia)
	_, n, _ = db.FindUsers(ctx(t), auth.UserFilter{AgencyPathPrefix: access.PathString(prov.Path), IncludeDisabled: true})
	if n != 1 {
		t.Errorf("FindUsers(subtree of province) = %d, want 1", n)
	}
	_, err = db.UpdateUser(ctx(t), 999999, auth.UserUpdate{Disabled: &disabled})
	wantKind(t, "UpdateUser(unknown)", err, sinergi.KindNotFound)
}

func testSessions(t *testing.T, db *store.DB) {
	a := mustAgency(t, db, 0, "Kemendagri", agency.Kementerian, "")
	u := mustUser(t, db, a.ID, "editor", access.Editor, access.Publik)
	now := time.Now().UTC().Truncate(time.Second)
	for i, id := range []string{"s1", "s2", "s3"} {
		s := &auth.Session{ID: id, UserID: u.ID, CSRFToken: "c" + id, CreatedAt: now, ExpiresAt: now.Add(time.Duration(i-1) * time.Hour)}
		if err := db.CreateSession(ctx(t), s); err != nil {
			t.Fatalf("CreateSession(%s): %v", id, err)
		}
	}
	s, err := db.FindSession(ctx(t), "s2")
	if err != nil || s.UserID != u.ID || s.CSRFToken != "cs2" || !s.ExpiresAt.Equal(now) {
		t.Fatalf("FindSession(s2) = %+v, %v", s, err)
	}
	if n, err := db.DeleteExpiredSessions(ctx(t), now); err != nil || n != 2 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 2", n, err)
	}
	if _, err := db.FindSession(ctx(t), "s1"); sinergi.KindOf(err) != sinergi.KindNotFound {
		t.Errorf("FindSession(expired s1) err = %v, want NotFound", err)
	}
	for _, id := range []string{"s4", "s5"} {
		_ = db.CreateSession(ctx(t), &auth.Session{ID: id, UserID: u.ID, CSRFToken: "x", CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	}
	if n, err := db.DeleteUserSessions(ctx(t), u.ID, "s5"); err != nil || n != 2 {
		t.Errorf("DeleteUserSessions(except s5) = %d, %v; want 2", n, err)
	}
	if _, err := db.FindSession(ctx(t), "s5"); err != nil {
		t.Errorf("FindSession(kept s5): %v", err)
	}
	wantKind(t, "DeleteSession(unknown)", db.DeleteSession(ctx(t), "nope"), sinergi.KindNotFound)
}

func newLog(db *store.DB) *audit.Log { return audit.NewLog(db, sinergi.SystemClock{}) }

func appendEntries(t *testing.T, log *audit.Log, n int) {
	t.Helper()
	for i := range n {
		err := log.Record(ctx(t), audit.Event{Actor: access.SystemActor(), Action: "test.append",
			TargetType: "test", TargetID: string(rune('a' + i)), Summary: "audit.summary.test", SummaryArgs: []string{"uji", "ke-" + string(rune('1'+i))}, AgencyPath: "/1/"})
		if err != nil {
			t.Fatalf("Record #%d: %v", i+1, err)
		}
	}
}

func verify(t *testing.T, log *audit.Log) audit.Report {
	t.Helper()
	rep, err := log.Verify(ctx(t))
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return rep
}

func testAuditChain(t *testing.T, db *store.DB) {
	log := newLog(db)
	if rep := verify(t, log); !rep.OK || rep.Entries != 0 {
		t.Errorf("Verify(empty) = %+v, want OK with 0 entries", rep)
	}
	appendEntries(t, log, 5)
	if rep := verify(t, log); !rep.OK || rep.Entries != 5 {
		t.Errorf("Verify = %+v, want OK with 5 entries", rep)
	}
	entries, n, err := log.Find(ctx(t), audit.Filter{Action: "test.", Limit: 2})
	if err != nil || n != 5 || len(entries) != 2 || entries[0].Seq != 5 {
		t.Fatalf("Find = %d entries, total %d, %v; want 2 newest of 5", len(entries), n, err)
	}
	if len(entries[0].SummaryArgs) != 2 || entries[0].SummaryArgs[0] != "uji" {
		t.Errorf("entry 5 SummaryArgs = %q, want [uji ke-5]", entries[0].SummaryArgs)
	}
	if entries[0].PrevHash != entries[1].Hash {
		t.Errorf("entry 5 PrevHash = %s, want hash of entry 4 %s", entries[0].PrevHash, entries[1].Hash)
	}
	if _, n, _ := log.Find(ctx(t), audit.Filter{AgencyPathPrefix: "/2/"}); n != 0 {
		t.Errorf("Find(other agency) total = %d, want 0", n)
	}
	if _, n, _ := log.Find(ctx(t), audit.Filter{Since: time.Now().Add(time.Hour)}); n != 0 {
		t.Errorf("Find(future) total = %d, want 0", n)
	}
}

func rawExec(t *testing.T, db *store.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.SQL().ExecContext(ctx(t), db.Dialect().Rebind(query), args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func testAuditTamperEdit(t *testing.T, db *store.DB) {
	log := newLog(db)
	appendEntries(t, log, 6)
	rawExec(t, db, `UPDATE audit_log SET summary = ? WHERE seq = ?`, "entri yang dipalsukan", 3)
	if rep := verify(t, log); rep.OK || rep.BrokenAt != 3 {
		t.Errorf("Verify after editing entry 3 = %+v, want broken at 3", rep)
	}
}

func testAuditTamperArgs(t *testing.T, db *store.DB) {
	log := newLog(db)
	appendEntries(t, log, 3)
	rawExec(t, db, `UPDATE audit_log SET summary_args = ? WHERE seq = ?`, `["palsu"]`, 2)
	if rep := verify(t, log); rep.OK || rep.BrokenAt != 2 {
		t.Errorf("Verify after editing the arguments of entry 2 = %+v, want broken at 2", rep)
	}
}

func testAuditTamperDelete(t *testing.T, db *store.DB) {
	log := newLog(db)
	appendEntries(t, log, 6)
	rawExec(t, db, `DELETE FROM audit_log WHERE seq = ?`, 4)
	if rep := verify(t, log); rep.OK || rep.BrokenAt != 4 {
		t.Errorf("Verify after deleting entry 4 = %+v, want broken at 4", rep)
	}
}

func testAuditTamperTruncate(t *testing.T, db *store.DB) {
	log := newLog(db)
	appendEntries(t, log, 4)
	rawExec(t, db, `DELETE FROM audit_log WHERE seq = ?`, 4)
	if rep := verify(t, log); rep.OK || rep.BrokenAt != 4 {
		t.Errorf("Verify after deleting the last entry = %+v, want broken at 4", rep)
	}
}

func testAuditConcurrent(t *testing.T, db *store.DB) {
	log := newLog(db)
	const workers, each = 4, 10
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var err error
			for range each {
				if err = log.Record(ctx(t), audit.Event{Actor: access.SystemActor(), Action: "test.concurrent"}); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent Record: %v", err)
		}
	}
	if rep := verify(t, log); !rep.OK || rep.Entries != workers*each {
		t.Errorf("Verify after concurrent appends = %+v, want OK with %d entries", rep, workers*each)
	}
}

func testNotFound(t *testing.T, db *store.DB) {
	_, err := db.FindAgencyByID(ctx(t), 12345)
	if !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("FindAgencyByID(unknown) err = %v, want ErrNotFound", err)
	}
	_, err = db.FindUserByID(ctx(t), 12345)
	wantKind(t, "FindUserByID(unknown)", err, sinergi.KindNotFound)
	_, err = db.FindUserByUsername(ctx(t), "tidak-ada")
	wantKind(t, "FindUserByUsername(unknown)", err, sinergi.KindNotFound)
	_, err = db.UpdateAgency(ctx(t), 12345, agency.Update{})
	wantKind(t, "UpdateAgency(unknown)", err, sinergi.KindNotFound)
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
