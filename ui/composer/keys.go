package composer

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/editor"
)

// keyMap is the composer's own keys; the editor's keys (motion, editing,
// newline, undo) live in the editor's KeyMap and are merged into help.
// Every key here works in legacy terminals and in tmux: none is ctrl+h,
// ctrl+i, ctrl+m or ctrl+[, which those send for backspace, tab, enter and
// esc.
type keyMap struct {
	Send         key.Binding
	SwitchPane   key.Binding
	Payload      key.Binding
	MobileWidth  key.Binding
	Insert       key.Binding
	Templates    key.Binding
	SaveTemplate key.Binding
	PreviewVars  key.Binding // fill template placeholders for the preview
	ExtEditor    key.Binding
	Drafts       key.Binding // the list of open drafts, one per target
	Back         key.Binding // esc with nothing open: the previous screen
	ScrollUp     key.Binding // preview pane focused
	ScrollDown   key.Binding
	PageUp       key.Binding
	PageDown     key.Binding

	// The problems list under the editor (diaglist.go).
	Diags       key.Binding // ctrl+d: the list takes the keyboard, or gives it back
	DiagsExpand key.Binding // alt+e: every message whole, or one row each
	DiagGo      key.Binding // enter: the editor's cursor to the picked problem
	DiagLeave   key.Binding // esc: back to the editor

	// Menus and forms.
	Up     key.Binding
	Down   key.Binding
	Next   key.Binding
	Prev   key.Binding
	Accept key.Binding
	Close  key.Binding

	// The drafts list.
	Discard key.Binding
	Yes     key.Binding
	No      key.Binding
}

func newKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Send:         b("ctrl+s", "send", "ctrl+s"),
		SwitchPane:   b("tab", "switch pane", "tab"),
		Payload:      b("ctrl+p", "preview/payload", "ctrl+p"),
		MobileWidth:  b("alt+w", "mobile/desktop width", "alt+w"),
		Insert:       b("ctrl+o", "insert element", "ctrl+o"),
		Templates:    b("ctrl+t", "templates", "ctrl+t"),
		SaveTemplate: b("alt+s", "save as template", "alt+s"),
		PreviewVars:  b("alt+v", "template values for the preview", "alt+v"),
		ExtEditor:    b("ctrl+x", "open in $EDITOR", "ctrl+x"),
		Drafts:       b("ctrl+l", "open drafts", "ctrl+l"),
		Back:         b("esc", "back", "esc"),
		ScrollUp:     b("↑", "scroll up", "up"),
		ScrollDown:   b("↓", "scroll down", "down"),
		PageUp:       b("pgup", "page up", "pgup"),
		PageDown:     b("pgdn", "page down", "pgdown"),
		Diags:        b("ctrl+d", "problems list", "ctrl+d"),
		DiagsExpand:  b("alt+e", "expand problems", "alt+e"),
		DiagGo:       b("enter", "go to its line", "enter"),
		DiagLeave:    b("esc", "back to the editor", "esc"),

		Up:     b("↑", "previous", "up"),
		Down:   b("↓", "next", "down"),
		Next:   b("tab", "next field", "tab", "down"),
		Prev:   b("shift+tab", "previous field", "shift+tab", "up"),
		Accept: b("enter", "choose", "enter"),
		Close:  b("esc", "close", "esc"),

		Discard: b("x/del", "discard draft", "x", "delete"),
		Yes:     b("y", "yes, discard", "y"),
		No:      b("n/esc", "no, keep it", "n", "esc"),
	}
}

