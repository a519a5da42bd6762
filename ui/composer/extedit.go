package composer

import (
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
)

// externalFileMsg says the draft named draft was written to path for
// $EDITOR.
type externalFileMsg struct{ path, draft string }

// externalDoneMsg carries the text of the draft named draft back from
// $EDITOR.
type externalDoneMsg struct {
	source string
	draft  string
	err    error
}

// editorCommand is the author's editor: $VISUAL, then $EDITOR, then vi.
// The variable may hold arguments ("code --wait").
func editorCommand() []string {
	for _, env := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(env)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// writeExternalFile writes the draft to a temporary file in a command.
func (m *Model) writeExternalFile() tea.Cmd {
	source, draft := m.editor.Value(), m.cur.name()
	return func() tea.Msg {
		f, err := os.CreateTemp("", "zoompose-*.md")
		if err != nil {
			return externalDoneMsg{err: err}
		}
		_, err = f.WriteString(source)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return externalDoneMsg{err: err}
		}
		return externalFileMsg{path: f.Name(), draft: draft}
	}
}

// runExternalEditor suspends the program, runs the editor on the file and
// reads the file back when it exits.
func runExternalEditor(file externalFileMsg) tea.Cmd {
	argv := append(editorCommand(), file.path)
	c := exec.Command(argv[0], argv[1:]...)
	return tea.ExecProcess(c, func(err error) tea.Msg { return readExternalFile(file, err) })
}

// readExternalFile takes the edited text back and removes the file.
func readExternalFile(file externalFileMsg, runErr error) tea.Msg {
	defer os.Remove(file.path)
	if runErr != nil {
		return externalDoneMsg{draft: file.draft, err: runErr}
	}
	data, err := os.ReadFile(file.path)
	if err != nil {
		return externalDoneMsg{draft: file.draft, err: err}
	}
	return externalDoneMsg{source: string(data), draft: file.draft}
}

// onExternalDone puts the edited text in the editor when it differs, as one
// undo step; on failure the text in the editor is kept as it was. Editors
// end files with a newline: it is dropped unless the text had one.
func (m *Model) onExternalDone(msg externalDoneMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.StatusError, "The external editor failed ("+msg.err.Error()+"); your text in the composer is unchanged. Set $EDITOR to an editor that waits until you close the file.")
	}
	if msg.draft != m.cur.name() {
		return m.keepExternalText(msg)
	}
	source := msg.source
	if !strings.HasSuffix(m.editor.Value(), "\n") {
		source = strings.TrimSuffix(source, "\n")
	}
	if source == m.editor.Value() {
		return common.Status(common.StatusInfo, "No change from the external editor.")
	}
	line, col := m.editor.Cursor()
	m.editor.ReplaceAll(source)
	m.editor.SetCursor(line, col)
	return common.Status(common.StatusOK, "Took the text back from the external editor; ctrl+z undoes it.")
}

// keepExternalText stores text that came back for a draft no longer shown
// (a send cleared it meanwhile) in that draft, never in the one shown.
func (m *Model) keepExternalText(msg externalDoneMsg) tea.Cmd {
	t, ok := targetOf(msg.draft)
	if !ok {
		return nil
	}
	e := m.entry(t)
	e.source, e.pristine, e.savedAt = msg.source, false, m.common.Now()
	return tea.Batch(m.writeDraft(msg.draft, e.source, e.savedAt),
		common.Status(common.StatusInfo, "The external editor's text went back to "+t.what()+" (ctrl+l lists your drafts)."))
}
