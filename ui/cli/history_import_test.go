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
