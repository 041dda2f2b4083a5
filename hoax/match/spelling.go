package match

// spellings finds the registry word a misspelt word stands for: a word of
// a post that the registry does not hold ("rohingnya", "trengono",
// "presdien") one slip away from one that it does (a letter added,
// dropped or replaced, or two neighbours swapped). Each registry word is
// kept under the hash of itself and of each of its one-letter deletions;
// two words one slip apart share a key. Candidates are checked, so hash
// collisions do no harm.
type spellings map[uint64][]uint32

// minFuzzy is the fewest letters a word needs to be looked up by its
// spelling: shorter words are one slip away from too many others.
const minFuzzy = 6

// add keeps the word of id w.
func (s spellings) add(w string, id uint32) {
	if !fuzzy(w) {
		return
	}
	k := skipHash(w, -1)
	s[k] = append(s[k], id)
	for i := range len(w) {
		if i > 0 && w[i] == w[i-1] {
			continue // the same deletion as the letter before's
		}
		k := skipHash(w, i)
		s[k] = append(s[k], id)
	}
}

// find returns the word w is one slip away from, when exactly one word of
// the live registry (words by ID, df above 0) is.
func (s spellings) find(w string, words []string, df []int32) (uint32, bool) {
	if !fuzzy(w) {
		return 0, false
	}
	found, n := uint32(0), 0
	check := func(k uint64) {
		for _, id := range s[k] {
			if n > 0 && id == found || df[id] == 0 || !oneSlip(w, words[id]) {
				continue
			}
			found, n = id, n+1
		}
	}
	check(skipHash(w, -1))
	for i := range len(w) {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		check(skipHash(w, i))
	}
	return found, n == 1
}

// fuzzy reports whether w is a word looked up by its spelling: at least
// minFuzzy letters a–z.
func fuzzy(w string) bool {
	if len(w) < minFuzzy {
		return false
	}
	for i := range len(w) {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// skipHash is the FNV-1a hash of w without its byte at skip (-1: none).
func skipHash(w string, skip int) uint64 {
	h := uint64(14695981039346656037)
	for i := range len(w) {
		if i != skip {
			h = (h ^ uint64(w[i])) * 1099511628211
		}
	}
	return h
}

// oneSlip reports whether a and b are one slip apart: a letter added,
// dropped or replaced, or two neighbouring letters swapped.
func oneSlip(a, b string) bool {
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return false // the same word
		}
		return a[i+1:] == b[i+1:] ||
			i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		return dropsOne(a, b)
	case -1:
		return dropsOne(b, a)
	}
	return false
}

// dropsOne reports whether short is long without one of its letters.
func dropsOne(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	return long[i+1:] == short[i:]
}
