package mail_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
)

func TestParseURL(t *testing.T) {
	for _, tt := range []struct {
		url, from string
		want      mail.Config
		err       string
	}{
		{url: "smtp://humas:rahasia%40123@mail.jambiprov.go.id:587?tls=starttls", from: "Sinergi <sinergi@jambiprov.go.id>",
			want: mail.Config{Host: "mail.jambiprov.go.id", Port: 587, Username: "humas", Password: "rahasia@123",
				Security: mail.StartTLS, From: `"Sinergi" <sinergi@jambiprov.go.id>`, Timeout: mail.DefaultTimeout}},
		{url: "smtp://mail.example.id?tls=tls", from: "a@example.id",
			want: mail.Config{Host: "mail.example.id", Port: 465, Security: mail.TLS, From: "<a@example.id>", Timeout: mail.DefaultTimeout}},
		{url: "smtp://127.0.0.1:2525?tls=none", from: "a@example.id",
			want: mail.Config{Host: "127.0.0.1", Port: 2525, Security: mail.NoTLS, From: "<a@example.id>", Timeout: mail.DefaultTimeout}},
		{url: "http://mail.example.id", from: "a@example.id", err: "scheme"},
		{url: "smtp://mail.example.id?tls=maybe", from: "a@example.id", err: "tls="},
		{url: "smtp://mail.example.id:99999", from: "a@example.id", err: "port"},
		{url: "smtp://mail.example.id", from: "not an address", err: "From"},
		{url: "smtp://", from: "a@example.id", err: "no host"},
	} {
		got, err := mail.ParseURL(tt.url, tt.from)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseURL(%q) = %v, want an error about %s", tt.url, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", tt.url, got, err, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	ok := func() *mail.Message {
		return &mail.Message{To: []string{"budi@example.id"}, Subject: "Peringatan", Text: "isi"}
	}
	for _, tt := range []struct {
		name   string
		change func(m *mail.Message)
		err    string
	}{
		{"valid", func(*mail.Message) {}, ""},
		{"no recipient", func(m *mail.Message) { m.To = nil }, "no recipient"},
		{"bad recipient", func(m *mail.Message) { m.To = []string{"budi"} }, "recipient"},
		{"too many", func(m *mail.Message) { m.To = make([]string, mail.MaxRecipients+1) }, "recipients"},
		{"no subject", func(m *mail.Message) { m.Subject = " " }, "subject"},
		{"header injection in subject", func(m *mail.Message) { m.Subject = "a\r\nBcc: x@y.id" }, "subject"},
		{"reserved header", func(m *mail.Message) { m.Header = map[string]string{"bcc": "x@y.id"} }, "header"},
		{"header value injection", func(m *mail.Message) { m.Header = map[string]string{"X-A": "1\r\nBcc: x@y.id"} }, "header"},
		{"no text", func(m *mail.Message) { m.Text = "" }, "text"},
		{"attachment path", func(m *mail.Message) {
			m.Attachments = []mail.Attachment{{Name: "../x.pdf", ContentType: "application/pdf"}}
		}, "attachment"},
		{"too large", func(m *mail.Message) {
			m.Attachments = []mail.Attachment{{Name: "x.pdf", ContentType: "application/pdf", Data: make([]byte, mail.MaxSize)}}
		}, "bytes"},
	} {
		m := ok()
		tt.change(m)
		err := mail.Check(m)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Check(%s) = %v, want %q", tt.name, err, tt.err)
		}
	}
}

// TestSend: a message with both bodies, extra headers and an attachment
// arrives whole at a real SMTP server; a refusal and a server that is not
// there are errors naming the server.
func TestSend(t *testing.T) {
	srv := testenv.SMTP(t)
	s, err := mail.New(srv.URL(), "Sinergi <sinergi@example.id>")
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4 laporan pimpinan")
	m := &mail.Message{To: []string{"kepala@example.id"}, Subject: "Ringkasan pagi — 23 November 2026",
		Text: "Isu yang naik: banjir.", HTML: "<p>Isu yang naik: <mark>banjir</mark>.</p>",
		Header: map[string]string{"List-Unsubscribe": "<https://sinergi.example.id/surel/berhenti/x>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
		Attachments: []mail.Attachment{{Name: "brief.pdf", ContentType: "application/pdf", Data: pdf}}}
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Wait(t, 1, 5*time.Second)[0]
	if got.Subject() != m.Subject || got.To[0] != "kepala@example.id" || got.From != "sinergi@example.id" {
		t.Errorf("received subject %q to %v from %q", got.Subject(), got.To, got.From)
	}
	if !strings.Contains(got.Text, "Isu yang naik: banjir.") || !strings.Contains(got.HTML, "<mark>banjir</mark>") {
		t.Errorf("bodies = %q / %q", got.Text, got.HTML)
	}
	if got.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" || got.Header.Get("Message-Id") == "" {
		t.Errorf("header = %v", got.Header)
	}
	if string(got.Attachments["brief.pdf"]) != string(pdf) {
		t.Errorf("attachment = %q", got.Attachments["brief.pdf"])
	}

	srv.Refuse(1)
	if err := s.Send(t.Context(), m); err == nil || !strings.Contains(err.Error(), srv.Addr) {
		t.Errorf("Send to a refusing server = %v, want an error naming it", err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	down, _ := mail.New("smtp://"+addr+"?tls=none", "sinergi@example.id")
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if err := down.Send(ctx, m); err == nil || !strings.Contains(err.Error(), addr) {
		t.Errorf("Send to a closed port = %v, want an error naming it", err)
	}
}
