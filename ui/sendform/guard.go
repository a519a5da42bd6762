package sendform

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/dialog"
	"github.com/zoompose/zoompose/ui/termtext"
)

// The prod guard: with a kind = "prod" profile a checked send asks first,
// in a dialog that names the profile in the prod colour and goes ahead on y
// only (enter is no). A dev profile sends at once, as it always did.

// prodProfile is the name of the profile when it is a production one.
func (m *Model) prodProfile() (string, bool) {
	d := m.common.Deps
	if d == nil || d.Profile.Kind != "prod" {
		return "", false
	}
	return d.Profile.Name, true
}

// askProd opens the question before a send to production.
func (m *Model) askProd(profile string) tea.Cmd {
	question := fmt.Sprintf("Send this card to %s? Everyone there sees it.", termtext.Line(m.recipientName(m.targets[0].JID)))
	if len(m.targets) > 1 { // one question for the whole broadcast
		question = fmt.Sprintf("Broadcast this card to %d recipients (%s)? Everyone in each of them sees it.",
			len(m.targets), termtext.Line(m.fields.Value(fieldTo)))
	}
	to := termtext.Line(m.recipientName(m.targets[0].JID))
	if len(m.targets) > 1 {
		to = fmt.Sprintf("%d recipients (%s)", len(m.targets), termtext.Line(m.fields.Value(fieldTo)))
	}
	if q, ok := m.scheduleQuestion(to); ok {
		question = q // a scheduled send names its time (sendat.go)
	}
	m.guard = dialog.NewConfirm(common.ScreenSend, m.common.Styles, "Send to production", question, m.common.Styles.Muted.Render(m.summary()))
	m.guard.GuardProd(profile)
	m.guard.SetSize(m.common.Width, m.common.Height)
	return nil
}

// answerProd sends on y and keeps the form as it was on no.
func (m *Model) answerProd(msg tea.KeyPressMsg) tea.Cmd {
	answer, cmd := m.guard.Update(msg)
	switch answer {
	case dialog.Yes:
		m.guard = nil
		m.prodYes = true
		defer func() { m.prodYes = false }()
		return m.dispatch()
	case dialog.No:
		m.guard = nil
		return common.Status(common.StatusInfo, "Not sent. The card and the form are as they were; ctrl+s asks again.")
	}
	return cmd
}
