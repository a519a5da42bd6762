package compose

import "encoding/json"

// The element types of facts.md §1.3. Body slices hold them as values
// (Message, not *Message). Optional keys are plain fields: a zero field means
// the key is absent or zero-valued (then kept in Extra, see the package doc).

// Message is a text element ("type":"message").
type Message struct {
	Text              string `json:"text"`
	Style             *Style `json:"style"`
	Editable          bool   `json:"editable"`
	IsMarkdownSupport bool   `json:"is_markdown_support"`
	Link              string `json:"link"`
	Extra             map[string]json.RawMessage
}

// Fields is a key/value grid ("type":"fields").
type Fields struct {
	Items []Field `json:"items"`
	Extra map[string]json.RawMessage
}

// Field is one key/value pair of Fields. Two consecutive Short fields may sit
// side by side.
type Field struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Short    bool   `json:"short"`
	Editable bool   `json:"editable"`
	Extra    map[string]json.RawMessage
}

// Actions is a row of buttons ("type":"actions"). Limit groups the buttons
// past it into a menu.
type Actions struct {
	Items []Button `json:"items"`
	Limit int      `json:"limit"`
	Extra map[string]json.RawMessage
}

// Button is one actions item. Style is one of the Button* constants.
type Button struct {
	Text   string `json:"text"`
	Value  string `json:"value"`
	Style  string `json:"style"`
	Submit bool   `json:"submit"`
	Extra  map[string]json.RawMessage
}

// Select is a dropdown ("type":"select"): static with SelectItems, or dynamic
// with StaticSource ("members" or "channels").
type Select struct {
	Text         string   `json:"text"`
	SelectItems  []Option `json:"select_items"`
	SelectedItem *Option  `json:"selected_item"`
	StaticSource string   `json:"static_source"`
	Extra        map[string]json.RawMessage
}

// Attachments is a linked resource card ("type":"attachments"). ImgURL is the
// "img_url" key of Zoom's SDK; the docs' "ImageProvider_url" stays in Extra.
type Attachments struct {
	ResourceURL string       `json:"resource_url"`
	ImgURL      string       `json:"img_url"`
	Information *Information `json:"information"`
	Ext         string       `json:"ext"`
	Size        int64        `json:"size"`
	Extra       map[string]json.RawMessage
}

// Information is the title and description of an attachment.
type Information struct {
	Title       *Label `json:"title"`
	Description *Label `json:"description"`
	Extra       map[string]json.RawMessage
}

// Section groups elements beside a coloured sidebar with an optional footer
// ("type":"section"). TS is epoch milliseconds.
type Section struct {
	Sections     []Element `json:"sections"`
	SidebarColor string    `json:"sidebar_color"`
	Footer       string    `json:"footer"`
	FooterIcon   string    `json:"footer_icon"`
	TS           int64     `json:"ts"`
	Layout       string    `json:"layout"`
	Extra        map[string]json.RawMessage
}

// Page is a multi-page element ("type":"page").
type Page struct {
	CurPage int        `json:"cur_page"`
	Pages   []PageItem `json:"pages"`
	Extra   map[string]json.RawMessage
}

// PageItem is one page of a Page.
type PageItem struct {
	PageNo int       `json:"pageNo"`
	Body   []Element `json:"body"`
	Extra  map[string]json.RawMessage
}

// File is a file card ("type":"file").
type File struct {
	IconURL     string     `json:"icon_url"`
	Title       *FileTitle `json:"title"`
	Description *Label     `json:"description"`
	Extra       map[string]json.RawMessage
}

// FileTitle is the title of a File, linking to the file.
type FileTitle struct {
	Text    string `json:"text"`
	FileURL string `json:"file_url"`
	Extra   map[string]json.RawMessage
}

// Divider is a horizontal rule ("type":"divider").
type Divider struct {
	Style *DividerStyle `json:"style"`
	Extra map[string]json.RawMessage
}

