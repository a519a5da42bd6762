package compose

import (
	"strconv"
	"strings"
)

// newerElement checks the App Card elements (facts.md §1.3, mostly known only
// from Zoom's SDK types).
func (v *validator) newerElement(path string, el Element) {
	switch e := el.(type) {
	case DatePicker:
		v.require(path, "action_id", e.ActionID, "add action=… so the click can be told apart")
		if e.InitialDate != "" && !datePattern(e.InitialDate) {
			v.warnf(path, "initial date "+strconv.Quote(e.InitialDate)+" is not yyyy/MM/dd as in Zoom's example (2010/10/10)")
		}
	case TimePicker:
		v.require(path, "action_id", e.ActionID, "add action=…")
		if e.InitialTime != "" && !timePattern(e.InitialTime) {
			v.warnf(path, "initial time "+strconv.Quote(e.InitialTime)+" is not HH:mm as in Zoom's example (12:00)")
		}
	case RadioButtons:
		v.require(path, "action_id", e.ActionID, "add action=…")
		v.options(path, len(e.Options))
	case Checkboxes:
		v.require(path, "action_id", e.ActionID, "add action=…")
		v.options(path, len(e.Options))
		if e.Style != "" && e.Style != ToggleSwitch {
			v.warnf(path, "checkbox style "+strconv.Quote(e.Style)+" is unknown; Zoom documents only toggle_switch")
		}
	case ProgressBar:
		if e.Value < 0 || e.Value > 100 {
			v.warnf(path, "progress "+strconv.FormatFloat(e.Value, 'g', -1, 64)+" is outside 0–100")
		}
	case Alert:
		v.require(path, "alert text", e.Text, "write the text inside the ```alert block")
	case Images:
		v.images(path, e)
	case PlainTextInput:
		v.require(path, "action_id", e.ActionID, "add action=…")
		if e.MaxLength > 0 && e.MinLength > e.MaxLength {
			v.errorf(path, "min="+strconv.Itoa(e.MinLength)+" is larger than max="+strconv.Itoa(e.MaxLength))
		}
	case Video:
		v.require(path, "video url", e.VideoURL, "add url: https://…")
	case File:
		if e.Title == nil || e.Title.FileURL == "" {
			v.errorf(path, "missing required file url: add url: https://…")
		}
	}
}

func (v *validator) options(path string, n int) {
	if n == 0 {
		v.errorf(path, "missing required options: add - [Text](value) lines")
	}
}

func (v *validator) images(path string, im Images) {
	if len(im.Images) == 0 {
		v.errorf(path, "missing required images: add - ![alt](https://…) lines")
	}
	for j, img := range im.Images {
		v.require(path+".images["+strconv.Itoa(j)+"]", "image url", img.ImageURL, "write - ![alt](https://…)")
	}
}

func datePattern(s string) bool {
	parts := strings.Split(s, "/")
	return len(parts) == 3 && len(parts[0]) == 4 && allDigits(parts[0]) &&
		len(parts[1]) >= 1 && len(parts[1]) <= 2 && allDigits(parts[1]) &&
		len(parts[2]) >= 1 && len(parts[2]) <= 2 && allDigits(parts[2])
}

func timePattern(s string) bool {
	h, m, ok := strings.Cut(s, ":")
	return ok && len(h) >= 1 && len(h) <= 2 && allDigits(h) && len(m) == 2 && allDigits(m)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
