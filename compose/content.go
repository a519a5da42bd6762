// Package compose is the message side of zoompose: the typed model of a Zoom
// chatbot card ("content"), the plain-text card source that authors write,
// conversion between CommonMark and Zoom's markdown dialect, validation with
// line/column diagnostics, and exact JSON in and out.
//
// The model stores text exactly as it goes on the wire (Zoom's dialect):
// MarshalJSON is therefore a faithful copy of what was parsed, and ParseJSON
// followed by MarshalJSON reproduces every key of the input.
//
// Zero values and unknown keys: every struct that mirrors a JSON object has an
// Extra map. Keys the model does not know, keys whose value has an unexpected
// JSON type, and known keys whose value is the zero value of the field (false,
// 0, "", {}) are kept there verbatim, so that nothing Zoom accepts is lost and
// an explicit `"short": false` survives a round trip. Readers can treat a zero
// typed field as "unset", which is what such a value means to Zoom.
package compose

import "encoding/json"

// Content is the card: the "content" object of a send, edit or unfurl request.
// A nil pointer or nil slice means the key is absent from the payload.
type Content struct {
	Settings *Settings `json:"settings"`
	Head     *Head     `json:"head"`
	Body     []Element `json:"body"`
	Extra    map[string]json.RawMessage
}

// Settings holds the card-wide settings object (typed "any" by Zoom's SDK).
type Settings struct {
	Form                bool   `json:"form"`
	DefaultSidebarColor string `json:"default_sidebar_color"`
	IsSplitSidebar      bool   `json:"is_split_sidebar"`
	Extra               map[string]json.RawMessage
}

// Head is the top-most text of a card, with an optional sub head.
type Head struct {
	Text    string   `json:"text"`
	Style   *Style   `json:"style"`
	SubHead *SubHead `json:"sub_head"`
	Extra   map[string]json.RawMessage
}

// SubHead is the smaller text under the head.
type SubHead struct {
	Text  string `json:"text"`
	Style *Style `json:"style"`
	Extra map[string]json.RawMessage
}

// Style is the text style of a head, sub head or message. Zoom ignores it
// when markdown is on.
type Style struct {
	Color  string `json:"color"`
	Bold   bool   `json:"bold"`
	Italic bool   `json:"italic"`
	Extra  map[string]json.RawMessage
}

// Element is one item of Content.Body (or of a section or page). Every
// element marshals to its exact payload object; json.Marshal of an element is
// its canonical JSON, suitable as a cache key.
type Element interface {
	// ElementType is the element's "type" key, e.g. "message".
	ElementType() string
	json.Marshaler
}

// Element type names as they appear in the payload.
const (
	TypeMessage        = "message"
	TypeFields         = "fields"
	TypeActions        = "actions"
	TypeSelect         = "select"
	TypeAttachments    = "attachments"
	TypeSection        = "section"
	TypePage           = "page"
	TypeFile           = "file"
	TypeDivider        = "divider"
	TypeProgressBar    = "progress_bar"
	TypeDatePicker     = "datepicker"
	TypeTimePicker     = "timepicker"
	TypeRadioButtons   = "radio_buttons"
	TypeCheckboxes     = "checkboxes"
	TypeAlert          = "alert"
	TypeImages         = "images"
	TypePlainTextInput = "plain_text_input"
	TypeVideo          = "video"
)

// Button styles Zoom documents for actions items.
const (
	ButtonPrimary  = "Primary"
	ButtonDefault  = "Default"
	ButtonDanger   = "Danger"
	ButtonDisabled = "Disabled"
)

// ToggleSwitch is the Checkboxes.Style value that draws a switch group.
const ToggleSwitch = "toggle_switch"

// Select static sources.
const (
	SourceMembers  = "members"
	SourceChannels = "channels"
)

// Label is a {"text": …} object (attachment title/description, file description).
type Label struct {
	Text  string `json:"text"`
	Extra map[string]json.RawMessage
}

// Option is a {"text","value"} pair (select items, radio options).
type Option struct {
	Text  string `json:"text"`
	Value string `json:"value"`
	Extra map[string]json.RawMessage
}
