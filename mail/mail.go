// Package mail sends e-mail over SMTP (github.com/wneessen/go-mail): the
// alerts of saved searches, their confirmations, and any other message the
// program sends (the leadership brief with its PDF). One Sender is built
// from the operator's --smtp-url and --mail-from; a Message says what to
// send: recipients, subject, a text and an HTML body, extra headers (such
// as List-Unsubscribe) and attachments. Every send has a deadline and
// limits, and its errors say which step failed.
package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Limits of one message.
const (
	// MaxRecipients is how many addresses one message goes to.
	MaxRecipients = 50
	// MaxSize is the most the bodies and attachments of a message may
	// weigh together, before encoding: servers commonly refuse more than
	// 25 MB once base64 has grown it by a third.
	MaxSize = 15 << 20
	// MaxSubject is the longest subject, in bytes.
	MaxSubject = 998
	// MaxAttachments is how many files one message carries.
	MaxAttachments = 20
)

// DefaultTimeout bounds one send when the context sets no earlier
// deadline: the connection, the greeting, TLS, authentication and the
// transfer together.
const DefaultTimeout = 30 * time.Second

// Message is one e-mail to send.
type Message struct {
	To      []string // addresses, "budi@example.id" or "Budi <budi@example.id>"
	Subject string
	Text    string // the plain text body; required
	HTML    string // the HTML alternative; optional
	// Header holds extra headers, such as List-Unsubscribe and
	// List-Unsubscribe-Post (RFC 8058). The headers the Sender writes
	// itself (From, To, Subject, Date, Message-ID, MIME) may not be set.
	Header map[string]string
	// Attachments are files sent with the message.
	Attachments []Attachment
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string // the file name the recipient sees
	ContentType string // "application/pdf"
	Data        []byte
}

// Security says how the connection to the SMTP server is protected.
type Security string

// The securities, chosen by the URL's tls parameter.
const (
	StartTLS Security = "starttls" // plain connection upgraded by STARTTLS (mandatory); port 587 by default
	TLS      Security = "tls"      // TLS from the first byte (SMTPS); port 465 by default
	NoTLS    Security = "none"     // no encryption: a relay on the same machine or network, or tests; port 25 by default
)

// Config is the Sender's configuration, read from a URL by ParseURL.
type Config struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	Security Security
	From     string // the From address of every message
	Timeout  time.Duration
}

// ParseURL reads smtp://user:pass@host:587?tls=starttls|tls|none and the
// From address into a Config. The password may be percent-encoded.
func ParseURL(raw, from string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Config{}, fmt.Errorf("mail: SMTP URL: %w", err)
	}
	if u.Scheme != "smtp" && u.Scheme != "smtps" {
		return Config{}, fmt.Errorf("mail: SMTP URL: scheme %q, want smtp://", u.Scheme)
	}
	if u.Hostname() == "" {
		return Config{}, errors.New("mail: SMTP URL: no host")
	}
	c := Config{Host: u.Hostname(), Security: StartTLS, Timeout: DefaultTimeout}
	if u.Scheme == "smtps" {
		c.Security = TLS
	}
	if v := u.Query().Get("tls"); v != "" {
		c.Security = Security(v)
	}
	switch c.Security {
	case StartTLS:
		c.Port = 587
	case TLS:
		c.Port = 465
	case NoTLS:
		c.Port = 25
	default:
		return Config{}, fmt.Errorf("mail: SMTP URL: tls=%q, want starttls, tls or none", c.Security)
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port <= 0 || c.Port > 65535 {
			return Config{}, fmt.Errorf("mail: SMTP URL: port %q", p)
		}
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return Config{}, fmt.Errorf("mail: From address %q: %w", from, err)
	}
	c.From = addr.String()
	return c, nil
}

// Sender sends messages through one SMTP server. It keeps no connection
// between sends, so it is safe for concurrent use.
type Sender struct {
	cfg Config
}

