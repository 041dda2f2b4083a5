package i18n

import (
	"fmt"
	"strconv"
	"strings"
)

// Translator looks up messages and formats values in one language. Get one
// from Catalogs.Translator and bind it per request. It is read-only and safe
// for concurrent use. A nil or zero Translator does not panic: it formats in
// Indonesian and marks every key as missing.
type Translator struct {
	lang     Lang
	messages map[string]string // this language's catalog
	fallback map[string]string // the reference (Indonesian) catalog
}

// Lang returns the translator's language.
func (t *Translator) Lang() Lang {
	if t == nil || t.lang == "" {
		return Default
	}
	return t.lang
}

// T returns the message for key with the placeholders {0}, {1}, ...
// replaced by the matching args. Integers and floats are written with the
// translator's Number and Decimal formatting (12345 becomes "12.345" in
// Indonesian, "12,345" in English), strings as they are, anything else with
// fmt.Sprint. A placeholder without a matching argument stays visible as
// written. A key missing from this language's catalog falls back to the
// Indonesian message; a key missing from both comes back as "[[key]]", so a
// page or a test shows the gap instead of failing.
func (t *Translator) T(key string, args ...any) string {
	msg, ok := t.message(key)
	if !ok {
		return "[[" + key + "]]"
	}
	if len(args) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	return t.substitute(msg, args)
}

// message returns the message for key, falling back to the reference
// catalog.
func (t *Translator) message(key string) (string, bool) {
	if t == nil {
		return "", false
	}
	if msg, ok := t.messages[key]; ok {
		return msg, true
	}
	msg, ok := t.fallback[key]
	return msg, ok
}

// maxPlaceholderDigits bounds the index in a placeholder, so "{99999999999}"
// is left alone rather than parsed into an overflowing int.
const maxPlaceholderDigits = 4

// substitute replaces {n} in msg with args[n], in one pass, so braces inside
// an argument are copied and never substituted again.
func (t *Translator) substitute(msg string, args []any) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(msg, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(msg[open:], '}')
		if end < 0 {
			break
		}
		end += open
		b.WriteString(msg[:open])
		digits := msg[open+1 : end]
		n, err := strconv.Atoi(digits)
		if err != nil || len(digits) > maxPlaceholderDigits || digits[0] < '0' || digits[0] > '9' || n >= len(args) {
			// Not a placeholder, or no argument for it: copy the brace and
			// look again after it, in case "{{0}" hides a placeholder.
			b.WriteByte('{')
			msg = msg[open+1:]
			continue
		}
		b.WriteString(t.arg(args[n]))
		msg = msg[end+1:]
	}
	b.WriteString(msg)
	return b.String()
}

// arg formats one message argument.
func (t *Translator) arg(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return t.Number(int64(v))
	case int8:
		return t.Number(int64(v))
	case int16:
		return t.Number(int64(v))
	case int32:
		return t.Number(int64(v))
	case int64:
		return t.Number(v)
	case uint:
		return t.localize(strconv.FormatUint(uint64(v), 10))
	case uint8:
		return t.Number(int64(v))
	case uint16:
		return t.Number(int64(v))
	case uint32:
		return t.Number(int64(v))
	case uint64:
		return t.localize(strconv.FormatUint(v, 10))
	case float32:
		return t.float(float64(v), -1, 32)
	case float64:
		return t.float(v, -1, 64)
	}
	return fmt.Sprint(v)
}