// syncKeys enables exactly the keys that act in the composer's current state,
// so key.Matches and help agree, and gives the editor the keyboard only
// while it is shown and focused.
func (m *Model) syncKeys() {
	k := &m.keys
	base := m.overlay == overlayNone
	editorShown := base && m.editorVisible()
	previewFocused := base && m.focus == focusPreview && m.sideVisible()
	k.Send.SetEnabled(base && m.common.Deps.SendingOff() == "")
	switch m.cur.mode {
	case common.ComposeEdit:
		k.Send.SetHelp("ctrl+s", "review the edit")
	case common.ComposeUnfurl:
		k.Send.SetHelp("ctrl+s", "unfurl…")
	case common.ComposeScheduled:
		k.Send.SetHelp("ctrl+s", "save the scheduled card")
	default:
		k.Send.SetHelp("ctrl+s", "send…")
	}
	k.SwitchPane.SetEnabled(base)
	k.Payload.SetEnabled(base)
	k.MobileWidth.SetEnabled(base && m.view != viewPayload)
	k.Insert.SetEnabled(editorShown)
	k.Templates.SetEnabled(base)
	k.SaveTemplate.SetEnabled(base)
	k.PreviewVars.SetEnabled(base && m.hasVars)
	k.ExtEditor.SetEnabled(base)
	k.Drafts.SetEnabled(base)
	m.syncDiagKeys(base && m.editorVisible())
	k.Back.SetEnabled(base && m.focus != focusDiags)
	for _, b := range []*key.Binding{&k.ScrollUp, &k.ScrollDown, &k.PageUp, &k.PageDown} {
		b.SetEnabled(previewFocused)
	}
	asking := m.overlay == overlayDrafts && m.discarding != "" || m.overlay == overlayTemplates && m.picker.replacing != nil
	menu := (m.overlay == overlayInsert || m.overlay == overlayTemplates || m.overlay == overlayDrafts) && !asking
	form := m.overlay == overlayVars || m.overlay == overlayTemplateName
	k.Up.SetEnabled(menu || k.DiagGo.Enabled())
	k.Down.SetEnabled(menu || k.DiagGo.Enabled())
	k.Next.SetEnabled(form)
	k.Prev.SetEnabled(form)
	k.Accept.SetEnabled(!base && !asking)
	if m.overlay == overlayDrafts {
		k.Accept.SetHelp("enter", "open")
	} else {
		k.Accept.SetHelp("enter", "choose")
	}
	k.Close.SetEnabled(!base && !asking)
	k.Discard.SetEnabled(m.overlay == overlayDrafts && !asking)
	k.Yes.SetEnabled(asking)
	k.No.SetEnabled(asking)
	if m.overlay == overlayTemplates {
		k.Yes.SetHelp("y", "yes, replace the draft")
		k.No.SetHelp("any key", "no, keep it")
	} else {
		k.Yes.SetHelp("y", "yes, discard")
		k.No.SetHelp("n/esc", "no, keep it")
	}
	if !editorShown || m.focus != focusEditor {
		m.editor.Blur()
	} else {
		m.editor.Focus()
	}
}

// syncDiagKeys enables the problems list's keys: ctrl+d and alt+e while
// there are problems to show, the list's own keys while it has the
// keyboard.
func (m *Model) syncDiagKeys(shown bool) {
	k := &m.keys
	has := shown && len(m.pipeline.result.diags) > 0
	focused := has && m.focus == focusDiags
	k.Diags.SetEnabled(has)
	k.DiagsExpand.SetEnabled(has)
	k.DiagGo.SetEnabled(focused)
	k.DiagLeave.SetEnabled(focused)
	if focused {
		k.Diags.SetHelp("ctrl+d", "back to the editor")
	} else {
		k.Diags.SetHelp("ctrl+d", "problems list")
	}
	if m.diag.expanded {
		k.DiagsExpand.SetHelp("alt+e", "compact problems")
	} else {
		k.DiagsExpand.SetHelp("alt+e", "expand problems")
	}
}

// ShortHelp returns the keys worth a footer in the current state.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.overlay {
	case overlayNone:
		if m.focus == focusDiags {
			return []key.Binding{k.Up, k.Down, k.DiagGo, k.DiagsExpand, k.DiagLeave}
		}
		return []key.Binding{k.Send, k.SwitchPane, k.Payload, k.Insert, k.Templates}
	case overlayVars, overlayTemplateName:
		return []key.Binding{k.Accept, k.Next, k.Close}
	case overlayTemplates:
		if m.picker.replacing != nil {
			return []key.Binding{k.Yes, k.No}
		}
	case overlayDrafts:
		if m.discarding != "" {
			return []key.Binding{k.Yes, k.No}
		}
		return []key.Binding{k.Up, k.Down, k.Accept, k.Discard, k.Close}
	}
	return []key.Binding{k.Up, k.Down, k.Accept, k.Close}
}

