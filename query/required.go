package query

// RequiredTerms returns what a matching document must contain, for the
// stored-query matcher (presearcher): a list of clauses, each a list of
// *Term and *Phrase leaves, such that a document matching n contains at
// least one leaf of every clause. The presearcher indexes a query under the
// leaves of one clause (the rarest it can find) and verifies candidates with
// the full matcher. A nil result means no leaf is required (the query has
// only filters, or an OR branch made of filters); such a query must be
// checked against every document, never dropped.
//
// Excluded parts (NOT) never add a clause. An OR gives one clause, the union
// of the smallest clause of each branch, or nothing when a branch has none.
func RequiredTerms(n Node) [][]Node {
	switch n := n.(type) {
	case *Term, *Phrase:
		return [][]Node{{n}}
	case *And:
		var out [][]Node
		for _, c := range n.Nodes {
			out = append(out, RequiredTerms(c)...)
		}
		return out
	case *Or:
		var clause []Node
		for _, c := range n.Nodes {
			cs := RequiredTerms(c)
			if len(cs) == 0 {
				return nil
			}
			best := cs[0]
			for _, cl := range cs[1:] {
				if len(cl) < len(best) {
					best = cl
				}
			}
			clause = append(clause, best...)
		}
		return [][]Node{clause}
	}
	return nil
}
