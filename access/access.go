// Package access decides who may see or change what. Every record in Sinergi
// carries an owning agency and a classification; every person has a role, an
// agency and a clearance. Can is a pure function of those facts: no
// database, no clock, no side effects, so the rule can be read and tested in
// one place.
//
// The policy, default deny:
//
//   - Clearance always applies: nobody sees a record classified above their
//     clearance, administrators included.
//   - PUBLIK records may be seen by anyone, signed in or not.
//   - TERBATAS records may be seen along the owning agency's line of the
//     tree: within the agency, by the agencies above it (a provincial Humas
//     oversees its kabupaten) and by the agencies below it (a province's
//     guidance reaches its kabupaten). Never beside it: agencies of another
//     branch, or unrelated ones, do not see it.
//   - RAHASIA records may be seen within the owning agency only.
//   - Changing a record needs sight of it, the same agency, and a role that
//     writes (not pimpinan, not staf).
//   - Administering (agencies, accounts) needs the administrator role in the
//     same agency or in an agency above it.
//
// A caller that is refused View must answer as if the record did not exist
// (sinergi.ErrNotFound), so that its existence is not revealed.
package access

import (
	"fmt"
	"strconv"
	"strings"
)

// Level is a classification of a record and, for a person, a clearance.
// Levels are ordered: Publik < Terbatas < Rahasia.
type Level int

// The levels, in increasing order of secrecy.
const (
	Publik Level = iota
	Terbatas
	Rahasia
)

// Levels lists every level in increasing order.
var Levels = []Level{Publik, Terbatas, Rahasia}

// String returns the level as Indonesian officials write it.
func (l Level) String() string {
	switch l {
	case Publik:
		return "PUBLIK"
	case Terbatas:
		return "TERBATAS"
	case Rahasia:
		return "RAHASIA"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// ParseLevel parses "PUBLIK", "TERBATAS" or "RAHASIA" in any case.
func ParseLevel(s string) (Level, error) {
	for _, l := range Levels {
		if strings.EqualFold(strings.TrimSpace(s), l.String()) {
			return l, nil
		}
	}
	return 0, fmt.Errorf("access: unknown level %q (want PUBLIK, TERBATAS or RAHASIA)", s)
}

// Role is what a person does in their agency.
type Role string

// The roles.
const (
	Administrator Role = "administrator"
	Pimpinan      Role = "pimpinan"     // leadership: reads, approves
	KepalaHumas   Role = "kepala_humas" // head of the Humas unit
	Analis        Role = "analis"       // monitoring analyst
	Editor        Role = "editor"
	Reporter      Role = "reporter"
	PetugasPPID   Role = "petugas_ppid" // information and documentation officer (UU 14/2008)
	Staf          Role = "staf"
)

// Roles lists every role, most powerful first.
var Roles = []Role{Administrator, Pimpinan, KepalaHumas, Analis, Editor, Reporter, PetugasPPID, Staf}

// ParseRole parses a role name such as "analis" or "kepala_humas".
func ParseRole(s string) (Role, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, " ", "_")
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("access: unknown role %q", s)
}

// writes reports whether the role may change records of its agency.
func (r Role) writes() bool {
	switch r {
	case Administrator, KepalaHumas, Analis, Editor, Reporter, PetugasPPID:
		return true
	}
	return false
}

// Action is what an actor wants to do with a record.
type Action int

// The actions.
const (
	View Action = iota
	Change
	Administer
)

// Actor is the person asking. The zero Actor is an anonymous visitor.
type Actor struct {
	// System marks the operator at the server's console (the sinergi
	// command line), who may do anything the program can.
	System    bool
	UserID    int64
	Username  string // for the audit log; the policy never reads it
	Role      Role
	Clearance Level
	// AgencyPath is the chain of agency IDs from the root of the tree down to
	// the actor's own agency (last). Empty for an anonymous visitor.
	AgencyPath []int64
}

// SystemActor is the operator at the server's console.
func SystemActor() Actor { return Actor{System: true, Role: Administrator, Clearance: Rahasia} }

// Anonymous reports whether the actor is a visitor who has not signed in.
func (a Actor) Anonymous() bool { return !a.System && (a.UserID == 0 || len(a.AgencyPath) == 0) }

// AgencyID returns the actor's own agency, or 0 for a visitor.
func (a Actor) AgencyID() int64 { return last(a.AgencyPath) }

// Resource is the part of a record that access depends on.
type Resource struct {
	Classification Level
	// AgencyPath is the chain of agency IDs from the root down to the owning
	// agency (last).
	AgencyPath []int64
}

// Relation is how the actor's agency stands to the record's agency.
type Relation int

// The relations.
const (
	Unrelated Relation = iota
	Same               // the actor belongs to the owning agency
	Parent             // the actor's agency is above the owning agency
	Child              // the actor's agency is below the owning agency
)

func (r Relation) String() string {
	return [...]string{"unrelated", "same", "parent", "child"}[r]
}

// RelationOf returns how an actor's agency path stands to a record's.
func RelationOf(actorPath, recordPath []int64) Relation {
	a, r := last(actorPath), last(recordPath)
	switch {
	case a == 0 || r == 0:
		return Unrelated
	case a == r:
		return Same
	case contains(recordPath[:len(recordPath)-1], a):
		return Parent
	case contains(actorPath[:len(actorPath)-1], r):
		return Child
	}
	return Unrelated
}

// Can reports whether actor may perform action on res.
func Can(actor Actor, action Action, res Resource) bool {
	if res.Classification < Publik || res.Classification > Rahasia {
		return false
	}
	if actor.System {
		return action == View || action == Change || action == Administer
	}
	if actor.Clearance < res.Classification {
		return false
	}
	rel := RelationOf(actor.AgencyPath, res.AgencyPath)
	switch action {
	case View:
		return canView(actor, rel, res.Classification)
	case Change:
		return !actor.Anonymous() && rel == Same && actor.Role.writes() &&
			canView(actor, rel, res.Classification)
	case Administer:
		return !actor.Anonymous() && actor.Role == Administrator && (rel == Same || rel == Parent)
	}
	return false
}

func canView(actor Actor, rel Relation, class Level) bool {
	switch class {
	case Publik:
		return true
	case Terbatas:
		return !actor.Anonymous() && rel != Unrelated
	case Rahasia:
		return !actor.Anonymous() && rel == Same
	}
	return false
}

// MaxVisible returns the highest classification the actor can see in an
// agency of the given relation (PUBLIK at least, since PUBLIK is open to
// all). Listings use it to filter many records with the rule Can applies to
// one.
func MaxVisible(actor Actor, rel Relation) Level {
	top := Publik
	for _, l := range Levels {
		if actor.Clearance >= l && canView(actor, rel, l) {
			top = l
		}
	}
	return top
}

func last(path []int64) int64 {
	if len(path) == 0 {
		return 0
	}
	return path[len(path)-1]
}

func contains(path []int64, id int64) bool {
	for _, p := range path {
		if p == id {
			return true
		}
	}
	return false
}

// PathString renders an agency path as the stores keep it: "/1/2/3/". A
// prefix test on that string finds an agency's whole subtree.
func PathString(path []int64) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('/')
	for _, id := range path {
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte('/')
	}
	return b.String()
}

