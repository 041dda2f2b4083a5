package query

import (
	"strconv"
	"strings"
	"unicode"
)

// The canonical form: operators in upper case English (AND, OR), NOT as a
// minus sign, parentheses only where precedence needs them, one space
// between parts, fields by their English name on every term they apply to.

// String prints n in canonical form.
func (n *And) String() string {
	parts := make([]string, len(n.Nodes))
	for i, c := range n.Nodes {
		parts[i] = c.String()
		if _, ok := c.(*Or); ok {
			parts[i] = "(" + parts[i] + ")"
		}
		if _, ok := c.(*And); ok {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " AND ")
}

// String prints n in canonical form.
func (n *Or) String() string {
	parts := make([]string, len(n.Nodes))
	for i, c := range n.Nodes {
		parts[i] = c.String()
		if _, ok := c.(*Or); ok {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " OR ")
}

// String prints n in canonical form.
func (n *Not) String() string {
	switch n.X.(type) {
	case *And, *Or:
		return "-(" + n.X.String() + ")"
	}
	return "-" + n.X.String()
}

// String prints n in canonical form.
func (n *Term) String() string {
	s := fieldPrefix(n.Field) + n.Text
	if n.Prefix {
		s += "*"
	}
	return s
}

// String prints n in canonical form.
func (n *Phrase) String() string {
	s := fieldPrefix(n.Field) + quote(strings.Join(n.Words, " "))
	if n.Slop > 0 {
		s += "~" + strconv.Itoa(n.Slop)
	}
	return s
}

// String prints n in canonical form.
func (n *Filter) String() string {
	v := n.Value
	if !bareValue(v) {
		v = quote(v)
	}
	return n.Field + ":" + v
}

// String prints n in canonical form.
func (n *DateFilter) String() string {
	if n.Op == DateRange {
		return "date:" + n.From.String() + ".." + n.To.String()
	}
	return "date:" + string(n.Op) + n.From.String()
}

// String prints b as in a query: 2026-01-31, 2026-01-31T14:00, now or
// now-7d.
func (b DateBound) String() string {
	switch {
	case b.Clock != "":
		return b.Day + "T" + b.Clock
	case b.Day != "":
		return b.Day
	case b.Ago == 0:
		return "now"
	}
	return "now-" + strconv.Itoa(b.Ago) + string(b.Unit)
}

func fieldPrefix(f string) string {
	if f == "" {
		return ""
	}
	return f + ":"
}

// quote puts s in double quotes, escaping \ and ".
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return `"` + s + `"`
}

// bareValue reports whether a filter value reads back unchanged without
// quotes.
func bareValue(v string) bool {
	if v == "" || v[0] == '-' {
		return false
	}
	for _, r := range v {
		if isBreak(r) || r == '*' || r == '\\' || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}