// DividerStyle is the look of a Divider.
type DividerStyle struct {
	Bold   bool   `json:"bold"`
	Dotted bool   `json:"dotted"`
	Color  string `json:"color"`
	Extra  map[string]json.RawMessage
}

// ProgressBar shows a value, presumably 0–100 ("type":"progress_bar").
type ProgressBar struct {
	Value float64 `json:"value"`
	Extra map[string]json.RawMessage
}

// DatePicker is a date input ("type":"datepicker"), InitialDate like "2010/10/10".
type DatePicker struct {
	InitialDate string `json:"initial_date"`
	ActionID    string `json:"action_id"`
	Extra       map[string]json.RawMessage
}

// TimePicker is a time input ("type":"timepicker"), InitialTime like "12:00".
type TimePicker struct {
	InitialTime string `json:"initial_time"`
	ActionID    string `json:"action_id"`
	Extra       map[string]json.RawMessage
}

// RadioButtons is a radio group ("type":"radio_buttons").
type RadioButtons struct {
	Options       []Option `json:"options"`
	InitialOption *Option  `json:"initial_option"`
	ActionID      string   `json:"action_id"`
	Extra         map[string]json.RawMessage
}

// Checkboxes is a checkbox group, or a switch group when Style is
// ToggleSwitch ("type":"checkboxes").
type Checkboxes struct {
	Options  []CheckboxOption `json:"options"`
	ActionID string           `json:"action_id"`
	Style    string           `json:"style"`
	Extra    map[string]json.RawMessage
}

// CheckboxOption is one box of Checkboxes.
type CheckboxOption struct {
	Text            string `json:"text"`
	Value           string `json:"value"`
	InitialSelected bool   `json:"initial_selected"`
	Extra           map[string]json.RawMessage
}

// Alert is a banner ("type":"alert"); Level values are undocumented.
type Alert struct {
	Text     string `json:"text"`
	Level    string `json:"level"`
	Closable bool   `json:"closable"`
	Extra    map[string]json.RawMessage
}

// Images is an image carousel ("type":"images").
type Images struct {
	CurIndex int     `json:"cur_index"`
	Images   []Image `json:"images"`
	Extra    map[string]json.RawMessage
}

// Image is one picture of Images.
type Image struct {
	ImageURL   string `json:"image_url"`
	AltText    string `json:"alt_text"`
	ImageIndex int    `json:"image_index"`
	Extra      map[string]json.RawMessage
}

// PlainTextInput is a text input, or a text area when Multiline
// ("type":"plain_text_input").
type PlainTextInput struct {
	ActionID    string `json:"action_id"`
	Text        string `json:"text"`
	Value       string `json:"value"`
	Placeholder string `json:"placeholder"`
	Multiline   bool   `json:"multiline"`
	MinLength   int    `json:"min_length"`
	MaxLength   int    `json:"max_length"`
	Extra       map[string]json.RawMessage
}

// Video is a video player ("type":"video").
type Video struct {
	Title           *VideoTitle `json:"title"`
	ActionID        string      `json:"action_id"`
	TitleURL        string      `json:"title_url"`
	VideoURL        string      `json:"video_url"`
	ThumbnailURL    string      `json:"thumbnail_url"`
	AuthorName      string      `json:"author_name"`
	ProviderName    string      `json:"provider_name"`
	ProviderIconURL string      `json:"provider_icon_url"`
	Extra           map[string]json.RawMessage
}

// VideoTitle is the title of a Video.
type VideoTitle struct {
	Text              string `json:"text"`
	IsMarkdownSupport bool   `json:"is_markdown_support"`
	Extra             map[string]json.RawMessage
}

// Unknown is any body object whose "type" the model does not know (or that
// has none). Raw is the object verbatim (compacted); it is never dropped.
type Unknown struct {
	Type string
	Raw  json.RawMessage
}
