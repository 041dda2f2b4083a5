package storetest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store"
)

// services are the domain services over one store, as cmd/sinergi wires them.
type services struct {
	log      *audit.Log
	agencies *agency.Service
	auth     *auth.Service
	network  *network.Service
}

func newServices(t *testing.T, db *store.DB) services {
	t.Helper()
	gaz, err := region.Load()
	if err != nil {
		t.Fatalf("region.Load: %v", err)
	}
	log := audit.NewLog(db, sinergi.SystemClock{})
	agencies := agency.NewService(db, gaz, log)
	return services{
		log:      log,
		agencies: agencies,
		auth:     auth.NewService(db, agencies, log, sinergi.SystemClock{}),
		network:  network.NewService(db, agencies, log),
	}
}

// testServiceScenarios runs the business rules end to end on the engine:
// the stories an administrator and an analyst live through.
func testServiceScenarios(t *testing.T, db *store.DB) {
	svc := newServices(t, db)
	console := access.SystemActor()

	// The console creates the network's root and one province from the
	// gazetteer; the province's administrator creates a kota under it.
	root := &agency.Agency{Name: "Pusat Penerangan Kemendagri", ShortName: "Puspen Kemendagri", Kind: agency.Kementerian}
	if err := svc.agencies.Create(t.Context(), console, root); err != nil {
		t.Fatalf("Create(root): %v", err)
	}
	jambi, err := svc.agencies.CreateFromRegion(t.Context(), console, "15", root.ID)
	if err != nil {
		t.Fatalf("CreateFromRegion(15): %v", err)
	}
	if jambi.Name != "Humas Pemerintah Provinsi Jambi" || jambi.Kind != agency.Provinsi || jambi.TimeZone != region.WIB {
		t.Errorf("CreateFromRegion(15) = %+v", jambi)
	}
	aceh, err := svc.agencies.CreateFromRegion(t.Context(), console, "11", root.ID)
	if err != nil {
		t.Fatalf("CreateFromRegion(11): %v", err)
	}
	adminJambi := mustCreateUser(t, svc, console, jambi.ID, "admin.jambi", access.Administrator, access.Rahasia)
	kota, err := svc.agencies.CreateFromRegion(t.Context(), adminJambi.Actor(), "15.71", 0)
	if err != nil {
		t.Fatalf("CreateFromRegion(15.71) by the province's administrator: %v", err)
	}
	if kota.ParentID != jambi.ID || kota.Kind != agency.Kota {
		t.Errorf("CreateFromRegion(15.71) parent %d kind %s, want parent %d (the province's agency), kind kota", kota.ParentID, kota.Kind, jambi.ID)
	}
	_, err = svc.agencies.CreateFromRegion(t.Context(), adminJambi.Actor(), "11.01", aceh.ID)
	wantKind(t, "CreateFromRegion(under another province) by Jambi's administrator", err, sinergi.KindForbidden)
	_, err = svc.agencies.CreateFromRegion(t.Context(), console, "15.71", jambi.ID)
	wantKind(t, "CreateFromRegion(15.71) twice", err, sinergi.KindConflict)
	_, err = svc.agencies.CreateFromRegion(t.Context(), console, "15.71.01", jambi.ID)
	wantKind(t, "CreateFromRegion(kecamatan)", err, sinergi.KindInvalid)
	wit, err := svc.agencies.CreateFromRegion(t.Context(), console, "91", root.ID)
	if err != nil || wit.TimeZone != region.WIT {
		t.Errorf("CreateFromRegion(91 Papua) = %+v, %v; want time zone WIT", wit, err)
	}
	err = svc.agencies.Create(t.Context(), console, &agency.Agency{ParentID: root.ID, Name: "Salah", Kind: agency.Kota, RegionCode: "15"})
	wantKind(t, "Create(kota with a province code)", err, sinergi.KindInvalid)

	// Accounts: clearance is never granted above one's own.
	adminKota := mustCreateUser(t, svc, adminJambi.Actor(), kota.ID, "admin.kota", access.Administrator, access.Terbatas)
	_, err = svc.auth.CreateUser(t.Context(), adminKota.Actor(), auth.NewUser{AgencyID: kota.ID, Username: "rahasia.kota",
		Name: "Tinggi", Role: access.Analis, Clearance: access.Rahasia, Password: "kata-sandi-panjang-1"})
	wantKind(t, "CreateUser(clearance above own)", err, sinergi.KindForbidden)
	_, err = svc.auth.CreateUser(t.Context(), adminKota.Actor(), auth.NewUser{AgencyID: jambi.ID, Username: "naik",
		Name: "Naik", Role: access.Staf, Password: "kata-sandi-panjang-1"})
	wantKind(t, "CreateUser(in the agency above)", err, sinergi.KindForbidden)
	_, err = svc.auth.CreateUser(t.Context(), console, auth.NewUser{AgencyID: kota.ID, Username: "pendek",
		Name: "Pendek", Role: access.Staf, Password: "pendek"})
	wantKind(t, "CreateUser(short password)", err, sinergi.KindInvalid)
	_, err = svc.auth.CreateUser(t.Context(), console, auth.NewUser{AgencyID: kota.ID, Username: "admin.kota",
		Name: "Ganda", Role: access.Staf, Password: "kata-sandi-panjang-1"})
	wantKind(t, "CreateUser(taken username)", err, sinergi.KindConflict)
	analis := mustCreateUser(t, svc, adminJambi.Actor(), jambi.ID, "analis.jambi", access.Analis, access.Terbatas)

	// Sign-in: the right password starts a session; a wrong one is refused
	// with the same message as an unknown account; a disabled account is
	// refused and its sessions end.
	token, sess, u, err := svc.auth.Login(t.Context(), auth.Credentials{Username: "Analis.Jambi", Password: "kata-sandi-panjang-1", Address: "192.0.2.1"})
	if err != nil || u.ID != analis.ID || sess.CSRFToken == "" {
		t.Fatalf("Login(analis.jambi) = %v, %v", u, err)
	}
	if _, got, err := svc.auth.Authenticate(t.Context(), token); err != nil || got.ID != analis.ID {
		t.Fatalf("Authenticate = %v, %v", got, err)
	}
	token2, _, _, err := svc.auth.Login(t.Context(), auth.Credentials{Username: "analis.jambi", Password: "kata-sandi-panjang-1", OldSessionID: sess.ID})
	if err != nil {
		t.Fatalf("second Login: %v", err)
	}
	if _, _, err := svc.auth.Authenticate(t.Context(), token); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("Authenticate(old token after a new login) err = %v, want NotFound (session rotated)", err)
	}
	_, _, _, errWrong := svc.auth.Login(t.Context(), auth.Credentials{Username: "analis.jambi", Password: "salah-salah-salah"})
	_, _, _, errUnknown := svc.auth.Login(t.Context(), auth.Credentials{Username: "tidak.ada", Password: "salah-salah-salah"})
	for _, e := range []error{errWrong, errUnknown} {
		if key, _, _ := sinergi.MessageOf(e); key != "login.error.invalid" {
			t.Errorf("Login(wrong) err = %v, want login.error.invalid", e)
		}
	}
	if _, err := svc.auth.SetDisabled(t.Context(), adminKota.Actor(), analis.ID, true); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("SetDisabled by the kota's administrator of a province account err = %v, want NotFound", err)
	}
	if _, err := svc.auth.SetDisabled(t.Context(), adminJambi.Actor(), analis.ID, true); err != nil {
		t.Fatalf("SetDisabled: %v", err)
	}
	if _, _, err := svc.auth.Authenticate(t.Context(), token2); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("Authenticate after disable err = %v, want NotFound", err)
	}
	_, _, _, err = svc.auth.Login(t.Context(), auth.Credentials{Username: "analis.jambi", Password: "kata-sandi-panjang-1"})
	if key, _, _ := sinergi.MessageOf(err); key != "login.error.invalid" {
		t.Errorf("Login(disabled) err = %v, want login.error.invalid", err)
	}
	if _, err := svc.auth.SetDisabled(t.Context(), adminJambi.Actor(), analis.ID, false); err != nil {
		t.Fatalf("SetDisabled(false): %v", err)
	}
	for i := range auth.MaxFailuresPerAccount {
		_, _, _, err = svc.auth.Login(t.Context(), auth.Credentials{Username: "admin.kota", Password: fmt.Sprint("salah-", i)})
	}
	_, _, _, err = svc.auth.Login(t.Context(), auth.Credentials{Username: "admin.kota", Password: "kata-sandi-panjang-1"})
	if key, _, _ := sinergi.MessageOf(err); key != "login.error.rate_limited" {
		t.Errorf("Login after %d failures err = %v, want login.error.rate_limited", auth.MaxFailuresPerAccount, err)
	}

	// Classified key messages: the TERBATAS analyst of the province sees
	// their agency's TERBATAS line and the kota's, but not their agency's
	// RAHASIA line nor Aceh's TERBATAS one; they get NotFound, as for a
	// message that does not exist.
	msgs := map[string]*network.KeyMessage{
		"jambi/RAHASIA":  {AgencyID: jambi.ID, Classification: access.Rahasia},
		"jambi/TERBATAS": {AgencyID: jambi.ID, Classification: access.Terbatas},
		"kota/TERBATAS":  {AgencyID: kota.ID, Classification: access.Terbatas},
		"aceh/TERBATAS":  {AgencyID: aceh.ID, Classification: access.Terbatas},
		"aceh/PUBLIK":    {AgencyID: aceh.ID, Classification: access.Publik},
	}
	for name, m := range msgs {
		m.Title, m.Body = "Pesan "+name, "Isi pesan kunci "+name
		if err := svc.network.Create(t.Context(), console, m); err != nil {
			t.Fatalf("Create key message %s: %v", name, err)
		}
	}
	analisActor := analis.Actor()
	for name, want := range map[string]bool{"jambi/RAHASIA": false, "jambi/TERBATAS": true, "kota/TERBATAS": true, "aceh/TERBATAS": false, "aceh/PUBLIK": true} {
		_, err := svc.network.Find(t.Context(), analisActor, msgs[name].ID)
		if got := err == nil; got != want {
			t.Errorf("as a TERBATAS analyst of Jambi, Find(%s): err = %v, want visible=%v", name, err, want)
		}
		if err != nil && !errors.Is(err, sinergi.ErrNotFound) {
			t.Errorf("as a TERBATAS analyst of Jambi, Find(%s) err = %v, want NotFound", name, err)
		}
	}
	list, n, err := svc.network.List(t.Context(), analisActor, network.Filter{})
	if err != nil || n != 3 || len(list) != 3 {
		t.Errorf("List as the analyst = %d messages (total %d), %v; want 3", len(list), n, err)
	}
	// The kota's administrator (TERBATAS) reads the province's TERBATAS
	// guidance, down the line, but not its RAHASIA one nor Aceh's.
	kotaActor := adminKota.Actor()
	for name, want := range map[string]bool{"jambi/RAHASIA": false, "jambi/TERBATAS": true, "kota/TERBATAS": true, "aceh/TERBATAS": false} {
		_, err := svc.network.Find(t.Context(), kotaActor, msgs[name].ID)
		if got := err == nil; got != want {
			t.Errorf("as the kota's TERBATAS administrator, Find(%s): err = %v, want visible=%v", name, err, want)
		}
	}
	if _, n, err := svc.network.List(t.Context(), kotaActor, network.Filter{}); err != nil || n != 3 {
		t.Errorf("List as the kota's administrator = %d, %v; want 3", n, err)
	}
	err = svc.network.Create(t.Context(), analisActor, &network.KeyMessage{Title: "Rahasia", Body: "x", Classification: access.Rahasia})
	wantKind(t, "Create(RAHASIA above the analyst's clearance)", err, sinergi.KindForbidden)

	// Everything above is in the audit log, and the chain holds.
	entries, _, err := svc.log.Find(t.Context(), audit.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Action] = true
	}
	for _, action := range []string{"agency.create", "user.create", "auth.login", "auth.login.failure", "auth.login.blocked", "user.disable", "user.enable", "keymessage.create"} {
		if !seen[action] {
			t.Errorf("audit log has no %s entry", action)
		}
	}
	if rep, err := svc.log.Verify(t.Context()); err != nil || !rep.OK {
		t.Errorf("Verify = %+v, %v; want OK", rep, err)
	}
}

func mustCreateUser(t *testing.T, svc services, actor access.Actor, agencyID int64, username string, role access.Role, clearance access.Level) *auth.User {
	t.Helper()
	u, err := svc.auth.CreateUser(t.Context(), actor, auth.NewUser{AgencyID: agencyID, Username: username,
		Name: "Nama " + username, Role: role, Clearance: clearance, Password: "kata-sandi-panjang-1"})
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", username, err)
	}
	return u
}
