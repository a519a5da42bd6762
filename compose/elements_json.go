package compose

// The methods below are mechanical: every model type delegates to the codec
// in codec.go, so all of them follow the same Extra and key-order rules.

import "encoding/json"

// elementDecoders maps a payload "type" to the decoder of its Go type.
var elementDecoders = map[string]func([]byte) (Element, error){
	TypeMessage:        decodeAs[Message],
	TypeFields:         decodeAs[Fields],
	TypeActions:        decodeAs[Actions],
	TypeSelect:         decodeAs[Select],
	TypeAttachments:    decodeAs[Attachments],
	TypeSection:        decodeAs[Section],
	TypePage:           decodeAs[Page],
	TypeFile:           decodeAs[File],
	TypeDivider:        decodeAs[Divider],
	TypeProgressBar:    decodeAs[ProgressBar],
	TypeDatePicker:     decodeAs[DatePicker],
	TypeTimePicker:     decodeAs[TimePicker],
	TypeRadioButtons:   decodeAs[RadioButtons],
	TypeCheckboxes:     decodeAs[Checkboxes],
	TypeAlert:          decodeAs[Alert],
	TypeImages:         decodeAs[Images],
	TypePlainTextInput: decodeAs[PlainTextInput],
	TypeVideo:          decodeAs[Video],
}

// decodeAs decodes raw into a T (an element struct) and returns it as a value.
func decodeAs[T any, PT interface {
	*T
	json.Unmarshaler
}](raw []byte) (Element, error) {
	var v T
	err := PT(&v).UnmarshalJSON(raw)
	return any(v).(Element), err
}

// ElementType returns TypeMessage.
func (m Message) ElementType() string { return TypeMessage }

