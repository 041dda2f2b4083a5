package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/i18n"
)

// defaultSourceURL is the project's repository. An office that changes
// the program must point --source-url at its own changed source.
const defaultSourceURL = "https://github.com/sinergi-id/sinergi"

// version is set at link time (-ldflags "-X main.version=v1.2.3").
var version = "dev"

// Version returns the program's version and, when built from a checkout,
// its commit.
func Version() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v
}

const usage = `Sinergi — platform Humas pemerintah / platform for government public relations

Penggunaan / usage: sinergi PERINTAH [opsi]

  serve [--demo] [--addr HOST:PORT]   jalankan server web / run the web server
  migrate                             perbarui skema basis data / migrate the database
  user add|passwd|list|disable|enable kelola akun / manage accounts
  agency add|list                     kelola instansi / manage agencies
  audit verify|list                   periksa rantai log audit / check the audit chain
  backup --out FILE                   salin basis data SQLite yang berjalan / copy the live SQLite database
  restore --from FILE                 pulihkan salinan / restore a copy (server stopped)
  analyze tokens|stem|lang|sentiment|places|entities
                                      analisis teks per baris stdin / analyse stdin, one item per line
  ingest --file FILE                  impor item ke arsip / import items into the archive
  reindex                             analisis ulang arsip setelah pembaruan / reanalyse the archive after an upgrade
  search 'KUERI'                      cari di arsip / search the archive
  query check 'KUERI'                 periksa kueri / check a query
  search save NAMA 'KUERI' | saved    simpan pencarian dan peringatannya / save searches and their alerts
  issues list [--since 24h] [--min N] isu dari berita terbaru / issues of the recent items
  brief generate --agency A --out F.pdf [--at "2026-11-23 06:00"] [--html F]
                                      ringkasan pimpinan / leadership brief
  hoax import --format F FILE|URL     impor cek fakta ke registri hoaks / import fact-checks into the hoax registry
  hoax match < TEKS                   hoaks yang paling mirip per baris stdin / the closest hoax per stdin line
  hoax list|export                    daftar registri; ekspor ClaimReview / list the registry; export ClaimReview
  source add|list|pause|resume|poll   kelola sumber pantauan / manage watched sources
  mail list|retry                     kotak keluar surel / the e-mail outbox
  version                             versi / version

Setiap perintah menerima --data-dir dan --db; setiap opsi juga dapat diberikan
lewat variabel lingkungan SINERGI_* (mis. --data-dir = SINERGI_DATA_DIR).
Every command takes --data-dir and --db; every flag has a SINERGI_* variable.
Run "sinergi COMMAND -h" for the flags of a command.
`

// exitUsage is the exit status of a command line that could not be parsed.
const exitUsage = 2

// cli is one invocation of the program.
type cli struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// Run runs the command line args and returns the exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	commands := map[string]func([]string) error{
		"serve":   c.serve,
		"migrate": c.migrate,
		"user":    c.user,
		"agency":  c.agency,
		"audit":   c.audit,
		"backup":  c.backup,
		"restore": c.restore,
		"analyze": c.analyze,
		"ingest":  c.ingest,
		"reindex": c.reindex,
		"search":  c.search,
		"issues":  c.issues,
		"brief":   c.briefCmd,
		"hoax":    c.hoaxCmd,
		"mail":    c.mailCmd,
		"query":   c.query,
		"source":  c.source,
		"version": func([]string) error { fmt.Fprintln(stdout, "sinergi", Version()); return nil },
		"help":    func([]string) error { fmt.Fprint(stdout, usage); return nil },
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "sinergi: perintah tidak dikenal / unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	err := cmd(args[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "sinergi %s: %v\n", args[0], err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "sinergi %s: %s\n", args[0], describe(err))
	return 1
}

// usageError is a command line that does not make sense.
type usageError struct{ error }

// subcommand is one subcommand of a command, as `sinergi COMMAND NAME`.
type subcommand struct {
	name string
	run  func(args []string) error
}

