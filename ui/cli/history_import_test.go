package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestHistoryImportFromAnotherMachine(t *testing.T) {
	// Machine A sends two messages, edits one, and exports.
	a := newHarness(t)
	first := a.send(a.writeFile("one.md", sampleCard))
	a.send(a.writeFile("two.md", editedCard))
	if res := a.exec("", "edit", first, a.writeFile("fix.md", editedCard)); res.code != 0 {
		t.Fatalf("edit: %s", res.stderr)
	}
	export := a.exec("", "history", "export")
	if export.code != 0 {
		t.Fatal(export.stderr)
	}
	file := a.writeFile("a.jsonl", export.stdout)

	// Machine B has no history yet: import creates it, from a file and from stdin.
	b := newHarness(t)
	res := b.exec("", "history", "import", file)
	if res.code != 0 || !strings.Contains(res.stdout, "imported: 3 added, 0 updated, 0 already there, 0 skipped") {
		t.Fatalf("first import: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = b.exec(export.stdout, "history", "import", "-")
	if res.code != 0 || !strings.Contains(res.stdout, "imported: 0 added, 0 updated, 3 already there, 0 skipped") {
		t.Fatalf("second import: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if got := b.exec("", "history", "export"); got.stdout != export.stdout {
		t.Fatalf("B's export differs from A's:\n%s\nwant\n%s", got.stdout, export.stdout)
	}
	if m, err := b.store().Get(first); err != nil || len(m.Revisions) != 2 {
		t.Fatalf("the edited message on B = %+v, %v", m, err)
	}
}

func TestHistoryImportRefusesADamagedFile(t *testing.T) {
	h := newHarness(t)
	h.send(h.writeFile("one.md", sampleCard))
	export := h.exec("", "history", "export").stdout
	damaged := h.writeFile("damaged.jsonl", export+"{\"kind\":\"message\",\"record\":\x1b[2J\n")
	other := newHarness(t)
	res := other.exec("", "history", "import", damaged)
	assertOneErrorLine(t, res, ExitUsage, "nothing was imported", "line 3")
	if strings.Contains(res.stderr, "\x1b") {
		t.Fatalf("an escape sequence from the file reached stderr: %q", res.stderr)
	}
	if res := other.exec("", "history", "import", filepath.Join(other.dir, "missing.jsonl")); res.code != ExitAPI {
		t.Fatalf("a missing file: exit %d", res.code)
	}
}

// TestHistoryImportSkipsMalformedRecipients: a recipient whose JID zoom.CheckJID refuses,
// or whose label holds a control character, and a list with a member it refuses, are
// skipped with a note naming the line; the good records are still imported, and
// recipients lists none of the bad ones.
func TestHistoryImportSkipsMalformedRecipients(t *testing.T) {
	h := newHarness(t)
	file := h.writeFile("bad.jsonl", strings.Join([]string{
		`{"kind":"recipient","record":{"jid":"evil\u001b[2J@b.com","uses":5,"label":"x\u001b]52;c;aGk=\u0007"}}`,
		`{"kind":"recipient","record":{"jid":"not a jid","uses":1}}`,
		`{"kind":"recipient","record":{"jid":"good@xmpp.zoom.us","uses":2,"label":"ok"}}`,
		`{"kind":"recipient","record":{"jid":"shady@xmpp.zoom.us","uses":2,"label":"x\u001b]52;c;aGk=\u0007"}}`,
		`{"kind":"list","record":{"name":"eng","members":["a@xmpp.zoom.us","b@evil.com"]}}`,
		`{"kind":"list","record":{"name":"ops","members":["a@xmpp.zoom.us"]}}`,
	}, "\n")+"\n")
	res := h.exec("", "history", "import", file)
	if res.code != 0 || !strings.Contains(res.stdout, "imported: 2 added, 0 updated, 0 already there, 4 skipped") {
		t.Fatalf("import: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	assertShownNotObeyed(t, "history import", res)
	var notes []string
	for _, line := range strings.Split(res.stderr, "\n") {
		if strings.HasPrefix(line, "skipped ") {
			notes = append(notes, line)
		}
	}
	want := []string{"line 1:", "line 2:", "line 4:", "line 5:"}
	if len(notes) != len(want) {
		t.Fatalf("stderr has %d notes, want one per skipped record:\n%s", len(notes), res.stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(notes[i], "skipped "+w) {
			t.Errorf("note %d = %q, want it to start with %q", i, notes[i], "skipped "+w)
		}
	}
	for _, why := range []string{"is not a Zoom JID", "control character"} {
		if !strings.Contains(res.stderr, why) {
			t.Errorf("no note says %q:\n%s", why, res.stderr)
		}
	}
	list := h.exec("", "recipients")
	if list.code != 0 || !strings.Contains(list.stdout, "good@xmpp.zoom.us") {
		t.Fatalf("recipients: exit %d\n%s%s", list.code, list.stdout, list.stderr)
	}
	for _, bad := range []string{"evil", "not a jid", "shady", "eng"} {
		if strings.Contains(list.stdout, bad) {
			t.Errorf("recipients lists %q after the import:\n%s", bad, list.stdout)
		}
	}
	if !strings.Contains(list.stdout, "ops") {
		t.Errorf("the good list was not imported:\n%s", list.stdout)
	}
}
