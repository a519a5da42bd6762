package historytest

import (
	"math/rand/v2"
	"os"
	"testing"
)

// FlipBits flips n bits chosen by seed among the span bytes of the closed
// file at path that start at offset, as a failing disk or memory would. The
// same seed flips the same bits, so a test names the damage it reproduces.
func FlipBits(tb testing.TB, path string, seed uint64, offset, span, n int) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if offset < 0 || offset+span > len(data) {
		tb.Fatalf("FlipBits: bytes %d to %d are outside the %d-byte file %s", offset, offset+span, len(data), path)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	for range n {
		bit := rng.IntN(span * 8)
		data[offset+bit/8] ^= 1 << (bit % 8)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}
