package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/sinergi-id/sinergi/hoax/claimreview"
)

// routes registers every route and wraps them in the middleware every
// request passes through, outermost first:
//
//	observe          request context, logging, metrics, panic recovery
//	securityHeaders  CSP, nosniff, referrer policy, frame denial
//	limitBody        at most maxBodyBytes of request body
//	cross-origin     http.CrossOriginProtection (Sec-Fetch-Site / Origin)
//	root mux         static assets, /healthz, /metrics, WebSub callbacks, and the pages:
//	  withRequest    user, session, language, time zone
//	  checkCSRF      the form token of every state-changing request
//	  app mux        the pages
func (s *Server) routes() http.Handler {
	app := http.NewServeMux()
	s.app = app
	page := func(pattern string, h http.HandlerFunc) { s.handle(app, pattern, h) }
	user := func(pattern string, h http.HandlerFunc) { s.handle(app, pattern, s.signedIn(h)) }

	page("GET /{$}", s.handleRoot)
	page("GET /masuk", s.handleLoginForm)
	page("POST /masuk", s.handleLogin)
	page("POST /bahasa", s.handleLanguage)
	user("POST /keluar", s.handleLogout)

	user("GET /dasbor", s.handleDashboard)
	for _, m := range moduleList() {
		if !m.Built {
			user("GET "+m.Path, s.handleModulePlaceholder(m))
		}
	}
	user("GET /pantau", s.handleArchiveSearch)
	user("GET /pantau/pencarian", s.handleSavedSearchList)
	user("GET /pantau/pencarian/baru", s.handleSavedSearchNew)
	user("GET "+agencyWebhookPath, s.handleAgencyWebhook)
	user("POST "+agencyWebhookPath, s.handleAgencyWebhookSave)
	user("POST /pantau/pencarian", s.handleSavedSearchCreate)
	user("GET /pantau/pencarian/{id}", s.handleSavedSearchView)
	user("GET /pantau/pencarian/{id}/ubah", s.handleSavedSearchEdit)
	user("POST /pantau/pencarian/{id}", s.handleSavedSearchUpdate)
	user("POST /pantau/pencarian/{id}/hapus", s.handleSavedSearchDelete)
	user("GET /pantau/sumber", s.handleSourceList)
	user("GET /pantau/sumber/baru", s.handleSourceNew)
	user("POST /pantau/sumber", s.handleSourceCreate)
	user("GET /pantau/sumber/{id}", s.handleSourceView)
	user("GET /pantau/sumber/{id}/ubah", s.handleSourceEdit)
	user("POST /pantau/sumber/{id}", s.handleSourceUpdate)
	user("POST /pantau/sumber/{id}/jeda", s.handleSourcePause)
	user("POST /pantau/sumber/{id}/lanjutkan", s.handleSourceResume)
	user("GET /pantau/kesehatan", s.handleFeedHealth)
	user("GET /pantau/pipeline", s.handlePipeline)
	user("GET /pantau/isu", s.handleIssueList)
	user("GET /pantau/isu/{id}", s.handleIssueView)
	user("POST /pantau/isu/{id}/koreksi", s.handleIssueCorrect)
	user("GET /pantau/dasbor", s.handlePantauDashboard)
	user("GET /pantau/brief", s.handleBriefList)
	user("POST /pantau/brief", s.handleBriefCreate)
	user("GET /pantau/brief/{id}", s.handleBriefView)
	user("GET /sinergi", s.handleNetwork)

	user("GET /instansi", s.handleAgencyList)
	user("GET /instansi/baru", s.handleAgencyNew)
	user("POST /instansi", s.handleAgencyCreate)
	user("POST /instansi/wilayah", s.handleAgencyCreateFromRegion)
	user("GET /instansi/{id}", s.handleAgencyView)
	user("GET /instansi/{id}/ubah", s.handleAgencyEdit)
	user("POST /instansi/{id}", s.handleAgencyUpdate)

	user("GET /pengguna", s.handleUserList)
	user("GET /pengguna/baru", s.handleUserNew)
	user("POST /pengguna", s.handleUserCreate)
	user("POST /pengguna/{id}/nonaktifkan", s.handleUserDisable)
	user("POST /pengguna/{id}/aktifkan", s.handleUserEnable)

	user("GET /sinergi/pesan", s.handleKeyMessageList)
	user("GET /sinergi/pesan/baru", s.handleKeyMessageNew)
	user("POST /sinergi/pesan", s.handleKeyMessageCreate)
	user("GET /sinergi/pesan/{id}", s.handleKeyMessageView)

	user("GET /audit", s.handleAuditList)

	user("GET /notifikasi", s.handleNotificationList)
	user("POST /notifikasi/baca", s.handleNotificationsRead)

	user("GET /profil", s.handleProfile)
	user("POST /profil/sandi", s.handleProfilePassword)
	user("POST /profil/bahasa", s.handleProfileLanguage)

	// Tangkal: the analysts' registry (tangkal.go, the forms that write it
	// in tangkal_edit.go) and the public hoax
	// check and hoax pages, open to anyone (tangkal_public.go).
	user("GET /tangkal", s.handleTangkalList)
	user("GET "+tangkalNewPath, s.handleTangkalNewForm)
	user("POST "+tangkalNewPath, s.handleTangkalCreate)
	user("GET "+tangkalImportPath, s.handleTangkalImportForm)
	user("POST "+tangkalImportPath, s.handleTangkalImport)
	user("GET /tangkal/klaim/{id}", s.handleClaimView)
	user("POST /tangkal/klaim/{id}", s.handleClaimUpdate)
	user("POST /tangkal/klaim/{id}/persetujuan", s.handleClaimApprove)
	user("GET /tangkal/cek", s.handleTangkalCheckForm)
	user("POST /tangkal/cek", s.handleTangkalCheck)
	page("GET "+hoaxCheckPath, s.handleHoaxCheckForm)
	page("POST "+hoaxCheckPath, s.handleHoaxCheck)
	page("GET "+publicHoaxesPath, s.handlePublicHoaxes)
	page("GET "+publicHoaxesPath+"/{id}", s.handlePublicHoax)
	page("GET "+claimreview.FeedPath, s.handleHoaxFeed)

	page("/", s.handleNotFound)

	root := http.NewServeMux()
	s.handle(root, "GET /static/{name}", s.handleStatic)
	s.handle(root, "GET /healthz", s.handleHealth)
	s.handle(root, "GET /metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}).ServeHTTP)
	s.handle(root, "GET /websub/{feed}", s.handleWebSubVerify)
	s.handle(root, "POST /websub/{feed}", s.handleWebSubDeliver)
	// The e-mails' confirm and unsubscribe links: public, the token in
	// the path is the permission, so no session and no form token (web/mail.go).
	s.handle(root, "GET /surel/konfirmasi/{token}", s.withRequest(http.HandlerFunc(s.handleMailConfirmForm)).ServeHTTP)
	s.handle(root, "POST /surel/konfirmasi/{token}", s.withRequest(http.HandlerFunc(s.handleMailConfirm)).ServeHTTP)
	s.handle(root, "GET /surel/berhenti/{token}", s.withRequest(http.HandlerFunc(s.handleMailUnsubscribeForm)).ServeHTTP)
	s.handle(root, "POST /surel/berhenti/{token}", s.withRequest(http.HandlerFunc(s.handleMailUnsubscribe)).ServeHTTP)
	root.Handle("/", s.withRequest(s.checkCSRF(app)))

	cop := http.NewCrossOriginProtection()
	// RFC 8058: a mail client may make the one-click POST from anywhere.
	cop.AddInsecureBypassPattern("POST /surel/berhenti/{token}")
	cop.SetDenyHandler(http.HandlerFunc(s.handleCrossOrigin))
	return s.observe(securityHeaders(limitBody(cop.Handler(root))))
}

// handle registers h under pattern and labels its requests with the
// pattern, for the metrics and the request log.
func (s *Server) handle(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	s.patterns = append(s.patterns, pattern)
	mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rc := requestOf(r); rc != nil {
			rc.route = pattern
		}
		h(w, r)
	}))
}
