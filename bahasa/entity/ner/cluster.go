package ner

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// ClusterCounter learns word clusters from unlabelled text, for
// TrainOptions.Clusters: words that share left and right neighbours land
// in the same cluster, so a name never seen in the training data still
// looks like the names that were. The clusters form a binary tree, built
// by bisecting k-means over the words' neighbour vectors, and a word's
// cluster is its path from the root ("0110…"): its prefixes are coarser
// clusters, as with Brown clusters.
type ClusterCounter struct {
	ids   map[string]int32 // lower-cased word -> its number, in order of first sight
	words []string
	count []int
	text  []int32 // the words of all text added, -1 between paragraphs
}

// NewClusterCounter returns an empty counter.
func NewClusterCounter() *ClusterCounter {
	return &ClusterCounter{ids: map[string]int32{}}
}

// Add reads one paragraph of text (any case).
func (c *ClusterCounter) Add(text string) {
	for _, tok := range Tokenize(text) {
		w := strings.ToLower(tok.Text)
		id, ok := c.ids[w]
		if !ok {
			id = int32(len(c.words))
			c.ids[w] = id
			c.words = append(c.words, w)
			c.count = append(c.count, 0)
		}
		c.count[id]++
		c.text = append(c.text, id)
	}
	c.text = append(c.text, -1)
}

// Cluster sizes and the neighbour vectors.
const (
	clusterContexts = 2000 // the most frequent words are the contexts a word is described by
	clusterMinLeaf  = 4    // a cluster with fewer words is not split
	clusterIters    = 10   // k-means iterations per split
)

// Clusters returns, for the (at most) vocab most frequent words seen at
// least minCount times, the path of their cluster in a tree of the given
// depth: a string of '0' and '1', depth characters at most. The same text
// gives the same table: ties are broken by the word, never by map order.
func (c *ClusterCounter) Clusters(vocab, minCount, depth int) map[string]string {
	order := make([]int32, 0, len(c.words))
	for i, n := range c.count {
		if n >= minCount {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if d := cmp.Compare(c.count[b], c.count[a]); d != 0 {
			return d
		}
		return strings.Compare(c.words[a], c.words[b])
	})
	if len(order) > vocab {
		order = order[:vocab]
	}
	ctx := map[int32]int{} // word -> context dimension
	for i, id := range order[:min(clusterContexts, len(order))] {
		ctx[id] = i
	}
	row := map[int32]int{} // word -> row of vecs
	for i, id := range order {
		row[id] = i
	}
	vecs := c.neighbourVectors(order, row, ctx)
	out := make(map[string]string, len(order))
	members := make([]int, len(order))
	for i := range members {
		members[i] = i
	}
	bisect(vecs, 2*clusterWindow*len(ctx), members, "", depth, func(i int, path string) {
		out[c.words[order[i]]] = path
	})
	return out
}

// sparse is a vector as sorted dimensions and their values.
type sparse struct {
	dims []int32
	vals []float64
}

// clusterWindow is how many words on each side describe a word.
const clusterWindow = 2

