package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/sinergi-id/sinergi/mail"
)

// Config is everything the program is told at start, by flags or by their
// SINERGI_* environment variables (a flag given on the command line wins).
type Config struct {
	DataDir   string // --data-dir: where the SQLite file, backups and the lock live
	DB        string // --db: sqlite:PATH or postgres://...
	Addr      string // --addr: where serve listens
	LogLevel  string // --log-level
	LogFormat string // --log-format
	JSON      bool   // --json: listings as JSON
	SourceURL string // --source-url: the AGPL source offer linked from every page
	// FetchAllowPrivate (--fetch-allow-private) lets outbound requests reach
	// loopback, private and other special addresses: for sources on an
	// intranet, and for tests. Off by default (safehttp).
	FetchAllowPrivate bool
	// PublicURL (--public-url) is the address at which the outside world
	// reaches this Sinergi; WebSub hubs deliver to PublicURL/websub/{feed}.
	// Empty: no WebSub, feeds are polled.
	PublicURL string
	// SMTPURL (--smtp-url) is the SMTP server alerts are e-mailed through,
	// smtp://USER:PASS@HOST:587?tls=starttls|tls|none; MailFrom
	// (--mail-from) their From address. Empty: no e-mail, and e-mail
	// recipients are refused with a message saying so.
	SMTPURL  string
	MailFrom string
	// HoaxVocabularies (--hoax-vocabularies) is a JSON file of verdict
	// vocabularies over the built-in ones (hoax.LoadVocabularies).
	HoaxVocabularies string
	// TrustedProxies (--trusted-proxies, serve only) lists the reverse
	// proxies in front of the server, as addresses or CIDR prefixes
	// separated by commas; their X-Forwarded-For names the client.
	TrustedProxies string
	// Poll (--poll, serve only) makes the server poll the registry's feeds.
	// Off, it still queues the polls for the servers that do (several
	// serve processes on one PostgreSQL database). On by default.
	Poll bool
}

// commonFlags registers the flags every subcommand honours.
func commonFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DataDir, "data-dir", "data", "data directory (SQLite database, lock file) `DIR` [SINERGI_DATA_DIR]")
	fs.StringVar(&c.DB, "db", "", "database: sqlite:PATH or postgres://USER:PASS@HOST/DB (default sqlite:DIR/sinergi.db) [SINERGI_DB]")
	fs.StringVar(&c.LogLevel, "log-level", "info", "log level: debug, info, warn, error [SINERGI_LOG_LEVEL]")
	fs.StringVar(&c.LogFormat, "log-format", "text", "log format: text or json [SINERGI_LOG_FORMAT]")
	fs.StringVar(&c.PublicURL, "public-url", "", "public https URL of this Sinergi, for WebSub hubs to deliver to (empty: feeds are only polled) [SINERGI_PUBLIC_URL]")
	fs.StringVar(&c.SMTPURL, "smtp-url", "", "SMTP server for e-mail alerts: smtp://USER:PASS@HOST:587?tls=starttls|tls|none (empty: no e-mail) [SINERGI_SMTP_URL]")
	fs.StringVar(&c.MailFrom, "mail-from", "", "From address of the e-mails, e.g. \"Sinergi Humas <sinergi@instansi.go.id>\" [SINERGI_MAIL_FROM]")
	fs.StringVar(&c.HoaxVocabularies, "hoax-vocabularies", "", "JSON `FILE` of Tangkal's verdict vocabularies, each label with its score from 0 (false) to 1 (true), over the built-in ones [SINERGI_HOAX_VOCABULARIES]")
	fs.BoolVar(&c.FetchAllowPrivate, "fetch-allow-private", false,
		"allow fetching from loopback, private and other special addresses (intranet sources, tests) [SINERGI_FETCH_ALLOW_PRIVATE]")
}

