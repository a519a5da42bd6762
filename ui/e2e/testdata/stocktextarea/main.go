// Command stocktextarea is the baseline of the latency harness
// (ui/e2e/latency_test.go): a stock bubbles textarea filling the terminal,
// holding the text of the file named by its argument, as a minimal Bubble
// Tea editor would. It does nothing zoompose does beyond that (no preview,
// no history), so the harness can compare what zoompose adds in the same
// terminal, run and machine. ctrl+c quits.
package main

import (
	"fmt"
	"os"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

type model struct{ ta textarea.Model }

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ta.SetWidth(msg.Width)
		m.ta.SetHeight(msg.Height)
		return m, nil
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	}
	var cmd tea.Cmd
	m.ta, cmd = m.ta.Update(msg)
	return m, cmd
}

func (m model) View() tea.View {
	v := tea.NewView(m.ta.View())
	v.AltScreen = true
	return v
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: stocktextarea FILE")
		os.Exit(2)
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ta := textarea.New()
	ta.CharLimit, ta.MaxHeight = 0, 0 // the whole card, as the composer holds it
	ta.SetValue(string(text))
	ta.MoveToBegin()
	ta.Focus()
	if _, err := tea.NewProgram(model{ta: ta}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
