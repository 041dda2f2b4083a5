package linear

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Options are the hyper-parameters of Fit.
type Options struct {
	Bits     uint8   // 2^Bits hash buckets
	Salt     uint64  // hash salt (the training seed)
	MinDF    int     // drop features seen in fewer documents
	C        float64 // inverse L2 strength, as in scikit-learn's LogisticRegression
	Balanced bool    // weigh each class by n / (K × n_class)
	MaxIter  int     // L-BFGS iterations
}

// Example is one training text: its feature hashes and its class index.
type Example struct {
	Keys  []uint64
	Class int
}

// chunks is the fixed number of slices the gradient is computed over in
// parallel. It is a constant, not GOMAXPROCS, so the floating-point sums,
// hence the weights, are the same on every machine.
const chunks = 4

// Fit trains a model on examples: sublinear tf × smoothed idf, unit-length
// vectors, and a multinomial logistic regression minimising
// C·Σ weight·cross-entropy + ½‖W‖² (bias not penalised) by L-BFGS.
// It returns the encoded model, for Unmarshal.
func Fit(classes []string, examples []Example, o Options) ([]byte, error) {
	if len(examples) == 0 || len(classes) < 2 {
		return nil, errors.New("linear: fit: need examples of at least two classes")
	}
	for i, ex := range examples {
		if ex.Class < 0 || ex.Class >= len(classes) {
			return nil, fmt.Errorf("linear: fit: example %d has class %d of %d", i, ex.Class, len(classes))
		}
	}
	m := &fitted{classes: classes, bits: o.Bits, salt: o.Salt}
	K := len(classes)
	size := 1 << o.Bits
	// Bucketed documents and document frequencies.
	docs := make([][]uint32, len(examples))
	df := make([]int32, size)
	for i, ex := range examples {
		b := make([]uint32, len(ex.Keys))
		for j, k := range ex.Keys {
			b[j] = bucketOf(k, o.Salt, o.Bits)
		}
		slices.Sort(b)
		docs[i] = b
		for j, v := range b {
			if j == 0 || b[j-1] != v {
				df[v]++
			}
		}
	}
	// Compact feature index, in bucket order.
	m.idf = make([]float32, size)
	index := make([]int32, size)
	var rows []uint32
	n := float64(len(examples))
	for b, d := range df {
		index[b] = -1
		if int(d) >= max(o.MinDF, 1) {
			m.idf[b] = float32(math.Log((1+n)/(1+float64(d))) + 1)
			index[b] = int32(len(rows))
			rows = append(rows, uint32(b))
		}
	}
	y := make([]int, len(examples))
	for i, ex := range examples {
		y[i] = ex.Class
	}
	X := vectorise(m, docs, index)
	p := &problem{X: X, y: y, weight: classWeights(y, K, o.Balanced), K: K, F: len(rows), C: o.C}
	theta := lbfgs(p, make([]float64, (len(rows)+1)*K), o.MaxIter)
	m.w = make([]float32, size*K)
	for i, b := range rows {
		for k := range K {
			m.w[int(b)*K+k] = float32(theta[i*K+k])
		}
	}
	m.bias = make([]float32, K)
	for k := range K {
		m.bias[k] = float32(theta[len(rows)*K+k])
	}
	return m.marshal()
}

// classWeights returns 1 per class, or n / (K × n_class) when balanced.
func classWeights(y []int, K int, balanced bool) []float64 {
	weight := make([]float64, K)
	count := make([]float64, K)
	for _, c := range y {
		count[c]++
	}
	for k := range weight {
		weight[k] = 1
		if balanced && count[k] > 0 {
			weight[k] = float64(len(y)) / (float64(K) * count[k])
		}
	}
	return weight
}

// sparse is one document: compact feature indices and their values.
type sparse struct {
	idx []int32
	val []float64
}

func vectorise(m *fitted, docs [][]uint32, index []int32) []sparse {
	X := make([]sparse, len(docs))
	for d, b := range docs {
		var v sparse
		var norm float64
		for i := 0; i < len(b); {
			j := i + 1
			for j < len(b) && b[j] == b[i] {
				j++
			}
			if f := index[b[i]]; f >= 0 {
				x := (1 + math.Log(float64(j-i))) * float64(m.idf[b[i]])
				v.idx = append(v.idx, f)
				v.val = append(v.val, x)
				norm += x * x
			}
			i = j
		}
		for i := range v.val {
			v.val[i] /= math.Sqrt(norm)
		}
		X[d] = v
	}
	return X
}

// problem is the regularised loss over compact features; theta holds F
// rows of K weights, then K biases.
type problem struct {
	X      []sparse
	y      []int
	weight []float64
	K, F   int
	C      float64
	grads  [chunks][]float64 // per-chunk gradients, reused across evaluations
}

// eval returns the loss at theta and writes its gradient into g.
func (p *problem) eval(theta, g []float64) float64 {
	K := p.K
	grads := &p.grads
	losses := make([]float64, chunks)
	var wg sync.WaitGroup
	for c := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := c*len(p.X)/chunks, (c+1)*len(p.X)/chunks
			if grads[c] == nil {
				grads[c] = make([]float64, len(theta))
			}
			clear(grads[c])
			losses[c] = p.chunk(theta, grads[c], lo, hi)
		}()
	}
	wg.Wait()
	clear(g)
	var loss float64
	for c := range chunks { // fixed order: deterministic sums
		loss += losses[c]
		for i, v := range grads[c] {
			g[i] += v
		}
	}
	for i := range p.F * K {
		loss += 0.5 * theta[i] * theta[i]
		g[i] += theta[i]
	}
	return loss
}

func (p *problem) chunk(theta, g []float64, lo, hi int) float64 {
	K := p.K
	bias := theta[p.F*K:]
	s := make([]float64, K)
	var loss float64
	for d := lo; d < hi; d++ {
		x := p.X[d]
		copy(s, bias)
		for i, f := range x.idx {
			row := theta[int(f)*K : int(f)*K+K]
			for k, w := range row {
				s[k] += x.val[i] * w
			}
		}
		mx := s[0]
		for _, v := range s[1:] {
			mx = max(mx, v)
		}
		var z float64
		for k := range s {
			s[k] = math.Exp(s[k] - mx)
			z += s[k]
		}
		y := p.y[d]
		cw := p.C * p.weight[y]
		loss -= cw * math.Log(s[y]/z)
		for k := range s {
			s[k] /= z
		}
		s[y] -= 1
		for k := range s {
			s[k] *= cw
			g[p.F*K+k] += s[k]
		}
		for i, f := range x.idx {
			row := g[int(f)*K : int(f)*K+K]
			for k := range row {
				row[k] += x.val[i] * s[k]
			}
		}
	}
	return loss
}