// envName returns the environment variable of a flag: --data-dir is
// SINERGI_DATA_DIR.
func envName(flagName string) string {
	return "SINERGI_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseFlags parses args, flags and positional arguments in any order
// (`user disable budi --data-dir X` works), then fills every flag not given
// on the command line from its environment variable. It returns the
// positional arguments.
func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			positional = append(positional, rest[1:]...)
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] {
			return
		}
		if v := getenv(envName(f.Name)); v != "" {
			if err := f.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("--%s (dari / from %s): %w", f.Name, envName(f.Name), err))
			}
		}
	})
	return positional, errors.Join(errs...)
}

// validate checks the configuration and fills defaults that depend on other
// values. Each error names the flag.
func (c *Config) validate() error {
	if c.DataDir == "" {
		return errors.New("--data-dir: tidak boleh kosong / must not be empty")
	}
	if c.DB == "" {
		c.DB = "sqlite:" + filepath.Join(c.DataDir, "sinergi.db")
	}
	if _, _, err := c.engine(); err != nil {
		return err
	}
	if _, err := c.level(); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("--log-format: %q bukan text atau json / is not text or json", c.LogFormat)
	}
	if c.SourceURL != "" {
		if u, err := url.Parse(c.SourceURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--source-url: %q bukan alamat http(s) / is not an http(s) URL", c.SourceURL)
		}
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--public-url: %q bukan alamat http(s) / is not an http(s) URL", c.PublicURL)
		}
	}
	if err := c.validateMail(); err != nil {
		return err
	}
	if _, err := c.proxies(); err != nil {
		return err
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("--addr: %q bukan HOST:PORT / is not HOST:PORT: %w", c.Addr, err)
		}
	}
	return nil
}

// validateMail checks the e-mail settings: a readable --smtp-url needs a
// --mail-from, and a --public-url for the links the e-mails carry.
func (c *Config) validateMail() error {
	if c.SMTPURL == "" {
		if c.MailFrom != "" {
			return errors.New("--mail-from: tanpa --smtp-url tidak ada surel yang dikirim / without --smtp-url no e-mail is sent")
		}
		return nil
	}
	if c.MailFrom == "" {
		return errors.New("--mail-from: wajib bila --smtp-url diisi / required with --smtp-url")
	}
	if _, err := mail.ParseURL(c.SMTPURL, c.MailFrom); err != nil {
		return fmt.Errorf("--smtp-url/--mail-from (%s): %w", redactURL(c.SMTPURL), err)
	}
	if c.PublicURL == "" {
		return errors.New("--public-url: wajib bila --smtp-url diisi, untuk tautan di surel / required with --smtp-url, for the links in the e-mails")
	}
	return nil
}

// proxies parses --trusted-proxies: addresses (a prefix of their full
// length) and CIDR prefixes, separated by commas.
func (c *Config) proxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for f := range strings.SplitSeq(c.TrustedProxies, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return nil, fmt.Errorf("--trusted-proxies: %q bukan alamat IP atau CIDR / is not an IP address or CIDR prefix", f)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// engine returns "sqlite" and a file path, or "postgres" and a URL.
func (c *Config) engine() (string, string, error) {
	switch {
	case strings.HasPrefix(c.DB, "sqlite:"):
		path := strings.TrimPrefix(c.DB, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" || strings.ContainsAny(path, "?\x00") {
			return "", "", fmt.Errorf("--db: %q: tulis sqlite:PATH ke sebuah berkas / want sqlite:PATH to a file", c.DB)
		}
		return "sqlite", path, nil
	case strings.HasPrefix(c.DB, "postgres://"), strings.HasPrefix(c.DB, "postgresql://"):
		u, err := url.Parse(c.DB)
		if err != nil || u.Host == "" {
			return "", "", fmt.Errorf("--db: %q bukan alamat postgres:// yang sah / is not a valid postgres:// URL", redactURL(c.DB))
		}
		return "postgres", c.DB, nil
	}
	return "", "", fmt.Errorf("--db: %q: tulis sqlite:PATH atau alamat postgres:// / want sqlite:PATH or a postgres:// URL", redactURL(c.DB))
}

func (c *Config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("--log-level: %q bukan debug, info, warn, atau error / is not debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// logger returns the program's logger, writing to w.
func (c *Config) logger(w io.Writer) *slog.Logger {
	level, _ := c.level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redactURL hides a password in a database URL before it is printed.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}
