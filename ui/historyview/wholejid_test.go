package historyview

import (
	"strings"
	"testing"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common/commontest"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// On a wide screen the recipient column grows to show an unlabelled JID
// whole; on a narrower one it is cut to the column (the 80-column list's 16
// cells show 15 of its hex digits) and the first line keeps its room.
func TestUnlabelledJIDIsWholeWhereThereIsRoom(t *testing.T) {
	for _, tt := range []struct {
		width int
		whole bool
	}{{160, true}, {130, false}, {80, false}} {
		m, _ := newScreen(t, themes.NoColor(), tt.width, 21, sample)
		view := commontest.Plain(m.View())
		if got := strings.Contains(view, zoomtest.ChannelRandom); got != tt.whole {
			t.Errorf("%d columns: whole JID shown %v, want %v:\n%s", tt.width, got, tt.whole, view)
		}
		if !tt.whole && !strings.Contains(view, zoomtest.ChannelRandom[:15]) {
			t.Errorf("%d columns: the JID is not cut to its column:\n%s", tt.width, view)
		}
		if !strings.Contains(view, "Hi Alice, the deploy report is att") {
			t.Errorf("%d columns: the first line lost its room:\n%s", tt.width, view)
		}
	}
}