// dispatch runs the subcommand that args[0] names, with the rest of args.
func dispatch(args []string, subs ...subcommand) error {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.name
	}
	want := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	if len(args) == 0 {
		return usageError{fmt.Errorf("pilih / want %s", want)}
	}
	for _, s := range subs {
		if s.name == args[0] {
			return s.run(args[1:])
		}
	}
	return usageError{fmt.Errorf("subperintah tidak dikenal / unknown subcommand %q: want %s", args[0], want)}
}

// flags returns a flag set for a subcommand with the common flags.
func (c *cli) flags(name string, cfg *Config) *flag.FlagSet {
	fs := flag.NewFlagSet("sinergi "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	commonFlags(fs, cfg)
	return fs
}

// parse parses and validates a subcommand's flags and returns its
// positional arguments; want is how many it takes (any number when
// negative).
func (c *cli) parse(fs *flag.FlagSet, cfg *Config, args []string, want int) ([]string, error) {
	positional, err := parseFlags(fs, args, c.getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{err}
	}
	if want >= 0 && len(positional) != want {
		return nil, usageError{fmt.Errorf("perlu %d argumen / want %d argument(s), got %q", want, want, positional)}
	}
	if err := cfg.validate(); err != nil {
		return nil, usageError{err}
	}
	return positional, nil
}

// open returns a Main with the store open, for the data commands.
func (c *cli) open(cfg Config) (*Main, error) {
	m := NewMain()
	m.Config = cfg
	m.Stdout = c.stdout
	m.Logger = cfg.logger(c.stderr)
	if err := m.Open(c.ctx); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

func (c *cli) serve(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("serve", &cfg)
	fs.StringVar(&cfg.Addr, "addr", "localhost:8080", "listen on `HOST:PORT` (\":0\" picks a free port) [SINERGI_ADDR]")
	demoFlag := fs.Bool("demo", false, "seed demo agencies and accounts (idempotent) [SINERGI_DEMO]")
	fs.BoolVar(&cfg.Poll, "poll", true, "poll the watched sources' feeds; --poll=false serves without polling [SINERGI_POLL]")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", "", "reverse proxies in front of the server, `ADDRS` or CIDR prefixes separated by commas (e.g. 127.0.0.1,10.0.0.0/8): their X-Forwarded-For names the client for the login and hoax-check limits and the audit log [SINERGI_TRUSTED_PROXIES]")
	fs.StringVar(&cfg.SourceURL, "source-url", defaultSourceURL, "where users get this program's source, linked from every page (AGPL section 13) [SINERGI_SOURCE_URL]")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m := NewMain()
	m.Config, m.Demo, m.Stdout, m.Logger = cfg, *demoFlag, c.stdout, cfg.logger(c.stderr)
	if err := m.Run(c.ctx); err != nil {
		m.Close()
		return err
	}
	err := m.Wait(c.ctx)
	m.Logger.Info("shutting down")
	return errors.Join(err, m.Close())
}

func (c *cli) migrate(args []string) error {
	cfg := NewMain().Config
	if _, err := c.parse(c.flags("migrate", &cfg), &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	fmt.Fprintf(c.stdout, "Skema basis data mutakhir (%s). / Database schema is up to date.\n", m.DB.Dialect().Name())
	return nil
}

// describe renders an error for the operator: the Indonesian message of a
// user-facing error, with the technical cause for anything else.
func describe(err error) string {
	key, args, ok := sinergi.MessageOf(err)
	if !ok {
		return err.Error()
	}
	catalogs, cerr := i18n.Load()
	if cerr != nil {
		return err.Error()
	}
	id := catalogs.Translator(i18n.ID).T(key, args...)
	en := catalogs.Translator(i18n.EN).T(key, args...)
	if id == en {
		return id
	}
	return id + " / " + en
}

// writeJSON prints v as indented JSON.
func (c *cli) writeJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// readPassword reads one line from stdin.
func (c *cli) readPassword() (string, error) {
	buf := make([]byte, 0, 128)
	one := make([]byte, 1)
	for len(buf) < 1024 {
		n, err := c.stdin.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				break
			}
			buf = append(buf, one[0])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
	}
	return strings.TrimRight(string(buf), "\r"), nil
}
