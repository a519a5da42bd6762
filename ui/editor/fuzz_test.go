package editor

import (
	"math/rand/v2"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// fuzzOps are the inputs random sequences draw from: every bound key, text
// with wide characters, combining marks and tabs, pastes and resizes.
var fuzzOps = []func(t testing.TB, m Model) Model{}

func init() {
	keys := []string{
		"left", "right", "up", "down", "home", "end", "ctrl+a", "ctrl+e",
		"alt+left", "alt+right", "ctrl+left", "ctrl+right", "ctrl+home", "ctrl+end",
		"pgup", "pgdown", "enter", "shift+enter", "alt+enter", "ctrl+j",
		"backspace", "delete", "ctrl+w", "alt+backspace", "alt+d", "ctrl+k", "ctrl+u",
		"ctrl+z", "ctrl+y", "ctrl+shift+z", "tab", "ctrl+h",
	}
	for _, k := range keys {
		fuzzOps = append(fuzzOps, func(t testing.TB, m Model) Model {
			m, _ = m.Update(press(t, k))
			return m
		})
	}
	texts := []string{"a", "b", " ", "日", "👨‍👩‍👧", "\u0301", "\u200d", "é", "🇯🇵", "-", "\t"}
	for _, s := range texts {
		fuzzOps = append(fuzzOps, func(_ testing.TB, m Model) Model {
			m, _ = m.Update(tea.KeyPressMsg{Code: []rune(s)[0], Text: s})
			return m
		})
	}
	pastes := []string{"x\r\ny", "line one\nline two\n\tindented", "長い行長い行長い行長い行長い行長い行", "a b c d e f g h i j k l m n o p"}
	for _, s := range pastes {
		fuzzOps = append(fuzzOps, func(_ testing.TB, m Model) Model {
			m, _ = m.Update(tea.PasteMsg{Content: s})
			return m
		})
	}
	fuzzOps = append(fuzzOps, func(_ testing.TB, m Model) Model {
		m.ShowLineNumbers = !m.ShowLineNumbers
		return m
	})
	for _, size := range [][2]int{{4, 2}, {12, 3}, {30, 6}} {
		fuzzOps = append(fuzzOps, func(_ testing.TB, m Model) Model {
			m.SetSize(size[0], size[1])
			return m
		})
	}
}

// runOps applies the ops chosen by ops to an editor holding start, checking
// the invariants after each; then redo must reach a newest state, undo must
// lead from it back to start, and redo back to it.
func runOps(t testing.TB, start string, ops []byte) {
	m := New()
	m.ShowLineNumbers = len(ops)%2 == 0
	m.SetSize(12, 4)
	m.SetValue(start)
	m.Focus()
	initial := m.Value()
	for _, op := range ops {
		m = fuzzOps[int(op)%len(fuzzOps)](t, m)
		checkInvariants(t, m)
	}
	for m.Redo() { // reach the newest state, past any undo in ops
		checkInvariants(t, m)
	}
	newest := m.Value()
	for m.Undo() {
		checkInvariants(t, m)
	}
	if len(ops) < maxUndo && m.Value() != initial {
		t.Fatalf("undoing everything gave %q, want the initial %q", m.Value(), initial)
	}
	for m.Redo() {
	}
	if m.Value() != newest {
		t.Fatalf("redoing everything gave %q, want %q", m.Value(), newest)
	}
	checkInvariants(t, m)
}

// FuzzEditor feeds random key, paste and resize sequences to the editor: it
// must never panic, the cursor must stay in the text and in the view, and
// undo must lead back to the start.
func FuzzEditor(f *testing.F) {
	f.Add("", []byte{1, 2, 3})
	f.Add("hello world\nsecond line", []byte{40, 40, 41, 20, 20, 0, 22, 27, 28})
	f.Add("日本語 👨‍👩‍👧 e\u0301", []byte{1, 1, 1, 38, 20, 24, 45, 50, 2, 3, 14, 15})
	f.Fuzz(func(t *testing.T, start string, ops []byte) {
		runOps(t, start, ops)
	})
}

// TestRandomKeySequences runs seeded random sequences on every `go test`,
// so the fuzz invariants are exercised without -fuzz.
func TestRandomKeySequences(t *testing.T) {
	runs, length := 30, 120
	if testing.Short() {
		runs = 5
	}
	rng := rand.New(rand.NewPCG(1, 2))
	starts := []string{"", "plain text\nover lines", "日本語テキスト\n\tcode\n👨‍👩‍👧 family", "aaaa bbbb cccc dddd eeee"}
	for i := range runs {
		ops := make([]byte, length)
		for j := range ops {
			ops[j] = byte(rng.IntN(256))
		}
		runOps(t, starts[i%len(starts)], ops)
	}
}
