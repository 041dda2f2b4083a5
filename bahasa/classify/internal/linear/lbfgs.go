package linear

import "math"

// lbfgs minimises p from x with limited-memory BFGS (10 pairs) and a
// backtracking Armijo line search, for at most maxIter iterations or until
// the loss changes by less than a relative 1e-7. It is sequential apart
// from p.eval, whose sums run in a fixed order, so it is deterministic.
func lbfgs(p *problem, x []float64, maxIter int) []float64 {
	const memory = 10
	n := len(x)
	g := make([]float64, n)
	f := p.eval(x, g)
	var sHist, yHist [][]float64
	var rho []float64
	d := make([]float64, n)
	xNew := make([]float64, n)
	gNew := make([]float64, n)
	alpha := make([]float64, memory)
	for iter := 0; iter < maxIter; iter++ {
		// Two-loop recursion: d = -H g.
		copy(d, g)
		for i := len(sHist) - 1; i >= 0; i-- {
			alpha[i] = rho[i] * dot(sHist[i], d)
			axpy(-alpha[i], yHist[i], d)
		}
		if k := len(sHist) - 1; k >= 0 {
			gamma := dot(sHist[k], yHist[k]) / dot(yHist[k], yHist[k])
			scal(gamma, d)
		} else {
			scal(1/math.Sqrt(dot(g, g)), d)
		}
		for i := range sHist {
			beta := rho[i] * dot(yHist[i], d)
			axpy(alpha[i]-beta, sHist[i], d)
		}
		scal(-1, d)
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: restart from the gradient
			sHist, yHist, rho = nil, nil, nil
			copy(d, g)
			scal(-1/math.Sqrt(dot(g, g)), d)
			slope = dot(g, d)
		}
		step := 1.0
		var fNew float64
		for range 40 {
			for i := range x {
				xNew[i] = x[i] + step*d[i]
			}
			fNew = p.eval(xNew, gNew)
			if fNew <= f+1e-4*step*slope {
				break
			}
			step /= 2
		}
		s := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			s[i] = xNew[i] - x[i]
			y[i] = gNew[i] - g[i]
		}
		if sy := dot(s, y); sy > 1e-12 {
			if len(sHist) == memory {
				sHist, yHist, rho = sHist[1:], yHist[1:], rho[1:]
			}
			sHist = append(sHist, s)
			yHist = append(yHist, y)
			rho = append(rho, 1/sy)
		}
		copy(x, xNew)
		copy(g, gNew)
		done := math.Abs(f-fNew) <= 1e-7*max(math.Abs(fNew), 1)
		f = fNew
		if done {
			break
		}
	}
	return x
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func scal(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}
