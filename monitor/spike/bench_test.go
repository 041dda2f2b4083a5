package spike

import (
	"testing"
	"time"
)

// BenchmarkCheck is the cost of one series for one hour: the hour's count
// added and the hour closed and judged, on Tempo's real series (all feeds)
// after two months of history. The integrator does this for every saved
// search × region every hour.
func BenchmarkCheck(b *testing.B) {
	rs := realCorpusSeries(b)[0]
	s, _ := New(Config{Location: wib})
	warm := 60 * 24
	s.Rebuild(rs.start, rs.counts[:warm])
	h := rs.start.Add(time.Duration(warm) * time.Hour)
	i := warm
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s.Add(h, rs.counts[i])
		h = h.Add(time.Hour)
		s.Check(h)
		if i++; i == len(rs.counts) {
			i = warm
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*10000/1e6, "ms/10k-series")
}

// BenchmarkMarshalBinary and BenchmarkUnmarshalBinary are the cost of
// storing and loading one series' state (default Keep of 7 days).
func BenchmarkMarshalBinary(b *testing.B) {
	rs := realCorpusSeries(b)[0]
	s, _ := New(Config{Location: wib})
	s.Rebuild(rs.start, rs.counts)
	var data []byte
	b.ReportAllocs()
	for b.Loop() {
		data, _ = s.MarshalBinary()
	}
	b.ReportMetric(float64(len(data)), "bytes/state")
}

func BenchmarkUnmarshalBinary(b *testing.B) {
	rs := realCorpusSeries(b)[0]
	s, _ := New(Config{Location: wib})
	s.Rebuild(rs.start, rs.counts)
	data, _ := s.MarshalBinary()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
}
