package preview

import (
	"reflect"

	"github.com/zoompose/zoompose/ui/termtext"
)

// visible returns v (the head or an element of a card) with every string it carries, at
// any depth — fields, pointers, slices, the elements nested in sections and pages, an
// unknown element's raw JSON — passed through termtext.Visible, so that the preview shows
// every character the payload carries: an ESC in a field key is drawn as "␛[…" text of
// the right width instead of reaching the terminal as a control. Maps (the Extra keys,
// never drawn) are left alone. This is the one place where card text enters the
// renderer; the dialect's styles are applied afterwards, to the shown text.
//
// It is called only when a block is drawn (not on a cache hit), and a card with nothing
// to show costs one read-only walk: v itself is returned.
func visible[T any](v T) T {
	rv := reflect.ValueOf(&v).Elem()
	if !needsVisible(rv) {
		return v
	}
	return visibleValue(rv).Interface().(T)
}

// needsVisible reports whether a string reachable from v has something to show.
func needsVisible(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return !termtext.Printable(v.String())
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && needsVisible(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && needsVisible(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return !termtext.Printable(string(v.Bytes()))
		}
		for i := range v.Len() {
			if needsVisible(v.Index(i)) {
				return true
			}
		}
	}
	return false
}

// visibleValue returns a copy of v with its strings shown (see visible); parts with
// nothing to show are shared with v, not copied.
func visibleValue(v reflect.Value) reflect.Value {
	if !needsVisible(v) {
		return v
	}
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.String:
		out.SetString(termtext.Visible(v.String()))
	case reflect.Pointer:
		out.Set(reflect.New(v.Type().Elem()))
		out.Elem().Set(visibleValue(v.Elem()))
	case reflect.Interface:
		out.Set(visibleValue(v.Elem()))
	case reflect.Struct:
		out.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(visibleValue(v.Field(i)))
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			out.SetBytes([]byte(termtext.Visible(string(v.Bytes()))))
			break
		}
		out.Set(reflect.MakeSlice(v.Type(), v.Len(), v.Len()))
		for i := range v.Len() {
			out.Index(i).Set(visibleValue(v.Index(i)))
		}
	}
	return out
}
