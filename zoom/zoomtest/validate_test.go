package zoomtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// validCards holds one accepted card per element type of facts §1.3, in Zoom's docs shapes.
var validCards = map[string]string{
	"head only":      `{"head":{"text":"Hello World"}}`,
	"form settings":  `{"settings":{"form":true,"default_sidebar_color":"#0E72ED","is_split_sidebar":false},"head":{"text":"Form"}}`,
	"styled head":    `{"settings":{},"head":{"text":"Hi","style":{"color":"#8338EC","bold":true,"italic":false},"sub_head":{"text":"sub","style":{"color":"#13C4A3"}}}}`,
	"message":        `{"body":[{"type":"message","text":"I am a link","link":"https://zoom.us","is_markdown_support":true,"editable":false,"style":{"color":"#0099ff","bold":false,"italic":false}}]}`,
	"fields":         `{"body":[{"type":"fields","items":[{"key":"Name","value":"Ann","short":true,"editable":true},{"key":"Empty","value":" "}]}]}`,
	"actions":        `{"body":[{"type":"actions","limit":2,"items":[{"text":"Add","value":"add","style":"Primary"},{"text":"Update","value":"update","style":"Default"},{"text":"Delete","value":"delete","style":"Danger"},{"text":"Off","value":"off","style":"Disabled","submit":true}]}]}`,
	"static select":  `{"body":[{"type":"select","text":"Pick","select_items":[{"text":"A","value":"a"}],"selected_item":{"text":"A","value":"a"}}]}`,
	"member select":  `{"body":[{"type":"select","text":"Who","static_source":"members"}]}`,
	"channel select": `{"body":[{"type":"select","text":"Where","static_source":"channels"}]}`,
	"attachments":    `{"body":[{"type":"attachments","resource_url":"https://zoom.us","img_url":"https://zoom.us/a.png","ext":"pdf","size":1000000,"information":{"title":{"text":"Doc"},"description":{"text":"A file"}}}]}`,
	"section":        `{"body":[{"type":"section","sidebar_color":"#F56416","layout":"horizontal","sections":[{"type":"message","text":"x"},{"type":"datepicker","action_id":"d","initial_date":"2010/10/10"}],"footer":"f","footer_icon":"https://zoom.us/i.png","ts":1560446471819}]}`,
	// Zoom's markdown page documents a footer-only section (facts §2.1, D-markdown).
	"footer-only section": `{"body":[{"type":"section","sections":[],"footer":"<https://zoom.us>"}]}`,
	"footer, no sections": `{"body":[{"type":"section","footer":"<https://zoom.us>"}]}`,
	// RIVET types value and style as required on a button and style on a divider; whether
	// Zoom refuses them without is unknown, so the simulator takes them and notes it.
	"bare button":      `{"body":[{"type":"actions","items":[{"text":"Go"}]}]}`,
	"page":             `{"body":[{"type":"page","cur_page":1,"pages":[{"pageNo":1,"body":[{"type":"section","sections":[{"type":"message","text":"p1"}]}]}]}]}`,
	"file":             `{"body":[{"type":"file","icon_url":"https://zoom.us/i.png","title":{"text":"report.pdf","file_url":"https://zoom.us/r.pdf"},"description":{"text":"Q3"}}]}`,
	"divider":          `{"body":[{"type":"divider","style":{"bold":false,"dotted":false,"color":"#98a0a9"}},{"type":"divider"}]}`,
	"progress_bar":     `{"body":[{"type":"progress_bar","value":40}]}`,
	"timepicker":       `{"body":[{"type":"timepicker","action_id":"t","initial_time":"12:00"}]}`,
	"datepicker":       `{"body":[{"type":"datepicker","action_id":"d","initial_date":"2024/5/10"}]}`,
	"radio_buttons":    `{"body":[{"type":"radio_buttons","action_id":"r","options":[{"text":"A","value":"a"}],"initial_option":{"text":"A","value":"a"}}]}`,
	"checkboxes":       `{"body":[{"type":"checkboxes","action_id":"c","options":[{"text":"A","value":"a","initial_selected":true}]}]}`,
	"switch group":     `{"body":[{"type":"checkboxes","action_id":"s","style":"toggle_switch","options":[{"text":"S","value":"s"}]}]}`,
	"alert":            `{"body":[{"type":"alert","text":"Careful","level":"warning","closable":true}]}`,
	"images":           `{"body":[{"type":"images","cur_index":0,"images":[{"image_url":"https://zoom.us/a.png","alt_text":"a","image_index":0}]}]}`,
	"plain_text_input": `{"body":[{"type":"plain_text_input","action_id":"i","text":"Name","placeholder":"Type","multiline":true,"min_length":1,"max_length":10}]}`,
	"video":            `{"body":[{"type":"video","video_url":"https://zoom.us/v.mp4","title":{"text":"Demo","is_markdown_support":false},"thumbnail_url":"https://zoom.us/t.png"}]}`,
}