// MarshalJSON writes the exact payload object, "type" first.
func (m Message) MarshalJSON() ([]byte, error) { return marshalObject(TypeMessage, m) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (m *Message) UnmarshalJSON(data []byte) error { return unmarshalObject(data, m, true) }

// ElementType returns TypeFields.
func (f Fields) ElementType() string { return TypeFields }

// MarshalJSON writes the exact payload object, "type" first.
func (f Fields) MarshalJSON() ([]byte, error) { return marshalObject(TypeFields, f) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (f *Fields) UnmarshalJSON(data []byte) error { return unmarshalObject(data, f, true) }

// ElementType returns TypeActions.
func (a Actions) ElementType() string { return TypeActions }

// MarshalJSON writes the exact payload object, "type" first.
func (a Actions) MarshalJSON() ([]byte, error) { return marshalObject(TypeActions, a) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (a *Actions) UnmarshalJSON(data []byte) error { return unmarshalObject(data, a, true) }

// ElementType returns TypeSelect.
func (s Select) ElementType() string { return TypeSelect }

// MarshalJSON writes the exact payload object, "type" first.
func (s Select) MarshalJSON() ([]byte, error) { return marshalObject(TypeSelect, s) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (s *Select) UnmarshalJSON(data []byte) error { return unmarshalObject(data, s, true) }

// ElementType returns TypeAttachments.
func (a Attachments) ElementType() string { return TypeAttachments }

// MarshalJSON writes the exact payload object, "type" first.
func (a Attachments) MarshalJSON() ([]byte, error) { return marshalObject(TypeAttachments, a) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (a *Attachments) UnmarshalJSON(data []byte) error { return unmarshalObject(data, a, true) }

// ElementType returns TypeSection.
func (s Section) ElementType() string { return TypeSection }

// MarshalJSON writes the exact payload object, "type" first.
func (s Section) MarshalJSON() ([]byte, error) { return marshalObject(TypeSection, s) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (s *Section) UnmarshalJSON(data []byte) error { return unmarshalObject(data, s, true) }

// ElementType returns TypePage.
func (p Page) ElementType() string { return TypePage }

// MarshalJSON writes the exact payload object, "type" first.
func (p Page) MarshalJSON() ([]byte, error) { return marshalObject(TypePage, p) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (p *Page) UnmarshalJSON(data []byte) error { return unmarshalObject(data, p, true) }

// ElementType returns TypeFile.
func (f File) ElementType() string { return TypeFile }

// MarshalJSON writes the exact payload object, "type" first.
func (f File) MarshalJSON() ([]byte, error) { return marshalObject(TypeFile, f) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (f *File) UnmarshalJSON(data []byte) error { return unmarshalObject(data, f, true) }

// ElementType returns TypeDivider.
func (d Divider) ElementType() string { return TypeDivider }

// MarshalJSON writes the exact payload object, "type" first.
func (d Divider) MarshalJSON() ([]byte, error) { return marshalObject(TypeDivider, d) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (d *Divider) UnmarshalJSON(data []byte) error { return unmarshalObject(data, d, true) }

// ElementType returns TypeProgressBar.
func (p ProgressBar) ElementType() string { return TypeProgressBar }

// MarshalJSON writes the exact payload object, "type" first.
func (p ProgressBar) MarshalJSON() ([]byte, error) { return marshalObject(TypeProgressBar, p) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (p *ProgressBar) UnmarshalJSON(data []byte) error { return unmarshalObject(data, p, true) }

// ElementType returns TypeDatePicker.
func (d DatePicker) ElementType() string { return TypeDatePicker }

// MarshalJSON writes the exact payload object, "type" first.
func (d DatePicker) MarshalJSON() ([]byte, error) { return marshalObject(TypeDatePicker, d) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (d *DatePicker) UnmarshalJSON(data []byte) error { return unmarshalObject(data, d, true) }

// ElementType returns TypeTimePicker.
func (t TimePicker) ElementType() string { return TypeTimePicker }

// MarshalJSON writes the exact payload object, "type" first.
func (t TimePicker) MarshalJSON() ([]byte, error) { return marshalObject(TypeTimePicker, t) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (t *TimePicker) UnmarshalJSON(data []byte) error { return unmarshalObject(data, t, true) }

// ElementType returns TypeRadioButtons.
func (r RadioButtons) ElementType() string { return TypeRadioButtons }

// MarshalJSON writes the exact payload object, "type" first.
func (r RadioButtons) MarshalJSON() ([]byte, error) { return marshalObject(TypeRadioButtons, r) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (r *RadioButtons) UnmarshalJSON(data []byte) error { return unmarshalObject(data, r, true) }

// ElementType returns TypeCheckboxes.
func (c Checkboxes) ElementType() string { return TypeCheckboxes }

// MarshalJSON writes the exact payload object, "type" first.
func (c Checkboxes) MarshalJSON() ([]byte, error) { return marshalObject(TypeCheckboxes, c) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (c *Checkboxes) UnmarshalJSON(data []byte) error { return unmarshalObject(data, c, true) }

// ElementType returns TypeAlert.
func (a Alert) ElementType() string { return TypeAlert }

// MarshalJSON writes the exact payload object, "type" first.
func (a Alert) MarshalJSON() ([]byte, error) { return marshalObject(TypeAlert, a) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (a *Alert) UnmarshalJSON(data []byte) error { return unmarshalObject(data, a, true) }

// ElementType returns TypeImages.
func (i Images) ElementType() string { return TypeImages }

// MarshalJSON writes the exact payload object, "type" first.
func (i Images) MarshalJSON() ([]byte, error) { return marshalObject(TypeImages, i) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (i *Images) UnmarshalJSON(data []byte) error { return unmarshalObject(data, i, true) }

// ElementType returns TypePlainTextInput.
func (p PlainTextInput) ElementType() string { return TypePlainTextInput }

// MarshalJSON writes the exact payload object, "type" first.
func (p PlainTextInput) MarshalJSON() ([]byte, error) { return marshalObject(TypePlainTextInput, p) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (p *PlainTextInput) UnmarshalJSON(data []byte) error { return unmarshalObject(data, p, true) }

// ElementType returns TypeVideo.
func (v Video) ElementType() string { return TypeVideo }

// MarshalJSON writes the exact payload object, "type" first.
func (v Video) MarshalJSON() ([]byte, error) { return marshalObject(TypeVideo, v) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (v *Video) UnmarshalJSON(data []byte) error { return unmarshalObject(data, v, true) }

// MarshalJSON writes the exact payload object.
func (c Content) MarshalJSON() ([]byte, error) { return marshalObject("", c) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (c *Content) UnmarshalJSON(data []byte) error { return unmarshalObject(data, c, false) }

// MarshalJSON writes the exact payload object.
func (s Settings) MarshalJSON() ([]byte, error) { return marshalObject("", s) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (s *Settings) UnmarshalJSON(data []byte) error { return unmarshalObject(data, s, false) }

// MarshalJSON writes the exact payload object.
func (h Head) MarshalJSON() ([]byte, error) { return marshalObject("", h) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (h *Head) UnmarshalJSON(data []byte) error { return unmarshalObject(data, h, false) }

// MarshalJSON writes the exact payload object.
func (s SubHead) MarshalJSON() ([]byte, error) { return marshalObject("", s) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (s *SubHead) UnmarshalJSON(data []byte) error { return unmarshalObject(data, s, false) }

// MarshalJSON writes the exact payload object.
func (s Style) MarshalJSON() ([]byte, error) { return marshalObject("", s) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (s *Style) UnmarshalJSON(data []byte) error { return unmarshalObject(data, s, false) }

// MarshalJSON writes the exact payload object.
func (l Label) MarshalJSON() ([]byte, error) { return marshalObject("", l) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (l *Label) UnmarshalJSON(data []byte) error { return unmarshalObject(data, l, false) }

// MarshalJSON writes the exact payload object.
func (o Option) MarshalJSON() ([]byte, error) { return marshalObject("", o) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (o *Option) UnmarshalJSON(data []byte) error { return unmarshalObject(data, o, false) }

// MarshalJSON writes the exact payload object.
func (f Field) MarshalJSON() ([]byte, error) { return marshalObject("", f) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (f *Field) UnmarshalJSON(data []byte) error { return unmarshalObject(data, f, false) }

// MarshalJSON writes the exact payload object.
func (b Button) MarshalJSON() ([]byte, error) { return marshalObject("", b) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (b *Button) UnmarshalJSON(data []byte) error { return unmarshalObject(data, b, false) }

// MarshalJSON writes the exact payload object.
func (i Information) MarshalJSON() ([]byte, error) { return marshalObject("", i) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (i *Information) UnmarshalJSON(data []byte) error { return unmarshalObject(data, i, false) }

// MarshalJSON writes the exact payload object.
func (p PageItem) MarshalJSON() ([]byte, error) { return marshalObject("", p) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (p *PageItem) UnmarshalJSON(data []byte) error { return unmarshalObject(data, p, false) }

// MarshalJSON writes the exact payload object.
func (f FileTitle) MarshalJSON() ([]byte, error) { return marshalObject("", f) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (f *FileTitle) UnmarshalJSON(data []byte) error { return unmarshalObject(data, f, false) }

// MarshalJSON writes the exact payload object.
func (d DividerStyle) MarshalJSON() ([]byte, error) { return marshalObject("", d) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (d *DividerStyle) UnmarshalJSON(data []byte) error { return unmarshalObject(data, d, false) }

// MarshalJSON writes the exact payload object.
func (c CheckboxOption) MarshalJSON() ([]byte, error) { return marshalObject("", c) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (c *CheckboxOption) UnmarshalJSON(data []byte) error { return unmarshalObject(data, c, false) }

// MarshalJSON writes the exact payload object.
func (i Image) MarshalJSON() ([]byte, error) { return marshalObject("", i) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (i *Image) UnmarshalJSON(data []byte) error { return unmarshalObject(data, i, false) }

// MarshalJSON writes the exact payload object.
func (v VideoTitle) MarshalJSON() ([]byte, error) { return marshalObject("", v) }

// UnmarshalJSON reads the payload object; unknown keys go to Extra.
func (v *VideoTitle) UnmarshalJSON(data []byte) error { return unmarshalObject(data, v, false) }

// ElementType returns the object's "type" ("" when it has none).
func (u Unknown) ElementType() string { return u.Type }

// MarshalJSON writes the object verbatim.
func (u Unknown) MarshalJSON() ([]byte, error) {
	if len(u.Raw) == 0 {
		return encodeJSON(map[string]string{"type": u.Type})
	}
	return u.Raw, nil
}
