package testenv

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// SMTPServer is a real SMTP server on loopback (github.com/emersion/go-smtp)
// that keeps what it receives, for tests of what Sinergi e-mails.
type SMTPServer struct {
	Addr string // host:port

	server   *smtp.Server
	listener net.Listener

	mu       sync.Mutex
	received []*Received
	refuse   int           // how many more messages to refuse with 451
	arrived  chan struct{} // signalled at each message
}

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
	// Header is the parsed header; Text and HTML the decoded bodies.
	Header     netmail.Header
	Text, HTML string
	// Attachments maps file names to their decoded content.
	Attachments map[string][]byte
}

// SMTP starts a loopback SMTP server for the test, stopped at its end.
func SMTP(t testing.TB) *SMTPServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testenv: SMTP listen: %v", err)
	}
	s := &SMTPServer{Addr: l.Addr().String(), listener: l, arrived: make(chan struct{}, 1)}
	s.server = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s}, nil }))
	s.server.Domain = "localhost"
	s.server.MaxMessageBytes = 32 << 20
	s.server.AllowInsecureAuth = true
	s.server.ReadTimeout, s.server.WriteTimeout = 30*time.Second, 30*time.Second
	go s.server.Serve(l)
	t.Cleanup(func() { s.server.Close() })
	return s
}

// URL returns the server's address as Sinergi's --smtp-url takes it.
func (s *SMTPServer) URL() string { return "smtp://" + s.Addr + "?tls=none" }

// Refuse makes the server answer the next n messages with a temporary
// failure (451), as a server that is down for a moment.
func (s *SMTPServer) Refuse(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = n
}

// Messages returns what the server accepted so far.
func (s *SMTPServer) Messages() []*Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Received(nil), s.received...)
}

// Wait waits until the server has accepted n messages in all, failing the
// test after timeout.
func (s *SMTPServer) Wait(t testing.TB, n int, timeout time.Duration) []*Received {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("testenv: SMTP server received %d messages in %v, want %d", len(s.Messages()), timeout, n)
		}
	}
}

type smtpSession struct {
	s    *SMTPServer
	from string
	to   []string
}

func (ss *smtpSession) Reset()        { ss.from, ss.to = "", nil }
func (ss *smtpSession) Logout() error { return nil }

func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := ss.s
	s.mu.Lock()
	if s.refuse > 0 {
		s.refuse--
		s.mu.Unlock()
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "coba lagi nanti / try again later"}
	}
	s.mu.Unlock()
	rec, err := parseReceived(ss.from, ss.to, data)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: err.Error()}
	}
	s.mu.Lock()
	s.received = append(s.received, rec)
	s.mu.Unlock()
	select {
	case s.arrived <- struct{}{}:
	default:
	}
	return nil
}

// parseReceived reads a message's header and decodes its parts.
func parseReceived(from string, to []string, data []byte) (*Received, error) {
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	rec := &Received{From: from, To: to, Data: data, Header: m.Header, Attachments: map[string][]byte{}}
	err = rec.walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Header.Get("Content-Disposition"), m.Body)
	return rec, err
}

// walk decodes a part, descending into multiparts.
func (rec *Received) walk(contentType, encoding, disposition string, body io.Reader) error {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := rec.walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"),
				p.Header.Get("Content-Disposition"), p); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if _, dp, err := mime.ParseMediaType(disposition); err == nil && dp["filename"] != "" {
		rec.Attachments[dp["filename"]] = data
		return nil
	}
	switch mediaType {
	case "text/plain":
		rec.Text += string(data)
	case "text/html":
		rec.HTML += string(data)
	}
	return nil
}

// Subject returns the decoded subject.
func (rec *Received) Subject() string {
	s, err := new(mime.WordDecoder).DecodeHeader(rec.Header.Get("Subject"))
	if err != nil {
		return rec.Header.Get("Subject")
	}
	return s
}