func TestValidCardsAreAccepted(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	for name, card := range validCards {
		t.Run(name, func(t *testing.T) {
			body := sendEnvelope()
			body["content"] = json.RawMessage(card)
			if a := send(t, s, token, body); a.status != http.StatusCreated {
				t.Fatalf("valid card refused with %d: %s", a.status, a.raw)
			}
		})
	}
}

func TestInvalidCardsNameThePath(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	tests := []struct {
		name, card string
		fields     []string
		says       string
	}{
		{"empty", `{}`, []string{"content"}, "empty"},
		{"top-level sub_head", `{"head":{"text":"a"},"sub_head":{"text":"b"}}`, []string{"content.sub_head"}, "inside head"},
		{"head without text", `{"head":{"style":{"bold":true}}}`, []string{"content.head.text"}, "required"},
		{"head text not a string", `{"head":{"text":5}}`, []string{"content.head.text"}, "string"},
		{"sub_head without text", `{"head":{"text":"a","sub_head":{}}}`, []string{"content.head.sub_head.text"}, "required"},
		{"bad colour", `{"head":{"text":"a","style":{"color":"blue"}}}`, []string{"content.head.style.color"}, "hex colour"},
		{"bold as string", `{"head":{"text":"a","style":{"bold":"yes"}}}`, []string{"content.head.style.bold"}, "true or false"},
		{"settings not object", `{"settings":[],"head":{"text":"a"}}`, []string{"content.settings"}, "object"},
		{"body not array", `{"body":{"type":"message","text":"a"}}`, []string{"content.body", "content"}, "array"},
		{"element not object", `{"body":["hi"]}`, []string{"content.body[0]"}, "object"},
		{"missing type", `{"body":[{"text":"a"}]}`, []string{"content.body[0].type"}, "required"},
		{"unknown type", `{"body":[{"type":"message","text":"a"},{"type":"message","text":"b"},{"type":"carousel"}]}`, []string{"content.body[2].type"}, "Unknown element type"},
		{"zplug header", `{"body":[{"type":"header","text":"a"}]}`, []string{"content.body[0].type"}, `"head"`},
		{"zplug styled_text", `{"body":[{"type":"styled_text","text":"a"}]}`, []string{"content.body[0].type"}, `"message"`},
		{"zplug dropdown", `{"body":[{"type":"dropdown"}]}`, []string{"content.body[0].type"}, `"select"`},
		{"zplug form_field", `{"body":[{"type":"form_field"}]}`, []string{"content.body[0].type"}, `"fields"`},
		{"message without text", `{"body":[{"type":"message"}]}`, []string{"content.body[0].text"}, "required"},
		{"message blank text", `{"body":[{"type":"message","text":"  "}]}`, []string{"content.body[0].text"}, "empty"},
		{"fields without items", `{"body":[{"type":"fields"}]}`, []string{"content.body[0].items"}, "required"},
		{"item not an object", `{"body":[{"type":"fields","items":["k: v"]}]}`, []string{"content.body[0].items[0]"}, "object"},
		{"field without key", `{"body":[{"type":"fields","items":[{"value":"v"}]}]}`, []string{"content.body[0].items[0].key"}, "required"},
		{"field without value", `{"body":[{"type":"fields","items":[{"key":"k"}]}]}`, []string{"content.body[0].items[0].value"}, `" "`},
		{"actions empty items", `{"body":[{"type":"actions","items":[]}]}`, []string{"content.body[0].items"}, "empty"},
		{"button without text", `{"body":[{"type":"actions","items":[{"value":"v"}]}]}`, []string{"content.body[0].items[0].text"}, "required"},
		{"button bad style", `{"body":[{"type":"actions","items":[{"text":"a","style":"primary"}]}]}`, []string{"content.body[0].items[0].style"}, "Primary"},
		{"select with both", `{"body":[{"type":"select","select_items":[{"text":"a","value":"a"}],"static_source":"members"}]}`, []string{"content.body[0]"}, "not both"},
		{"select with neither", `{"body":[{"type":"select","text":"x"}]}`, []string{"content.body[0].select_items"}, "static_source"},
		{"select bad source", `{"body":[{"type":"select","static_source":"users"}]}`, []string{"content.body[0].static_source"}, "members"},
		{"select item without value", `{"body":[{"type":"select","select_items":[{"text":"a"}]}]}`, []string{"content.body[0].select_items[0].value"}, "required"},
		{"link without scheme", `{"body":[{"type":"message","text":"a","link":"zoom.us"}]}`, []string{"content.body[0].link"}, "absolute"},
		{"image url relative", `{"body":[{"type":"images","images":[{"image_url":"/a.png"}]}]}`, []string{"content.body[0].images[0].image_url"}, "https://"},
		{"footer icon javascript", `{"body":[{"type":"section","sections":[{"type":"divider"}],"footer_icon":"javascript:alert(1)"}]}`, []string{"content.body[0].footer_icon"}, "absolute"},
		{"settings form not bool", `{"settings":{"form":"yes"},"head":{"text":"a"}}`, []string{"content.settings.form"}, "true or false"},
		{"settings bad sidebar colour", `{"settings":{"default_sidebar_color":"red"},"head":{"text":"a"}}`, []string{"content.settings.default_sidebar_color"}, "hex colour"},
		{"attachment without url", `{"body":[{"type":"attachments","information":{"title":{"text":"t"}}}]}`, []string{"content.body[0].resource_url"}, "required"},
		{"section without sections", `{"body":[{"type":"section","sidebar_color":"#fff"}]}`, []string{"content.body[0].sections"}, "required"},
		{"sections not array", `{"body":[{"type":"section","sections":{}}]}`, []string{"content.body[0].sections"}, "array"},
		{"nested section", `{"body":[{"type":"section","sections":[{"type":"section","sections":[]}]}]}`, []string{"content.body[0].sections[0].type"}, "cannot hold"},
		{"bad element in section", `{"body":[{"type":"section","sections":[{"type":"message","text":"a"},{"type":"fields","items":[{"key":"k"}]}]}]}`, []string{"content.body[0].sections[1].items[0].value"}, "required"},
		{"page body not sections", `{"body":[{"type":"page","pages":[{"pageNo":1,"body":[{"type":"message","text":"a"}]}]}]}`, []string{"content.body[0].pages[0].body[0].type"}, "only section"},
		{"file without title", `{"body":[{"type":"file","icon_url":"https://zoom.us/i.png"}]}`, []string{"content.body[0].title"}, "required"},
		{"progress without value", `{"body":[{"type":"progress_bar"}]}`, []string{"content.body[0].value"}, "required"},
		{"progress value string", `{"body":[{"type":"progress_bar","value":"40"}]}`, []string{"content.body[0].value"}, "number"},
		{"bad date", `{"body":[{"type":"datepicker","initial_date":"2010-10-10"}]}`, []string{"content.body[0].initial_date"}, "yyyy/MM/dd"},
		{"bad time", `{"body":[{"type":"timepicker","initial_time":"25:00"}]}`, []string{"content.body[0].initial_time"}, "HH:mm"},
		{"radio without options", `{"body":[{"type":"radio_buttons","action_id":"r"}]}`, []string{"content.body[0].options"}, "required"},
		{"checkbox bad style", `{"body":[{"type":"checkboxes","style":"switch","options":[{"text":"a","value":"a"}]}]}`, []string{"content.body[0].style"}, "toggle_switch"},
		{"alert without text", `{"body":[{"type":"alert","level":"info"}]}`, []string{"content.body[0].text"}, "required"},
		{"image without url", `{"body":[{"type":"images","images":[{"alt_text":"a"}]}]}`, []string{"content.body[0].images[0].image_url"}, "required"},
		{"input multiline string", `{"body":[{"type":"plain_text_input","multiline":"yes"}]}`, []string{"content.body[0].multiline"}, "true or false"},
		{"video without url", `{"body":[{"type":"video","title":{"text":"a"}}]}`, []string{"content.body[0].video_url"}, "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := sendEnvelope()
			body["content"] = json.RawMessage(tt.card)
			a := send(t, s, token, body)
			if a.status != http.StatusBadRequest || a.code() != 7001 {
				t.Fatalf("got %d %s, want 400/7001", a.status, a.raw)
			}
			if !slices.Equal(a.errorFields(), tt.fields) {
				t.Errorf("errors name %v, want %v (%s)", a.errorFields(), tt.fields, a.raw)
			}
			if !strings.Contains(a.errorText(), tt.says) {
				t.Errorf("detail %q does not say %q", a.errorText(), tt.says)
			}
		})
	}
}

func TestCardErrorsAreCapped(t *testing.T) {
	var els []string
	for range 50 {
		els = append(els, `{"type":"message"}`)
	}
	problems := cardProblems(json.RawMessage(`{"body":[` + strings.Join(els, ",") + `]}`))
	if len(problems) != maxCardErrors {
		t.Fatalf("%d problems reported, want the cap %d", len(problems), maxCardErrors)
	}
}
