package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// offKey is a key the help must list while it does not act, with its
// description and the reason it gives.
type offKey struct{ key, desc, why string }

// TestHelpListsKeysThatDoNotActNow opens the help in a real program on the
// composer (no template placeholders, nothing undone) and on the detail of a
// message with one revision, and checks that the keys that do not act there
// are listed all the same: drawn in the theme's muted style, followed by
// why, while a key that acts keeps the help colours. At 80×24 the help is
// taller than the screen and is paged through.
func TestHelpListsKeysThatDoNotActNow(t *testing.T) {
	cases := []struct {
		name  string
		steps []tourStop // from the composer to the screen whose help is opened
		on    []string   // keys that act on that screen now
		off   []offKey
	}{
		{
			name: "composer", steps: []tourStop{{"", nil, func(m *Model) bool { return m.active == common.ScreenComposer && previewed(m) }}},
			on: []string{"ctrl+s", "enter/ctrl+j"},
			off: []offKey{
				{"ctrl+y", "redo", "nothing undone to redo"},
				{"ctrl+z", "undo", "nothing to undo yet"},
				{"alt+v", "template values for the preview", "the draft has no template placeholders"},
				{"x/del", "discard draft", "only in the drafts list (ctrl+l)"},
			},
		},
		{
			name: "detail", steps: []tourStop{tourStopNamed(t, "history"), tourStopNamed(t, "detail")},
			on: []string{"e", "c"},
			off: []offKey{
				{"R", "restore this revision", "the message has one revision"},
				{"←/h", "older revision", "the message has one revision"},
				{"→/l", "newer revision", "the message has one revision"},
				{"b", "compare against this one", "the message has one revision"},
				{"enter", "open this copy", "only on a broadcast group"},
			},
		},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s-%dx%d", tc.name, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				theme := themes.Default(true)
				pages := helpProgram(t, theme, size[0], size[1], tc.steps)
				s := theme.Styles()
				plain := commontest.Plain(pages)
				for _, k := range tc.on {
					if !strings.Contains(pages, s.HelpKey.Render(k)) {
						t.Errorf("%s: the acting key %q is not drawn in the help key style", tc.name, k)
					}
				}
				for _, k := range tc.off {
					if !strings.Contains(pages, s.Muted.Render(k.key)) {
						t.Errorf("%s: %q is not drawn muted", tc.name, k.key)
					}
					want := k.desc + " · " + k.why
					if got := helpEntry(plain, k.key); !strings.Contains(got, want) {
						t.Errorf("%s: the help says %q for %s, want %q:\n%s", tc.name, got, k.key, want, plain)
					}
				}
			})
		}
	}
}

// helpProgram runs the app in a real program at width×height, goes through
// steps (keys, then a state to wait for), opens the help and returns every page of it as drawn
// (with its escape codes), paging down while the help says more follows.
func helpProgram(t *testing.T, theme themes.Theme, width, height int, steps []tourStop) string {
	env := commontest.NewEnv(t)
	seedWorld(t, env)
	a := startTea(t, env, theme, width, height)
	p, tm := a.p, a.tm
	for i, step := range steps {
		for _, k := range keyMsgs(step.keys) {
			tm.Send(k)
		}
		p.await(t, tm, fmt.Sprintf("step %d", i), step.ready)
	}
	tm.Send(commontest.Key("f1"))
	frame := p.await(t, tm, "the help", func(m *Model) bool { return m.showHelp })
	pages := frame
	for page := 1; ; page++ {
		where := helpWhere.FindStringSubmatch(commontest.Plain(frame))
		if where == nil || where[2] == where[3] {
			return pages
		}
		if page > 20 {
			t.Fatalf("the help never reached its last line:\n%s", commontest.Plain(frame))
		}
		checkFrame(t, "help page", frame, width, height)
		tm.Send(commontest.Key("pgdown"))
		top := atoi(where[1]) - 1
		frame = p.await(t, tm, fmt.Sprintf("help page %d", page+1), func(m *Model) bool { return m.helpTop > top })
		pages += frame
	}
}

// tourStopNamed is the stop of the screen tour named name.
func tourStopNamed(t *testing.T, name string) tourStop {
	for _, stop := range tour {
		if stop.name == name {
			return stop
		}
	}
	t.Fatalf("no tour stop %q", name)
	return tourStop{}
}

// helpEntry reads what the help says for key: its line's text after the
// key, and the lines wrapped under it, within the key's column (groups
// stand side by side, helpGap apart), spaces folded.
func helpEntry(plain, key string) string {
	lines := strings.Split(plain, "\n")
	for i, line := range lines {
		runes := []rune(line)
		for c := range runes {
			if !strings.HasPrefix(string(runes[c:]), key+" ") || c > 0 && runes[c-1] != ' ' {
				continue
			}
			d := c + len([]rune(key))
			for d < len(runes) && runes[d] == ' ' {
				d++
			}
			text := cell(runes, d)
			for _, next := range lines[i+1:] {
				r := []rune(next)
				if len(r) <= d || r[d] == ' ' || strings.TrimSpace(string(r[c:d])) != "" {
					break
				}
				text += " " + cell(r, d)
			}
			return strings.Join(strings.Fields(text), " ")
		}
	}
	return ""
}

// cell is the text of runes from column d to the gap before the next group.
func cell(runes []rune, d int) string {
	rest := string(runes[d:])
	if end := strings.Index(rest, helpGap); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}