// New returns a Sender from an SMTP URL and a From address.
func New(rawURL, from string) (*Sender, error) {
	cfg, err := ParseURL(rawURL, from)
	if err != nil {
		return nil, err
	}
	return NewSender(cfg), nil
}

// NewSender returns a Sender with cfg.
func NewSender(cfg Config) *Sender {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &Sender{cfg: cfg}
}

// From returns the From address of the Sender's messages.
func (s *Sender) From() string { return s.cfg.From }

// Addr returns the SMTP server's host:port, for logs and messages.
func (s *Sender) Addr() string {
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
}

// reserved are the headers the Sender writes itself.
var reserved = map[string]bool{"From": true, "To": true, "Cc": true, "Bcc": true, "Subject": true, "Date": true,
	"Message-Id": true, "Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true}

// Check reports what is wrong with a message before anything is sent.
func Check(m *Message) error {
	switch {
	case len(m.To) == 0:
		return errors.New("mail: no recipient")
	case len(m.To) > MaxRecipients:
		return fmt.Errorf("mail: %d recipients, at most %d", len(m.To), MaxRecipients)
	case strings.TrimSpace(m.Subject) == "":
		return errors.New("mail: no subject")
	case len(m.Subject) > MaxSubject || strings.ContainsAny(m.Subject, "\r\n"):
		return errors.New("mail: subject too long or on several lines")
	case m.Text == "":
		return errors.New("mail: no text body")
	case len(m.Attachments) > MaxAttachments:
		return fmt.Errorf("mail: %d attachments, at most %d", len(m.Attachments), MaxAttachments)
	}
	for _, to := range m.To {
		if _, err := netmail.ParseAddress(to); err != nil {
			return fmt.Errorf("mail: recipient %q: %w", to, err)
		}
	}
	size := len(m.Text) + len(m.HTML)
	for name, v := range m.Header {
		canonical := textproto.CanonicalMIMEHeaderKey(name)
		if reserved[canonical] || name == "" || strings.ContainsAny(name, " :\r\n") || strings.ContainsAny(v, "\r\n") {
			return fmt.Errorf("mail: header %q may not be set", name)
		}
		size += len(name) + len(v)
	}
	for _, a := range m.Attachments {
		if a.Name == "" || strings.ContainsAny(a.Name, "/\\\r\n\"") || a.ContentType == "" {
			return fmt.Errorf("mail: attachment %q: a plain file name and a content type are required", a.Name)
		}
		size += len(a.Data)
	}
	if size > MaxSize {
		return fmt.Errorf("mail: message of %d bytes, at most %d", size, MaxSize)
	}
	return nil
}

// Send sends one message. It returns when the server has accepted it, or
// with an error naming the step that failed (build, connect, send); the
// context's deadline, or DefaultTimeout, bounds the whole exchange.
func (s *Sender) Send(ctx context.Context, m *Message) error {
	if err := Check(m); err != nil {
		return err
	}
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	timeout := s.cfg.Timeout
	if deadline, ok := ctx.Deadline(); ok {
		timeout = max(time.Until(deadline), time.Millisecond)
	}
	client, err := s.client(timeout)
	if err != nil {
		return err
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send to %s via %s: %w", strings.Join(m.To, ", "), s.Addr(), err)
	}
	return nil
}

// build turns a Message into go-mail's.
func (s *Sender) build(m *Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("mail: From %q: %w", s.cfg.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("mail: To: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	for name, v := range m.Header {
		msg.SetGenHeader(gomail.Header(textproto.CanonicalMIMEHeaderKey(name)), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	return msg, nil
}

// client returns a go-mail client for one send, each of its network
// steps bounded by timeout.
func (s *Sender) client(timeout time.Duration) (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(timeout)}
	switch s.cfg.Security {
	case TLS:
		opts = append(opts, gomail.WithSSL())
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client for %s: %w", s.Addr(), err)
	}
	return c, nil
}
