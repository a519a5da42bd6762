package editor

import (
	"testing"
)

func TestSegmentWidths(t *testing.T) {
	tests := []struct {
		name, text string
		widths     []uint8
		drawn      string
	}{
		{"ascii", "ab c", []uint8{1, 1, 1, 1}, "ab c"},
		{"precomposed and combining accents", "ée\u0301", []uint8{1, 1}, "ée\u0301"},
		{"CJK is two cells", "日本", []uint8{2, 2}, "日本"},
		{"ZWJ family emoji is one wide cluster", "👨‍👩‍👧", []uint8{2}, "👨‍👩‍👧"},
		{"flag is one wide cluster", "🇯🇵", []uint8{2}, "🇯🇵"},
		{"tab is TabWidth spaces", "\tx", []uint8{TabWidth, 1}, "    x"},
		{"control characters are drawn as U+FFFD", "\x1b[31m", []uint8{1, 1, 1, 1, 1}, "\uFFFD[31m"},
		{"a lone combining mark gets a dotted circle", "\u0301", []uint8{1}, "\u25CC\u0301"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seg := segmentOf(tc.text)
			if len(seg.clusters) != len(tc.widths) {
				t.Fatalf("%q has %d clusters, want %d", tc.text, len(seg.clusters), len(tc.widths))
			}
			drawn := ""
			for i, c := range seg.clusters {
				if c.width != tc.widths[i] {
					t.Errorf("cluster %d of %q is %d cells, want %d", i, tc.text, c.width, tc.widths[i])
				}
				drawn += seg.draw(i)
			}
			if drawn != tc.drawn {
				t.Errorf("%q is drawn as %q, want %q", tc.text, drawn, tc.drawn)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		rows       []string
	}{
		{"empty line has one row", "", 10, []string{""}},
		{"fits", "short", 10, []string{"short"}},
		{"breaks after spaces", "aaaa bbbb cccc dddd", 10, []string{"aaaa bbbb ", "cccc dddd"}},
		{"cuts a long word", "aaaaaaaaaaaaaaa", 10, []string{"aaaaaaaaaa", "aaaaa"}},
		{"a space after a full row hangs", "aaaaaaaaaa bb", 10, []string{"aaaaaaaaaa ", "bb"}},
		{"a final space does not hang", "aaaaaaaaaa ", 10, []string{"aaaaaaaaaa", " "}},
		{"CJK breaks between characters", "日本語日本語日本語", 10, []string{"日本語日本", "語日本語"}},
		{"CJK after a word", "ab 日本語日本語", 10, []string{"ab 日本語", "日本語"}},
		{"a wide char never splits", "abcdefghi日", 10, []string{"abcdefghi", "日"}},
		{"tabs count TabWidth", "\t\t\tx", 10, []string{"        ", "    x"}},
		{"emoji", "ok 👍👍👍👍👍", 10, []string{"ok 👍👍👍", "👍👍"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := wrap(segmentOf(tc.text), tc.width)
			var got []string
			for _, r := range w.rows {
				got = append(got, r.text)
				if r.width > tc.width+1 {
					t.Errorf("row %q is %d cells, more than %d+1", r.text, r.width, tc.width)
				}
			}
			if len(got) != len(tc.rows) {
				t.Fatalf("wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.rows)
			}
			for i := range got {
				if got[i] != tc.rows[i] {
					t.Fatalf("wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.rows)
				}
			}
		})
	}
}

func TestRowOfPutsRowEndsOnTheNextRow(t *testing.T) {
	seg := segmentOf("aaaa bbbb cccc")
	w := wrap(seg, 10) // "aaaa bbbb " / "cccc"
	tests := []struct{ boundary, row, x int }{
		{0, 0, 0}, {9, 0, 9}, {10, 1, 0}, {12, 1, 2}, {14, 1, 4},
	}
	for _, tc := range tests {
		r := w.rowOf(tc.boundary)
		if r != tc.row {
			t.Errorf("boundary %d is on row %d, want %d", tc.boundary, r, tc.row)
			continue
		}
		if x := seg.xOf(w.rows[r], tc.boundary); x != tc.x {
			t.Errorf("boundary %d is at x %d, want %d", tc.boundary, x, tc.x)
		}
	}
}

func segmentOf(s string) *segmentation {
	return segment(s, len([]rune(s)))
}
