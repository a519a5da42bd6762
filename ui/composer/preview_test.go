package composer

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/editor/editortest"
)

// previewText is the side pane's card, without colours.
func previewText(m *Model) string {
	return ansi.Strip(strings.Join(m.pipeline.result.previewLines, "\n"))
}

func TestCheapRenderStartsAtOnce(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	settle(t, m, m.Init())
	if m.pipeline.cost >= cheapRender {
		t.Fatalf("rendering an empty card took %v, not cheap", m.pipeline.cost)
	}
	cmds := typeText(m, "Hello team")
	if ticks := msgsOf[previewTickMsg](cmds[0]); len(ticks) > 0 {
		t.Fatal("after a cheap render the first key waits for a pause")
	}
	results := msgsOf[previewResultMsg](cmds[0])
	if len(results) != 1 || results[0].seq != m.pipeline.seq-9 {
		t.Fatalf("the first key started %d renders, want 1 of its own text", len(results))
	}
	for i, cmd := range cmds[1:] {
		if got := msgsOf[previewResultMsg](cmd); len(got) > 0 {
			t.Fatalf("key %d started a render while one was running", i+2)
		}
	}
	// The first key's result is stale by now: it is dropped and starts the
	// render of the whole text at once.
	next := m.onPreviewResult(results[0])
	if strings.Contains(previewText(m), "H") {
		t.Fatalf("a stale render was shown:\n%s", previewText(m))
	}
	settle(t, m, next)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "│ Hello team") || !strings.Contains(view, "10 chars, 10 B") {
		t.Errorf("the preview does not show the typed text:\n%s", view)
	}
}

func TestExpensiveRenderWaitsForAPause(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	settle(t, m, m.Init())
	// One paragraph of 300 KB: every typed change renders all of it again,
	// tens of milliseconds even on a fast machine, well over cheapRender.
	m.setText(strings.Repeat("Deploy finished in every region. ", 300<<10/33))
	_, cmd := m.Update(nil)
	settle(t, m, cmd)
	settle(t, m, typeText(m, "x")...) // a typed change: its render's cost counts
	if m.pipeline.cost < cheapRender {
		t.Fatalf("rendering a typed change of a 300 KB paragraph took %v; the test needs more than %v", m.pipeline.cost, cheapRender)
	}
	t.Logf("a typed change of a 300 KB paragraph renders in %v", m.pipeline.cost)
	// The keys' times are the test's, so a loaded machine (an Update of a
	// 300 KB line under -race can outlast a render) cannot turn a burst into
	// slow typing. The typist was slower than the renderer: the next key
	// renders at once.
	at := time.Now()
	m.pipeline.keyClock = func() time.Time { return at }
	at = at.Add(time.Hour)
	cmds := typeText(m, "ab")
	results := msgsOf[previewResultMsg](cmds[0])
	if len(results) != 1 {
		t.Fatalf("a key %v after the last, with renders of %v, started %d renders; want 1 at once", m.pipeline.gap, m.pipeline.cost, len(results))
	}
	// The next key came at once: keys are faster than renders, so when the
	// running render ends, the newest waits for a pause as long as a render.
	_, next := m.Update(results[0])
	var pauses []previewTickMsg
	for _, msg := range runAll(next) {
		switch msg := msg.(type) {
		case previewTickMsg:
			pauses = append(pauses, msg)
		case previewResultMsg:
			t.Fatalf("keys %v apart, with renders of %v: the newest rendered at once", m.pipeline.gap, m.pipeline.cost)
		}
	}
	if len(pauses) != 1 {
		t.Fatalf("keys %v apart, with renders of %v: %d pauses, want 1", m.pipeline.gap, m.pipeline.cost, len(pauses))
	}
	if got := m.pipeline.pause(); got != min(m.pipeline.cost, m.pipeline.delay) {
		t.Errorf("the pause is %v, want the last render's cost %v up to %v", got, m.pipeline.cost, m.pipeline.delay)
	}
	_, render := m.Update(pauses[0])
	settle(t, m, render)
	if m.pipeline.rendered.version != m.editor.Version() || !strings.HasSuffix(m.editor.Value(), "xab") {
		t.Error("the preview did not follow the text once typing paused")
	}
}

