package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"charm.land/bubbles/v2/key"

	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/common"
	"github.com/zoompose/zoompose/ui/common/commontest"
)

// notInHelp are key map fields a screen leaves out of its help on purpose,
// with why. Every other key.Binding field of a screen's key maps must be
// listed by its HelpKeys.
var notInHelp = map[string]string{
	"composer.Model.editor.KeyMap.InsertTab": "the composer never enables it: tab switches panes",
}

// TestHelpKeysListEveryBinding finds, by reflection, every key map a screen
// holds (a struct of ours with key.Binding fields, however deep: the
// composer's editor, the history's Scheduled list) and checks that each
// binding is in the screen's HelpKeys, and that each disabled one there
// says why. A key added to a key map and forgotten in the help fails here.
func TestHelpKeysListEveryBinding(t *testing.T) {
	env := commontest.NewEnv(t)
	for _, screen := range Screens(common.NewCommon(themes.NoColor(), env.Deps)) {
		checkHelpKeys(t, screen)
	}
}

// checkHelpKeys checks screen's HelpKeys in its present state (the tour of
// TestHelpOverlayListsEveryKey calls it on screens full of data).
func checkHelpKeys(t *testing.T, screen common.Screen) {
	t.Helper()
	listed := flatten(common.Bindings(screen.HelpKeys()))
	fields := keyFields(reflect.ValueOf(screen).Elem(), reflect.TypeOf(screen).Elem().String(), 0)
	if len(fields) == 0 {
		t.Errorf("%s: found no key map", screen.Title())
	}
	for path, b := range fields {
		if _, skip := notInHelp[path]; skip {
			continue
		}
		if !slices.ContainsFunc(listed, func(l key.Binding) bool { return sameBinding(l, b) }) {
			t.Errorf("%s (%q %q) is not in the screen's HelpKeys", path, b.Help().Key, b.Help().Desc)
		}
	}
	for _, group := range screen.HelpKeys() {
		for _, k := range group {
			if !k.Enabled() && k.Why == "" && k.Help().Key != "" {
				t.Errorf("%s: %q is off and its help says not why", screen.Title(), k.Help().Key)
			}
		}
	}
}

// keyFields returns the key.Binding fields of the key maps under v, by path.
// It follows struct fields of this module's types only (a textinput's own
// keys are the input's, not the screen's).
func keyFields(v reflect.Value, path string, depth int) map[string]key.Binding {
	out := map[string]key.Binding{}
	if depth > 4 || v.Kind() != reflect.Struct {
		return out
	}
	for i := range v.NumField() {
		f, name := v.Field(i), path+"."+v.Type().Field(i).Name
		switch {
		case f.Type() == reflect.TypeFor[key.Binding]():
			out[name] = readable(f).Interface().(key.Binding)
		case f.Kind() == reflect.Struct && strings.HasPrefix(f.Type().PkgPath(), "github.com/zoompose/zoompose/"):
			for p, b := range keyFields(f, name, depth+1) {
				out[p] = b
			}
		}
	}
	return out
}

// readable gives an unexported field's value (read only): the key maps are
// private to each screen, and this test must see them all from outside.
func readable(f reflect.Value) reflect.Value {
	if f.CanInterface() {
		return f
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

func sameBinding(a, b key.Binding) bool {
	return slices.Equal(a.Keys(), b.Keys()) && a.Help() == b.Help()
}
