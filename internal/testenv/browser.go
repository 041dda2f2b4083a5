package testenv

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is Debian's headless Chromium with an empty profile, driven by
// chromedp, and the errors its pages reported: uncaught exceptions,
// console errors, and browser log errors such as a resource the CSP
// blocked.
type Browser struct {
	Ctx context.Context

	ignore func(text, url string) bool
	mu     sync.Mutex
	errors []string
}

// NewBrowser starts Chromium for t (failing under CI=true when it is
// missing, skipping otherwise) and stops it when t ends. ignore, when not
// nil, leaves out the page errors a test provokes on purpose (a wrong
// password's 401); the favicon nobody serves is always left out.
func NewBrowser(t testing.TB, ignore func(text, url string) bool) *Browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium(t)),
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		// The network is closed: no calls home.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b := &Browser{Ctx: ctx, ignore: ignore}
	messages := chromedp.Console(ctx)
	go func() {
		for msg, err := range messages {
			if err != nil {
				return
			}
			if msg.Type != chromedp.ConsoleError && !msg.IsException() || strings.HasSuffix(msg.URL, "/favicon.ico") ||
				b.ignore != nil && b.ignore(msg.Text, msg.URL) {
				continue
			}
			b.mu.Lock()
			b.errors = append(b.errors, fmt.Sprintf("%s (%s)", msg, msg.URL))
			b.mu.Unlock()
		}
	}()
	return b
}

// Run runs steps, each limited to 30 s, and fails the test naming the step
// and showing the page.
func (b *Browser) Run(t testing.TB, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v\n%s", step, err, b.Describe())
	}
}

// Get runs one action that returns a value, as Run does.
func Get[T any](t testing.TB, b *Browser, step string, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v\n%s", step, err, b.Describe())
	}
	return v
}

// Describe returns the address and text of the current page, to explain a
// failed step.
func (b *Browser) Describe() string {
	ctx, cancel := context.WithTimeout(b.Ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	txt, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	return "page " + loc + ":\n" + txt
}

// Text returns the visible text of the page's main element.
func (b *Browser) Text(t testing.TB) string {
	t.Helper()
	return Get(t, b, "read page text", chromedp.Text(chromedp.CSS("main")))
}

// CheckNoErrors fails the test for each error the pages reported since the
// last check.
func (b *Browser) CheckNoErrors(t testing.TB) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("the page reported %s", e)
	}
	b.errors = nil
}