// FullHelp implements help.KeyMap: the keys of HelpKeys.
func (m *Model) FullHelp() [][]key.Binding { return common.Bindings(m.HelpKeys()) }

// Why a composer key does not act: shown dimmed beside it in the help overlay.
const (
	whyOverlay      = "not while a menu or form is open (esc closes it)"
	whyMenu         = "only in a menu (ctrl+o, ctrl+t, ctrl+l)"
	whyForm         = "only in a form (alt+v, alt+s)"
	whyMenuOrForm   = "only in a menu or form"
	whyAsked        = "only when a discard or replace is asked"
	whyNoVars       = "the draft has no template placeholders"
	whyPayload      = "not in the payload view (ctrl+p)"
	whyEditorShown  = "only with the editor shown (tab)"
	whyPreview      = "only with the preview focused (tab)"
	whyNoProblems   = "the card has no problems"
	whyProblemsList = "only in the problems list (ctrl+d)"
)

// HelpKeys implements common.Screen: every composer key, the ones off now
// with why, then the editor's.
func (m *Model) HelpKeys() [][]common.KeyHelp {
	k, why := m.keys, common.Why
	base := func(reason string) string { // the overlay closes the base keys first
		if m.overlay != overlayNone {
			return whyOverlay
		}
		return reason
	}
	groups := [][]common.KeyHelp{
		{why(k.Send, base(m.common.Deps.SendingOff())), why(k.SwitchPane, whyOverlay), why(k.Payload, whyOverlay), why(k.MobileWidth, base(whyPayload))},
		{
			why(k.Insert, base(whyEditorShown)), why(k.Templates, whyOverlay), why(k.SaveTemplate, whyOverlay),
			why(k.PreviewVars, base(whyNoVars)), why(k.ExtEditor, whyOverlay), why(k.Drafts, whyOverlay), why(k.Back, whyOverlay),
		},
		{why(k.ScrollUp, base(whyPreview)), why(k.ScrollDown, base(whyPreview)), why(k.PageUp, base(whyPreview)), why(k.PageDown, base(whyPreview))},
		{
			why(k.Up, whyMenu), why(k.Down, whyMenu), why(k.Next, whyForm), why(k.Prev, whyForm),
			why(k.Accept, whyMenuOrForm), why(k.Close, whyMenuOrForm),
			why(k.Discard, "only in the drafts list (ctrl+l)"), why(k.Yes, whyAsked), why(k.No, whyAsked),
		},
		{
			why(k.Diags, base(whyNoProblems)), why(k.DiagsExpand, base(whyNoProblems)),
			why(k.DiagGo, whyProblemsList), why(k.DiagLeave, whyProblemsList),
		},
	}
	return append(groups, editorHelpKeys(m.editor.KeyMap)...)
}

// editorHelpKeys are the editor's keys as the composer uses them: tab
// switches panes, so the editor's tab key (never enabled here) is left out.
func editorHelpKeys(e editor.KeyMap) [][]common.KeyHelp {
	return [][]common.KeyHelp{
		common.Keys(e.CharacterBackward, e.CharacterForward, e.WordBackward, e.WordForward, e.LineUp, e.LineDown),
		common.Keys(e.LineStart, e.LineEnd, e.TextStart, e.TextEnd, e.PageUp, e.PageDown),
		common.Keys(e.InsertNewline, e.DeleteBackward, e.DeleteForward, e.DeleteWordBackward, e.DeleteWordForward),
		append(common.Keys(e.DeleteToLineEnd, e.DeleteToLineStart),
			common.Why(e.Undo, "nothing to undo yet"), common.Why(e.Redo, "nothing undone to redo")),
	}
}