// TestFirstRenderOfACardDoesNotSetThePause: the cold render of a text put
// in whole costs more than a typed change will; typing after it renders at
// once.
func TestFirstRenderOfACardDoesNotSetThePause(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	settle(t, m, m.Init())
	m.setText(editortest.CardSource(40 << 10))
	_, cmd := m.Update(nil)
	settle(t, m, cmd)
	if m.pipeline.cost != 0 {
		t.Errorf("the first render of a 40 KB card set the typing pause to %v", m.pipeline.cost)
	}
	if got := msgsOf[previewResultMsg](typeText(m, "x")[0]); len(got) != 1 {
		t.Error("the first key after a card was opened waits for a pause")
	}
}

func TestStalePreviewResultIsDropped(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.NoColor(), nil)
	settle(t, m, m.Init())
	held := msgsOf[previewResultMsg](typeText(m, "old")[0]) // the render of "o", held back
	settle(t, m, typeText(m, " and new")...)
	if len(held) != 1 {
		t.Fatalf("the first key produced %d renders, want 1", len(held))
	}
	settle(t, m, m.onPreviewResult(held[0]))
	if got := previewText(m); !strings.Contains(got, "old and new") {
		t.Errorf("the preview does not show the newest text after a stale result:\n%s", got)
	}
	if m.pipeline.running {
		t.Error("a render is still marked running after every result came back")
	}
}

// TestRestoredDraftShowsWithItsPreview is the first frame of a start with a
// saved draft: the Update that puts the draft in the editor also renders
// its preview, so no frame shows the text beside an empty pane, and none
// waits for a pause. (The dark theme draws bold as bold; the preview's
// paragraph then reads without the editor's ** markers.)
func TestRestoredDraftShowsWithItsPreview(t *testing.T) {
	st, _ := openStore(t)
	draft := editortest.CardSource(4 << 10)
	if err := st.SaveDraft(history.Draft{Name: newMessage.name(), Source: draft, UpdatedAt: fixedNow}); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 40, themes.Default(true), st)
	m.pipeline.delay = time.Hour // a render that waited for a pause would never come
	var read []draftsReadMsg
	for _, msg := range runAll(m.Init()) {
		switch msg := msg.(type) {
		case draftsReadMsg:
			read = append(read, msg)
		case previewResultMsg:
			m.Update(msg) // the empty editor's preview, before the draft came
		}
	}
	if len(read) != 1 {
		t.Fatalf("Init read the drafts %d times, want 1", len(read))
	}
	m.Update(read[0])
	view := ansi.Strip(m.View())
	if m.Source() != draft {
		t.Fatal("the draft was not restored")
	}
	if !strings.Contains(view, "The deploy pipeline now runs") {
		t.Errorf("the frame with the restored draft has no preview of it:\n%s", view)
	}
}

// TestLargeRestoredDraftRendersOffUpdate: a draft too large to render in
// Update is rendered at once in a command, without a pause.
func TestLargeRestoredDraftRendersOffUpdate(t *testing.T) {
	m := newTestModel(t, 120, 40, themes.Default(true), nil)
	settle(t, m, m.Init())
	m.pipeline.delay = time.Hour
	m.setText(editortest.CardSource(syncRenderMax + 4<<10))
	_, cmd := m.Update(nil)
	if m.pipeline.rendered.version == m.editor.Version() {
		t.Fatal("a text over syncRenderMax was rendered in Update")
	}
	results := msgsOf[previewResultMsg](cmd)
	if len(results) != 1 {
		t.Fatalf("the large draft started %d renders, want 1 at once", len(results))
	}
	m.Update(results[0])
	if !strings.Contains(previewText(m), "The deploy pipeline now runs") {
		t.Errorf("the preview does not show the large draft:\n%s", previewText(m))
	}
}
