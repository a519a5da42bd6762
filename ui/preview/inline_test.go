package preview

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/themes"
)

func TestInlineStylesSpans(t *testing.T) {
	r := New(themes.Default(true))
	base := lipgloss.NewStyle()
	tests := []struct {
		in, wantText, wantSGR string
	}{
		{"Deploy *done*", "Deploy done", "\x1b[1mdone"},
		{"_all_ green", "all green", "\x1b[3mall"},
		{"~old~ new", "old new", "\x1b[9mo"}, // lipgloss styles struck text rune by rune
		{"*bold _both_*", "bold both", "\x1b[1;3mboth"},
		{"see <https://x.io|docs>", "see docs", "77;163;255;4md"},
	}
	for _, tt := range tests {
		out := r.inline(tt.in, base, 40, true)
		if got := ansi.Strip(out); got != tt.wantText {
			t.Errorf("inline(%q) shows %q, want %q", tt.in, got, tt.wantText)
		}
		if !strings.Contains(out, tt.wantSGR) {
			t.Errorf("inline(%q) = %q, want it to contain %q", tt.in, out, tt.wantSGR)
		}
	}
	if out := r.inline("Deploy *done*", base, 40, false); out != "Deploy *done*" {
		t.Errorf("with markdown off the text must stay literal, got %q", out)
	}
	if out := New(themes.NoColor()).inline("Deploy *done*", base, 40, true); out != "Deploy **done**" {
		t.Errorf("plain themes show CommonMark markers, got %q", out)
	}
}