// neighbourVectors returns, for each word of order, how strongly it goes
// with each context word at each offset (-2, -1, +1, +2): the positive
// pointwise mutual information, the context counts raised to 0.75 (Levy
// et al. 2015), the vector scaled to length 1.
func (c *ClusterCounter) neighbourVectors(order []int32, row map[int32]int, ctx map[int32]int) []sparse {
	counts := make([]map[int32]float64, len(order))
	for i := range counts {
		counts[i] = map[int32]float64{}
	}
	C := int32(len(ctx))
	dimOf := func(off int) int32 { // offset -2,-1,1,2 -> block 0..3
		if off < 0 {
			return int32(off+clusterWindow) * C
		}
		return int32(off+clusterWindow-1) * C
	}
	for i, id := range c.text {
		r, ok := row[id]
		if id < 0 || !ok {
			continue
		}
		for off := -clusterWindow; off <= clusterWindow; off++ {
			j := i + off
			if off == 0 || j < 0 || j >= len(c.text) {
				continue
			}
			if c.text[j] < 0 {
				if off < 0 {
					off = 0 // a paragraph break: nothing further on this side
				} else {
					break
				}
				continue
			}
			if d, ok := ctx[c.text[j]]; ok {
				counts[r][dimOf(off)+int32(d)]++
			}
		}
	}
	ctxMass := make([]float64, 2*clusterWindow*int(C)) // smoothed context counts per dimension
	var total float64
	for _, m := range counts {
		for d, n := range m {
			ctxMass[d] += n
		}
	}
	for d, n := range ctxMass {
		ctxMass[d] = math.Pow(n, 0.75)
		total += ctxMass[d]
	}
	var all float64
	rowMass := make([]float64, len(counts))
	for i, m := range counts {
		for _, n := range m {
			rowMass[i] += n
		}
		all += rowMass[i]
	}
	vecs := make([]sparse, len(order))
	for i, m := range counts {
		v := sparse{dims: make([]int32, 0, len(m))}
		for d := range m {
			v.dims = append(v.dims, d)
		}
		slices.Sort(v.dims)
		var norm float64
		keep := v.dims[:0]
		for _, d := range v.dims {
			pmi := math.Log(m[d] / rowMass[i] / (ctxMass[d] / total))
			if pmi <= 0 {
				continue
			}
			keep = append(keep, d)
			v.vals = append(v.vals, pmi)
			norm += pmi * pmi
		}
		v.dims = keep
		for j := range v.vals {
			v.vals[j] /= math.Sqrt(norm)
		}
		vecs[i] = v
	}
	return vecs
}

// dot returns the dot product of a sparse and a dense vector.
func (v sparse) dot(dense []float64) float64 {
	var s float64
	for j, d := range v.dims {
		s += v.vals[j] * dense[d]
	}
	return s
}

// bisect splits members in two by spherical 2-means and recurses until
// depth is spent or a part is too small, calling leaf with each member
// and its path.
func bisect(vecs []sparse, dim int, members []int, path string, depth int, leaf func(i int, path string)) {
	if depth == 0 || len(members) < 2*clusterMinLeaf {
		for _, i := range members {
			leaf(i, path)
		}
		return
	}
	// Seeds: the member least like the mean, then the one least like it.
	mean := centroid(vecs, dim, members)
	a := farthest(vecs, members, mean)
	seed := make([]float64, dim)
	for j, d := range vecs[a].dims {
		seed[d] = vecs[a].vals[j]
	}
	b := farthest(vecs, members, seed)
	cent := [2][]float64{seed, make([]float64, dim)}
	for j, d := range vecs[b].dims {
		cent[1][d] = vecs[b].vals[j]
	}
	side := make([]bool, len(members))
	var parts [2][]int
	for range clusterIters {
		parts = [2][]int{nil, nil}
		for k, i := range members {
			side[k] = vecs[i].dot(cent[1]) > vecs[i].dot(cent[0])
			if side[k] {
				parts[1] = append(parts[1], i)
			} else {
				parts[0] = append(parts[0], i)
			}
		}
		if len(parts[0]) == 0 || len(parts[1]) == 0 {
			break
		}
		cent[0] = centroid(vecs, dim, parts[0])
		cent[1] = centroid(vecs, dim, parts[1])
	}
	if len(parts[0]) == 0 || len(parts[1]) == 0 {
		for _, i := range members {
			leaf(i, path)
		}
		return
	}
	bisect(vecs, dim, parts[0], path+"0", depth-1, leaf)
	bisect(vecs, dim, parts[1], path+"1", depth-1, leaf)
}

// centroid returns the mean of the members' vectors, scaled to length 1.
func centroid(vecs []sparse, dim int, members []int) []float64 {
	c := make([]float64, dim)
	for _, i := range members {
		for j, d := range vecs[i].dims {
			c[d] += vecs[i].vals[j]
		}
	}
	var norm float64
	for _, x := range c {
		norm += x * x
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for d := range c {
			c[d] /= norm
		}
	}
	return c
}

// farthest returns the member whose vector has the smallest dot product
// with dense, the first on ties.
func farthest(vecs []sparse, members []int, dense []float64) int {
	best, arg := math.Inf(1), members[0]
	for _, i := range members {
		if s := vecs[i].dot(dense); s < best {
			best, arg = s, i
		}
	}
	return arg
}