// ParsePath parses a path written by PathString.
func ParsePath(s string) ([]int64, error) {
	s = strings.Trim(s, "/")
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, "/")
	path := make([]int64, len(parts))
	for i, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("access: bad agency path %q", s)
		}
		path[i] = id
	}
	return path, nil
}

// Visibility is Can(View) for many records at once, in a form a store can
// turn into one WHERE clause: a record is visible when it is PUBLIK, or it
// lies in the actor's subtree (the actor's agency or one below it) at a
// classification up to SubtreeMax, or it belongs to one of the agencies
// above the actor's at a classification up to AncestorMax, or it belongs to
// the actor's own agency at a classification up to OwnMax.
type Visibility struct {
	All         bool   // the console operator sees everything
	Subtree     string // path prefix of the actor's agency ("" for a visitor)
	SubtreeMax  Level
	Ancestors   []int64 // the agencies above the actor's
	AncestorMax Level
	Own         int64 // the actor's agency (0 for a visitor)
	OwnMax      Level
}

// VisibilityOf returns what the actor may see, by the rule of Can.
func VisibilityOf(actor Actor) Visibility {
	if actor.System {
		return Visibility{All: true}
	}
	if actor.Anonymous() {
		return Visibility{}
	}
	return Visibility{
		Subtree:     PathString(actor.AgencyPath),
		SubtreeMax:  MaxVisible(actor, Parent),
		Ancestors:   actor.AgencyPath[:len(actor.AgencyPath)-1],
		AncestorMax: MaxVisible(actor, Child),
		Own:         actor.AgencyID(),
		OwnMax:      MaxVisible(actor, Same),
	}
}

// Allows reports whether a record is visible; it agrees with Can(View).
func (v Visibility) Allows(res Resource) bool {
	if res.Classification < Publik || res.Classification > Rahasia {
		return false
	}
	path := PathString(res.AgencyPath)
	owner := last(res.AgencyPath)
	return v.All || res.Classification == Publik ||
		v.Subtree != "" && strings.HasPrefix(path, v.Subtree) && res.Classification <= v.SubtreeMax ||
		contains(v.Ancestors, owner) && res.Classification <= v.AncestorMax ||
		v.Own != 0 && owner == v.Own && res.Classification <= v.OwnMax
}
