package preview

import (
	"math"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/zoompose/zoompose/compose"
)

// drawProgress draws a bar of █ (done, accent colour) and ░ (to do) with the
// percentage after it. Values are clamped to 0–100.
func (r *Renderer) drawProgress(p compose.ProgressBar, w int) string {
	value := math.Min(math.Max(p.Value, 0), 100)
	label := " " + itoa(int(math.Round(value))) + "%"
	barW := w - len(label)
	if barW < 1 {
		return truncate(strings.TrimSpace(label), w)
	}
	done := int(math.Round(value / 100 * float64(barW)))
	return r.accent.Render(strings.Repeat("█", done)) + r.rule.Render(strings.Repeat("░", barW-done)) + r.styles.Text.Render(label)
}

// drawPicker draws a date or time picker as a closed input holding the
// initial value (or a placeholder), with its kind as a caption.
func (r *Renderer) drawPicker(kind, value, placeholder string, w int) string {
	content := r.styles.Text.Render(value)
	if value == "" {
		content = r.styles.Placeholder.Render(placeholder)
	}
	return paint(r.styles.Muted, kind, w) + "\n" + r.dropdown(content, w)
}

// drawRadio draws one "◉"/"○" line per option; the initial option is filled.
func (r *Renderer) drawRadio(rb compose.RadioButtons, w int) string {
	if len(rb.Options) == 0 {
		return r.styles.Placeholder.Render(truncate("(no options)", w))
	}
	lines := make([]string, len(rb.Options))
	for i, o := range rb.Options {
		mark := "○ "
		if rb.InitialOption != nil && rb.InitialOption.Value == o.Value && rb.InitialOption.Text == o.Text {
			mark = "◉ "
		}
		lines[i] = r.optionLine(mark, o.Text, w)
	}
	return strings.Join(lines, "\n")
}

// drawCheckboxes draws "[x]"/"[ ]" boxes, or switches ("━━●" on, "○━━"
// off) when the style is toggle_switch.
func (r *Renderer) drawCheckboxes(c compose.Checkboxes, w int) string {
	if len(c.Options) == 0 {
		return r.styles.Placeholder.Render(truncate("(no options)", w))
	}
	on, off := "[x] ", "[ ] "
	if c.Style == compose.ToggleSwitch {
		on, off = "━━● ", "○━━ "
	}
	lines := make([]string, len(c.Options))
	for i, o := range c.Options {
		mark := off
		if o.InitialSelected {
			mark = on
		}
		lines[i] = r.optionLine(mark, o.Text, w)
	}
	return strings.Join(lines, "\n")
}

// optionLine draws mark (accent colour) then the option's text, wrapped and
// indented under itself.
func (r *Renderer) optionLine(mark, text string, w int) string {
	markW := lipgloss.Width(mark)
	body := paint(r.styles.Text, text, max(w-markW, 1))
	lines := strings.Split(body, "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = r.accent.Render(mark) + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", markW) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// drawAlert draws a banner framed in the colour of its level (error,
// warning, success; anything else reads as information).
func (r *Renderer) drawAlert(a compose.Alert, w int) string {
	icon, style := "i", r.styles.Link
	switch strings.ToLower(a.Level) {
	case "error", "danger":
		icon, style = "✕", r.styles.Error
	case "warning", "warn":
		icon, style = "!", r.styles.Warn
	case "success", "ok":
		icon, style = "✓", r.styles.OK
	}
	text := style.Render(icon) + " " + r.styles.Text.Render(a.Text)
	if a.Closable {
		text += r.styles.Muted.Render("  ×")
	}
	frame := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if fg := style.GetForeground(); !r.theme.Plain && fg != nil {
		frame = frame.BorderForeground(fg)
	}
	return boxed(frame, text, w)
}

// drawInput draws a text input (or a three-line text area when multiline):
// its label, then a box with the value or the placeholder, then the length
// limits when set.
func (r *Renderer) drawInput(in compose.PlainTextInput, w int) string {
	var parts []string
	if in.Text != "" {
		parts = append(parts, paint(r.styles.FieldKey, in.Text, w))
	}
	content := r.styles.Text.Render(in.Value)
	if in.Value == "" {
		content = r.styles.Placeholder.Render(in.Placeholder)
	}
	box := r.styles.Input
	if in.Multiline {
		box = box.Height(3 + box.GetVerticalFrameSize())
	}
	parts = append(parts, boxed(box, content, w))
	if limits := lengthLimits(in.MinLength, in.MaxLength); limits != "" {
		parts = append(parts, paint(r.styles.Muted, limits, w))
	}
	return strings.Join(parts, "\n")
}

func lengthLimits(minLen, maxLen int) string {
	switch {
	case minLen > 0 && maxLen > 0:
		return itoa(minLen) + "–" + itoa(maxLen) + " characters"
	case maxLen > 0:
		return "up to " + itoa(maxLen) + " characters"
	case minLen > 0:
		return "at least " + itoa(minLen) + " characters"
	}
	return ""
}
