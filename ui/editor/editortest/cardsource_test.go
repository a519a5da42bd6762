package editortest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCardSource(t *testing.T) {
	for _, size := range []int{10, 1024, 4096, 40960} {
		s := CardSource(size)
		if len(s) > size || len(s) < size-3 {
			t.Errorf("CardSource(%d) is %d bytes, want %d-%d", size, len(s), size-3, size)
		}
		if !utf8.ValidString(s) {
			t.Errorf("CardSource(%d) is not valid UTF-8", size)
		}
		if s != CardSource(size) {
			t.Errorf("CardSource(%d) differs between calls", size)
		}
	}
	big := CardSource(40960)
	for _, want := range []string{"head:", "\n- ", "```fields", "\t", "田中", "> "} {
		if !strings.Contains(big, want) {
			t.Errorf("CardSource(40960) lacks %q", want)
		}
	}
}
