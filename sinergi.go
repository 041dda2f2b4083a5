// Package sinergi holds the vocabulary every part of Sinergi shares: the
// kinds of error a user can be told about and the clock that stamps records.
// It uses the standard library only, so every other package may import it.
package sinergi

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller can do about it. The set is
// closed: the web layer maps each kind to one HTTP status in one place.
type Kind string

// The kinds of error.
const (
	KindNotFound    Kind = "not_found"   // no such record, or the viewer may not know it exists
	KindInvalid     Kind = "invalid"     // the input breaks a rule; Message says which
	KindForbidden   Kind = "forbidden"   // the actor is known but may not do this
	KindConflict    Kind = "conflict"    // the record already exists or changed meanwhile
	KindUnavailable Kind = "unavailable" // a dependency is down or the caller must wait
	KindInternal    Kind = "internal"    // a bug or an unexpected failure
)

// Error is an error a user may be shown. Key is an i18n message key (the
// catalogs translate it, with Args filled in); Err keeps the internal cause,
// which is logged and never shown.
type Error struct {
	Kind Kind
	Key  string
	Args []any
	Err  error
}

func (e *Error) Error() string {
	msg := string(e.Kind)
	if e.Key != "" {
		msg += ": " + e.Key
		if len(e.Args) > 0 {
			msg += fmt.Sprint(e.Args)
		}
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the internal cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is a sentinel of the same kind, so that
// errors.Is(err, sinergi.ErrNotFound) holds for every not-found error.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Key == "" && t.Err == nil && t.Kind == e.Kind
}

// Sentinels for errors.Is.
var (
	ErrNotFound    = &Error{Kind: KindNotFound}
	ErrInvalid     = &Error{Kind: KindInvalid}
	ErrForbidden   = &Error{Kind: KindForbidden}
	ErrConflict    = &Error{Kind: KindConflict}
	ErrUnavailable = &Error{Kind: KindUnavailable}
	ErrInternal    = &Error{Kind: KindInternal}
)

// Errorf returns an error of the given kind with a user-facing message key.
func Errorf(kind Kind, key string, args ...any) *Error {
	return &Error{Kind: kind, Key: key, Args: args}
}

// KindOf returns the kind of err: the kind of the first *Error in its chain,
// or KindInternal when there is none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// MessageOf returns the message key and arguments of the first *Error in
// err's chain that carries one, or ok=false.
func MessageOf(err error) (key string, args []any, ok bool) {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return "", nil, false
		}
		if e.Key != "" {
			return e.Key, e.Args, true
		}
		err = e.Err
	}
	return "", nil, false
}

// Clock tells the time. Services take one so tests can fix it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock, in UTC.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// FixedClock always returns the same instant; for tests.
type FixedClock time.Time

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return time.Time(c) }
